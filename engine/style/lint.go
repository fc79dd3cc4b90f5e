package style

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/prose"
)

// The rule ids of the findings matching makes when it cannot finish.
const (
	// RuleMatchTimeout is a pattern that backtracked past its time on
	// one block.
	RuleMatchTimeout = "greenlight.match-timeout"
	// RuleMatchBudget is a post whose rules took longer than its budget.
	RuleMatchBudget = "greenlight.match-budget"
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

// Compile checks a Spec and compiles its patterns. A spelling rule reads
// its dictionaries, which takes a while: NewLinter reads each once for
// all its rules.
func Compile(s Spec) (Rule, error) { return compileWith(s, newDictionaries(), &nlpModels{}) }

func compileWith(s Spec, dicts *dictionaries, models *nlpModels) (Rule, error) {
	r, err := compile(s, dicts, models)
	if err != nil {
		return nil, fmt.Errorf("rule %s: %w", s.ID, err)
	}
	return r, nil
}

func compile(s Spec, dicts *dictionaries, models *nlpModels) (Rule, error) {
	if len(s.Accepted) > 0 && s.Kind != Spelling {
		// Vale adds the accepted vocabulary to a rule's exceptions.
		s.Exceptions = append(slices.Clone(s.Exceptions), s.Accepted...)
	}
	switch s.Kind {
	case Spelling:
		return newSpelling(s, dicts)
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
	case Consistency:
		return newConsistency(s)
	case Metric:
		return newMetric(s)
	case Sequence:
		return newSequence(s, models)
	case Script:
		return newScript(s)
	}
	return nil, fmt.Errorf("unknown rule type %q", s.Kind)
}

// Linter runs a set of compiled rules over posts. It is immutable and safe
// for concurrent use.
type Linter struct {
	rules []Rule
	// phrases[i] matches the accepted phrases inside which rule i
	// reports nothing (see Spec.Accepted), or is nil.
	phrases []matcher
	// partBase[i] is the index of rule i's first part in index.
	partBase []int
	index    *literalIndex
	// normalizes is set when some rule matches normalized text.
	normalizes bool
	opts       linterOptions
}

type linterOptions struct {
	budget         time.Duration
	now            func() time.Time
	ignoreControls bool
	keepErrors     bool
}

// Option tunes a Linter.
type Option func(*linterOptions)

// WithBudget sets how long one post may take across all rules (see
// DefaultBudget). When it runs out the remaining rules do not run and Lint
// reports that the post could not be fully judged.
func WithBudget(d time.Duration) Option { return func(o *linterOptions) { o.budget = d } }

// WithClock sets the clock the budget is measured with, for tests that
// must reach the end of a budget without waiting for it.
func WithClock(now func() time.Time) Option { return func(o *linterOptions) { o.now = now } }

// IgnoringControls makes the Linter report matches in parts of a post that
// inline controls (<!-- greenlight off -->) turn off: compliance and
// embargo matches are facts for the policies, which an author's switch
// must never hide.
func IgnoringControls() Option { return func(o *linterOptions) { o.ignoreControls = true } }

// KeepingErrors makes inline controls turn off only the findings of rules
// below error level: an error-level rule's finding is reported inside a
// switched-off part too, since the team set it to block (author_switches).
func KeepingErrors() Option { return func(o *linterOptions) { o.keepErrors = true } }

// NewLinter compiles every spec. Errors name the rule.
func NewLinter(specs []Spec, opts ...Option) (*Linter, error) {
	l := &Linter{rules: make([]Rule, 0, len(specs)), opts: linterOptions{budget: DefaultBudget, now: time.Now}}
	for _, o := range opts {
		o(&l.opts)
	}
	var parts []part
	dicts, models := newDictionaries(), &nlpModels{}
	for _, s := range specs {
		r, err := compileWith(s, dicts, models)
		if err != nil {
			return nil, err
		}
		var phrases matcher
		if s.Kind != Spelling {
			// A spelling rule masks phrases itself, before it splits words.
			if phrases, err = acceptedPhrases(s.Accepted); err != nil {
				return nil, fmt.Errorf("rule %s: %w", s.ID, err)
			}
		}
		l.rules = append(l.rules, r)
		l.phrases = append(l.phrases, phrases)
		l.partBase = append(l.partBase, len(parts))
		parts = append(parts, r.parts()...)
		l.normalizes = l.normalizes || s.Normalize
	}
	l.index = newLiteralIndex(parts)
	return l, nil
}

// Deadline is the Linter's budget from now, by its clock.
func (l *Linter) Deadline() time.Time { return l.opts.now().Add(l.opts.budget) }

// Rules returns the compiled rules, in the order given.
func (l *Linter) Rules() []Rule { return l.rules }

// Result is what a Linter found in one post.
type Result struct {
	// Findings are the rules' findings, minus those the post's inline
	// controls turn off (unless the Linter ignores controls).
	Findings []finding.Finding
	// Switched are the findings the post's inline controls turned off,
	// so that the caller can say what an author's switch quieted.
	Switched []finding.Finding
	// Incomplete are error findings about matching that did not finish: a
	// pattern that timed out or failed (rule greenlight.match-timeout) or
	// the post's budget spent (greenlight.match-budget). The post was not
	// fully judged; these are not style findings, and no inline control
	// turns them off.
	Incomplete []finding.Finding
}

// Lint returns the findings of every rule on one post, followed by the
// Incomplete findings of Judge.
func (l *Linter) Lint(p *content.Post) []finding.Finding {
	r := l.Judge(p, time.Time{})
	return append(r.Findings, r.Incomplete...)
}

// Judge runs every rule on one post until deadline, measured with the
// Linter's clock; the zero deadline means the Linter's budget from now.
// Callers running several Linters on a post pass one deadline to all.
func (l *Linter) Judge(p *content.Post, deadline time.Time) Result {
	if deadline.IsZero() {
		deadline = l.Deadline()
	}
	c := &checker{post: p, index: l.index, ignoreControls: l.opts.ignoreControls, keepErrors: l.opts.keepErrors,
		budget: &budget{now: l.opts.now, deadline: deadline}}
	raw := make([]hits, len(p.Blocks))
	for i := range p.Blocks {
		raw[i] = l.index.scan(p.Blocks[i].Text)
	}
	var norm *normalized
	if l.normalizes {
		norm = newNormalized(p, l.index, raw)
	}
	byScope := map[Scope][]unit{}
	normByScope := map[Scope][]unit{}
	var units []unit
	// Another Linter may have spent the post's deadline already.
	c.budget.expired()
	for ri, r := range l.rules {
		if c.budget.spent {
			c.notRun = append(c.notRun, r.Spec().ID)
			continue
		}
		c.rule, c.base, c.phrases = r.Spec(), l.partBase[ri], l.phrases[ri]
		blocks, cache := p.Blocks, byScope
		c.hits, c.norm = raw, nil
		if r.Spec().Normalize {
			blocks, cache = norm.blocks, normByScope
			c.hits, c.norm = norm.hits, norm
		}
		nparts := len(r.parts())
		units = units[:0]
		for _, sc := range scopesOf(r.Spec()) {
			all, ok := cache[sc]
			if !ok {
				all = appendUnits(nil, blocks, sc)
				cache[sc] = all
			}
			for _, u := range all {
				if c.anyOn(u, nparts) {
					units = append(units, u)
				}
			}
		}
		if len(units) == 0 && !slices.Contains(r.Spec().Scope, ScopeRaw) {
			continue
		}
		r.run(c, units)
		c.incomplete(units)
		// Checked after a rule that ran, not between rules the literal
		// index skipped: most rules of a style package skip most posts.
		c.budget.expired()
	}
	return Result{Findings: c.findings, Switched: c.switched, Incomplete: c.problems()}
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

func appendUnits(units []unit, blocks []content.Block, sc Scope) []unit {
	for i := range blocks {
		b := &blocks[i]
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
	// phrases are the running rule's accepted phrases, or nil.
	phrases matcher
	// norm is the post's normalized text while a rule that matches it
	// runs: the units' blocks are its blocks, offsets map back through it.
	norm           *normalized
	ignoreControls bool
	keepErrors     bool
	// switched are the findings inline controls turned off.
	switched []finding.Finding
	budget   *budget
	// timeouts are the matches that did not finish; notRun the rules the
	// budget left out.
	timeouts []finding.Finding
	notRun   []string
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

// NormalizedNote ends the message (before its full stop) of a match found
// only in the normalized text (look-alike letters, invisible characters, character references):
// an evasion deserves a reviewer's eye.
const NormalizedNote = " (found after normalizing look-alike or invisible characters)"

// noted puts NormalizedNote at the end of msg, before its full stop.
func noted(msg string) string {
	if m, ok := strings.CutSuffix(msg, "."); ok {
		return m + NormalizedNote + "."
	}
	return msg + NormalizedNote
}

// report records a finding on bytes [start, end) of the unit's text.
func (c *checker) report(u unit, start, end int, msg string, fix *finding.Fix) {
	b, from, to := u.block, u.start+start, u.start+end
	if c.norm != nil {
		// Report the bytes the author wrote, and say when they differ
		// from what matched.
		b = &c.post.Blocks[u.index]
		from, to = c.norm.texts[u.index].Original(from, to)
		if b.Text[from:to] != u.block.Text[u.start+start:u.start+end] {
			msg = noted(msg)
		}
	}
	if c.withinPhrase(u, start, end) {
		return
	}
	c.add(finding.Finding{
		Path: c.post.Path, Span: c.post.Span(b, from, to), Rule: c.rule.ID, Level: c.rule.Level,
		Message: msg, Fix: fix, Source: "style",
	})
}

// add records f, among the switched findings when inline controls turn
// its rule off where it starts.
func (c *checker) add(f finding.Finding) {
	if c.suppressed(f.Span.Start.Offset) {
		c.switched = append(c.switched, f)
		return
	}
	c.findings = append(c.findings, f)
}

// withinPhrase reports whether bytes [start, end) of the unit lie inside
// an accepted phrase: "place" is not avoided in "flooberg place" when the
// vocabulary accepts that phrase, as in Vale.
func (c *checker) withinPhrase(u unit, start, end int) bool {
	if c.phrases == nil {
		return false
	}
	within := false
	c.phrases.each(c.budget, u.text(), func(loc []int) {
		within = within || loc[0] <= start && end <= loc[1]
	})
	return within
}

// reportSpan records a finding on file bytes [from, to).
func (c *checker) reportSpan(from, to int, msg string) {
	c.add(finding.Finding{
		Path: c.post.Path, Span: c.post.FileSpan(from, to), Rule: c.rule.ID, Level: c.rule.Level,
		Message: msg, Source: "style",
	})
}

// reportAt records a finding about the whole post at a file offset.
func (c *checker) reportAt(off int, msg string) {
	c.add(finding.Finding{
		Path: c.post.Path, Span: c.post.FileSpan(off, off), Rule: c.rule.ID, Level: c.rule.Level,
		Message: msg, Source: "style",
	})
}

func (c *checker) suppressed(off int) bool {
	if c.ignoreControls || c.keepErrors && c.rule.Level == finding.Error {
		return false
	}
	return c.post.Suppressed(c.rule.ID, off)
}

// incomplete turns the running rule's failed matches into findings, at
// the unit whose text failed (else the rule's first unit).
func (c *checker) incomplete(units []unit) {
	for _, f := range c.budget.failures {
		if len(units) == 0 {
			// A rule that reads the file (a raw script) and no unit.
			c.timeouts = append(c.timeouts, finding.Finding{
				Path: c.post.Path, Span: c.post.FileSpan(0, 0), Rule: RuleMatchTimeout, Level: finding.Error, Source: "content",
				Message: fmt.Sprintf("Rule %s could not finish on the post (%s), so its matches are unknown; the post was not fully judged.",
					c.rule.ID, matchFailure(f.err)),
			})
			continue
		}
		u := units[0]
		for _, v := range units {
			if v.text() == f.text || strings.Contains(v.text(), f.text) {
				u = v
				break
			}
		}
		b, from := u.block, u.start
		if c.norm != nil {
			b = &c.post.Blocks[u.index]
			from, _ = c.norm.texts[u.index].Original(from, from)
		}
		span := c.post.Span(b, from, from)
		c.timeouts = append(c.timeouts, finding.Finding{
			Path: c.post.Path, Span: span, Rule: RuleMatchTimeout, Level: finding.Error, Source: "content",
			Message: fmt.Sprintf("Rule %s could not finish matching the %s on line %d (%s), so its matches there are unknown; the post was not fully judged.",
				c.rule.ID, u.block.Kind, span.Start.Line, matchFailure(f.err)),
		})
	}
	c.budget.failures = c.budget.failures[:0]
}

// matchFailure says why a match did not finish, briefly: regexp2's own
// message quotes the pattern and the whole input, which can be a post's
// every byte.
func matchFailure(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "match timeout") || errors.Is(err, errBudgetSpent) {
		return "its pattern backtracked past the time it may take"
	}
	if r := []rune(msg); len(r) > 120 {
		msg = string(r[:120]) + "…"
	}
	return msg
}

// problems are the post's Incomplete findings.
func (c *checker) problems() []finding.Finding {
	out := c.timeouts
	if c.budget.spent {
		msg := "Matching stopped when the post's time budget ran out"
		if c.rule != nil {
			msg += fmt.Sprintf(", during rule %s", c.rule.ID)
		}
		if n := len(c.notRun); n > 0 {
			names := c.notRun[:min(n, 5)]
			msg += fmt.Sprintf("; %d rules did not run (%s", n, strings.Join(names, ", "))
			if n > len(names) {
				msg += ", …"
			}
			msg += ")"
		}
		out = append(out, finding.Finding{
			Path: c.post.Path, Span: c.post.FileSpan(0, 0), Rule: RuleMatchBudget, Level: finding.Error, Source: "content",
			Message: msg + ": the post could not be fully judged.",
		})
	}
	return out
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

func excepted(c *checker, m matcher, observed string) bool {
	return m != nil && m.match(c.budget, observed)
}

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
