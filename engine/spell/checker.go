package spell

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Checker spells words against several dictionaries and word lists, as
// a Vale spelling rule does: a word is right when any of them accepts it.
// It is immutable and safe for concurrent use.
type Checker struct {
	dicts []*Dictionary
	// words are the ignore lists' words, looked up like dictionary
	// entries (as written or lower-cased).
	words map[string]struct{}
}

// NewChecker combines dictionaries and word lists (one word per line).
func NewChecker(dicts []*Dictionary, wordLists ...[]string) *Checker {
	c := &Checker{dicts: dicts, words: map[string]struct{}{}}
	for _, list := range wordLists {
		for _, w := range list {
			c.words[w] = struct{}{}
		}
	}
	return c
}

// ReadWordList reads an ignore file: one word per line; blank lines and a
// lone "#" are skipped, as Vale skips them.
func ReadWordList(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		w := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if w == "" || w == "#" {
			continue
		}
		out = append(out, w)
	}
	return out, sc.Err()
}

// OpenWordList reads the ignore file at path.
func OpenWordList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	words, err := ReadWordList(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return words, nil
}

// Convert applies every dictionary's ICONV substitutions, so that a
// typographic apostrophe (doesn’t) is looked up as the dictionary writes it.
func (c *Checker) Convert(s string) string {
	for _, d := range c.dicts {
		s = d.convert(s)
	}
	return s
}

// Spell reports whether any dictionary or word list accepts word.
func (c *Checker) Spell(word string) bool {
	if c.listed(word) {
		return true
	}
	for _, d := range c.dicts {
		if d.Spell(word) {
			return true
		}
	}
	return false
}

func (c *Checker) listed(word string) bool {
	if _, ok := c.words[word]; ok {
		return true
	}
	_, ok := c.words[strings.ToLower(word)]
	return ok
}

// known reports whether a candidate may be suggested: spelled right, and
// not a NOSUGGEST entry of any dictionary.
func (c *Checker) known(word string) bool {
	if c.listed(word) {
		return true
	}
	// Most candidates are no word at all: look them up before asking
	// whether a dictionary hides them.
	if !slices.ContainsFunc(c.dicts, func(d *Dictionary) bool { return d.has(word) }) {
		return false
	}
	for _, d := range c.dicts {
		if d.hidden(word) || d.hidden(strings.ToLower(word)) {
			return false
		}
	}
	return true
}

// Suggest returns up to n corrections of a misspelled word, best first.
// It is far costlier than Spell; call it only for words Spell refused.
//
// Candidates come, in order of preference, from the dictionaries' REP
// table (common misspellings), then from one edit (two letters swapped,
// a doubled letter undone, a letter missing, a wrong letter, an extra
// letter, two words run together), then from a scan for words two edits
// away. Vale instead ranks every dictionary word by Levenshtein
// similarity, which takes a large fraction of a second per word.
func (c *Checker) Suggest(word string, n int) []string {
	if n <= 0 || word == "" {
		return nil
	}
	var out []string
	seen := map[string]bool{word: true}
	add := func(cands []string) {
		for _, w := range cands {
			if len(out) >= n {
				return
			}
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	add(c.replacements(word))
	add(c.oneEdit(word))
	if len(out) < n {
		add(c.twoEdits(word, n-len(out)))
	}
	return out
}

// replacements applies the REP table once at each place it matches.
func (c *Checker) replacements(word string) []string {
	var out []string
	for _, d := range c.dicts {
		for _, rep := range d.rep {
			from, to := rep[0], strings.ReplaceAll(rep[1], "_", " ")
			for i := 0; ; {
				j := strings.Index(word[i:], from)
				if j < 0 {
					break
				}
				cand := word[:i+j] + to + word[i+j+len(from):]
				if c.knownPhrase(cand) {
					out = append(out, cand)
				}
				i += j + len(from)
			}
		}
	}
	return out
}

// knownPhrase accepts a candidate of one or more words.
func (c *Checker) knownPhrase(s string) bool {
	for _, w := range strings.Fields(s) {
		if !c.known(w) {
			return false
		}
	}
	return strings.TrimSpace(s) != ""
}

// tryRunes are the letters edits try, most frequent first: the
// dictionaries' TRY lines, else the English alphabet.
func (c *Checker) tryRunes(word string) []rune {
	var out []rune
	for _, d := range c.dicts {
		for _, r := range d.try {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	if len(out) == 0 {
		out = []rune("esianrtolcdugmphbyfvkwzxqj")
	}
	// Edits keep the word's case: try capitals only within an all-caps word.
	upper := isUpperWord(word)
	kept := out[:0:0]
	for _, r := range out {
		if unicode.IsUpper(r) == upper || !unicode.IsLetter(r) {
			kept = append(kept, r)
		}
	}
	return kept
}

// oneEdit lists the known words one edit from word, the likelier kinds
// of typo first.
func (c *Checker) oneEdit(word string) []string {
	r := []rune(word)
	try := c.tryRunes(word)
	var swaps, inserts, replaces, deletes, splits []string
	for i := range r {
		// Two neighbours swapped, or a letter doubled by mistake.
		if i+1 < len(r) && r[i] != r[i+1] {
			swaps = append(swaps, string(r[:i])+string(r[i+1])+string(r[i])+string(r[i+2:]))
		}
		if i+1 < len(r) && r[i] == r[i+1] {
			swaps = append(swaps, string(r[:i])+string(r[i+1:]))
		}
	}
	for i := 0; i <= len(r); i++ {
		for _, t := range try {
			inserts = append(inserts, string(r[:i])+string(t)+string(r[i:]))
		}
	}
	for i := range r {
		for _, t := range try {
			if t != r[i] {
				replaces = append(replaces, string(r[:i])+string(t)+string(r[i+1:]))
			}
		}
		deletes = append(deletes, string(r[:i])+string(r[i+1:]))
	}
	for i := 2; i+2 <= len(r); i++ {
		splits = append(splits, string(r[:i])+" "+string(r[i:]))
	}
	var out []string
	for _, group := range [][]string{swaps, inserts, replaces, deletes} {
		for _, w := range group {
			if c.known(w) {
				out = append(out, w)
			}
		}
	}
	for _, w := range splits {
		if c.knownPhrase(w) {
			out = append(out, w)
		}
	}
	return out
}

// twoEdits scans the dictionaries for words two edits away that start
// with the same letter (few typos hit the first one), nearest first.
func (c *Checker) twoEdits(word string, n int) []string {
	lower := []rune(strings.ToLower(word))
	if len(lower) < 3 {
		return nil
	}
	type cand struct {
		word string
		dist int
	}
	var found []cand
	for _, d := range c.dicts {
		for _, w := range d.allForms() {
			first, _ := utf8.DecodeRuneInString(w)
			if unicode.ToLower(first) != lower[0] || abs(utf8.RuneCountInString(w)-len(lower)) > 2 {
				continue
			}
			if dist := editDistance(lower, []rune(strings.ToLower(w)), 2); dist <= 2 && !d.hidden(w) {
				found = append(found, cand{w, dist})
			}
		}
	}
	slices.SortFunc(found, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		if la, lb := abs(len(a.word)-len(word)), abs(len(b.word)-len(word)); la != lb {
			return la - lb
		}
		return strings.Compare(a.word, b.word)
	})
	var out []string
	for _, f := range found {
		if len(out) == n {
			break
		}
		out = append(out, matchCase(f.word, word))
	}
	return out
}

// matchCase writes a dictionary word in the case of the word it
// corrects, unless the dictionary capitalizes it (a name).
func matchCase(cand, word string) string {
	switch {
	case cand != strings.ToLower(cand):
		return cand
	case isUpperWord(word):
		return strings.ToUpper(cand)
	}
	first, _ := utf8.DecodeRuneInString(word)
	if unicode.IsUpper(first) {
		r, size := utf8.DecodeRuneInString(cand)
		return string(unicode.ToUpper(r)) + cand[size:]
	}
	return cand
}

func isUpperWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

// editDistance is the optimal-string-alignment distance of a and b (a
// swap of neighbours counts one), or limit+1 once it must exceed limit.
func editDistance(a, b []rune, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
