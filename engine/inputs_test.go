package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/enginetest"
)

// TestPackagesThatCannotDecideAreLeftOutUnchanged checks that leaving out
// the bundled packages whose inputs the config lacks (see policy.Inputs)
// changes no finding and no verdict: on the examples, whose config has
// every block, and on a config with no compliance, embargo, voice or stage
// block, each over the examples' posts and generated ones.
func TestPackagesThatCannotDecideAreLeftOutUnchanged(t *testing.T) {
	examples, err := filepath.Abs("../examples")
	if err != nil {
		t.Fatal(err)
	}
	bare := setup(t, map[string]string{"greenlight.hcl": `
greenlight {
  content  = ["posts/**/*.md"]
  styles   = ["` + filepath.ToSlash(filepath.Join(examples, "styles", "Acme")) + `"]
  policies = ["` + filepath.ToSlash(filepath.Join(examples, "policies")) + `"]
  front_matter_keys = ["topic", "disclaimer_waived_by"]
}
channel "x" { max_hashtags = 2 }
channel "linkedin" { utm = ["utm_source"] }
rule "hype" {
  level  = "warning"
  tokens = ["revolutionary", "synergy"]
  message = "Avoid '%s'."
}
`})
	loaded := config.Load(filepath.Join(examples, "greenlight.hcl"))
	if loaded.Config == nil {
		t.Fatal(loaded.Diags)
	}
	dir := t.TempDir()
	files, err := engine.Discover(loaded.Config, []string{filepath.Join(examples, "posts")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range enginetest.Corpus(300, 7) {
		abs := filepath.Join(dir, filepath.Base(p.Name))
		if err := os.WriteFile(abs, p.Src, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, engine.File{Path: p.Name, Abs: abs})
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for name, cfg := range map[string]*config.Config{"the examples' config": loaded.Config, "a config without those blocks": bare} {
		t.Run(name+" finds the same", func(t *testing.T) {
			run := func(opts engine.Options) engine.Result {
				eng, diags := engine.New(context.Background(), cfg, opts)
				if diags.HasErrors() {
					t.Fatal(diags)
				}
				res := eng.Check(context.Background(), files)
				for i := range res.Posts {
					if len(res.Posts[i].Stages) == 0 {
						res.Posts[i].Stages = nil
					}
				}
				return res
			}
			every := engine.Options{Now: now}
			engine.EveryPolicy(&every)
			want, got := run(every), run(engine.Options{Now: now})
			if len(want.Findings) == 0 {
				t.Fatal("no findings: the comparison proves nothing")
			}
			if !reflect.DeepEqual(got.Findings, want.Findings) {
				t.Errorf("%d findings, want %d; they differ", len(got.Findings), len(want.Findings))
			}
			if !reflect.DeepEqual(got.Posts, want.Posts) {
				t.Errorf("the posts' verdicts differ")
			}
		})
	}
}
