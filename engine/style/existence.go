package style

import (
	"errors"
	"strings"
)

// existence reports every match of its pattern: banned words, hype,
// anything that should not be there.
type existence struct {
	spec    Spec
	pattern matcher
	except  matcher
	lits    []string
}

func (r *existence) literals() []string { return r.lits }

func newExistence(s Spec) (Rule, error) {
	if len(nonEmpty(s.Tokens)) == 0 && len(s.Raw) == 0 && len(s.Patterns) == 0 {
		return nil, errors.New("an existence rule needs tokens or patterns")
	}
	var alts []string
	if len(nonEmpty(s.Tokens)) > 0 || len(s.Raw) > 0 {
		// Vale: raw is joined and put before (or, with append, after) the
		// token template; without tokens the template is an empty group.
		tmpl := wordPattern(&Spec{}, s.Tokens, !s.Nonword && len(nonEmpty(s.Tokens)) > 0)
		raw := strings.Join(s.Raw, "")
		if s.Append {
			alts = append(alts, tmpl+raw)
		} else {
			alts = append(alts, raw+tmpl)
		}
	}
	if len(s.Patterns) > 0 {
		alts = append(alts, `(?m)(?:`+strings.Join(s.Patterns, "|")+`)`)
	}
	expr := alts[0]
	if len(alts) > 1 {
		expr = "(?:" + strings.Join(alts, ")|(?:") + ")"
	}
	if s.IgnoreCase {
		expr = "(?i)" + expr
	}
	p, err := compilePattern(expr)
	if err != nil {
		return nil, err
	}
	ex, err := compileExceptions(&s)
	if err != nil {
		return nil, err
	}
	return &existence{spec: s, pattern: p, except: ex, lits: literals(expr)}, nil
}

func (r *existence) Spec() *Spec { return &r.spec }

func (r *existence) run(c *checker, units []unit) {
	for _, u := range units {
		text := u.text()
		r.pattern.each(text, func(loc []int) {
			m := text[loc[0]:loc[1]]
			if excepted(r.except, strings.TrimSpace(m)) {
				return
			}
			c.report(u, loc[0], loc[1], formatMessage(r.spec.Message, m), nil)
		})
	}
}
