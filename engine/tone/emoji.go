package tone

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

//go:generate go run ./internal/pictogen -in ../../../shared/testdata/unicode/emoji-test.txt -out pictographic.go

const (
	textStyle  = '\uFE0E' // VS15: show the preceding character as text
	emojiStyle = '\uFE0F' // VS16: show the preceding character as emoji
	zwj        = '\u200D'
	keycap     = '\u20E3'
)

// countEmoji counts the emoji in text: the extended grapheme clusters
// (github.com/rivo/uniseg, Unicode 15.0) that are
//   - a pictograph (see pictographic), with whatever modifiers, selectors,
//     tags and joined pictographs follow it;
//   - a flag: a pair of regional indicators;
//   - a keycap: # * or 0-9, optionally U+FE0F, then U+20E3.
//
// A cluster that asks for text presentation (U+FE0E) is not an emoji, and
// © ® ™, routine in legal copy, count only when U+FE0F asks for an emoji.
func countEmoji(text string) int {
	n := 0
	for i := 0; i < len(text); {
		// Every emoji has a byte ≥ 0x80, and an ASCII character followed by
		// another is a cluster of its own, so only the clusters from the
		// ASCII character before a non-ASCII byte need segmenting.
		j := i
		for j < len(text) && text[j] < utf8.RuneSelf {
			j++
		}
		if j == len(text) {
			break
		}
		rest, state := text[max(j-1, i):], -1
		for rest != "" {
			var cluster string
			cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			if isEmoji(cluster) {
				n++
			}
			if rest != "" && rest[0] < utf8.RuneSelf && (len(rest) == 1 || rest[1] < utf8.RuneSelf) {
				break // back to plain ASCII
			}
		}
		i = len(text) - len(rest)
	}
	return n
}

func isEmoji(cluster string) bool {
	r, size := utf8.DecodeRuneInString(cluster)
	switch {
	case len(cluster) == size && r < utf8.RuneSelf:
		return false
	case isRegionalIndicator(r):
		r2, _ := utf8.DecodeRuneInString(cluster[size:])
		return isRegionalIndicator(r2)
	case r == '#' || r == '*' || r >= '0' && r <= '9':
		return strings.ContainsRune(cluster, keycap)
	case !unicode.Is(pictographic, r) || strings.ContainsRune(cluster, textStyle):
		return false
	case r == '©' || r == '®' || r == '™':
		return strings.ContainsRune(cluster, emojiStyle)
	}
	return true
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
