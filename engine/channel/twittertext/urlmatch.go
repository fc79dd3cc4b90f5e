package twittertext

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file matches upstream's extractUrl expression (see regexps.go for
// the pattern pieces) with code for its domain part and a small regular
// expression for its port, path and query. The domain part is where the
// backtracking matters:
//
//	(https?:\/\/)?(#{validSubdomain}*#{validDomainName}(?:#{validGTLD}|#{validCCTLD}|#{validPunycode}))
//
// Each subdomain and the domain name consume exactly one dot-terminated
// label, so the greedy star tries k = max, max-1, …, 0 subdomains; for each
// k the alternation tries the generic domains in list order, then the
// country domains, then punycode; a domain alternative only counts when the
// character after it passes (?=[^0-9a-zA-Z@+-]|$). The first success wins,
// and the optional port, path and query after it never fail. The code does
// exactly that, in that order. TestURLMatcherAgainstRegexp checks it against
// the full expression, compiled as RE2 with the lookahead emulated.

// urlTailPattern is the rest of extractUrl after the domain, anchored:
// (?::(#{validPortNumber}))?(\/#{validUrlPath}*)?(\?#{validUrlQueryChars}*#{validUrlQueryEndingChars})?
var urlTailPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?::` + validPortNumber + `)?(/` + validURLPath + `*)?(?:` + urlQuery + `)?`)
})

// urlMatch is one match of extractUrl: $2 before, $3 url (start:end),
// $4 protocol, $5 domain, $7 path.
type urlMatch struct {
	beforeStart, start, protoEnd, domainEnd, end int
	hasPath                                      bool
}

// findURL finds the leftmost extractUrl match in text[pos:limit], where no
// match can extend past limit (the search window's end stands for a space
// or the end of the text). ok is false when there is none.
func findURL(text string, pos, limit int) (m urlMatch, ok bool) {
	for i := pos; i < limit; {
		r, size := utf8.DecodeRuneInString(text[i:])
		// (#{validUrlPrecedingChars}): a preceding character, then the URL;
		// "^" comes last, so at the very start a preceding character is
		// tried first.
		if isURLPrecedingChar(r) {
			if m, ok := matchURLAt(text, i+size, limit); ok {
				m.beforeStart = i
				return m, true
			}
		}
		if i == 0 {
			if m, ok := matchURLAt(text, 0, limit); ok {
				m.beforeStart = 0
				return m, true
			}
		}
		i += size
	}
	return urlMatch{}, false
}

// matchURLAt matches the URL part of extractUrl at s.
func matchURLAt(text string, s, limit int) (urlMatch, bool) {
	if s >= limit {
		return urlMatch{}, false
	}
	if n := protocolLen(text[s:limit]); n > 0 {
		if end, ok := matchDomain(text, s+n, limit); ok {
			return withTail(text, s, s+n, end, limit), true
		}
	}
	if end, ok := matchDomain(text, s, limit); ok {
		return withTail(text, s, s, end, limit), true
	}
	return urlMatch{}, false
}

// withTail completes a match after its domain with the port, path and query.
func withTail(text string, start, protoEnd, domainEnd, limit int) urlMatch {
	m := urlMatch{start: start, protoEnd: protoEnd, domainEnd: domainEnd, end: domainEnd}
	if domainEnd < limit {
		switch text[domainEnd] {
		case ':', '/', '?':
			t := urlTailPattern().FindStringSubmatchIndex(text[domainEnd:limit])
			m.end = domainEnd + t[1]
			m.hasPath = t[2] >= 0
		}
	}
	return m
}

// protocolLen returns the length of "https://" or "http://" (any case) at
// the start of s, or 0.
func protocolLen(s string) int {
	if len(s) < 7 || !asciiEqualFold(s[:4], "http") {
		return 0
	}
	rest := s[4:]
	if rest[0] == 's' || rest[0] == 'S' {
		rest = rest[1:]
	}
	if strings.HasPrefix(rest, "://") {
		return len(s) - len(rest) + 3
	}
	return 0
}

// matchDomain matches #{validSubdomain}*#{validDomainName} and a top-level
// domain or punycode label at d, returning the domain's end.
func matchDomain(text string, d, limit int) (end int, ok bool) {
	// The dot-terminated labels from d on: a label is domain characters,
	// '_' and '-', starting and ending with a domain character.
	type label struct {
		dot        int
		underscore bool
	}
	var buf [8]label
	labels := buf[:0]
	for p := d; p < limit; {
		first, _ := utf8.DecodeRuneInString(text[p:])
		if !isDomainChar(first) {
			break
		}
		q, underscore := p, false
		var last rune
		for q < limit {
			r, size := utf8.DecodeRuneInString(text[q:])
			if !isDomainChar(r) && r != '_' && r != '-' {
				break
			}
			underscore = underscore || r == '_'
			last = r
			q += size
		}
		if q >= limit || text[q] != '.' || !isDomainChar(last) {
			break
		}
		labels = append(labels, label{q, underscore})
		p = q + 1
	}
	// k subdomains, then labels[k] as the domain name (which, unlike a
	// subdomain, may not contain '_'), then the top-level domain.
	for k := len(labels) - 1; k >= 0; k-- {
		if labels[k].underscore {
			continue
		}
		t := labels[k].dot + 1
		if e := matchTLD(text, t); e >= 0 {
			return e, true
		}
		if e := matchPunycode(text, t); e >= 0 {
			return e, true
		}
	}
	return 0, false
}

// findASCIIDomain finds the next validAsciiDomain match in domain at or
// after pos:
//
//	(?:(?:[\-a-z0-9#{latinAccentChars}]+)\.)+(?:#{validGTLD}|#{validCCTLD}|#{validPunycode})
//
// The lookahead after a top-level domain is tested against domain alone, so
// its end passes.
func findASCIIDomain(domain string, pos int) (start, end int, ok bool) {
	for i := pos; i < len(domain); {
		r, size := utf8.DecodeRuneInString(domain[i:])
		if !isASCIIDomainLabelChar(r) {
			i += size
			continue
		}
		var buf [8]int
		dots := buf[:0]
		p := i
		for {
			q := p
			for q < len(domain) {
				r, size := utf8.DecodeRuneInString(domain[q:])
				if !isASCIIDomainLabelChar(r) {
					break
				}
				q += size
			}
			if q == p || q >= len(domain) || domain[q] != '.' {
				break
			}
			dots = append(dots, q)
			p = q + 1
		}
		for k := len(dots) - 1; k >= 0; k-- {
			t := dots[k] + 1
			if e := matchTLD(domain, t); e >= 0 {
				return i, e, true
			}
			if e := matchPunycode(domain, t); e >= 0 {
				return i, e, true
			}
		}
		// A later start inside the same label run has the same labels
		// after it, so it fails the same way: skip the run.
		for i < len(domain) {
			r, size := utf8.DecodeRuneInString(domain[i:])
			if !isASCIIDomainLabelChar(r) {
				break
			}
			i += size
		}
	}
	return 0, 0, false
}

// tldTable maps each top-level domain, canonicalized, to its position in
// the alternation: generic domains first, then country codes.
type tldTable struct {
	index  map[string]int
	maxLen int // longest canonical form, in bytes
}

var compiledTLDs = sync.OnceValue(func() *tldTable {
	t := &tldTable{index: map[string]int{}}
	for i, tld := range strings.Split(gTLDs+"|"+ccTLDs, "|") {
		key := canonicalize(tld)
		if _, dup := t.index[key]; !dup {
			t.index[key] = i
		}
		t.maxLen = max(t.maxLen, len(key))
	}
	return t
})

// matchTLD returns the end of the first top-level domain of the alternation
// (in its order) that matches at t and passes the lookahead, or -1.
func matchTLD(text string, t int) int {
	tlds := compiledTLDs()
	var key [128]byte
	n := 0
	best, bestIndex := -1, len(tlds.index)
	for j := t; j < len(text); {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r == '.' || r == utf8.RuneError || isSpace(r) || (r < utf8.RuneSelf && !isASCIILetter(r)) {
			break
		}
		c := canonicalRune(r)
		if n+utf8.RuneLen(c) > tlds.maxLen {
			break
		}
		n += utf8.EncodeRune(key[n:], c)
		j += size
		if i, ok := tlds.index[string(key[:n])]; ok && i < bestIndex && tldLookahead(text, j) {
			best, bestIndex = j, i
		}
	}
	return best
}

// tldLookahead is (?=[^0-9a-zA-Z@+-]|$) at j.
func tldLookahead(text string, j int) bool {
	if j >= len(text) {
		return true
	}
	c := text[j]
	return !(isASCIILetter(rune(c)) || (c >= '0' && c <= '9') || c == '@' || c == '+' || c == '-')
}

// matchPunycode matches validPunycode, (?:xn--[\-0-9a-z]+) case-insensitive,
// at t, returning its end or -1.
func matchPunycode(text string, t int) int {
	if len(text)-t < 5 || !asciiEqualFold(text[t:t+4], "xn--") {
		return -1
	}
	j := t + 4
	for j < len(text) {
		c := rune(text[j])
		if !(isASCIILetter(c) || (c >= '0' && c <= '9') || c == '-') {
			break
		}
		j++
	}
	if j == t+4 {
		return -1
	}
	return j
}

// canonicalize folds s as JavaScript's case-insensitive matching without
// the u flag does (Canonicalize: toUpperCase, except that a non-ASCII
// character never folds to an ASCII one), applied rune by rune.
func canonicalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(canonicalRune(r))
	}
	return b.String()
}

func canonicalRune(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	if u := unicode.ToUpper(r); u >= utf8.RuneSelf {
		return u
	}
	return r
}

// isURLPrecedingChar is validUrlPrecedingChars without its "^":
// [^A-Za-z0-9@＠$#＃#{invalidCharsGroup}] (the directional markers, listed
// separately upstream, are part of it).
func isURLPrecedingChar(r rune) bool {
	if r < utf8.RuneSelf {
		return !(isASCIILetter(r) || (r >= '0' && r <= '9') || r == '@' || r == '$' || r == '#')
	}
	return r != '＠' && r != '＃' && !isInvalidChar(r)
}

// isDomainChar is validDomainChars: [^#{punct}#{spacesGroup}#{invalidCharsGroup}].
func isDomainChar(r rune) bool {
	if r < utf8.RuneSelf {
		switch r {
		case '!', '\'', '#', '%', '&', '(', ')', '*', '+', ',', '\\', '-', '.', '/', ':', ';',
			'<', '=', '>', '?', '@', '[', ']', '^', '_', '{', '|', '}', '~', '$':
			return false
		}
		return !isSpace(r)
	}
	return !isSpace(r) && !isInvalidChar(r)
}

// isASCIIDomainLabelChar is [\-a-z0-9#{latinAccentChars}] case-insensitive.
func isASCIIDomainLabelChar(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(r) || (r >= '0' && r <= '9') || r == '-'
	}
	return isLatinAccent(r)
}

func isASCIILetter(r rune) bool { return r|0x20 >= 'a' && r|0x20 <= 'z' }

// asciiEqualFold compares s and ascii, ignoring ASCII case only.
func asciiEqualFold(s, ascii string) bool {
	if len(s) != len(ascii) {
		return false
	}
	for i := 0; i < len(s); i++ {
		a, b := s[i], ascii[i]
		if a >= 'A' && a <= 'Z' {
			a += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}
