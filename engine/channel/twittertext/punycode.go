package twittertext

// punycodeToASCIILen returns the length of punycode.js toASCII(label): the
// label split on the IDNA dot separators, each part left alone when it is
// ASCII (U+0000..U+007E) and encoded as "xn--" + punycode otherwise, joined
// with '.'. ok is false when encoding overflows, where punycode.js throws.
func punycodeToASCIILen(label string) (n int, ok bool) {
	parts, start := 0, 0
	emit := func(part string) bool {
		parts++
		if isPunycodeBasic(part) {
			n += len(part)
			return true
		}
		l, ok := punycodeEncodeLen(part)
		n += len("xn--") + l
		return ok
	}
	for i, r := range label {
		if r == '\u3002' || r == '\uFF0E' || r == '\uFF61' {
			if !emit(label[start:i]) {
				return 0, false
			}
			start = i + len(string(r))
		}
	}
	if !emit(label[start:]) {
		return 0, false
	}
	return n + parts - 1, true
}

// isPunycodeBasic reports whether s has no character outside U+0000..U+007E
// (punycode.js regexNonASCII).
func isPunycodeBasic(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > 0x7E {
			return false
		}
	}
	return true
}

// Bootstring parameters for punycode (RFC 3492).
const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
	pcMaxInt      = 1<<31 - 1
)

// punycodeEncodeLen returns the length of the RFC 3492 encoding of s.
func punycodeEncodeLen(s string) (int, bool) {
	input := []rune(s)
	basic := 0
	for _, r := range input {
		if r < 0x80 {
			basic++
		}
	}
	out := basic
	if basic > 0 {
		out++ // delimiter
	}
	n, delta, bias := rune(pcInitialN), 0, pcInitialBias
	for h := basic; h < len(input); {
		m := rune(pcMaxInt)
		for _, r := range input {
			if r >= n && r < m {
				m = r
			}
		}
		if int(m-n) > (pcMaxInt-delta)/(h+1) {
			return 0, false
		}
		delta += int(m-n) * (h + 1)
		n = m
		for _, r := range input {
			if r < n {
				delta++
				if delta > pcMaxInt {
					return 0, false
				}
			}
			if r == n {
				q := delta
				for k := pcBase; ; k += pcBase {
					t := k - bias
					if t < pcTMin {
						t = pcTMin
					} else if t > pcTMax {
						t = pcTMax
					}
					if q < t {
						break
					}
					out++
					q = (q - t) / (pcBase - t)
				}
				out++
				bias = punycodeAdapt(delta, h+1, h == basic)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return out, true
}

func punycodeAdapt(delta, numPoints int, first bool) int {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((pcBase-pcTMin)*pcTMax)/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + (pcBase-pcTMin+1)*delta/(delta+pcSkew)
}
