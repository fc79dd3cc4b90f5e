package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unique"

	"github.com/greenlighthq/greenlight/engine/channel"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/facts"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/normalize"
	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/engine/review"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/signoff"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/greenlighthq/greenlight/engine/style/vale"
	"github.com/greenlighthq/greenlight/engine/tone"
	"github.com/greenlighthq/greenlight/policies"
	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Options are the run-wide settings of an Engine.
type Options struct {
	// Now is the time the check happens at (embargoes, schedules); zero
	// means the time New is called.
	Now time.Time
	// RequireSignoffs makes pending sign-offs errors even without review
	// facts.
	RequireSignoffs bool
	// Publishing judges posts as going out at Now, as the publish run's
	// merge sends them: a post whose publish_at is later (a pull request
	// is due at its earliest post's time, and its merge publishes them
	// all) is judged with Now as its publish_at, so an embargo that lifts
	// in between still holds it back.
	Publishing bool
	// Review returns the review facts of a post, or nil (a local check).
	Review func(path string) *review.Facts
	// PathRoot is the folder relative post paths are relative to, for
	// matching the config's globs (waivers); empty means the working
	// directory. The gate reports repository paths while the config sits
	// in a folder of its own, so it names the folder the config's
	// repository root was written to.
	PathRoot string
	// MatchBudget is how long matching one post may take, compliance and
	// embargo terms and style rules together; zero means
	// style.DefaultBudget. Past it the post gets an error finding
	// (greenlight.match-budget): it could not be fully judged.
	MatchBudget time.Duration
	// Clock measures the match budget; nil means time.Now. Tests set one
	// to spend a budget without waiting.
	Clock func() time.Time
	// SourceCache is the folder the config's shared rulebooks are cached
	// in (see rulebook.Open); empty means rulebook.DefaultCache, from
	// $GREENLIGHT_CACHE or beside the config. The GitHub Action passes
	// the folder it fetched the base's locked commits into.
	SourceCache string
	// everyPolicy evaluates every bundled policy package, those that
	// cannot decide anything under the config too: tests compare.
	everyPolicy bool
}

// Engine checks posts against one config. Build it once per run: it
// checks and prepares every rule and policy up front (a style pattern the
// literal index gates compiles the first time it runs), then checks any
// number of posts in parallel.
type Engine struct {
	cfg     *config.Config
	opts    Options
	parser  *content.Parser
	linter  *style.Linter // the style guide
	matcher *style.Linter // compliance triggers and embargoes
	policy  *policy.Engine
	facts   *facts.Builder
	tone    toneMeter
	rules   []style.Spec
	// off are the style packages' rules vale_rules turns off.
	off []style.Spec
	// books are the shared rulebooks, verified against greenlight.lock.
	books []rulebook.Book
}

// New loads the config's style packages and policies and compiles them.
// Problems are diagnostics; warnings (a Vale rule type Greenlight does not
// run) are returned alongside a working Engine.
func New(ctx context.Context, cfg *config.Config, opts Options) (*Engine, hcl.Diagnostics) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	diags := cfg.CheckFolders()
	if diags.HasErrors() {
		return nil, diags
	}
	cache := opts.SourceCache
	if cache == "" {
		cache = rulebook.DefaultCache(cfg.Dir, os.Getenv)
	}
	books, d := rulebook.Open(cfg, cache)
	if diags = append(diags, d...); d.HasErrors() {
		return nil, diags
	}
	// The rulebooks' config fragments join the config before anything
	// reads it: the engine judges by the merged copy, and cfg itself is
	// left as the repository wrote it.
	frags, d := rulebook.Fragments(books)
	if diags = append(diags, d...); d.HasErrors() {
		return nil, diags
	}
	cfg, d = cfg.WithShared(frags, opts.Now)
	if diags = append(diags, d...); d.HasErrors() {
		return nil, diags
	}
	specs := slices.Clone(cfg.Rules)
	// The policies (and the tone lexicon) are prepared while the style
	// packages load and compile: on two cores a run with one post to check
	// waits for the longer of the two, not their sum. Every return waits
	// for them, and their problems are reported where they were before.
	var prep struct {
		fb       *facts.Builder
		fbErr    error
		pol      *policy.Engine
		polDiags hcl.Diagnostics
		tone     toneMeter
		toneErr  error
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() {
		prep.fb, prep.fbErr = facts.NewBuilder(cfg)
		inputs := policyInputs(cfg)
		if opts.everyPolicy {
			inputs = nil
		}
		prep.pol, prep.polDiags = policy.New(ctx, policy.Options{Sources: PolicySources(cfg, books), AllowBuiltins: cfg.Settings.AllowBuiltins,
			Inputs: inputs})
		prep.tone, prep.toneErr = newToneMeter()
	})
	loadStyle := func(dir string, at *hcl.Range) {
		s, d := vale.Load(dir)
		specs = append(specs, s...)
		diags = append(diags, d...)
		if len(s) == 0 && !d.HasErrors() {
			// A style that loads nothing is a mistake (a wrong folder, a
			// package one level too high), never a guide that passes all.
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Style folder has no rules",
				Detail:  fmt.Sprintf("%q holds no Vale rule (one .yml file per rule); name the folder of the style itself, such as styles/Acme.", dir),
				Subject: at})
		}
	}
	for i, dir := range cfg.Settings.Styles {
		loadStyle(inDir(cfg, dir), cfg.Settings.StyleRange(i))
	}
	// A rulebook's styles come after the repository's own, as its
	// policies do: the repository adds rules beside the shared ones.
	for _, b := range books {
		for i := range b.Source.Styles {
			loadStyle(b.StyleDir(i), b.Source.StyleRange(i))
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	specs, vocab := addVocabularies(cfg, books, specs)
	if diags = append(diags, vocab...); diags.HasErrors() {
		return nil, diags
	}
	// Waivers may name every rule a style package has, turned off or not:
	// waiving a rule that is off is harmless, and refusing it would make
	// turning a rule off break the config.
	styleIDs := make([]string, 0, len(specs))
	for _, s := range specs {
		styleIDs = append(styleIDs, s.ID)
	}
	specs, off, vd := applyValeRules(cfg, specs)
	if diags = append(diags, vd...); vd.HasErrors() {
		return nil, diags
	}
	if opts.MatchBudget <= 0 {
		opts.MatchBudget = style.DefaultBudget
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	budget := []style.Option{style.WithBudget(opts.MatchBudget), style.WithClock(opts.Clock)}
	linter, err := style.NewLinter(specs, append(budget, authorSwitches(cfg.Settings.AuthorSwitches)...)...)
	if err != nil {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid style rule", Detail: err.Error() + "."})
	}
	// An author's inline switch never hides a compliance or embargo match.
	matcher, err := style.NewLinter(matchSpecs(cfg), append(budget, style.IgnoringControls())...)
	if err != nil {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid compliance or embargo pattern", Detail: err.Error() + "."})
	}
	wg.Wait()
	fb, pol := prep.fb, prep.pol
	d = prep.polDiags
	diags = append(diags, d...)
	if d.HasErrors() {
		return nil, diags
	}
	// Waivers are checked here, where every rule is known, so that
	// validate, check and the GitHub Action (the base branch's config) all
	// refuse a waiver of a rule no finding carries.
	known := append(pol.RuleIDs(), styleIDs...)
	// A waiver may name a shared block's address, to let the
	// repository's own block loosen it (config.Config.WithShared).
	for addr := range cfg.Shared {
		known = append(known, addr)
	}
	if d := checkWaivers(cfg, known); d.HasErrors() {
		return nil, append(diags, d...)
	}
	tone, err := prep.tone, prep.toneErr
	if err != nil {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot load the tone lexicon", Detail: err.Error()})
	}
	if prep.fbErr != nil {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid policy input", Detail: prep.fbErr.Error()})
	}
	return &Engine{
		cfg: cfg, opts: opts, parser: content.NewParser(cfg.Settings.Location, cfg.Settings.FrontMatterKeys...),
		linter: linter, matcher: matcher, policy: pol, facts: fb, tone: tone, rules: specs, off: off, books: books,
	}, diags
}

// WithReview is the engine judging posts by other review facts, sharing
// everything New compiled: the GitHub Action builds one engine per base
// commit and judges each pull request on it with that pull request's
// facts. e itself is unchanged.
func (e *Engine) WithReview(r func(path string) *review.Facts) *Engine {
	c := *e
	c.opts.Review = r
	return &c
}

// addVocabularies reads the config's Vale vocabularies, then its shared
// rulebooks', and applies them as Vale does (vale.ApplyVocabularies), the
// spelling block's rule included; that rule comes right after the
// config's own rules. The spelling rule is marked Vocab, so it takes the
// accepted terms too.
func addVocabularies(cfg *config.Config, books []rulebook.Book, specs []style.Spec) ([]style.Spec, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	var vocabs []vale.Vocabulary
	load := func(dir string, at *hcl.Range) {
		v, d := vale.LoadVocabulary(dir, at)
		diags = append(diags, d...)
		vocabs = append(vocabs, v)
	}
	for i, dir := range cfg.Settings.Vocabularies {
		load(inDir(cfg, dir), cfg.Settings.VocabularyRange(i))
	}
	for _, b := range books {
		for i := range b.Source.Vocabularies {
			load(b.VocabularyDir(i), b.Source.VocabularyRange(i))
		}
	}
	if cfg.Spelling != nil {
		specs = slices.Insert(specs, len(cfg.Rules), cfg.SpellingSpec())
	}
	return vale.ApplyVocabularies(specs, vocabs...), diags
}

// policyInputs says which of the bundled policies' inputs the config has:
// the packages without any are left out of every evaluation (see
// policy.Inputs).
func policyInputs(cfg *config.Config) *policy.Inputs {
	in := &policy.Inputs{Compliance: len(cfg.Compliance) > 0, Embargoes: len(cfg.Embargoes) > 0,
		Voice: cfg.Voice.Limits(), Stages: len(cfg.Stages) > 0}
	for _, c := range cfg.Channels {
		in.Voice = in.Voice || c.Voice.Limits()
	}
	return in
}

// PolicySources are the bundled policies, the config's policy folders and
// the policy folders of its shared rulebooks (from rulebook.Open).
func PolicySources(cfg *config.Config, books []rulebook.Book) []policy.Source {
	sources := []policy.Source{{Name: "policies", FS: policies.FS, Bundled: true}}
	for _, dir := range cfg.Settings.Policies {
		sources = append(sources, policy.Dir(inDir(cfg, dir)))
	}
	for _, b := range books {
		for i := range b.Source.Policies {
			src := policy.Dir(b.PolicyDir(i))
			src.Shared = true
			sources = append(sources, src)
		}
	}
	return sources
}

// PolicySources are the policies the engine runs, as PolicySources.
func (e *Engine) PolicySources() []policy.Source { return PolicySources(e.cfg, e.books) }

// Rulebooks are the shared rulebooks the engine loaded, as locked.
func (e *Engine) Rulebooks() []rulebook.Book { return e.books }

func inDir(cfg *config.Config, dir string) string {
	if filepath.IsAbs(dir) {
		return dir
	}
	return filepath.Join(cfg.Dir, dir)
}

// PolicyPackages lists the policy packages whose decisions the engine reads.
func (e *Engine) PolicyPackages() []string { return e.policy.Packages() }

// Rules are the specs of every style rule the engine runs: the config's
// and the style packages'.
func (e *Engine) Rules() []style.Spec { return e.rules }

// Result is the outcome of a check.
type Result struct {
	Findings []finding.Finding
	// Posts are the checked posts' sign-off verdicts, in path order.
	Posts []Post
	// Diags are input errors: posts that could not be read or parsed.
	Diags hcl.Diagnostics
	// Unreadable counts the posts Diags kept from being checked.
	Unreadable int
	// Files holds the sources of posts with diagnostics, for snippets.
	Files map[string]*hcl.File
}

// Post is the verdict on one post beyond its findings.
type Post struct {
	Path  string
	Title string
	// Channels are the channels the front matter names; Counts are the
	// measurements of those that are platforms or the team's channels,
	// in that order: the same the policies saw (input.channels).
	Channels       []string
	Counts         []channel.Count
	PublishAt      *time.Time
	RequiredStages []string
	Stages         []signoff.Stage
}

// File is a post to check: its path as reported, and where to read it.
type File struct {
	Path string // as shown to the user
	Abs  string // to read
}

// Check reads, parses and checks files in parallel, one worker per CPU,
// and returns the findings sorted by path and position.
func (e *Engine) Check(ctx context.Context, files []File) Result {
	type out struct {
		checked *Checked
		diags   hcl.Diagnostics
		src     []byte
	}
	outs := make([]out, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c, d, src := e.checkFile(ctx, files[i])
				if len(d) == 0 {
					src = nil // a post's text is kept only for its diagnostics' snippets
				}
				if c != nil {
					// A run's findings repeat a few messages (a rule's
					// wording, its match) many times over: each is held once.
					for j := range c.Findings {
						c.Findings[j].Message = unique.Make(c.Findings[j].Message).Value()
					}
				}
				outs[i] = out{c, d, src}
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()

	// Each finding is copied once, into a slice of its final size: a
	// 50,000-post run holds half a million of them.
	n, posts := 0, 0
	for _, o := range outs {
		if o.checked != nil {
			n += len(o.checked.Findings)
			posts++
		}
	}
	res := Result{Files: map[string]*hcl.File{}, Findings: make([]finding.Finding, 0, n), Posts: make([]Post, 0, posts)}
	for i := range outs {
		o := &outs[i]
		if o.checked != nil {
			res.Findings = append(res.Findings, o.checked.Findings...)
			res.Posts = append(res.Posts, o.checked.Post)
			o.checked = nil
		}
		res.Diags = append(res.Diags, o.diags...)
		if len(o.diags) > 0 && o.src != nil {
			res.Files[files[i].Path] = &hcl.File{Bytes: o.src}
		}
		if o.diags.HasErrors() {
			res.Unreadable++
		}
	}
	if err := ctx.Err(); err != nil {
		res.Diags = append(res.Diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Check interrupted", Detail: err.Error()})
	}
	finding.Sort(res.Findings)
	return res
}

func (e *Engine) checkFile(ctx context.Context, f File) (*Checked, hcl.Diagnostics, []byte) {
	src, diags := ReadPost(e.cfg, f)
	if diags.HasErrors() {
		return nil, diags, nil
	}
	post, diags := e.parser.Parse(f.Path, src)
	if diags.HasErrors() {
		return nil, diags, src
	}
	c := e.CheckPost(ctx, post)
	return &c, diags, src
}

// Checked is the outcome for one post.
type Checked struct {
	Findings []finding.Finding
	Post     Post
}

// Measure counts a post for every channel it targets, as the policies see it.
func (e *Engine) Measure(p *content.Post) []facts.Measured { return e.facts.Measure(p) }

// ReadPost reads a post file under the engine's config (see ReadPost).
func (e *Engine) ReadPost(f File) ([]byte, hcl.Diagnostics) { return ReadPost(e.cfg, f) }

// Parse parses a post with the engine's settings.
func (e *Engine) Parse(path string, src []byte) (*content.Post, hcl.Diagnostics) {
	return e.parser.Parse(path, src)
}

// Input builds the document the policies see for a post, measuring
// everything Go measures.
func (e *Engine) Input(p *content.Post) (ast.Object, error) {
	m := e.input(p)
	return m.doc, m.err
}

// measured is a post's input document, its style matches (in the
// document too), and the findings of matching that did not finish. err
// says why there is no document.
type measured struct {
	doc   ast.Object
	err   error
	style []finding.Finding
	// switched are the style findings the author's inline switches
	// turned off.
	switched   []finding.Finding
	counts     []channel.Count
	incomplete []finding.Finding
}

func (e *Engine) input(p *content.Post) measured {
	// One deadline for both passes; compliance and embargo terms first,
	// so that a slow style package cannot starve them.
	deadline := e.opts.Clock().Add(e.opts.MatchBudget)
	matched := e.matcher.Judge(p, deadline)
	styled := e.linter.Judge(p, deadline)
	pf := facts.Post{Post: p, Style: styled.Findings, Tone: e.tone.measure(p), Measured: e.facts.Measure(p)}
	if vs := p.Variants(); len(vs) > 0 {
		// A channel with its own copy has its own tone.
		pf.ChannelTone = map[string]tone.Tone{"": e.tone.measureCopy(p, "")}
		for _, ch := range vs {
			pf.ChannelTone[ch] = e.tone.measureCopy(p, ch)
		}
	}
	// HTML is matched as written and without its tags (see content.HTML):
	// a term both show is one match.
	seen := map[string]bool{}
	for _, m := range matched.Findings {
		key := fmt.Sprintf("%s %d %d", m.Rule, m.Span.Start.Offset, m.Span.End.Offset)
		if seen[key] {
			continue
		}
		seen[key] = true
		kind, name, _ := strings.Cut(m.Rule, ":")
		before, after, normalized := strings.Cut(m.Message, style.NormalizedNote)
		text := before + after
		match := facts.Match{Name: name, Text: text, Span: m.Span, Normalized: normalized}
		if kind == "compliance" {
			pf.Compliance = append(pf.Compliance, match)
		} else {
			pf.Embargo = append(pf.Embargo, match)
		}
	}
	if e.opts.Review != nil {
		pf.Review = e.opts.Review(p.Path)
	}
	in, err := e.facts.Input(pf, facts.Options{Now: e.opts.Now, RequireSignoffs: e.opts.RequireSignoffs, Publishing: e.opts.Publishing})
	counts := make([]channel.Count, len(pf.Measured))
	for i, m := range pf.Measured {
		counts[i] = m.Count
	}
	return measured{doc: in, err: err, style: styled.Findings, switched: styled.Switched, counts: counts,
		incomplete: append(matched.Incomplete, styled.Incomplete...)}
}

// Decide runs every policy on an input document, as CheckPost does.
func (e *Engine) Decide(ctx context.Context, in ast.Object) policy.Decision {
	return e.policy.Evaluate(ctx, in)
}

// CheckPost measures a parsed post, runs every policy on it and turns the
// decisions into findings.
func (e *Engine) CheckPost(ctx context.Context, p *content.Post) Checked {
	m := e.input(p)
	var d policy.Decision
	if m.err != nil {
		// The gate fails closed: a post the policies cannot read blocks.
		d.Errors = append(d.Errors, fmt.Sprintf("the input document cannot be built: %v", m.err))
	} else {
		d = e.policy.Evaluate(ctx, m.doc)
	}
	c := Checked{Post: Post{Path: p.Path, Title: p.Front.Title, Channels: p.Front.Channels, Counts: m.counts, PublishAt: p.Front.PublishAt,
		RequiredStages: d.RequiredStages, Stages: e.orderStages(d.Stages)}}
	c.Findings = append(c.Findings, e.checkChannels(p)...)
	c.Findings = append(c.Findings, m.incomplete...)
	if e.policy.StyleInGo() {
		c.Findings = append(c.Findings, styleFindings(m.style)...)
	}
	c.Findings = append(c.Findings, e.unknownStages(p, d.StageRequests)...)
	for _, v := range d.Violations {
		c.Findings = append(c.Findings, e.finding(p, v))
	}
	for _, msg := range d.Errors {
		// The gate fails closed: a policy that cannot decide blocks.
		c.Findings = append(c.Findings, finding.Finding{Path: p.Path, Span: p.FileSpan(0, 1), Rule: RulePolicyError,
			Level: finding.Error, Message: msg, Source: "policy"})
	}
	c.Findings = e.waive(p, c.Findings, d.Exceptions, m.switched)
	return c
}

// finding turns a policy violation into a finding, placed where the policy
// says (the post's first line when it says nothing).
func (e *Engine) finding(p *content.Post, v policy.Violation) finding.Finding {
	line, col := max(v.Line, 1), max(v.Col, 1)
	start := p.Offset(line, col)
	span := finding.Span{Start: p.Pos(start)}
	span.Start.Line, span.Start.Col = line, col
	span.End = span.Start
	if v.EndLine >= line && v.EndCol > 0 {
		span.End = p.Pos(p.Offset(v.EndLine, v.EndCol))
		span.End.Line, span.End.Col = v.EndLine, v.EndCol
	}
	f := finding.Finding{Path: p.Path, Span: span, Rule: v.Rule, Level: v.Level, Message: v.Msg, Source: "policy"}
	if v.Package == policy.StylePackage {
		// The style guide's matches, judged by the style policy: still
		// style findings to reporters (inline suggestions on GitHub).
		f.Source = "style"
	}
	if v.Suggestion != "" {
		f.Fix = &finding.Fix{Replacement: v.Suggestion}
	}
	return f
}

// styleFindings are the style matches as the bundled greenlight.style
// package reports them (see policy.Engine.StyleInGo), with their exact
// spans and fixes: each match once (equal in rule, level, message, fix and
// place), at its own level. Every style rule has a name, so none is
// reported under the package's.
func styleFindings(ms []finding.Finding) []finding.Finding {
	type key struct {
		rule, msg, fix string
		level          finding.Level
		start, end     [2]int
	}
	seen := make(map[key]bool, len(ms))
	out := make([]finding.Finding, 0, len(ms))
	for _, f := range ms {
		k := key{f.Rule, f.Message, f.Suggestion(), f.Level, [2]int{f.Span.Start.Line, f.Span.Start.Col}, [2]int{f.Span.End.Line, f.Span.End.Col}}
		if seen[k] {
			continue
		}
		seen[k] = true
		f.Source = "style"
		out = append(out, f)
	}
	return out
}

// waive drops findings that config waivers or policy exceptions turn off,
// and reports each waiver that applied and what the author's inline
// switches turned off (switched: the style linter leaves those out).
func (e *Engine) waive(p *content.Post, fs []finding.Finding, exceptions []policy.Exception, switched []finding.Finding) []finding.Finding {
	out := fs[:0:0]
	used := map[string]string{}
	for rule, s := range switchedByRule(switched) {
		used["switch "+rule] = fmt.Sprintf("%s switched off by the author: %s not reported, from line %d", rule, s.count(), s.line)
	}
	for _, f := range fs {
		// An inline switch is the author's: it may quiet the style guide,
		// never a compliance, embargo, channel, voice, sign-off or team
		// policy finding, which reviewers, not authors, waive; nor, unless
		// the team lets it (author_switches), an error, which the team set
		// to block. Such an error says why it is still reported.
		if f.Source == "style" && f.Level == finding.Error && e.cfg.Settings.AuthorSwitches == config.SwitchWarnings &&
			p.Suppressed(f.Rule, f.Span.Start.Offset) {
			f.Message += " (Switched off in the post, but an author switches off only warnings and info: a reviewer waives an error with a waiver block.)"
		}
		if w := e.waiverFor(p.Path, f.Rule); w != nil {
			used["waiver "+w.Name] = fmt.Sprintf("%s waived by waiver %q: %s", f.Rule, w.Name, w.Reason)
			continue
		}
		if i := slices.IndexFunc(exceptions, func(x policy.Exception) bool { return x.Rule == f.Rule }); i >= 0 {
			used["exception "+exceptions[i].Package+" "+f.Rule] = fmt.Sprintf("%s waived by an exception in policy %s", f.Rule, exceptions[i].Package)
			continue
		}
		out = append(out, f)
	}
	keys := make([]string, 0, len(used))
	for k := range used {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		out = append(out, finding.Finding{Path: p.Path, Span: p.FileSpan(0, 1), Rule: RuleWaived, Level: finding.Info,
			Message: used[k] + ".", Source: "policy"})
	}
	return out
}

// authorSwitches are the style linter's options for what an author's
// inline switches may turn off (the config's author_switches).
func authorSwitches(setting string) []style.Option {
	switch setting {
	case config.SwitchNone:
		return []style.Option{style.IgnoringControls()}
	case config.SwitchAll:
		return nil
	}
	return []style.Option{style.KeepingErrors()}
}

// switchedOff is what an author's inline switches turned off of one rule:
// the line of its first finding (where the reader looks, rather than the
// switch, which may stand far above) and how many findings of each level.
type switchedOff struct {
	line   int
	levels [finding.Error + 1]int
}

func switchedByRule(fs []finding.Finding) map[string]*switchedOff {
	by := map[string]*switchedOff{}
	for _, f := range fs {
		s := by[f.Rule]
		if s == nil {
			s = &switchedOff{line: f.Span.Start.Line}
			by[f.Rule] = s
		}
		s.levels[f.Level]++
	}
	return by
}

// count says how many findings of each level, "1 warning, 2 info".
func (s *switchedOff) count() string {
	var parts []string
	for _, l := range []struct {
		level            finding.Level
		singular, plural string
	}{{finding.Error, "error", "errors"}, {finding.Warning, "warning", "warnings"}, {finding.Info, "info", "info"}} {
		if n := s.levels[l.level]; n == 1 {
			parts = append(parts, "1 "+l.singular)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, l.plural))
		}
	}
	return strings.Join(parts, ", ")
}

func (e *Engine) waiverFor(path, rule string) *config.Waiver {
	for _, w := range e.cfg.Waivers {
		if !slices.Contains(w.Rules, rule) || (!w.Until.IsZero() && e.opts.Now.After(w.Until)) {
			continue
		}
		if len(w.Posts) == 0 || config.MatchesAny(w.Posts, e.relative(path)) {
			return w
		}
	}
	return nil
}

// relative is a reported path relative to the config's folder, as the
// config's globs are written.
func (e *Engine) relative(path string) string {
	if e.opts.PathRoot != "" && !filepath.IsAbs(path) {
		path = filepath.Join(e.opts.PathRoot, filepath.FromSlash(path))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	root, err := filepath.Abs(e.cfg.Dir)
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

// orderStages puts stages in the config's order.
func (e *Engine) orderStages(stages []signoff.Stage) []signoff.Stage {
	order := map[string]int{}
	for i, s := range e.cfg.Stages {
		order[s.Name] = i
	}
	slices.SortStableFunc(stages, func(a, b signoff.Stage) int { return order[a.Name] - order[b.Name] })
	return stages
}

// matchSpecs compiles compliance triggers and embargoes as existence rules
// whose findings are matches, so they share the style engine's speed.
func matchSpecs(cfg *config.Config) []style.Spec {
	var specs []style.Spec
	add := func(id string, tokens, patterns []string, ignoreCase bool) {
		if len(tokens) == 0 && len(patterns) == 0 {
			return
		}
		// Matched on normalized text, in everything the post publishes
		// (code and alt text too): what readers see is what counts.
		s := style.Spec{ID: id, Kind: style.Existence, IgnoreCase: ignoreCase, Nonword: true, Patterns: patterns, Message: "%s",
			Normalize: true, Scope: []style.Scope{style.ScopePublished}}
		for _, t := range tokens {
			s.Tokens = append(s.Tokens, config.PolicyToken(normalize.String(t).String))
		}
		specs = append(specs, s)
	}
	for _, c := range cfg.Compliance {
		add("compliance:"+c.Name, c.Tokens, c.Patterns, c.IgnoreCase)
	}
	for _, em := range cfg.Embargoes {
		add("embargo:"+em.Name, em.Tokens, em.Patterns, true)
	}
	return specs
}

// checkChannels reports channels a post names that the config does not
// know: a typo there would silently skip every channel check.
func (e *Engine) checkChannels(p *content.Post) []finding.Finding {
	var out []finding.Finding
	for i, ch := range p.Front.Channels {
		if config.KnownChannel(ch) || e.cfg.Channel(ch) != nil {
			continue
		}
		r, ok := p.Front.Range(fmt.Sprintf("channels.%d", i))
		if !ok {
			r, _ = p.Front.Range("channels")
		}
		names := e.channelNames()
		meant := config.ChannelSuggestion(ch, names)
		f := finding.Finding{
			Path: p.Path, Span: p.FileSpan(r.Start.Byte, max(r.End.Byte, r.Start.Byte+1)),
			Rule: RuleUnknownChannel, Level: finding.Error, Source: "content",
			Message: fmt.Sprintf("Unknown channel %q; known channels are %s.%s", ch, strings.Join(names, ", "), config.ChannelHint(meant)),
		}
		// One click in an editor, a suggestion in review; not when the post
		// lists that channel already, which the fix would repeat.
		if meant != "" && !slices.Contains(p.Front.Channels, meant) {
			f.Fix = &finding.Fix{Replacement: meant}
		}
		out = append(out, f)
	}
	return out
}

func (e *Engine) channelNames() []string {
	names := config.Platforms()
	for _, c := range e.cfg.Channels {
		if !slices.Contains(names, c.Name) {
			names = append(names, c.Name)
		}
	}
	return names
}
