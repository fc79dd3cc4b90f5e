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
	// parts lists the rule's independently triggered parts, each with the
	// literals one of which any match of it contains (nil: always on).
	parts() []part
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
	// partBase[i] is the index of rule i's first part in index.
	partBase []int
	index    *literalIndex
}

// NewLinter compiles every spec. Errors name the rule.
func NewLinter(specs []Spec) (*Linter, error) {
	l := &Linter{rules: make([]Rule, 0, len(specs))}
	var parts []part
	for _, s := range specs {
		r, err := Compile(s)
		if err != nil {
			return nil, err
		}
		l.rules = append(l.rules, r)
		l.partBase = append(l.partBase, len(parts))
		parts = append(parts, r.parts()...)
	}
	l.index = newLiteralIndex(parts)
	return l, nil
}

// Rules returns the compiled rules, in the order given.
func (l *Linter) Rules() []Rule { return l.rules }

// Lint returns the findings of every rule on one post, minus those the
// post's inline controls turn off.
func (l *Linter) Lint(p *content.Post) []finding.Finding {
	c := &checker{post: p, index: l.index, hits: make([]hits, len(p.Blocks))}
	for i := range p.Blocks {
		c.hits[i] = l.index.scan(p.Blocks[i].Text)
	}
	byScope := map[Scope][]unit{}
	var units []unit
	for ri, r := range l.rules {
		c.rule, c.base = r.Spec(), l.partBase[ri]
		nparts := len(r.parts())
		units = units[:0]
		for _, sc := range scopesOf(r.Spec()) {
			all, ok := byScope[sc]
			if !ok {
				all = appendUnits(nil, p, sc)
				byScope[sc] = all
			}
			for _, u := range all {
				if c.anyOn(u, nparts) {
					units = append(units, u)
				}
			}
		}
		if len(units) > 0 {
			r.run(c, units)
		}
	}
	return c.findings
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
	index int // of block in the post
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
			units = append(units, unit{block: b, index: i, start: 0, end: len(b.Text)})
			continue
		}
		for _, s := range prose.Sentences(b.Text) {
			units = append(units, unit{block: b, index: i, start: s[0], end: s[1]})
		}
	}
	return units
}

// checker collects the findings of one post.
type checker struct {
	post     *content.Post
	findings []finding.Finding
	index    *literalIndex
	hits     []hits // per block: the parts whose literals it contains
	// rule is the rule running, base the index of its first part.
	rule *Spec
	base int
}

// on reports whether part k of the running rule can match in u's block.
func (c *checker) on(u unit, k int) bool { return c.index.on(c.hits[u.index], c.base+k) }

// starts returns where positional part k of the running rule has its
// literals in u's text: sorted offsets relative to the unit.
func (c *checker) starts(u unit, k int) []int {
	block := c.hits[u.index].starts[int32(c.base+k)]
	out := make([]int, 0, len(block))
	for _, s := range block {
		if s >= u.start && s < u.end {
			out = append(out, s-u.start)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (c *checker) anyOn(u unit, nparts int) bool {
	for k := range nparts {
		if c.on(u, k) {
			return true
		}
	}
	return false
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
