// This file is derived from Vale's internal/spell/gospell.go and words.go
// (MIT License, Copyright (c) 2016 Nick Galbreath, from
// github.com/client9/gospell, and Copyright (c) 2017 Joseph Kato); see
// LICENSE.gospell beside it.

package spell

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Dictionary is one Hunspell dictionary, compiled for lookups: its
// entries by word, and its affix rules by the text they add, so that a
// word is taken apart into a stem and affixes, as Hunspell does, rather
// than every form of every entry being listed up front (which took a
// quarter of a second and 24 MB for English). A word is known exactly
// when expanding the entries would have listed it. It is immutable once
// read and safe for concurrent use.
type Dictionary struct {
	aff *affixFile
	// stems maps each standalone entry's word to its flag text; the
	// flag texts of several entries of one word (homonyms with their own
	// flags) are joined by spaces.
	stems map[string]string
	// prefixes and suffixes are the affix rules, by the first byte of
	// the text a prefix adds and the last of a suffix's.
	prefixes, suffixes ruleIndex
	// forms lists every form, for suggestions two edits away; it is
	// built on first use.
	forms     []string
	formsOnce sync.Once
	// compounds are the COMPOUNDRULE patterns (ordinals such as 21st).
	compounds   []*regexp.Regexp
	iconv       *strings.Replacer
	try         string
	rep         [][2]string
	canCompound bool
	compoundMin int
}

// rule is one affix rule with its class's flag.
type rule struct {
	*affixRule
	flag  string
	cross bool
}

// ruleIndex holds prefix rules by the first byte of the text they add,
// or suffix rules by the last.
type ruleIndex struct {
	byByte [256][]rule
	bare   []rule // the rules that add nothing
}

func (x *ruleIndex) add(r rule, prefix bool) {
	switch {
	case r.text == "":
		x.bare = append(x.bare, r)
	case prefix:
		x.byByte[r.text[0]] = append(x.byByte[r.text[0]], r)
	default:
		x.byByte[r.text[len(r.text)-1]] = append(x.byByte[r.text[len(r.text)-1]], r)
	}
}

// around lists the rules word may have been made with: those whose text
// starts (prefixes) or ends (suffixes) with word's byte at that end, and
// those that add nothing.
func (x *ruleIndex) around(word string, prefix bool) (bare, byEnd []rule) {
	if word == "" {
		return x.bare, nil
	}
	if prefix {
		return x.bare, x.byByte[word[0]]
	}
	return x.bare, x.byByte[word[len(word)-1]]
}

// Read reads a dictionary from its .aff and .dic files' contents.
func Read(aff, dic io.Reader) (*Dictionary, error) {
	a, err := parseAffixes(aff)
	if err != nil {
		return nil, fmt.Errorf("affix file: %w", err)
	}
	text, err := io.ReadAll(dic)
	if err != nil {
		return nil, fmt.Errorf("dictionary file: %w", err)
	}
	return compile(a, string(text))
}

// compile indexes an .aff file's rules and a .dic file's entries.
func compile(a *affixFile, dic string) (*Dictionary, error) {
	d := &Dictionary{
		aff:         a,
		try:         a.try,
		rep:         a.replacements,
		canCompound: a.compounding(),
		compoundMin: a.compoundMin,
	}
	for flag, af := range a.affixes {
		for i := range af.rules {
			r := rule{affixRule: &af.rules[i], flag: flag, cross: af.crossProduct}
			if af.prefix {
				d.prefixes.add(r, true)
			} else {
				d.suffixes.add(r, false)
			}
		}
	}
	// The first line is the word count.
	count, dic, _ := strings.Cut(dic, "\n")
	n, _ := strconv.Atoi(strings.TrimSpace(count))
	d.stems = make(map[string]string, min(max(n, 0), 1<<20))
	for dic != "" {
		var line string
		line, dic, _ = strings.Cut(dic, "\n")
		// An entry may carry morphological fields after whitespace
		// ("abandonware/M	Noun: uncountable"); only the first is the word.
		entry := firstField(line)
		if entry == "" {
			continue
		}
		word, flags, standalone, err := a.readEntry(entry)
		if err != nil || !standalone {
			// A malformed entry costs that word, not the dictionary.
			continue
		}
		if other, ok := d.stems[word]; ok {
			flags = other + " " + flags
		}
		d.stems[word] = flags
	}
	for _, rule := range a.compoundRule {
		var b strings.Builder
		b.WriteString("^")
		for f := range a.flags(rule) {
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

// firstField is the first of strings.Fields(line), or "", split in one
// pass without allocating while line is ASCII, as nearly every entry is.
func firstField(line string) string {
	start := -1
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c >= utf8.RuneSelf:
			// Unicode has white space of its own.
			if f := strings.Fields(line); len(f) > 0 {
				return f[0]
			}
			return ""
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			if start >= 0 {
				return line[start:i]
			}
		case start < 0:
			start = i
		}
	}
	if start < 0 {
		return ""
	}
	return line[start:]
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

// Len is the number of word forms the dictionary knows. The first call
// lists them all.
func (d *Dictionary) Len() int { return len(d.allForms()) }

// allForms lists every form of every entry, once, unsorted.
func (d *Dictionary) allForms() []string {
	d.formsOnce.Do(func() {
		seen := make(map[string]struct{}, 3*len(d.stems))
		var forms []string
		for word, entries := range d.stems {
			for flags := range strings.SplitSeq(entries, " ") {
				forms = d.aff.expand(word, flags, forms[:0])
				for _, w := range forms {
					seen[w] = struct{}{}
				}
			}
		}
		d.forms = make([]string, 0, len(seen))
		for w := range seen {
			d.forms = append(d.forms, w)
		}
	})
	return d.forms
}

// known reports whether word is a form of some entry: the entry's word,
// or the word with one of the entry's affixes, or with a cross-product
// prefix and suffix both.
func (d *Dictionary) known(word string) bool { return d.derives(word, nil) }

// hidden reports whether word is a form of an entry flagged NOSUGGEST
// (slurs and vulgarities in SCOWL): accepted, never offered as a fix.
func (d *Dictionary) hidden(word string) bool {
	flag := d.aff.noSuggest
	return flag != "" && d.derives(word, func(flags string) bool { return d.aff.hasFlag(flags, flag) })
}

// derives reports whether word is a form of an entry whose flag text
// want accepts (any entry when want is nil). It undoes each affix whose
// text word starts or ends with, and looks the stem up: the inverse of
// affixFile.expand.
func (d *Dictionary) derives(word string, want func(flags string) bool) bool {
	if d.entry(word, "", "", want) {
		return true
	}
	bare, byEnd := d.suffixes.around(word, false)
	for _, rules := range [2][]rule{bare, byEnd} {
		for _, r := range rules {
			if !strings.HasSuffix(word, r.text) {
				continue
			}
			stem := word[:len(word)-len(r.text)] + r.strip
			if r.cond.match(stem) && (d.entry(stem, r.flag, "", want) || r.cross && d.crossPrefixed(stem, r.flag, want)) {
				return true
			}
		}
	}
	bare, byEnd = d.prefixes.around(word, true)
	for _, rules := range [2][]rule{bare, byEnd} {
		for _, r := range rules {
			if !strings.HasPrefix(word, r.text) {
				continue
			}
			if stem := r.strip + word[len(r.text):]; r.cond.match(stem) && d.entry(stem, r.flag, "", want) {
				return true
			}
		}
	}
	return false
}

// crossPrefixed reports whether word is a cross-product prefix's form of
// an entry that also carries the cross-product suffix flag suffixFlag.
func (d *Dictionary) crossPrefixed(word, suffixFlag string, want func(flags string) bool) bool {
	bare, byEnd := d.prefixes.around(word, true)
	for _, rules := range [2][]rule{bare, byEnd} {
		for _, r := range rules {
			if !r.cross || !strings.HasPrefix(word, r.text) {
				continue
			}
			if stem := r.strip + word[len(r.text):]; r.cond.match(stem) && d.entry(stem, r.flag, suffixFlag, want) {
				return true
			}
		}
	}
	return false
}

// entry reports whether stem is a standalone entry whose flags include
// flag and also (when not "") and that want accepts.
func (d *Dictionary) entry(stem, flag, also string, want func(flags string) bool) bool {
	entries, ok := d.stems[stem]
	if !ok {
		return false
	}
	for flags := range strings.SplitSeq(entries, " ") {
		if (flag == "" || d.aff.hasFlag(flags, flag)) && (also == "" || d.aff.hasFlag(flags, also)) &&
			(want == nil || want(flags)) {
			return true
		}
	}
	return false
}

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
	if d.known(word) {
		return true
	}
	lower := strings.ToLower(word)
	return lower != word && d.known(lower)
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
		return d.known(units)
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
	return d.known(string(unicode.ToUpper(r)) + word[n:])
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
