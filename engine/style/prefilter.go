package style

import (
	"regexp"
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
	set, ok := required(re.Simplify())
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

// pureLiteral describes a pattern that is one literal string, perhaps with
// word boundaries and case folding: `(?i)\bsynergy\b`. Such a pattern needs
// no regular-expression engine at all: the literal index's own matches,
// checked for boundaries and case, are its matches.
type pureLiteral struct {
	text                string // as written in the pattern
	fold                bool   // (?i): ASCII case does not matter
	leftWord, rightWord bool   // \b at the start, at the end
}

// pure returns the pattern's pureLiteral, or nil. Only ASCII literals
// qualify, because the literal index folds only ASCII case.
func pure(expr string) *pureLiteral {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
	}
	p := &pureLiteral{}
	if len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		p.leftWord, subs = true, subs[1:]
	}
	if len(subs) > 0 && subs[len(subs)-1].Op == syntax.OpWordBoundary {
		p.rightWord, subs = true, subs[:len(subs)-1]
	}
	if len(subs) != 1 || subs[0].Op != syntax.OpLiteral {
		return nil
	}
	lit := subs[0]
	p.text, p.fold = string(lit.Rune), lit.Flags&syntax.FoldCase != 0
	for _, r := range p.text {
		if r >= utf8.RuneSelf {
			return nil
		}
	}
	return p
}

// matchAt reports whether the literal, found (ASCII case aside) at
// text[s:], is a match of the pattern there.
func (p *pureLiteral) matchAt(text string, s int) bool {
	e := s + len(p.text)
	if e > len(text) || (!p.fold && text[s:e] != p.text) {
		return false
	}
	if p.leftWord && isWordByte(at(text, s-1)) == isWordByte(at(text, s)) {
		return false
	}
	if p.rightWord && isWordByte(at(text, e-1)) == isWordByte(at(text, e)) {
		return false
	}
	return true
}

func at(s string, i int) int {
	if i < 0 || i >= len(s) {
		return -1
	}
	return int(s[i])
}

// isWordByte is RE2's \w: ASCII letters, digits and underscore.
func isWordByte(c int) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// anchor is a pattern whose every match starts with one of a few literal
// strings: `\b(?:am|are|is|was)\b\s*\b\w+ed\b`. The literal index finds
// where those strings occur, and the pattern runs only there, anchored,
// instead of being tried at every position of the text.
type anchor struct {
	prefixes []string // lower-cased
	leftWord bool     // the pattern starts with \b
	anchored *regexp.Regexp
}

// maxPrefixes bounds the cross product of literal sets (see prefixes).
const maxPrefixes = 256

// newAnchor returns the pattern's anchor, or nil when its matches need not
// start with a literal (or it is not RE2 syntax).
func newAnchor(expr string) *anchor {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
	}
	a := &anchor{}
	for len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		a.leftWord, subs = true, subs[1:]
	}
	// The prefixes: the cross product of the leading children that match
	// exactly one of a few strings.
	var set []string
	for _, sub := range subs {
		s, ok := exact(sub)
		if !ok || len(set)*max(len(s), 1) > maxPrefixes && set != nil {
			break
		}
		if set == nil {
			set = s
			continue
		}
		var next []string
		for _, x := range set {
			for _, y := range s {
				next = append(next, x+y)
			}
		}
		set = next
	}
	if len(set) == 0 || !allASCII(set) {
		return nil
	}
	for i, s := range set {
		set[i] = toLowerASCII(s)
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: subs, Flags: re.Flags}
	anchored, err := regexp.Compile(`^(?:` + rest.String() + `)`)
	if err != nil {
		return nil
	}
	a.prefixes, a.anchored = set, anchored
	return a
}

// exact returns the strings re matches when it matches exactly one of a
// few fixed strings, ignoring case (literals, small classes, alternations
// and groups of them).
func exact(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{string(re.Rune)}, len(re.Rune) > 0
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if out = append(out, string(r)); len(out) > 8 {
					return nil, false
				}
			}
		}
		return out, len(out) > 0
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s, ok := exact(sub)
			if !ok {
				return nil, false
			}
			if out = append(out, s...); len(out) > maxPrefixes {
				return nil, false
			}
		}
		return out, true
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			s, ok := exact(sub)
			if !ok || len(out)*len(s) > maxPrefixes {
				return nil, false
			}
			var next []string
			for _, x := range out {
				for _, y := range s {
					next = append(next, x+y)
				}
			}
			out = next
		}
		return out, true
	}
	return nil, false
}

// each calls fn with every match in text, trying only the candidate
// starts (sorted, relative to text), as FindAll would report them.
func (a *anchor) each(text string, starts []int, fn func(loc []int)) {
	end := 0
	for _, s := range starts {
		if s < end || s < 0 || s >= len(text) {
			continue
		}
		if a.leftWord && isWordByte(at(text, s-1)) == isWordByte(at(text, s)) {
			continue
		}
		loc := a.anchored.FindStringSubmatchIndex(text[s:])
		if loc == nil {
			continue
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += s
			}
		}
		if loc[1] == loc[0] {
			continue // an empty match: FindAll's handling of these is not worth copying
		}
		fn(loc)
		end = loc[1]
	}
}
