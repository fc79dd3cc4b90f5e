package style

import (
	"errors"
	"slices"
	"strings"
)

// conditional requires that every match of First's capture group is
// defined by a match of Second somewhere earlier in the post: an acronym
// spelled out before it is used, "World Health Organization (WHO)".
type conditional struct {
	spec          Spec
	first, second matcher
	except        matcher
	// secondGroups: Second captures what it defines; without a group the
	// rule is a presence check, as in Vale.
	secondGroups bool
}

func newConditional(s Spec) (Rule, error) {
	if s.First == "" || s.Second == "" {
		return nil, errors.New("a conditional rule needs first and second")
	}
	prefix := ""
	if s.IgnoreCase {
		prefix = "(?i)"
	}
	first, err := compilePattern(prefix + s.First)
	if err != nil {
		return nil, err
	}
	second, err := compilePattern(prefix + s.Second)
	if err != nil {
		return nil, err
	}
	ex, err := compileExceptions(&s)
	if err != nil {
		return nil, err
	}
	groups := strings.Count(s.Second, "(") > strings.Count(s.Second, "(?")+strings.Count(s.Second, `\(`)
	return &conditional{spec: s, first: first, second: second, except: ex, secondGroups: groups}, nil
}

func (r *conditional) Spec() *Spec { return &r.spec }

// parts: the rule always runs.
func (r *conditional) parts() []part { return []part{{}} }

func (r *conditional) run(c *checker, units []unit) {
	var defined []string
	for _, u := range units {
		text := u.text()
		if !r.secondGroups {
			if r.second.match(c.budget, text) {
				continue
			}
		} else {
			r.second.each(c.budget, text, func(loc []int) {
				for g := 2; g+1 < len(loc); g += 2 {
					if loc[g] >= 0 && loc[g+1] > loc[g] {
						defined = append(defined, text[loc[g]:loc[g+1]])
					}
				}
			})
		}
		r.first.each(c.budget, text, func(loc []int) {
			m := text[loc[0]:loc[1]]
			if (r.secondGroups && slices.Contains(defined, m)) || excepted(c, r.except, m) {
				return
			}
			c.report(u, loc[0], loc[1], formatMessage(r.spec.Message, m), nil)
		})
	}
}
