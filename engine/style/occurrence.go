package style

import (
	"errors"
	"strconv"
	"strings"
)

// occurrence limits how often its pattern may appear in each unit of its
// scope: at most Max hashtags per post, at most 3 commas per sentence.
type occurrence struct {
	spec    Spec
	pattern matcher
	lits    []string
}

// parts filters only a rule without a minimum: with one, text that lacks
// the pattern is exactly what it reports.
func (r *occurrence) parts() []part {
	if r.spec.Min > 0 {
		return []part{{}}
	}
	return []part{{lits: r.lits}}
}

func newOccurrence(s Spec) (Rule, error) {
	if s.Min == 0 && s.Max == 0 {
		return nil, errors.New("an occurrence rule needs min or max")
	}
	var alts []string
	if len(nonEmpty(s.Tokens)) > 0 {
		alts = append(alts, `\b(?:`+strings.Join(nonEmpty(s.Tokens), "|")+`)\b`)
	}
	alts = append(alts, s.Patterns...)
	if len(alts) == 0 {
		return nil, errors.New("an occurrence rule needs tokens or patterns to count")
	}
	expr := "(?:" + strings.Join(alts, "|") + ")"
	if s.IgnoreCase {
		expr = "(?i)" + expr
	}
	p, err := compilePattern(expr)
	if err != nil {
		return nil, err
	}
	return &occurrence{spec: s, pattern: p, lits: literals(expr)}, nil
}

func (r *occurrence) Spec() *Spec { return &r.spec }

func (r *occurrence) run(c *checker, units []unit) {
	for _, u := range units {
		text := u.text()
		var locs [][2]int
		r.pattern.each(c.budget, text, func(loc []int) { locs = append(locs, [2]int{loc[0], loc[1]}) })
		n := len(locs)
		if !(r.spec.Max > 0 && n > r.spec.Max) && !(r.spec.Min > 0 && n < r.spec.Min) {
			continue
		}
		msg := formatMessage(r.spec.Message, strconv.Itoa(n))
		if n == 0 {
			// Nothing to point at: the whole unit lacks it.
			c.report(u, 0, len(text), msg, nil)
			continue
		}
		// Vale points at the first match that is not blank.
		for _, l := range locs {
			if strings.TrimSpace(text[l[0]:l[1]]) != "" {
				c.report(u, l[0], l[1], msg, nil)
				break
			}
		}
	}
}
