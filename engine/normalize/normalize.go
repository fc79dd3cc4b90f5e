package normalize

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/internal/emoji"
	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
)

// Text is text normalized for matching, with the way back to the original.
type Text struct {
	// String is the normalized text.
	String string
	// start[i] and end[i] bound the original bytes that produced byte i of
	// String (int32: a post is far smaller than 2 GiB, and the maps are the
	// bulk of the work). Both are nil when String is the original.
	start, end []int32
	// n is the length of the original.
	n int
}

// String normalizes s (see the package documentation).
func String(s string) Text {
	if !needsWork(s) {
		return Text{String: s, n: len(s)}
	}
	t := decode(s)
	if !isASCII(t.String) {
		if n, ok := nfkc(t.String); ok {
			t = t.then(n)
		}
		if lk, ok := lookalikes(t.String); ok {
			t = t.then(lk)
			// An ASCII letter put in place of a look-alike can now compose
			// with a combining mark that followed it.
			if n, ok := nfkc(t.String); ok {
				t = t.then(n)
			}
		}
		if m, ok := marks(t.String); ok {
			t = t.then(m)
		}
	}
	if t.String == s {
		return Text{String: s, n: len(s)}
	}
	return t
}

// Changed reports whether the normalized text differs from the original.
func (t Text) Changed() bool { return t.start != nil }

// Original maps the bytes [start, end) of the normalized text to the bytes
// of the original that produced them: the exact span to report.
func (t Text) Original(start, end int) (int, int) {
	if t.start == nil {
		return start, end
	}
	start, end = min(max(start, 0), len(t.String)), min(max(end, 0), len(t.String))
	if start >= end {
		if start == len(t.String) {
			return t.n, t.n
		}
		return int(t.start[start]), int(t.start[start])
	}
	return int(t.start[start]), int(t.end[end-1])
}

// needsWork reports whether s holds anything normalization may change:
// a byte outside ASCII, the start of a character reference or a
// backslash.
func needsWork(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '&' || c == '\\' {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// then composes t with a step applied to t.String.
func (t Text) then(step Text) Text {
	out := Text{String: step.String, start: make([]int32, len(step.String)), end: make([]int32, len(step.String)), n: t.n}
	for i := 0; i < len(step.String); i++ {
		out.start[i] = t.start[step.start[i]]
		out.end[i] = t.end[step.end[i]-1]
	}
	return out
}

// builder writes a step's output and, for each byte, the input bytes it
// comes from.
type builder struct {
	sb         strings.Builder
	start, end []int32
	n          int
}

func newBuilder(n int) *builder {
	b := &builder{start: make([]int32, 0, n), end: make([]int32, 0, n), n: n}
	b.sb.Grow(n)
	return b
}

// span writes s as coming, as a whole, from input bytes [from, to).
func (b *builder) span(s string, from, to int) {
	b.sb.WriteString(s)
	for range len(s) {
		b.start, b.end = append(b.start, int32(from)), append(b.end, int32(to))
	}
}

// same writes s as it was, at input offset from.
func (b *builder) same(s string, from int) {
	b.sb.WriteString(s)
	for i := range len(s) {
		b.start, b.end = append(b.start, int32(from+i)), append(b.end, int32(from+i+1))
	}
}

// changed writes out as the replacement of in, which starts at input
// offset from, keeping the prefix and suffix they share mapped byte by
// byte and the rest as a whole.
func (b *builder) changed(in, out string, from int) {
	p := 0
	for p < len(in) && p < len(out) && in[p] == out[p] {
		p++
	}
	for p > 0 && p < len(in) && !utf8.RuneStart(in[p]) {
		p-- // keep runes whole
	}
	s := 0
	for s < len(in)-p && s < len(out)-p && in[len(in)-1-s] == out[len(out)-1-s] {
		s++
	}
	for s > 0 && !utf8.RuneStart(in[len(in)-s]) {
		s--
	}
	b.same(in[:p], from)
	if mid := out[p : len(out)-s]; mid != "" {
		b.span(mid, from+p, from+max(len(in)-s, p+1))
	}
	b.same(in[len(in)-s:], from+len(in)-s)
}

func (b *builder) text() Text {
	return Text{String: b.sb.String(), start: b.start, end: b.end, n: b.n}
}

// decode decodes character references, drops the backslash of a
// Markdown escape and default-ignorable code points outside emoji, and
// turns space characters into ASCII spaces.
func decode(s string) Text {
	b := newBuilder(len(s))
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if n, text := reference(s[i:]); n > 0 {
				// What the reference stands for is cleaned as if written.
				var clean strings.Builder
				for _, r := range text {
					writeClean(&clean, r)
				}
				b.span(clean.String(), i, i+n)
				i += n
				continue
			}
		}
		if s[i] == '\\' && i+1 < len(s) && isPunct(s[i+1]) {
			// A Markdown backslash escape: every renderer shows
			// risk\-free as risk-free.
			b.same(s[i+1:i+2], i+1)
			i += 2
			continue
		}
		if s[i] < utf8.RuneSelf {
			b.same(s[i:i+1], i)
			i++
			continue
		}
		if n := emoji.Len(s[i:]); n > 0 {
			// Joiners and selectors inside an emoji sequence are part of
			// the emoji, not hiding anything.
			b.same(s[i:i+n], i)
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case ignorable(r):
		case unicode.IsSpace(r):
			b.span(" ", i, i+n)
		default:
			b.same(s[i:i+n], i)
		}
		i += n
	}
	return b.text()
}

func writeClean(sb *strings.Builder, r rune) {
	switch {
	case ignorable(r):
	case r >= utf8.RuneSelf && unicode.IsSpace(r):
		sb.WriteByte(' ')
	default:
		sb.WriteRune(r)
	}
}

// ignorable reports whether r is a Default_Ignorable_Code_Point, derived
// as Unicode's DerivedCoreProperties.txt does from the properties Go's
// unicode package has: Other_Default_Ignorable_Code_Point, Cf and
// Variation_Selector, minus White_Space, the interlinear annotation
// characters, the Egyptian hieroglyph format controls and the prepended
// concatenation marks (which are visible).
func ignorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case unicode.Is(unicode.White_Space, r), r >= 0xFFF9 && r <= 0xFFFB, r >= 0x13430 && r <= 0x1343F,
		unicode.Is(unicode.Prepended_Concatenation_Mark, r):
		return false
	}
	return unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Cf, unicode.Variation_Selector)
}

// maxReference bounds the length of a character reference: the longest
// named one, "&CounterClockwiseContourIntegral;", is 33 bytes.
const maxReference = 40

// reference decodes the character reference at the start of s, as
// html.UnescapeString would: the number of bytes it takes and its text,
// or 0 when s does not start with one.
func reference(s string) (int, string) {
	// The candidate: '&', then '#' and digits, '#x' and hex digits, or a
	// name, then an optional ';'.
	i := 1
	switch {
	case i < len(s) && s[i] == '#':
		i++
		hex := i < len(s) && (s[i] == 'x' || s[i] == 'X')
		if hex {
			i++
		}
		from := i
		for i < len(s) && i < maxReference && (isDigit(s[i]) || hex && isHex(s[i])) {
			i++
		}
		if i == from {
			return 0, ""
		}
	default:
		for i < len(s) && i < maxReference && isAlnum(s[i]) {
			i++
		}
		if i == 1 {
			return 0, ""
		}
	}
	if i < len(s) && s[i] == ';' {
		i++
	}
	cand := s[:i]
	out := html.UnescapeString(cand)
	if out == cand {
		return 0, ""
	}
	// html decodes the longest name it knows and leaves the rest of the
	// candidate as written ("&amptest" is "&test"): the part left is the
	// suffix out and cand share, short of all of out.
	k := 0
	for k < len(out)-1 && k < len(cand)-1 && out[len(out)-1-k] == cand[len(cand)-1-k] {
		k++
	}
	return len(cand) - k, out[:len(out)-k]
}

// isPunct reports whether c is ASCII punctuation, which a backslash
// escapes in Markdown.
func isPunct(c byte) bool { return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0 }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isAlnum(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// nfkc applies Unicode NFKC one segment (a starter and its marks) at a
// time, so that each output byte maps to the segment it came from; false
// when s is already in NFKC.
func nfkc(s string) (Text, bool) {
	if norm.NFKC.IsNormalString(s) {
		return Text{}, false
	}
	b := newBuilder(len(s))
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	for !it.Done() {
		from := it.Pos()
		seg := string(it.Next())
		to := it.Pos()
		if in := s[from:to]; in == seg {
			b.same(in, from)
		} else {
			b.changed(in, seg, from)
		}
	}
	return b.text(), true
}

// lookalikes replaces each character whose TR39 skeleton is ASCII by that
// skeleton; false when there is none. Characters whose skeleton is not
// ASCII (é, ß, most of any script but Latin) stay: matching maps them to
// nothing a term could be written with.
func lookalikes(s string) (Text, bool) {
	// Prose repeats its few non-ASCII characters (curly quotes, dashes),
	// and a skeleton costs two NFD passes: remember the last few.
	var memo [8]struct {
		r  rune
		sk string
	}
	known := 0
	skeleton := func(r rune, c string) string {
		for _, m := range memo[:min(known, len(memo))] {
			if m.r == r {
				return m.sk
			}
		}
		sk := asciiSkeleton(c)
		memo[known%len(memo)].r, memo[known%len(memo)].sk = r, sk
		known++
		return sk
	}
	return rewrite(s, func(i int) (int, string, bool) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf || r == utf8.RuneError {
			return n, "", false
		}
		if e := emoji.Len(s[i:]); e > 0 {
			return e, "", false
		}
		if sk := skeleton(r, s[i:i+n]); sk != "" && sk != s[i:i+n] {
			return n, sk, true
		}
		return n, "", false
	})
}

// rewrite is s with some of its characters replaced, each by other text
// or by nothing: at offset i, with says how many bytes it reads and, when
// changed, what they become. False when nothing changed.
func rewrite(s string, with func(i int) (n int, out string, changed bool)) (Text, bool) {
	var b *builder
	done := 0 // s[:done] is written to b
	for i := 0; i < len(s); {
		n, out, changed := with(i)
		if changed {
			if b == nil {
				b = newBuilder(len(s))
			}
			b.same(s[done:i], done)
			if out != "" {
				b.span(out, i, i+n)
			}
			done = i + n
		}
		i += n
	}
	if b == nil {
		return Text{}, false
	}
	b.same(s[done:], done)
	return b.text(), true
}

// marks drops the combining diacritical marks NFKC left on their own:
// those that compose with no letter, such as the low line, the long stroke
// overlay and the enclosing circle of the underlined, struck-through and
// circled "fancy text" of social media, which readers read as the letters
// beneath, and a keycap's (#️⃣1️⃣ reads #1). A mark that composes (é) was
// composed already; the vowel signs and other marks of scripts are kept.
// False when there is none.
func marks(s string) (Text, bool) {
	return rewrite(s, func(i int) (int, string, bool) {
		r, n := utf8.DecodeRuneInString(s[i:])
		return n, "", diacritic(r)
	})
}

// diacritic reports whether r is in one of Unicode's blocks of combining
// marks for any script: Combining Diacritical Marks (and its Extended and
// Supplement), for Symbols, and Half Marks.
func diacritic(r rune) bool {
	return r >= 0x0300 && r <= 0x036F || r >= 0x1AB0 && r <= 0x1AFF || r >= 0x1DC0 && r <= 0x1DFF ||
		r >= 0x20D0 && r <= 0x20FF || r >= 0xFE20 && r <= 0xFE2F
}

// asciiSkeleton is the letter a Latin small capital reads as (see
// smallCapital), else the TR39 skeleton of one character when it is
// ASCII, else "".
func asciiSkeleton(c string) string {
	if r, _ := utf8.DecodeRuneInString(c); smallCapital(r) != 0 {
		return string(smallCapital(r))
	}
	if sk := confusables.Skeleton(c); isASCII(sk) {
		return sk
	}
	return ""
}

// smallCapital is the letter a Latin small capital of Unicode's phonetic
// blocks (ᴀ ʙ ᴅ … ʀ ᴛ) reads as, else 0. Social media's "small caps" text
// generators write "ʀɪsᴋ-ꜰʀᴇᴇ" with them, which every reader reads as
// "risk-free", but TR39's confusables map only a few of them (ᴄ ɪ ᴏ ꜱ ᴜ ᴠ
// ᴡ ʏ ᴢ) to ASCII. Latin has no small capital x; the generators write x.
func smallCapital(r rune) rune {
	switch r {
	case '\u1D00':
		return 'a'
	case '\u0299':
		return 'b'
	case '\u1D04':
		return 'c'
	case '\u1D05':
		return 'd'
	case '\u1D07':
		return 'e'
	case '\uA730':
		return 'f'
	case '\u0262':
		return 'g'
	case '\u029C':
		return 'h'
	case '\u026A':
		return 'i'
	case '\u1D0A':
		return 'j'
	case '\u1D0B':
		return 'k'
	case '\u029F':
		return 'l'
	case '\u1D0D':
		return 'm'
	case '\u0274':
		return 'n'
	case '\u1D0F':
		return 'o'
	case '\u1D18':
		return 'p'
	case '\uA7AF':
		return 'q'
	case '\u0280':
		return 'r'
	case '\uA731':
		return 's'
	case '\u1D1B':
		return 't'
	case '\u1D1C':
		return 'u'
	case '\u1D20':
		return 'v'
	case '\u1D21':
		return 'w'
	case '\u028F':
		return 'y'
	case '\u1D22':
		return 'z'
	}
	return 0
}
