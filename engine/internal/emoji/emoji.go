// Package emoji finds emoji sequences in text, the way a renderer such as
// Twemoji groups them: one flag, keycap, modifier sequence, tag sequence or
// ZWJ sequence is one emoji.
//
// The code point tables come from Unicode's emoji 17.0 sequences (see
// gen_table.go), the same Unicode version (17.0) as
// github.com/clipperhouse/uax29/v2, which the channel package uses for
// grapheme clusters, so that an emoji is one grapheme and one emoji alike.
package emoji

import (
	"strings"
	"unicode/utf8"
)

//go:generate go run gen_table.go -in ../../../../shared/testdata/unicode-17/emoji-17.0-sequences.txt -status ../../../../shared/testdata/unicode/emoji-test.txt

const (
	vs15     = '\uFE0E' // text presentation selector
	vs16     = '\uFE0F' // emoji presentation selector
	zwj      = '\u200D'
	keycap   = '\u20E3'
	tagFirst = 0xE0020
	tagLast  = 0xE007F // CANCEL TAG ends a tag sequence
)

// Len returns the length in bytes of the emoji sequence at the start of s,
// or 0 if s does not start with an emoji.
//
// An emoji is, following Unicode's emoji sequence grammar (UTS #51):
//   - one or two regional indicators (a flag is two);
//   - a keycap: one of # * 0-9, an optional U+FE0F, then U+20E3;
//   - an emoji character, optionally followed by U+FE0F, an emoji modifier
//     (skin tone) or a tag sequence, then any number of U+200D joiners each
//     followed by another such element.
//
// A character whose default presentation is text (© ® ❤ ☺ …) counts as an
// emoji only when U+FE0F or a modifier follows it; U+FE0E (text
// presentation) after any emoji character means no emoji.
func Len(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return 0
	}
	switch {
	case isRegionalIndicator(r):
		if r2, n2 := utf8.DecodeRuneInString(s[n:]); isRegionalIndicator(r2) {
			return n + n2
		}
		return n
	case r == '#' || r == '*' || (r >= '0' && r <= '9'):
		i := n
		if strings.HasPrefix(s[i:], string(vs16)) {
			i += utf8.RuneLen(vs16)
		}
		if strings.HasPrefix(s[i:], string(keycap)) {
			return i + utf8.RuneLen(keycap)
		}
		return 0
	}
	i := element(s, true)
	if i == 0 {
		return 0
	}
	for strings.HasPrefix(s[i:], string(zwj)) {
		j := element(s[i+utf8.RuneLen(zwj):], false)
		if j == 0 {
			break
		}
		i += utf8.RuneLen(zwj) + j
	}
	return i
}

// element returns the length of one emoji element at the start of s: an
// emoji character with its optional presentation selector, modifier or tags.
// first reports whether this is the first element of a sequence, where a
// text-default character needs a qualifier to count.
func element(s string, first bool) int {
	r, n := utf8.DecodeRuneInString(s)
	pres := in(presentation, r)
	if !pres && !in(textDefault, r) {
		return 0
	}
	i := n
	next, m := utf8.DecodeRuneInString(s[i:])
	switch {
	case next == vs15:
		return 0
	case next == vs16:
		i += m
	case isModifier(next):
		i += m
		if next2, m2 := utf8.DecodeRuneInString(s[i:]); next2 == vs16 {
			i += m2
		}
	case next >= tagFirst && next <= tagLast:
		for next >= tagFirst && next <= tagLast {
			i += m
			if next == tagLast {
				break
			}
			next, m = utf8.DecodeRuneInString(s[i:])
		}
	default:
		if !pres && first {
			return 0
		}
	}
	return i
}

// Count returns the number of emoji sequences in s and their total length
// in bytes.
func Count(s string) (n, bytes int) {
	for i := 0; i < len(s); {
		if l := Len(s[i:]); l > 0 {
			n++
			bytes += l
			i += l
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return n, bytes
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func isModifier(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

// in reports whether r falls in one of the ranges of table (see table.go
// for the layout).
func in(table string, r rune) bool {
	if r < 0xA9 {
		return false
	}
	lo, hi := 0, len(table)/6
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		e := table[6*mid : 6*mid+6]
		switch {
		case r < rune(e[0])<<16|rune(e[1])<<8|rune(e[2]):
			hi = mid
		case r > rune(e[3])<<16|rune(e[4])<<8|rune(e[5]):
			lo = mid + 1
		default:
			return true
		}
	}
	return false
}
