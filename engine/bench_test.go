package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/enginetest"
	"github.com/greenlighthq/greenlight/engine/facts"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/greenlighthq/greenlight/engine/style/vale"
	"github.com/open-policy-agent/opa/v1/ast"
)

// benchConfig is the examples' config (every rule type, a Vale style, the
// team policy, three stages, a voice, compliance triggers, an embargo),
// or the config at GREENLIGHT_BENCH_CONFIG, plus the Vale packages named
// by GREENLIGHT_BENCH_STYLES (dir1,dir2), as bench/compare.sh loads them.
func benchConfig(b *testing.B) *config.Config {
	path := "../examples/greenlight.hcl"
	if p := os.Getenv("GREENLIGHT_BENCH_CONFIG"); p != "" {
		path = p
	}
	loaded := config.Load(path)
	if loaded.Config == nil {
		b.Fatal(loaded.Diags)
	}
	cfg := loaded.Config
	if dirs := os.Getenv("GREENLIGHT_BENCH_STYLES"); dirs != "" {
		for _, d := range strings.Split(dirs, ",") {
			abs, _ := filepath.Abs(d)
			cfg.Settings.Styles = append(cfg.Settings.Styles, abs)
		}
	}
	return cfg
}

func benchFiles(b *testing.B) []engine.File {
	dir := b.TempDir()
	var files []engine.File
	for _, p := range enginetest.Corpus(10000, 1) {
		path := filepath.Join(dir, filepath.Base(p.Name))
		if err := os.WriteFile(path, p.Src, 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, engine.File{Path: p.Name, Abs: path})
	}
	return files
}

// BenchmarkCheck checks 10,000 generated posts with everything on: style
// rules, channel counts, tone, and every bundled and team policy. It
// reports posts per second.
func BenchmarkCheck(b *testing.B) {
	cfg := benchConfig(b)
	files := benchFiles(b)
	eng, diags := engine.New(context.Background(), cfg, engine.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.ResetTimer()
	var findings int
	for b.Loop() {
		res := eng.Check(context.Background(), files)
		findings = len(res.Findings)
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "posts/s")
	b.ReportMetric(float64(findings), "findings")
}

// BenchmarkStyleOnly is the same corpus through the parser and the style
// rules alone, in parallel as Check does: the baseline the policies and
// channel counting are measured against.
func BenchmarkStyleOnly(b *testing.B) { benchStyle(b, nil) }

// BenchmarkStyleAndChannels adds counting every channel each post targets
// (X, Bluesky, LinkedIn, ... with their own rules) to BenchmarkStyleOnly.
func BenchmarkStyleAndChannels(b *testing.B) {
	fb, err := facts.NewBuilder(benchConfig(b))
	if err != nil {
		b.Fatal(err)
	}
	benchStyle(b, func(p *content.Post) { fb.Measure(p) })
}

func benchStyle(b *testing.B, also func(*content.Post)) {
	cfg := benchConfig(b)
	files := benchFiles(b)
	specs := cfg.Rules
	for _, dir := range cfg.Settings.Styles {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(cfg.Dir, dir)
		}
		s, _ := vale.Load(dir)
		specs = append(specs, s...)
	}
	linter, err := style.NewLinter(specs)
	if err != nil {
		b.Fatal(err)
	}
	parser := content.NewParser(cfg.Settings.Location)
	b.ResetTimer()
	for b.Loop() {
		next := make(chan engine.File)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for f := range next {
					src, err := os.ReadFile(f.Abs)
					if err != nil {
						b.Error(err)
						return
					}
					p, _ := parser.Parse(f.Path, src)
					linter.Lint(p)
					if also != nil {
						also(p)
					}
				}
			}()
		}
		for _, f := range files {
			next <- f
		}
		close(next)
		wg.Wait()
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "posts/s")
}

// BenchmarkPrepare is the one-time cost of a run: loading the styles and
// compiling the rules, and loading, compiling and preparing every policy.
func BenchmarkPrepare(b *testing.B) {
	cfg := benchConfig(b)
	for b.Loop() {
		if _, diags := engine.New(context.Background(), cfg, engine.Options{}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkPolicies is the policy side alone: every bundled and team
// policy evaluated on the input documents of 1,000 generated posts, built
// beforehand, one post at a time. It reports the time per post.
func BenchmarkPolicies(b *testing.B) {
	cfg := benchConfig(b)
	eng, diags := engine.New(context.Background(), cfg, engine.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	var inputs []ast.Object
	for _, p := range enginetest.Corpus(1000, 1) {
		post, diags := eng.Parse(p.Name, p.Src)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		in, err := eng.Input(post)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		for _, in := range inputs {
			if d := eng.Decide(ctx, in); len(d.Errors) > 0 {
				b.Fatal(d.Errors)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(len(inputs)*b.N), "µs/post")
}

// BenchmarkOnePost is what a pull request that changes one post pays in
// process: building the engine for the config and checking that post
// (examples/posts/2026-12-02-hype.md under the examples' config).
func BenchmarkOnePost(b *testing.B) {
	cfg := benchConfig(b)
	abs, err := filepath.Abs("../examples/posts/2026-12-02-hype.md")
	if err != nil {
		b.Fatal(err)
	}
	files := []engine.File{{Path: "posts/2026-12-02-hype.md", Abs: abs}}
	for b.Loop() {
		eng, diags := engine.New(context.Background(), cfg, engine.Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		if res := eng.Check(context.Background(), files); len(res.Findings) == 0 {
			b.Fatal("no findings")
		}
	}
}
