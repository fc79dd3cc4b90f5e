package style

import (
	"strings"
	"unicode"

	"github.com/greenlighthq/greenlight/engine/prose"
)

// repetition reports a token that repeats right after itself: "the the".
type repetition struct {
	spec    Spec
	pattern matcher
	except  matcher
}

func newRepetition(s Spec) (Rule, error) {
	alts := append(append([]string{}, s.Patterns...), s.Tokens...)
	if len(alts) == 0 {
		alts = []string{`[^\s.!?]+`} // Vale.Repetition's token: any word
	}
	expr := "(" + strings.Join(alts, "|") + ")"
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
	return &repetition{spec: s, pattern: p, except: ex}, nil
}

func (r *repetition) Spec() *Spec { return &r.spec }

// parts: the rule always runs.
func (r *repetition) parts() []part { return []part{{}} }

func (r *repetition) run(c *checker, units []unit) {
	for _, u := range units {
		text := u.text()
		var prev string
		prevStart := -1
		r.pattern.each(c.budget, text, func(loc []int) {
			curr := strings.TrimSpace(text[loc[0]:loc[1]])
			hit := curr != "" && (curr == prev || r.spec.IgnoreCase && strings.EqualFold(curr, prev))
			hit = hit && (!r.spec.Alpha || isAlpha(curr))
			if hit {
				both := text[prevStart:loc[1]]
				// "... about that. That is ..." spans two sentences: not a slip.
				if len(prose.Sentences(both)) == 1 && !excepted(c, r.except, both) {
					c.report(u, prevStart, loc[1], formatMessage(r.spec.Message, curr), nil)
				}
			}
			prev, prevStart = curr, loc[0]
		})
	}
}

func isAlpha(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
