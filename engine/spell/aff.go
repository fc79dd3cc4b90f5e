// This file is derived from Vale's internal/spell/aff.go (MIT License,
// Copyright (c) 2016 Nick Galbreath, from github.com/client9/gospell, and
// Copyright (c) 2017 Joseph Kato); see LICENSE.gospell beside it.

package spell

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// affix is one PFX or SFX class of an .aff file: the rules a flag applies.
type affix struct {
	rules        []affixRule
	prefix       bool
	crossProduct bool
}

// affixRule is one line of an affix class.
type affixRule struct {
	strip string
	text  string     // the prefix or suffix added
	cond  *condition // nil: the rule applies to every word
}

// expand appends every form the affix makes of word.
func (a affix) expand(word string, out []string) []string {
	for _, r := range a.rules {
		if !r.cond.match(word) {
			continue
		}
		if a.prefix {
			// Hunspell strips prefixes too; Vale's port did not, which no
			// English dictionary notices (their PFX strips are all 0).
			if !strings.HasPrefix(word, r.strip) {
				continue
			}
			out = append(out, r.text+word[len(r.strip):])
			continue
		}
		if !strings.HasSuffix(word, r.strip) {
			continue
		}
		out = append(out, word[:len(word)-len(r.strip)]+r.text)
	}
	return out
}

// affixFile is what Greenlight reads of a Hunspell .aff file.
type affixFile struct {
	iconv        []string // ICONV pairs: from, to, from, to, …
	replacements [][2]string
	compoundRule []string
	flag         string // FLAG: ASCII (default), UTF-8, long or num
	try          string
	compoundOnly string
	compoundFlag string
	compoundBeg  string
	compoundMid  string
	compoundEnd  string
	noSuggest    string
	affixes      map[string]affix
	compoundMin  int
	// compoundWords lists, per COMPOUNDRULE flag, the words that carry it.
	compoundWords map[string][]string
	// recorded holds the characters of ONLYINCOMPOUND and the
	// COMPOUNDRULE flags when flags are characters: an entry with none
	// of them has nothing for readEntry to record.
	recorded string
}

// compounding reports whether the dictionary compounds through affix
// flags (COMPOUNDFLAG, BEGIN, MIDDLE, END), as German and Dutch do.
func (a *affixFile) compounding() bool {
	return a.compoundFlag != "" || a.compoundBeg != "" || a.compoundMid != "" || a.compoundEnd != ""
}

// flags splits a flag string by the dictionary's FLAG type: ASCII and
// UTF-8 flags are one character each, long flags two bytes, num flags
// numbers between commas.
func (a *affixFile) flags(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		switch a.flag {
		case "num":
			for f := range strings.SplitSeq(s, ",") {
				if !yield(f) {
					return
				}
			}
		case "long":
			for i := 0; i+1 < len(s); i += 2 {
				if !yield(s[i : i+2]) {
					return
				}
			}
		default:
			for i, r := range s {
				f := "\uFFFD" // an invalid byte reads as U+FFFD
				if r != utf8.RuneError {
					f = s[i : i+utf8.RuneLen(r)]
				}
				if !yield(f) {
					return
				}
			}
		}
	}
}

// hasFlag reports whether flagText, an entry's flags, includes flag.
func (a *affixFile) hasFlag(flagText, flag string) bool {
	for f := range a.flags(flagText) {
		if f == flag {
			return true
		}
	}
	return false
}

// readEntry splits a .dic entry ("word/flags") into its word and flag
// text, and records the word under each COMPOUNDRULE flag it carries.
// standalone is false for an ONLYINCOMPOUND entry, which is no word alone.
func (a *affixFile) readEntry(entry string) (word, flagText string, standalone bool, err error) {
	word, flagText, ok := strings.Cut(entry, "/")
	if !ok {
		return entry, "", true, nil
	}
	if word == "" || flagText == "" {
		return "", "", false, fmt.Errorf("entry %q: a slash first or last", entry)
	}
	if a.flag != "long" && a.flag != "num" && !strings.ContainsAny(flagText, a.recorded) {
		return word, flagText, true, nil
	}
	standalone = true
	for f := range a.flags(flagText) {
		if f == a.compoundOnly {
			standalone = false
			continue
		}
		if words, ok := a.compoundWords[f]; ok {
			a.compoundWords[f] = append(words, word)
		}
	}
	return word, flagText, standalone, nil
}

// expand appends every word a standalone entry stands for: the word and
// each form its affixes make.
func (a *affixFile) expand(word, flagText string, out []string) []string {
	out = append(out, word)
	var prefixes, suffixes []affix
	for f := range a.flags(flagText) {
		af, ok := a.affixes[f]
		switch {
		case !ok:
		case !af.crossProduct:
			out = af.expand(word, out)
		case af.prefix:
			prefixes = append(prefixes, af)
		default:
			suffixes = append(suffixes, af)
		}
	}
	for _, suf := range suffixes {
		out = suf.expand(word, out)
	}
	for _, pre := range prefixes {
		prefixed := pre.expand(word, nil)
		out = append(out, prefixed...)
		for _, suf := range suffixes {
			for _, w := range prefixed {
				out = suf.expand(w, out)
			}
		}
	}
	return out
}

// parseAffixes reads an .aff file. Lines of directives Greenlight does
// not use are skipped, as Hunspell skips lines it does not know.
func parseAffixes(r io.Reader) (*affixFile, error) {
	a := &affixFile{
		flag:          "ASCII",
		affixes:       map[string]affix{},
		compoundWords: map[string][]string{},
		compoundMin:   3, // Hunspell's default
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		parts := strings.Fields(sc.Text())
		if len(parts) == 0 {
			continue
		}
		if err := a.directive(parts); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// A flag of more than one character is never an entry's, which are
	// one character each.
	for _, f := range append(slices.Collect(maps.Keys(a.compoundWords)), a.compoundOnly) {
		if utf8.RuneCountInString(f) == 1 {
			a.recorded += f
		}
	}
	return a, nil
}

func (a *affixFile) directive(parts []string) error {
	need := func(n int) error {
		if len(parts) < n {
			return fmt.Errorf("%s needs %d fields, has %d", parts[0], n, len(parts))
		}
		return nil
	}
	switch strings.TrimPrefix(parts[0], "\uFEFF") {
	case "TRY":
		if err := need(2); err != nil {
			return err
		}
		a.try = parts[1]
	case "ICONV":
		// The first ICONV line only gives a count.
		if len(parts) == 2 {
			return nil
		}
		if err := need(3); err != nil {
			return err
		}
		a.iconv = append(a.iconv, parts[1], parts[2])
	case "REP":
		if len(parts) == 2 {
			return nil
		}
		if err := need(3); err != nil {
			return err
		}
		a.replacements = append(a.replacements, [2]string{parts[1], parts[2]})
	case "COMPOUNDMIN":
		if err := need(2); err != nil {
			return err
		}
		v, err := strconv.Atoi(parts[1])
		if err != nil {
			return fmt.Errorf("COMPOUNDMIN %q is not a number", parts[1])
		}
		a.compoundMin = v
	case "ONLYINCOMPOUND":
		if err := need(2); err != nil {
			return err
		}
		a.compoundOnly = parts[1]
	case "COMPOUNDRULE":
		if err := need(2); err != nil {
			return err
		}
		if _, err := strconv.Atoi(parts[1]); err == nil {
			return nil // the count line
		}
		a.compoundRule = append(a.compoundRule, parts[1])
		for f := range a.flags(parts[1]) {
			if _, ok := a.compoundWords[f]; !ok {
				a.compoundWords[f] = nil
			}
		}
	case "NOSUGGEST":
		if err := need(2); err != nil {
			return err
		}
		a.noSuggest = parts[1]
	case "COMPOUNDFLAG", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND":
		if len(parts) < 2 {
			return nil
		}
		switch parts[0] {
		case "COMPOUNDFLAG":
			a.compoundFlag = parts[1]
		case "COMPOUNDBEGIN":
			a.compoundBeg = parts[1]
		case "COMPOUNDMIDDLE":
			a.compoundMid = parts[1]
		default:
			a.compoundEnd = parts[1]
		}
	case "FLAG":
		if err := need(2); err != nil {
			return err
		}
		a.flag = parts[1]
	case "PFX", "SFX":
		return a.affixLine(parts)
	}
	return nil
}

// affixLine reads a PFX or SFX line: a header (`SFX flag Y|N count`) or a
// rule (`SFX flag strip affix [condition]`). Both can have four fields,
// so a header is told apart by its Y or N and its count.
func (a *affixFile) affixLine(parts []string) error {
	prefix := parts[0] == "PFX"
	if len(parts) == 4 && (parts[2] == "Y" || parts[2] == "N") && allDigits(parts[3]) {
		a.affixes[parts[1]] = affix{prefix: prefix, crossProduct: parts[2] == "Y"}
		return nil
	}
	if len(parts) < 4 {
		return fmt.Errorf("%s line with %d fields", parts[0], len(parts))
	}
	flag := parts[1]
	af, ok := a.affixes[flag]
	if !ok {
		return fmt.Errorf("rules for flag %q before its header", flag)
	}
	r := affixRule{}
	if parts[2] != "0" {
		r.strip = parts[2]
	}
	// An affix's own continuation flags ("t/34,22") are not applied
	// recursively; dropping them keeps the affix text a word.
	text, _, _ := strings.Cut(parts[3], "/")
	if text != "0" {
		r.text = text
	}
	if len(parts) > 4 && parts[4] != "." {
		c, err := newCondition(parts[4], prefix)
		if err != nil {
			return err
		}
		r.cond = c
	}
	af.rules = append(af.rules, r)
	a.affixes[flag] = af
	return nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
