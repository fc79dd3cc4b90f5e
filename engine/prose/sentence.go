package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations that end with a period without ending a sentence.
func isAbbreviation(word string) bool {
	switch strings.ToLower(strings.TrimLeft(word, "(\"'“‘")) {
	case "mr.", "mrs.", "ms.", "dr.", "prof.", "sr.", "jr.", "st.", "vs.", "etc.", "e.g.", "i.e.",
		"inc.", "ltd.", "co.", "corp.", "no.", "approx.", "dept.", "est.", "fig.", "jan.", "feb.",
		"mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "u.s.", "a.m.", "p.m.":
		return true
	}
	return false
}

// Sentences splits text into sentences and returns their byte ranges
// [start, end), trimmed of surrounding space. A sentence ends at '.', '!',
// '?' or '…' (with any closing quotes or brackets) followed by space and
// then anything but a lower-case letter, or at the end of the text; common
// abbreviations and decimals do not end sentences.
func Sentences(text string) [][2]int {
	var out [][2]int
	start := skipSpace(text, 0)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		end := i
		for end < len(text) && strings.ContainsRune(".!?…\"'”’)]", rune(text[end])) {
			end++
		}
		next := skipSpace(text, end)
		if next == end && end < len(text) {
			continue // "3.5", "example.com"
		}
		if next < len(text) {
			nr, _ := utf8.DecodeRuneInString(text[next:])
			if unicode.IsLower(nr) {
				continue
			}
		}
		if r == '.' && isAbbreviation(lastWord(text[start:i])) {
			continue
		}
		if start < end {
			out = append(out, [2]int{start, end})
		}
		start, i = next, next
	}
	if e := len(strings.TrimRightFunc(text, unicode.IsSpace)); start < e {
		out = append(out, [2]int{start, e})
	}
	return out
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func lastWord(s string) string {
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[i+1:]
	}
	return s
}
