package style

import (
	"errors"
	"strings"
)

// existence reports every match of its pattern: banned words, hype,
// anything that should not be there.
type existence struct {
	spec   Spec
	except matcher
	// A plain token list runs as an altSet, one part per token; anything
	// else (raw, patterns) as one pattern.
	tokens  *altSet
	pattern matcher
	part    part
}

func newExistence(s Spec) (Rule, error) {
	tokens := nonEmpty(s.Tokens)
	if len(tokens) == 0 && len(s.Raw) == 0 && len(s.Patterns) == 0 {
		return nil, errors.New("an existence rule needs tokens or patterns")
	}
	ex, err := compileExceptions(&s)
	if err != nil {
		return nil, err
	}
	r := &existence{spec: s, except: ex}
	if len(s.Raw) == 0 && len(s.Patterns) == 0 {
		exprs := make([]string, len(tokens))
		for i, t := range tokens {
			exprs[i] = wordPattern(&s, []string{t}, !s.Nonword)
		}
		r.tokens, err = newAltSet(exprs)
		// Check the whole alternation, so a token that is only valid
		// inside the group (an unbalanced parenthesis pair across tokens)
		// fails as it would in Vale, with Vale's message. Alternatives
		// that are each RE2 syntax make a valid alternation: the check,
		// a second parse of every token, is then skipped.
		if err != nil || !r.tokens.re2 {
			if cerr := CheckPattern(wordPattern(&s, tokens, !s.Nonword)); cerr != nil {
				return nil, cerr
			}
		}
		return r, err
	}
	var alts []string
	if len(tokens) > 0 || len(s.Raw) > 0 {
		// Vale: raw is joined and put before (or, with append, after) the
		// token template; without tokens the template is an empty group.
		tmpl := wordPattern(&Spec{}, tokens, !s.Nonword && len(tokens) > 0)
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
	if r.part = partOf(expr); r.part.anchor != nil {
		return r, nil // it runs anchored, never as a whole
	}
	if r.pattern, err = compileLazily(expr); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *existence) Spec() *Spec { return &r.spec }

func (r *existence) parts() []part {
	if r.tokens != nil {
		return r.tokens.parts
	}
	return []part{r.part}
}

func (r *existence) run(c *checker, units []unit) {
	for _, u := range units {
		text := u.text()
		report := func(loc []int) {
			m := text[loc[0]:loc[1]]
			if excepted(c, r.except, strings.TrimSpace(m)) {
				return
			}
			c.report(u, loc[0], loc[1], formatMessage(r.spec.Message, m), nil)
		}
		if r.tokens != nil {
			r.tokens.each(c, u, func(_ int, loc []int) { report(loc) })
		} else if r.part.anchor != nil {
			r.part.anchor.each(text, c.starts(u, 0), report)
		} else {
			r.pattern.each(c.budget, text, report)
		}
	}
}
