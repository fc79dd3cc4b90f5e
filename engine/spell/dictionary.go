// This file is derived from Vale's internal/spell/gospell.go and words.go
// (MIT License, Copyright (c) 2016 Nick Galbreath, from
// github.com/client9/gospell, and Copyright (c) 2017 Joseph Kato); see
// LICENSE.gospell beside it.

package spell

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dictionary is one Hunspell dictionary with every affixed form of its
// words expanded up front, so that a lookup is a map access. It is
// immutable once read and safe for concurrent use.
type Dictionary struct {
	words map[string]struct{}
	// noSuggest holds the forms of entries flagged NOSUGGEST (slurs and
	// vulgarities in SCOWL): accepted, never offered as a fix.
	noSuggest map[string]struct{}
	// compounds are the COMPOUNDRULE patterns (ordinals such as 21st).
	compounds   []*regexp.Regexp
	iconv       *strings.Replacer
	try         string
	rep         [][2]string
	canCompound bool
	compoundMin int
}

// Read reads a dictionary from its .aff and .dic files' contents.
func Read(aff, dic io.Reader) (*Dictionary, error) {
	a, err := parseAffixes(aff)
	if err != nil {
		return nil, fmt.Errorf("affix file: %w", err)
	}
	d := &Dictionary{
		words:       map[string]struct{}{},
		noSuggest:   map[string]struct{}{},
		try:         a.try,
		rep:         a.replacements,
		canCompound: a.compounding(),
		compoundMin: a.compoundMin,
	}
	sc := bufio.NewScanner(dic)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	// The first line is the word count.
	if !sc.Scan() {
		return d, sc.Err()
	}
	var forms []string
	for sc.Scan() {
		// An entry may carry morphological fields after whitespace
		// ("abandonware/M	Noun: uncountable"); only the first is the word.
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		forms, err = a.expand(fields[0], forms)
		if err != nil {
			// A malformed entry costs that word, not the dictionary.
			continue
		}
		_, flags, _ := strings.Cut(fields[0], "/")
		hidden := a.noSuggest != "" && slices.Contains(a.flags(flags), a.noSuggest)
		for _, w := range forms {
			d.words[w] = struct{}{}
			if hidden {
				d.noSuggest[w] = struct{}{}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("dictionary file: %w", err)
	}
	for _, rule := range a.compoundRule {
		var b strings.Builder
		b.WriteString("^")
		for _, f := range a.flags(rule) {
			// Operators apply to the flag before them, as in Hunspell
			// (Vale quotes them, so its "n*1t" never matches "11th").
			if len(f) == 1 && strings.Contains("()+?*", f) {
				b.WriteString(f)
				continue
			}
			quoted := make([]string, len(a.compoundWords[f]))
			for i, w := range a.compoundWords[f] {
				quoted[i] = regexp.QuoteMeta(w)
			}
			b.WriteString("(?:" + strings.Join(quoted, "|") + ")")
		}
		b.WriteString("$")
		re, err := regexp.Compile(b.String())
		if err != nil {
			return nil, fmt.Errorf("compound rule %q: %w", rule, err)
		}
		d.compounds = append(d.compounds, re)
	}
	if len(a.iconv) > 0 {
		d.iconv = strings.NewReplacer(a.iconv...)
	}
	return d, nil
}

// Open reads a dictionary from its .dic and .aff files.
func Open(dicPath, affPath string) (*Dictionary, error) {
	aff, err := os.Open(affPath)
	if err != nil {
		return nil, err
	}
	defer aff.Close()
	dic, err := os.Open(dicPath)
	if err != nil {
		return nil, err
	}
	defer dic.Close()
	d, err := Read(aff, dic)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dicPath, err)
	}
	return d, nil
}

// Len is the number of word forms the dictionary knows.
func (d *Dictionary) Len() int { return len(d.words) }

// convert applies the dictionary's ICONV substitutions (’ to ').
func (d *Dictionary) convert(s string) string {
	if d.iconv == nil {
		return s
	}
	return d.iconv.Replace(s)
}

// has reports whether word is an entry as written or lower-cased, as
// Vale looks words up: "Paris" must be written so, "Linux" may start a
// sentence in lower case only if the dictionary says "linux".
func (d *Dictionary) has(word string) bool {
	if _, ok := d.words[word]; ok {
		return true
	}
	_, ok := d.words[strings.ToLower(word)]
	return ok
}

// Spell reports whether the dictionary accepts word: an entry, a
// number, a hash, a compound or a number with units the dictionary knows.
func (d *Dictionary) Spell(word string) bool {
	if d.has(word) || isNumberLike(word) {
		return true
	}
	for _, re := range d.compounds {
		if re.MatchString(word) {
			return true
		}
	}
	if d.isCompound(word) {
		return true
	}
	if units := numberUnits(word); units != "" {
		_, ok := d.words[units]
		return ok
	}
	return false
}

// inDict tries word as written, lower-cased and capitalized: compounds
// write interior nouns in lower case that the dictionary capitalizes.
func (d *Dictionary) inDict(word string) bool {
	if d.has(word) {
		return true
	}
	r, n := utf8.DecodeRuneInString(word)
	_, ok := d.words[string(unicode.ToUpper(r))+word[n:]]
	return ok
}

// isCompound approximates Hunspell's flag compounding: word splits into
// dictionary words of at least three letters, at most five of them.
func (d *Dictionary) isCompound(word string) bool {
	if !d.canCompound {
		return false
	}
	r := []rune(word)
	return len(r) <= 100 && d.compoundParts(r, 0)
}

func (d *Dictionary) compoundParts(r []rune, depth int) bool {
	if depth > 4 {
		return false
	}
	// Dictionaries that set COMPOUNDMIN below 3 rely on position flags
	// this approximation does not check; a floor keeps short letter runs
	// from passing as compounds.
	least := max(d.compoundMin, 3)
	for i := least; i <= len(r)-least; i++ {
		if d.inDict(string(r[:i])) && (d.inDict(string(r[i:])) || d.compoundParts(r[i:], depth+1)) {
			return true
		}
	}
	return false
}

var (
	numberRe      = regexp.MustCompile(`^([0-9]+[.,-]?)+$`)
	numberUnitsRe = regexp.MustCompile(`^[0-9]+[a-zA-Z]+$`)
	hexRe         = regexp.MustCompile(`^0?[x][0-9A-Fa-f]+$`)
	binaryRe      = regexp.MustCompile(`^0[b][01]+$`)
	hashRe        = regexp.MustCompile(`^[0-9a-z]{40}$`)
)

// isNumberLike reports numbers (1,000.5), hex and binary literals and
// SHA-1 hashes, which no dictionary lists.
func isNumberLike(s string) bool {
	return numberRe.MatchString(s) || hexRe.MatchString(s) || binaryRe.MatchString(s) || hashRe.MatchString(s)
}

// numberUnits returns the units of a number with units ("GB" of
// "100GB"), or "".
func numberUnits(s string) string {
	if !numberUnitsRe.MatchString(s) {
		return ""
	}
	return strings.TrimLeft(s, "0123456789")
}
