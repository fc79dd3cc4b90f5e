package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/enginetest"
)

// BenchmarkCheck checks a generated corpus of 10,000 posts with the
// examples' config (every rule type plus a Vale style) and reports posts
// per second. With GREENLIGHT_BENCH_STYLES=dir1,dir2 it also loads those
// Vale packages, as bench/compare.sh does when comparing with Vale.
func BenchmarkCheck(b *testing.B) {
	loaded := config.Load("../examples/greenlight.hcl")
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
	dir := b.TempDir()
	var files []engine.File
	for _, p := range enginetest.Corpus(10000, 1) {
		path := filepath.Join(dir, filepath.Base(p.Name))
		if err := os.WriteFile(path, p.Src, 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, engine.File{Path: p.Name, Abs: path})
	}
	eng, diags := engine.New(cfg)
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
