package style

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/d5/tengo/v2"
	"github.com/d5/tengo/v2/stdlib"
)

// script runs a style's own Tengo program on each unit of its scope, as
// Vale's script rules do: the program reads the unit's text as `scope`
// and sets `matches`, an array of maps with `begin` and `end` byte
// offsets and an optional `message`. With scope raw it reads the post's
// file as written, front matter included.
type script struct {
	spec    Spec
	program *tengo.Compiled
	raw     bool
}

func newScript(s Spec) (Rule, error) {
	if s.Script == "" {
		return nil, errors.New("a script rule needs a script")
	}
	sc := tengo.NewScript([]byte(s.Script))
	// The modules Vale allows: no os, so a style cannot read files or run
	// programs on the machine that checks a post.
	sc.SetImports(stdlib.GetModuleMap("text", "fmt", "math"))
	if err := sc.Add("scope", ""); err != nil {
		return nil, err
	}
	p, err := sc.Compile()
	if err != nil {
		return nil, fmt.Errorf("script: %w", err)
	}
	return &script{spec: s, program: p, raw: slices.Contains(s.Scope, ScopeRaw)}, nil
}

func (r *script) Spec() *Spec { return &r.spec }

// parts: the program decides what it looks for, so the rule always runs.
func (r *script) parts() []part { return []part{{}} }

func (r *script) run(c *checker, units []unit) {
	if r.raw {
		src := string(c.post.Source)
		r.each(c, src, func(begin, end int, msg string) { c.reportSpan(begin, end, msg) })
	}
	for _, u := range units {
		r.each(c, u.text(), func(begin, end int, msg string) { c.report(u, begin, end, msg, nil) })
	}
}

// each runs the program on text and calls fn with every match it returns
// and the match's message. A program that fails, or returns a match that
// is not a span of text, fails the rule on that text: a post it could not
// judge is never passed as clean.
func (r *script) each(c *checker, text string, fn func(begin, end int, msg string)) {
	out, err := runTengo(c.budget, r.program, func(p *tengo.Compiled) error { return p.Set("scope", text) })
	if err != nil {
		c.budget.fail(text, fmt.Errorf("script: %w", err))
		return
	}
	matches, ok := out.Get("matches").Value().([]any)
	if !ok {
		if out.Get("matches").Value() != nil {
			c.budget.fail(text, errors.New("script: matches is not an array"))
		}
		return
	}
	for _, m := range matches {
		fields, _ := m.(map[string]any)
		begin, ok1 := fields["begin"].(int64)
		end, ok2 := fields["end"].(int64)
		if !ok1 || !ok2 || begin < 0 || end < begin || end > int64(len(text)) ||
			!utf8.RuneStart(byteAt(text, int(begin))) || !utf8.RuneStart(byteAt(text, int(end))) {
			c.budget.fail(text, fmt.Errorf("script: match %v is not a {begin, end} byte span of the text", m))
			return
		}
		msg := r.spec.Message
		if s, ok := fields["message"].(string); ok {
			msg = s
		}
		fn(int(begin), int(end), formatMessage(msg, text[begin:end]))
	}
}

// byteAt is text[i], or a rune start at the end of text.
func byteAt(text string, i int) byte {
	if i >= len(text) {
		return 0
	}
	return text[i]
}
