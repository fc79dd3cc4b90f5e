package tone

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one whitespace-separated word or emoticon, as VADER sees it.
type token struct {
	word  string  // as written, outer punctuation stripped
	lower string  // word in lower case
	val   float64 // lexicon valence of lower, if inLex
	inLex bool
}

// compound is VADER's compound score of text, -1..1, unrounded. It follows
// vaderSentiment 3.3.2's polarity_scores rule for rule; the comments at
// prepare and at "but" below say where it differs.
func (lx *lexicon) compound(text string) float64 {
	text = lx.prepare(text)
	var tokBuf [128]token
	toks := lx.tokenize(text, tokBuf[:0])
	if len(toks) == 0 {
		return 0
	}
	capDiff := capDifferential(toks)

	var valBuf [128]float64
	vals := valBuf[:0]
	for i, t := range toks {
		_, isBooster := booster(t.lower)
		switch {
		case isBooster:
			vals = append(vals, 0) // degree adverbs modify, they carry nothing
		case t.lower == "kind" && i+1 < len(toks) && toks[i+1].lower == "of":
			vals = append(vals, 0)
		default:
			vals = append(vals, valence(toks, i, capDiff))
		}
	}

	// Contrast: "but" halves what comes before it and lifts what follows.
	// By position: VADER finds each score with list.index, so a word whose
	// score repeats an earlier word's can be reweighed in that word's place.
	for bi, t := range toks {
		if t.lower != "but" {
			continue
		}
		for i := range vals {
			switch {
			case i < bi:
				vals[i] *= butBefore
			case i > bi:
				vals[i] *= butAfter
			}
		}
		break
	}

	sum := 0.0
	for _, v := range vals {
		sum += v
	}
	switch emph := punctuationEmphasis(text); {
	case sum > 0:
		sum += emph
	case sum < 0:
		sum -= emph
	}
	return max(-1, min(1, sum/math.Sqrt(sum*sum+alpha)))
}

// valence is the valence of toks[i] in context: negation, boosters, ALL
// CAPS, idioms and "least".
func valence(toks []token, i int, capDiff bool) float64 {
	t := toks[i]
	if !t.inLex {
		return 0
	}
	v := t.val
	// "no" before a lexicon word negates it rather than counting itself.
	if t.lower == "no" && i+1 < len(toks) && toks[i+1].inLex {
		v = 0
	}
	if i > 0 && toks[i-1].lower == "no" || i > 1 && toks[i-2].lower == "no" ||
		i > 2 && toks[i-3].lower == "no" && (toks[i-1].lower == "or" || toks[i-1].lower == "nor") {
		v = t.val * negScalar
	}
	if capDiff && isUpper(t.word) {
		v += signed(capsIncr, v)
	}
	for d := 1; d <= 3 && i >= d; d++ {
		p := toks[i-d]
		if p.inLex {
			continue
		}
		if s := scalarIncDec(p, v, capDiff); s != 0 {
			switch d {
			case 2:
				s *= 0.95
			case 3:
				s *= 0.9
			}
			v += s
		}
		v = negationCheck(toks, i, d, v)
		if d == 3 {
			v = idiomCheck(toks, i, v)
		}
	}
	// "least" negates ("the least compelling") unless "at least" or
	// "very least".
	if i > 0 && !toks[i-1].inLex && toks[i-1].lower == "least" &&
		(i == 1 || toks[i-2].lower != "at" && toks[i-2].lower != "very") {
		v *= negScalar
	}
	return v
}

// signed returns x when v > 0 and -x otherwise, as VADER adds emphasis.
func signed(x, v float64) float64 {
	if v > 0 {
		return x
	}
	return -x
}

// scalarIncDec is the change a booster word p makes to valence v.
func scalarIncDec(p token, v float64, capDiff bool) float64 {
	s, ok := booster(p.lower)
	if !ok {
		return 0
	}
	if v < 0 {
		s = -s
	}
	if capDiff && isUpper(p.word) {
		s += signed(capsIncr, v)
	}
	return s
}

// negationCheck applies a negation d words before toks[i], and VADER's
// "never so/this" (intensifies) and "without doubt" (keeps) exceptions.
func negationCheck(toks []token, i, d int, v float64) float64 {
	w := func(k int) string { return toks[i-k].lower }
	switch d {
	case 1:
		if isNegation(w(1)) {
			v *= negScalar
		}
	case 2:
		switch {
		case w(2) == "never" && (w(1) == "so" || w(1) == "this"):
			v *= 1.25
		case w(2) == "without" && w(1) == "doubt":
		case isNegation(w(2)):
			v *= negScalar
		}
	case 3:
		switch {
		// VADER's Python reads `a and (b) or (c)` here, so "so" or "this"
		// right before the word is enough, with or without "never".
		case w(3) == "never" && (w(2) == "so" || w(2) == "this") || w(1) == "so" || w(1) == "this":
			v *= 1.25
		case w(3) == "without" && (w(2) == "doubt" || w(1) == "doubt"):
		case isNegation(w(3)):
			v *= negScalar
		}
	}
	return v
}

// idiomCheck applies VADER's special-case idioms around toks[i] (i ≥ 3)
// and its two-word dampeners ("kind of", "sort of", "just enough").
func idiomCheck(toks []token, i int, v float64) float64 {
	w := func(k int) string { return toks[k].lower }
	// The first match among these wins, in VADER's order.
	if s, ok := special2(w(i-1), w(i)); ok {
		v = s
	} else if s, ok := special3(w(i-2), w(i-1), w(i)); ok {
		v = s
	} else if s, ok := special2(w(i-2), w(i-1)); ok {
		v = s
	} else if s, ok := special3(w(i-3), w(i-2), w(i-1)); ok {
		v = s
	} else if s, ok := special2(w(i-3), w(i-2)); ok {
		v = s
	}
	// Then the idioms that start at the word override them.
	if i+1 < len(toks) {
		if s, ok := special2(w(i), w(i+1)); ok {
			v = s
		}
	}
	if i+2 < len(toks) {
		if s, ok := special3(w(i), w(i+1), w(i+2)); ok {
			v = s
		}
	}
	if s, ok := booster2(w(i-3), w(i-2)); ok {
		v += s
	}
	if s, ok := booster2(w(i-2), w(i-1)); ok {
		v += s
	}
	return v
}

// punctuationEmphasis is the intensity that '!' and repeated '?' add.
func punctuationEmphasis(text string) float64 {
	e := float64(min(strings.Count(text, "!"), 4)) * exclIncr
	switch q := strings.Count(text, "?"); {
	case q > 3:
		e += questMax
	case q > 1:
		e += float64(q) * questIncr
	}
	return e
}

// capDifferential reports whether some, but not all, tokens are in ALL
// CAPS: only then is a capitalised word emphasis.
func capDifferential(toks []token) bool {
	upper := 0
	for _, t := range toks {
		if isUpper(t.word) {
			upper++
		}
	}
	return upper > 0 && upper < len(toks)
}

// isUpper is Python's str.isupper: some cased letter and none in lower or
// title case.
func isUpper(s string) bool {
	cased := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				return false
			case 'A' <= c && c <= 'Z':
				cased = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLower(r), unicode.IsTitle(r):
			return false
		case unicode.IsUpper(r):
			cased = true
		}
		i += n
	}
	return cased
}

// tokenize splits text at white space and strips each token's outer ASCII
// punctuation, unless that leaves two characters or fewer (":)", ":D"
// stay whole), as VADER's SentiText does.
func (lx *lexicon) tokenize(text string, toks []token) []token {
	// One lower-casing of the whole text serves every token when byte
	// offsets survive it, which they do for ASCII.
	lowerText, aligned := text, true
	if isASCII(text) {
		lowerText = strings.ToLower(text)
	} else {
		aligned = false
	}
	for i := 0; i < len(text); {
		start := skipSpace(text, i)
		end := start
		for end < len(text) {
			r, n := rune(text[end]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[end:])
			}
			if isSpace(r) {
				break
			}
			end += n
		}
		i = end
		if start == end {
			continue
		}
		a, b := stripPunct(text, start, end)
		t := token{word: text[a:b]}
		if aligned {
			t.lower = lowerText[a:b]
		} else {
			t.lower = strings.ToLower(t.word)
		}
		t.val, t.inLex = lx.valence[t.lower]
		toks = append(toks, t)
	}
	return toks
}

// stripPunct returns the bounds of text[start:end] without leading and
// trailing ASCII punctuation, or the whole token if that leaves two
// characters or fewer.
func stripPunct(text string, start, end int) (int, int) {
	a, b := start, end
	for a < b && isPunct(text[a]) {
		a++
	}
	for b > a && isPunct(text[b-1]) {
		b--
	}
	if b-a <= 2 || utf8.RuneCountInString(text[a:b]) <= 2 {
		return start, end
	}
	return a, b
}

// isPunct reports whether c is in Python's string.punctuation.
func isPunct(c byte) bool {
	return '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~'
}

// isSpace is white space as Python's str.split sees it.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r' || 0x1C <= r && r <= 0x1F
	}
	return unicode.IsSpace(r)
}

func skipSpace(text string, i int) int {
	for i < len(text) {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// prepare rewrites text for scoring; ASCII text comes back unchanged and
// unallocated. Like VADER it replaces each emoji that is one code point by
// its name ("😁" → "beaming face with smiling eyes"). Where VADER would
// miss what a reader sees, it departs from it:
//   - typographic apostrophes and quotes (’ ‘ “ ”) become ASCII, so
//     "don’t" negates and “great” is a word;
//   - fullwidth ！ and ？ become ! and ?;
//   - variation selectors and zero-width joiners are dropped, so ❤️ scores
//     like ❤ rather than as an unknown word "heart\uFE0F".
func (lx *lexicon) prepare(text string) string {
	i := 0
	for i < len(text) && text[i] < utf8.RuneSelf {
		i++
	}
	for j := i; j < len(text); {
		r, n := utf8.DecodeRuneInString(text[j:])
		if r >= utf8.RuneSelf && lx.rewrites(r) {
			return lx.rewrite(text, i)
		}
		j += n
	}
	return text
}

func (lx *lexicon) rewrites(r rune) bool {
	switch r {
	case '’', '‘', '“', '”', '！', '？', textStyle, emojiStyle, zwj:
		return true
	}
	_, ok := lx.emoji[r]
	return ok
}

// rewrite does prepare's work from byte i, before which text is ASCII.
func (lx *lexicon) rewrite(text string, i int) string {
	var b strings.Builder
	b.Grow(len(text) + 64)
	b.WriteString(text[:i])
	prevSpace := i == 0 || text[i-1] == ' '
	for i < len(text) {
		// ASCII is copied as it is, a run at a time.
		j := i
		for j < len(text) && text[j] < utf8.RuneSelf {
			j++
		}
		if j > i {
			b.WriteString(text[i:j])
			prevSpace = text[j-1] == ' '
			if i = j; i == len(text) {
				break
			}
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch r {
		case '’', '‘':
			r = '\''
		case '“', '”':
			r = '"'
		case '！':
			r = '!'
		case '？':
			r = '?'
		case textStyle, emojiStyle, zwj:
			continue
		}
		if name, ok := lx.emoji[r]; ok {
			if !prevSpace {
				b.WriteByte(' ')
			}
			b.WriteString(name)
			prevSpace = false
			continue
		}
		b.WriteRune(r)
		prevSpace = false
	}
	return b.String()
}
