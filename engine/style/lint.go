package style

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/prose"
)

// matchTimeout bounds a backtracking pattern on one piece of text, so a
// catastrophic pattern in a style package cannot hang a run.
const matchTimeout = 2 * time.Second

// Rule is a compiled Spec, ready to run on any number of posts at once.
type Rule interface {
	Spec() *Spec
	// run reads the units of one post, in file order, and reports through c.
	run(c *checker, units []unit)
}

// Compile checks a Spec and compiles its patterns.
func Compile(s Spec) (Rule, error) {
	r, err := compile(s)
	if err != nil {
		return nil, fmt.Errorf("rule %s: %w", s.ID, err)
	}
	return r, nil
}

func compile(s Spec) (Rule, error) {
	switch s.Kind {
	case Existence:
		return newExistence(s)
	case Substitution:
		return newSubstitution(s)
	case Occurrence:
		return newOccurrence(s)
	case Repetition:
		return newRepetition(s)
	case Capitalization:
		return newCapitalization(s)
	case Readability:
		return newReadability(s)
	case Conditional:
		return newConditional(s)
	}
	return nil, fmt.Errorf("unknown rule type %q", s.Kind)
}

// Linter runs a set of compiled rules over posts. It is immutable and safe
// for concurrent use.
type Linter struct {
	rules []Rule
}

// NewLinter compiles every spec. Errors name the rule.
func NewLinter(specs []Spec) (*Linter, error) {
	l := &Linter{rules: make([]Rule, 0, len(specs))}
	for _, s := range specs {
		r, err := Compile(s)
		if err != nil {
			return nil, err
		}
		l.rules = append(l.rules, r)
	}
	return l, nil
}

// Rules returns the compiled rules, in the order given.
func (l *Linter) Rules() []Rule { return l.rules }

// Lint returns the findings of every rule on one post, minus those the
// post's inline controls turn off.
func (l *Linter) Lint(p *content.Post) []finding.Finding {
	c := &checker{post: p}
	lower := make([]string, len(p.Blocks)) // lower-cased block text, made on first use
	byScope := map[Scope][]unit{}
	var units []unit
	for _, r := range l.rules {
		var lits []string
		if f, ok := r.(filtered); ok {
			lits = f.literals()
		}
		units = units[:0]
		for _, sc := range scopesOf(r.Spec()) {
			all, ok := byScope[sc]
			if !ok {
				all = appendUnits(nil, p, sc)
				byScope[sc] = all
			}
			for _, u := range all {
				if lits != nil && !mayMatch(lits, lowerOf(p, lower, u.block)) {
					continue
				}
				units = append(units, u)
			}
		}
		if len(units) > 0 {
			c.rule = r.Spec()
			r.run(c, units)
		}
	}
	return c.findings
}

// filtered is a rule that can only report where its text contains one of
// its literals (see prefilter.go).
type filtered interface {
	literals() []string
}

func lowerOf(p *content.Post, cache []string, b *content.Block) string {
	i := blockIndex(p, b)
	if cache[i] == "" {
		cache[i] = strings.ToLower(b.Text)
	}
	return cache[i]
}

// blockIndex finds b's index in p.Blocks from its address.
func blockIndex(p *content.Post, b *content.Block) int {
	for i := range p.Blocks {
		if &p.Blocks[i] == b {
			return i
		}
	}
	return 0
}

func scopesOf(s *Spec) []Scope {
	if len(s.Scope) == 0 {
		return []Scope{ScopeText}
	}
	return s.Scope
}

// unit is the text one rule reads at a time: a block, or a sentence of it.
type unit struct {
	block *content.Block
	// start, end delimit the unit within block.Text.
	start, end int
}

func (u unit) text() string { return u.block.Text[u.start:u.end] }

func appendUnits(units []unit, p *content.Post, sc Scope) []unit {
	for i := range p.Blocks {
		b := &p.Blocks[i]
		if !sc.reads(b.Kind) {
			continue
		}
		if sc != ScopeSentence {
			units = append(units, unit{block: b, start: 0, end: len(b.Text)})
			continue
		}
		for _, s := range prose.Sentences(b.Text) {
			units = append(units, unit{block: b, start: s[0], end: s[1]})
		}
	}
	return units
}

// checker collects the findings of one post.
type checker struct {
	post     *content.Post
	rule     *Spec
	findings []finding.Finding
}

// report records a finding on bytes [start, end) of the unit's text.
func (c *checker) report(u unit, start, end int, msg string, fix *finding.Fix) {
	span := c.post.Span(u.block, u.start+start, u.start+end)
	if c.post.Suppressed(c.rule.ID, span.Start.Offset) {
		return
	}
	c.findings = append(c.findings, finding.Finding{
		Path: c.post.Path, Span: span, Rule: c.rule.ID, Level: c.rule.Level,
		Message: msg, Fix: fix, Source: "style",
	})
}

// reportAt records a finding about the whole post at a file offset.
func (c *checker) reportAt(off int, msg string) {
	if c.post.Suppressed(c.rule.ID, off) {
		return
	}
	c.findings = append(c.findings, finding.Finding{
		Path: c.post.Path, Span: c.post.FileSpan(off, off), Rule: c.rule.ID, Level: c.rule.Level,
		Message: msg, Source: "style",
	})
}

// formatMessage fills each %s of msg with the next argument, as Vale does;
// missing arguments leave the rest as written.
func formatMessage(msg string, args ...string) string {
	var b strings.Builder
	for _, a := range args {
		i := strings.Index(msg, "%s")
		if i < 0 {
			break
		}
		b.WriteString(msg[:i])
		b.WriteString(a)
		msg = msg[i+2:]
	}
	b.WriteString(msg)
	return b.String()
}

// compileExceptions builds Vale's exception pattern: a match is excepted
// when any exception occurs in it on word boundaries. As in Vale, an
// exception is case-sensitive unless it starts with (?i).
func compileExceptions(s *Spec) (matcher, error) {
	if len(s.Exceptions) == 0 {
		return nil, nil
	}
	terms := make([]string, len(s.Exceptions))
	for i, t := range s.Exceptions {
		terms[i] = t
		if !strings.HasPrefix(t, "(?i)") {
			terms[i] = "(?-i)" + t
		}
	}
	// Longest first, so alternation is greedy.
	slices.SortStableFunc(terms, func(a, b string) int { return len(b) - len(a) })
	return compilePattern(`(?m)\b(?:` + strings.Join(terms, "|") + `)\b`)
}

func excepted(m matcher, observed string) bool { return m != nil && m.match(observed) }

// wordPattern builds Vale's token pattern: alternatives on word boundaries
// (or not, for nonword rules), case-insensitive when asked.
func wordPattern(s *Spec, alternatives []string, bounded bool) string {
	tmpl := `(?m)(?:%s)`
	if bounded {
		tmpl = `(?m)\b(?:%s)\b`
	}
	re := fmt.Sprintf(tmpl, strings.Join(nonEmpty(alternatives), "|"))
	if s.IgnoreCase {
		re = "(?i)" + re
	}
	return re
}

func nonEmpty(list []string) []string {
	out := list[:0:0]
	for _, x := range list {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}
