package style

import (
	"errors"
	"fmt"
	"slices"
)

// consistency keeps a post to one of two spellings of a term ("advisor"
// or "adviser"). Like Vale, it remembers which spellings the post has
// used so far, unit by unit in file order, and reports each unit that
// uses one of a pair once both have appeared: the first unit to mix them
// and every later unit that uses either.
type consistency struct {
	spec  Spec
	pairs []eitherPair
}

// eitherPair is one `either` entry: one pattern with the two spellings as
// named groups, so that a match says which spelling it is, and the
// overlapping case ("e-mail" against "mail") resolves as one alternation,
// as in Vale.
type eitherPair struct {
	pattern matcher
	// groups are the capture-group numbers of the two spellings.
	groups [2]int
	// lits are literals one of which every match contains (nil: not
	// known), for the literal index.
	lits []string
}

func newConsistency(s Spec) (Rule, error) {
	if len(s.Either) == 0 {
		return nil, errors.New("a consistency rule needs either")
	}
	keys := make([]string, 0, len(s.Either))
	for k := range s.Either {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the order only affects the order of findings in a unit
	r := &consistency{spec: s}
	for _, k := range keys {
		alt := fmt.Sprintf("(?P<first>%s)|(?P<second>%s)", k, s.Either[k])
		expr := wordPattern(&s, []string{alt}, !s.Nonword)
		m, err := compilePattern(expr)
		if err != nil {
			return nil, fmt.Errorf("either %q: %w", k, err)
		}
		p := eitherPair{pattern: m, lits: literals(expr)}
		for i, name := range []string{"first", "second"} {
			if p.groups[i] = groupNumber(m, name); p.groups[i] < 0 {
				return nil, fmt.Errorf("either %q: a pattern must not name a group %q", k, name)
			}
		}
		r.pairs = append(r.pairs, p)
	}
	return r, nil
}

// groupNumber is the number of a named capture group, or -1.
func groupNumber(m matcher, name string) int {
	switch re := m.(type) {
	case re2:
		return re.SubexpIndex(name)
	case backtracking:
		// regexp2 numbers named groups after the unnamed ones.
		return re.GroupNumberFromName(name)
	}
	return -1
}

func (r *consistency) Spec() *Spec { return &r.spec }

// parts are the pairs: a pair runs only on the blocks that hold one of its
// literals. Skipping the others is exact, although the rule reads the
// post in order: where a pair cannot match, it sees nothing.
func (r *consistency) parts() []part {
	out := make([]part, len(r.pairs))
	for i, p := range r.pairs {
		out[i] = part{lits: p.lits}
	}
	return out
}

func (r *consistency) run(c *checker, units []unit) {
	seen := make([][2]bool, len(r.pairs))
	for _, u := range units {
		text := u.text()
		for i, p := range r.pairs {
			if !c.on(u, i) {
				continue
			}
			matched := false
			// Vale points at the span of the last group that took part in
			// the unit's last match (a spelling, or a group inside it):
			// that is where its alert lands.
			last := []int{-1, -1}
			p.pattern.each(c.budget, text, func(loc []int) {
				matched = true
				for g := 2; g+1 < len(loc); g += 2 {
					if loc[g] < 0 {
						continue
					}
					last = []int{loc[g], loc[g+1]}
					switch g / 2 {
					case p.groups[0]:
						seen[i][0] = true
					case p.groups[1]:
						seen[i][1] = true
					}
				}
			})
			if matched && seen[i][0] && seen[i][1] && last[0] >= 0 {
				c.report(u, last[0], last[1], formatMessage(r.spec.Message, text[last[0]:last[1]]), nil)
			}
		}
	}
}
