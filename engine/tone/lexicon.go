package tone

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The VADER lexicons, trimmed to what scoring reads; see data/README.md.
var (
	//go:embed data/vader_lexicon.txt
	vaderLexicon string
	//go:embed data/emoji_lexicon.txt
	emojiLexicon string
)

// lexicon is VADER's word list and emoji descriptions, parsed once.
type lexicon struct {
	valence map[string]float64 // lower-case token → mean human rating, -4..4
	emoji   map[rune]string    // emoji → its CLDR short name
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{
		valence: make(map[string]float64, strings.Count(vaderLexicon, "\n")),
		emoji:   make(map[rune]string, strings.Count(emojiLexicon, "\n")),
	}
	for n, line := range lines(vaderLexicon) {
		word, rating, ok := strings.Cut(line, "\t")
		v, err := strconv.ParseFloat(rating, 64)
		if !ok || word == "" || err != nil {
			return nil, fmt.Errorf("vader_lexicon.txt:%d: want token<TAB>valence, got %q", n, line)
		}
		lx.valence[word] = v // later lines win, as in VADER
	}
	for n, line := range lines(emojiLexicon) {
		e, name, ok := strings.Cut(line, "\t")
		r, size := utf8.DecodeRuneInString(e)
		if !ok || name == "" || size != len(e) || r == utf8.RuneError {
			return nil, fmt.Errorf("emoji_lexicon.txt:%d: want emoji<TAB>name, got %q", n, line)
		}
		lx.emoji[r] = name
	}
	return lx, nil
}

// lines yields the non-empty lines of s with their 1-based numbers.
func lines(s string) func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		n := 0
		for line := range strings.Lines(s) {
			n++
			if line = strings.TrimRight(line, "\r\n"); line != "" && !yield(n, line) {
				return
			}
		}
	}
}

// The constants and word lists below are VADER's (vaderSentiment 3.3.2,
// MIT, © C.J. Hutto; see data/LICENSE.vaderSentiment).
const (
	boostIncr = 0.293  // B_INCR: rise in intensity from a booster word
	boostDecr = -0.293 // B_DECR: fall from a dampener
	capsIncr  = 0.733  // C_INCR: rise from a word in ALL CAPS
	negScalar = -0.74  // N_SCALAR: a negated word's valence is multiplied by this
	exclIncr  = 0.292  // per '!', up to four
	questIncr = 0.18   // per '?', two or three of them
	questMax  = 0.96   // four or more '?'
	butBefore = 0.5    // weight of words before "but"
	butAfter  = 1.5    // weight of words after it
	alpha     = 15     // normalisation: x / √(x² + α)
)

// isNegation reports whether a lower-case word negates the words after it
// (VADER's NEGATE list, plus any word containing "n't").
func isNegation(w string) bool {
	switch w {
	case "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
		"ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
		"dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
		"don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
		"neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
		"oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
		"oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
		"without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite":
		return true
	}
	return strings.Contains(w, "n't")
}

// booster returns the intensity change of a lower-case degree adverb
// (VADER's BOOSTER_DICT, single words).
func booster(w string) (float64, bool) {
	switch w {
	case "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
		"decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
		"exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping",
		"flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully",
		"fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
		"incredible", "incredibly", "intensely", "major", "majorly", "more", "most",
		"particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
		"thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably",
		"unusually", "utter", "utterly", "very":
		return boostIncr, true
	case "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little",
		"marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely",
		"slight", "slightly", "somewhat", "sorta", "sortof", "sort-of":
		return boostDecr, true
	}
	return 0, false
}

// booster2 is BOOSTER_DICT's two-word entries.
func booster2(a, b string) (float64, bool) {
	switch {
	case a == "just" && b == "enough", a == "kind" && b == "of", a == "sort" && b == "of":
		return boostDecr, true
	}
	return 0, false
}

// special2 and special3 are VADER's SPECIAL_CASES: idioms whose valence
// replaces that of the lexicon word inside them.
func special2(a, b string) (float64, bool) {
	switch a + " " + b {
	case "the shit", "the bomb":
		return 3, true
	case "bad ass":
		return 1.5, true
	case "bus stop":
		return 0, true
	case "yeah right":
		return -2, true
	case "beating heart":
		return 3.1, true
	case "broken heart":
		return -2.9, true
	}
	return 0, false
}

func special3(a, b, c string) (float64, bool) {
	switch {
	case a == "kiss" && b == "of" && c == "death":
		return -1.5, true
	case a == "to" && b == "die" && c == "for":
		return 3, true
	}
	return 0, false
}
