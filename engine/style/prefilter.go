package style

import (
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// A prefilter lets a rule skip text its pattern cannot match. Most rules,
// and nearly all rules of public Vale styles, are lists of words: any match
// must contain one of a few literal strings. Checking for those strings in
// the lower-cased text is far cheaper than running the regular expression,
// and most rules match nothing in most posts.

// maxLiterals bounds the literals kept for one pattern: past it the
// automaton grows for little gain.
const maxLiterals = 4096

// literals returns lower-cased strings one of which every match of expr
// must contain, or nil when no such set is known (the rule always runs).
func literals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		// A lookaround is zero-width: without it the pattern matches a
		// superset of what it matched, so its literals still filter.
		re, err = syntax.Parse(stripLookarounds(expr), syntax.Perl)
		if err != nil {
			return nil // backreferences and the like: always run
		}
	}
	return literalsOf(re.Simplify())
}

// literalsOf is literals of a pattern parsed and simplified.
func literalsOf(re *syntax.Regexp) []string {
	set, ok := required(re)
	if !ok || len(set) == 0 || len(set) > maxLiterals {
		return nil
	}
	for i, s := range set {
		set[i] = strings.ToLower(s)
	}
	return set
}

func required(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		// Any one child's requirement will do; take the most selective:
		// the one least likely to occur in English text.
		var best []string
		bestCost := 0.0
		for _, sub := range re.Sub {
			set, ok := required(sub)
			if !ok {
				continue
			}
			if c := cost(set); best == nil || c < bestCost {
				best, bestCost = set, c
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			set, ok := required(sub)
			if !ok {
				return nil, false
			}
			all = append(all, set...)
			if len(all) > maxLiterals {
				return nil, false
			}
		}
		return all, true
	case syntax.OpCharClass:
		// A small class, such as [Ee] in "[Ee]-mail", is a set of literals.
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
				if len(out) > 10 { // [0-9] still filters
					return nil, false
				}
			}
		}
		return out, len(out) > 0
	}
	return nil, false
}

// cost estimates how often some literal of the set occurs in a block of
// English prose: a single letter nearly always, a digit or punctuation
// mark less, a longer string rarely. Only the order matters.
func cost(set []string) float64 {
	c := 0.0
	for _, s := range set {
		switch n := utf8.RuneCountInString(s); {
		case n >= 3:
			c += 0.001
		case n == 2:
			c += 0.02
		case strings.TrimSpace(s) == "":
			c += 1
		case strings.ContainsAny(strings.ToLower(s), "etaoinshrdlu"):
			c += 0.9
		case strings.ContainsAny(strings.ToLower(s), "abcdefghijklmnopqrstuvwxyz"):
			c += 0.3
		case s >= "0" && s <= "9":
			c += 0.02
		default:
			c += 0.05
		}
	}
	return c
}

// stripLookarounds removes (?=…), (?!…), (?<=…) and (?<!…) groups.
func stripLookarounds(expr string) string {
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		if c == '\\' && i+1 < len(expr) {
			b.WriteString(expr[i : i+2])
			i++
			continue
		}
		if c == '(' && (strings.HasPrefix(expr[i:], "(?=") || strings.HasPrefix(expr[i:], "(?!") ||
			strings.HasPrefix(expr[i:], "(?<=") || strings.HasPrefix(expr[i:], "(?<!")) {
			i = groupEnd(expr, i)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// groupEnd returns the index of the parenthesis closing the group that
// opens at i, skipping escapes and character classes.
func groupEnd(expr string, i int) int {
	depth, inClass := 0, false
	for ; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(expr)
}
