package style

import (
	"cmp"
	"regexp/syntax"
	"slices"
)

// altSet matches an alternation (?:a0|a1|…) one alternative at a time.
//
// Go's regexp runs a large alternation with its slowest engine, and style
// packages hold alternations of hundreds of words or swap keys, almost all
// of which are absent from any given post. Split into alternatives, only
// the ones whose literals occur in the text run at all: a pure literal
// takes its matches from the literal index, anything else runs its own
// small pattern. The matches are then merged the way one leftmost-first
// alternation reports them: scanning left to right, at each start the
// earliest alternative wins, and matches that overlap an accepted one are
// dropped.
type altSet struct {
	alts  []matcher
	parts []part
	// re2 is whether every alternative is RE2 syntax, which makes their
	// alternation RE2 syntax too.
	re2 bool
}

func newAltSet(exprs []string) (*altSet, error) {
	a := &altSet{re2: true}
	for _, e := range exprs {
		re, err := syntax.Parse(e, syntax.Perl)
		if err != nil {
			a.re2 = false
			// Not RE2 syntax (a lookaround, say): no pure literal, no
			// anchor, and regexp2 compiles it now.
			m, err := compilePattern(e)
			if err != nil {
				return nil, err
			}
			a.alts = append(a.alts, m)
			a.parts = append(a.parts, part{lits: literals(e)})
			continue
		}
		// Parsed once, for everything that reads its syntax.
		simple := re.Simplify()
		subs := concatOfParsed(simple)
		// A pure literal never runs a pattern: its matches come from the
		// literal index, so it is not even compiled.
		if p := pureOf(subs); p != nil {
			a.alts = append(a.alts, nil)
			a.parts = append(a.parts, part{lits: []string{toLowerASCII(p.text)}, pure: p})
			continue
		}
		if an := anchorOf(subs); an != nil {
			// It runs anchored where its prefixes occur, never as a whole.
			a.alts = append(a.alts, nil)
			a.parts = append(a.parts, part{lits: an.prefixes, anchor: an})
			continue
		}
		// RE2 syntax (parsed above), compiled when it first runs.
		a.alts = append(a.alts, &lazyPattern{expr: e})
		a.parts = append(a.parts, part{lits: literalsOf(simple)})
	}
	return a, nil
}

type altMatch struct {
	alt int
	loc []int
}

// each calls fn with the alternative and location of every match in the
// unit's text. c says which alternatives may match and where the pure ones
// occur.
func (a *altSet) each(c *checker, u unit, fn func(alt int, loc []int)) {
	text := u.text()
	var found []altMatch
	for i, m := range a.alts {
		if !c.on(u, i) {
			continue
		}
		if p := a.parts[i].pure; p != nil {
			for _, s := range c.starts(u, i) {
				if s+len(p.text) <= len(text) && p.matchAt(text, s) {
					found = append(found, altMatch{i, []int{s, s + len(p.text)}})
				}
			}
			continue
		}
		add := func(loc []int) { found = append(found, altMatch{i, slices.Clone(loc)}) }
		if an := a.parts[i].anchor; an != nil {
			an.each(text, c.starts(u, i), add)
		} else {
			m.each(c.budget, text, add)
		}
	}
	slices.SortFunc(found, func(x, y altMatch) int {
		return cmp.Or(cmp.Compare(x.loc[0], y.loc[0]), cmp.Compare(x.alt, y.alt))
	})
	end := -1
	for _, f := range found {
		if f.loc[0] < end || (f.loc[0] == end && f.loc[1] == end && end >= 0) {
			continue
		}
		fn(f.alt, f.loc)
		end = f.loc[1]
	}
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// partOf describes a compiled pattern to the literal index: anchored when
// its matches start with known literals, else filtered by the literals
// they contain.
func partOf(expr string) part {
	if a := newAnchor(expr); a != nil {
		return part{lits: a.prefixes, anchor: a}
	}
	return part{lits: literals(expr)}
}
