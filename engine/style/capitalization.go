package style

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// capitalization checks the case of a whole unit, typically a title or a
// heading: title case (AP or Chicago), sentence case, lower, upper, or a
// regular expression the text must match.
type capitalization struct {
	spec    Spec
	check   func(words []string) bool
	want    string // for messages: "title case"
	pattern matcher
}

func newCapitalization(s Spec) (Rule, error) {
	r := &capitalization{spec: s}
	exceptions := s.Exceptions
	switch s.Match {
	case "$title":
		small := smallWords(s.Style)
		r.want, r.check = "title case", func(w []string) bool { return isTitle(w, small, exceptions) }
	case "$sentence":
		r.want, r.check = "sentence case", func(w []string) bool { return isSentence(w, exceptions) }
	case "$lower":
		r.want, r.check = "lower case", func(w []string) bool {
			return allWords(w, exceptions, func(x string) bool { return x == strings.ToLower(x) })
		}
	case "$upper":
		r.want, r.check = "upper case", func(w []string) bool {
			return allWords(w, exceptions, func(x string) bool { return x == strings.ToUpper(x) })
		}
	case "":
		return nil, fmt.Errorf("a capitalization rule needs match: $title, $sentence, $lower, $upper or a pattern")
	default:
		p, err := compilePattern(s.Match)
		if err != nil {
			return nil, err
		}
		r.pattern, r.want = p, "the expected form"
	}
	if len(s.Scope) == 0 {
		// Capitalization is about titles and headings, not body prose.
		r.spec.Scope = []Scope{ScopeTitle, ScopeHeading}
	}
	return r, nil
}

func (r *capitalization) Spec() *Spec { return &r.spec }

// parts: the rule always runs.
func (r *capitalization) parts() []part { return []part{{}} }

func (r *capitalization) run(c *checker, units []unit) {
	for _, u := range units {
		text := strings.TrimSpace(u.text())
		if text == "" {
			continue
		}
		ok := false
		if r.pattern != nil {
			ok = r.pattern.match(c.budget, text)
		} else {
			ok = r.check(strings.Fields(text))
		}
		if !ok {
			lead := len(u.text()) - len(strings.TrimLeftFunc(u.text(), unicode.IsSpace))
			c.report(u, lead, lead+len(text), formatMessage(r.spec.Message, text, r.want), nil)
		}
	}
}

// smallWords are left lower-case inside a title. AP lowercases words of up
// to three letters that are articles, conjunctions and prepositions; Chicago
// lowercases prepositions of any length.
func smallWords(style string) []string {
	ap := []string{"a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or", "per", "the", "to", "v", "v.", "vs", "vs.", "via"}
	if strings.EqualFold(style, "chicago") {
		return append(ap, "about", "above", "across", "after", "against", "along", "among", "around", "before",
			"behind", "below", "beneath", "beside", "between", "beyond", "down", "during", "except", "from",
			"inside", "into", "like", "near", "off", "onto", "out", "outside", "over", "past", "since", "through",
			"throughout", "till", "toward", "under", "underneath", "until", "up", "upon", "with", "within", "without")
	}
	return ap
}

func isTitle(words, small, exceptions []string) bool {
	for i, w := range words {
		core := strings.TrimFunc(w, notWordRune)
		if core == "" || slices.Contains(exceptions, core) || !startsWithLetter(core) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(core)
		inner := i > 0 && i < len(words)-1
		if inner && slices.Contains(small, strings.ToLower(core)) {
			if core != strings.ToLower(core) && !isUpper(core) {
				return false
			}
			continue
		}
		if !unicode.IsUpper(first) {
			return false
		}
	}
	return true
}

func isSentence(words, exceptions []string) bool {
	for i, w := range words {
		core := strings.TrimFunc(w, notWordRune)
		if core == "" || slices.Contains(exceptions, core) || !startsWithLetter(core) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(core)
		if i == 0 {
			if !unicode.IsUpper(first) {
				return false
			}
			continue
		}
		// Acronyms and "I" keep their capitals; other words start lower-case.
		if unicode.IsUpper(first) && !isUpper(core) && core != "I" {
			return false
		}
	}
	return true
}

func allWords(words, exceptions []string, ok func(string) bool) bool {
	for _, w := range words {
		core := strings.TrimFunc(w, notWordRune)
		if core != "" && !slices.Contains(exceptions, core) && !ok(core) {
			return false
		}
	}
	return true
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}
