package style

import (
	"regexp"
	"regexp/syntax"
)

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
	subs, ok := concatOf(expr)
	if !ok {
		return nil
	}
	return anchorOf(subs)
}

// anchorOf is newAnchor of a pattern parsed, as concatOf splits it.
func anchorOf(subs []*syntax.Regexp) *anchor {
	a := &anchor{}
	for len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		a.leftWord, subs = true, subs[1:]
	}
	// The prefixes: the cross product of the leading children that match
	// exactly one of a few strings.
	var set []string
	for _, sub := range subs {
		s, ok := exact(sub)
		if !ok {
			break
		}
		if set == nil {
			set = s
		} else if set, ok = cross(set, s); !ok {
			break
		}
	}
	if len(set) == 0 || !allASCII(set) {
		return nil
	}
	for i, s := range set {
		set[i] = toLowerASCII(s)
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: subs}
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
			if !ok {
				return nil, false
			}
			if out, ok = cross(out, s); !ok {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// cross is every x+y, or false when there would be more than maxPrefixes.
func cross(xs, ys []string) ([]string, bool) {
	if len(xs)*len(ys) > maxPrefixes {
		return nil, false
	}
	out := make([]string, 0, len(xs)*len(ys))
	for _, x := range xs {
		for _, y := range ys {
			out = append(out, x+y)
		}
	}
	return out, true
}

// concatOf parses expr and returns its top-level sequence: the children
// of a concatenation, or the expression alone (groups unwrapped).
func concatOf(expr string) ([]*syntax.Regexp, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	return concatOfParsed(re.Simplify()), true
}

// concatOfParsed is concatOf of a pattern parsed and simplified.
func concatOfParsed(re *syntax.Regexp) []*syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op == syntax.OpConcat {
		return re.Sub
	}
	return []*syntax.Regexp{re}
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
