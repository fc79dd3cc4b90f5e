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

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/greenlighthq/greenlight/engine/style/vale"
	"github.com/hashicorp/hcl/v2"
)

// Engine checks posts against one config. Build it once per run: it
// compiles every rule up front, then checks any number of posts in
// parallel.
type Engine struct {
	cfg    *config.Config
	parser *content.Parser
	linter *style.Linter
	rules  []style.Spec
}

// New loads the config's style packages and compiles all rules. Problems
// with a style package are diagnostics; warnings (a Vale rule type
// Greenlight does not run) are returned alongside a working Engine.
func New(cfg *config.Config) (*Engine, hcl.Diagnostics) {
	specs := slices.Clone(cfg.Rules)
	var diags hcl.Diagnostics
	for _, dir := range cfg.Settings.Styles {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(cfg.Dir, dir)
		}
		s, d := vale.Load(dir)
		specs = append(specs, s...)
		diags = append(diags, d...)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	linter, err := style.NewLinter(specs)
	if err != nil {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid style rule", Detail: err.Error() + "."})
	}
	return &Engine{cfg: cfg, parser: content.NewParser(cfg.Settings.Location), linter: linter, rules: specs}, diags
}

// Rules are the specs of every rule the engine runs: the config's and the
// style packages'.
func (e *Engine) Rules() []style.Spec { return e.rules }

// Result is the outcome of a check.
type Result struct {
	Findings []finding.Finding
	// Posts counts the posts checked, drafts included.
	Posts int
	// Diags are input errors: posts that could not be read or parsed.
	Diags hcl.Diagnostics
	// Unreadable counts the posts Diags kept from being checked.
	Unreadable int
	// Files holds the sources of posts with diagnostics, for snippets.
	Files map[string]*hcl.File
}

// File is a post to check: its path as reported, and where to read it.
type File struct {
	Path string // as shown to the user
	Abs  string // to read
}

// Check reads, parses and lints files in parallel, one worker per CPU, and
// returns the findings sorted by path and position.
func (e *Engine) Check(ctx context.Context, files []File) Result {
	type out struct {
		findings []finding.Finding
		diags    hcl.Diagnostics
		src      []byte
	}
	outs := make([]out, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f, d, src := e.checkFile(files[i])
				outs[i] = out{f, d, src}
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

	res := Result{Posts: len(files), Files: map[string]*hcl.File{}}
	for i, o := range outs {
		res.Findings = append(res.Findings, o.findings...)
		res.Diags = append(res.Diags, o.diags...)
		if len(o.diags) > 0 {
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

func (e *Engine) checkFile(f File) ([]finding.Finding, hcl.Diagnostics, []byte) {
	src, err := os.ReadFile(f.Abs)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read post", Detail: err.Error()}}, nil
	}
	post, diags := e.parser.Parse(f.Path, src)
	if diags.HasErrors() {
		return nil, diags, src
	}
	return e.CheckPost(post), diags, src
}

// CheckPost lints one parsed post.
func (e *Engine) CheckPost(p *content.Post) []finding.Finding {
	findings := e.linter.Lint(p)
	findings = append(findings, e.checkChannels(p)...)
	return findings
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
		out = append(out, finding.Finding{
			Path: p.Path, Span: p.FileSpan(r.Start.Byte, max(r.End.Byte, r.Start.Byte+1)),
			Rule: "greenlight.unknown-channel", Level: finding.Error, Source: "content",
			Message: fmt.Sprintf("Unknown channel %q; known channels are %s.", ch, strings.Join(e.channelNames(), ", ")),
		})
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
