package spell

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// condition is an affix rule's condition: what a word must end with (a
// suffix's) or start with (a prefix's) for the rule to apply. Hunspell
// writes one character per element: a letter, "." for any, or a bracket
// class ("[^aeiou]y"). Such conditions are matched element by element;
// any other is a Go regular expression, as Vale reads every condition.
type condition struct {
	elems  []condElem
	prefix bool
	re     *regexp.Regexp // a condition outside Hunspell's syntax
}

// condElem matches one character: any but a newline, or one of (or,
// negated, none of) runes.
type condElem struct {
	any, negated bool
	runes        string
}

// newCondition reads the condition text of a PFX or SFX line.
func newCondition(text string, prefix bool) (*condition, error) {
	if elems, ok := simpleCondition(text); ok {
		return &condition{elems: elems, prefix: prefix}, nil
	}
	pat := text + "$"
	if prefix {
		pat = "^" + text
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil, fmt.Errorf("condition %q: %w", text, err)
	}
	return &condition{re: re}, nil
}

// simpleCondition splits text into elements, or reports false when it is
// more than letters, dots and bracket classes of letters (a range, an
// escape, a repetition), which then goes to the regular expression engine.
func simpleCondition(text string) ([]condElem, bool) {
	var out []condElem
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError:
			return nil, false
		case r == '.':
			out = append(out, condElem{any: true})
			i += size
		case r == '[':
			end := strings.IndexByte(text[i:], ']')
			if end < 0 {
				return nil, false
			}
			class := text[i+1 : i+end]
			negated := strings.HasPrefix(class, "^")
			class = strings.TrimPrefix(class, "^")
			if class == "" || strings.ContainsAny(class, `\[]-^`) || !utf8.ValidString(class) {
				return nil, false
			}
			out = append(out, condElem{negated: negated, runes: class})
			i += end + 1
		case strings.ContainsRune(`\+*?(){}|^$]`, r):
			return nil, false
		default:
			out = append(out, condElem{runes: text[i : i+size]})
			i += size
		}
	}
	return out, true
}

func (e condElem) match(r rune) bool {
	if e.any {
		return r != '\n'
	}
	return strings.ContainsRune(e.runes, r) != e.negated
}

// match reports whether word meets the condition. A nil condition (".")
// is met by every word.
func (c *condition) match(word string) bool {
	switch {
	case c == nil:
		return true
	case c.re != nil:
		return c.re.MatchString(word)
	case c.prefix:
		for _, e := range c.elems {
			r, size := utf8.DecodeRuneInString(word)
			if size == 0 || !e.match(r) {
				return false
			}
			word = word[size:]
		}
		return true
	}
	for i := len(c.elems) - 1; i >= 0; i-- {
		r, size := utf8.DecodeLastRuneInString(word)
		if size == 0 || !c.elems[i].match(r) {
			return false
		}
		word = word[:len(word)-size]
	}
	return true
}
