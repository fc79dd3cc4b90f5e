package prose

import (
	"strings"
	"unicode"
)

// Words returns the words of text: runs of letters, digits, apostrophes and
// inner hyphens. Hashtags and mentions count as words without their sigil.
func Words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-')
	})
}

// Syllables estimates the syllables of an English word: vowel groups,
// less a silent final "e", at least one.
func Syllables(word string) int {
	w := strings.ToLower(strings.Trim(word, "'’-"))
	if w == "" {
		return 0
	}
	if len(w) <= 3 {
		return 1
	}
	n, prevVowel := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	switch {
	case strings.HasSuffix(w, "le") && len(w) > 2 && !strings.ContainsRune("aeiouy", rune(w[len(w)-3])):
		// "table", "simple": the final syllable is the "le".
	case strings.HasSuffix(w, "e"), strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "ses") && !strings.HasSuffix(w, "ces"),
		strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded"):
		n--
	}
	return max(n, 1)
}

// Stats are the counts readability formulas use.
type Stats struct {
	Sentences, Words, Syllables int
}

// Measure counts sentences, words and syllables of text.
func Measure(text string) Stats {
	var s Stats
	for _, sent := range Sentences(text) {
		words := Words(text[sent[0]:sent[1]])
		if len(words) == 0 {
			continue
		}
		s.Sentences++
		s.Words += len(words)
		for _, w := range words {
			s.Syllables += Syllables(w)
		}
	}
	return s
}

// MeasureBlocks counts the blocks of prose each on its own and adds them
// up: a block's end always ends a sentence.
func MeasureBlocks(blocks []string) Stats {
	var all Stats
	for _, b := range blocks {
		s := Measure(b)
		all.Sentences += s.Sentences
		all.Words += s.Words
		all.Syllables += s.Syllables
	}
	return all
}

// FleschKincaid is the Flesch-Kincaid grade level:
// 0.39 × words/sentences + 11.8 × syllables/words − 15.59.
// It is 0 for text without words.
func (s Stats) FleschKincaid() float64 {
	if s.Words == 0 || s.Sentences == 0 {
		return 0
	}
	return 0.39*float64(s.Words)/float64(s.Sentences) + 11.8*float64(s.Syllables)/float64(s.Words) - 15.59
}
