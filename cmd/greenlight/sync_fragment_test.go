package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/rulebook"
)

// TestSharedConfigFragment runs a rulebook's config fragment end to end:
// examples/rulebook's config/compliance.hcl, served by git http-backend
// on loopback, is locked and cached by sync; its compliance trigger then
// blocks a post of the content repository that makes a financial claim,
// and requires the repository's legal stage. The repository may tighten
// the trigger but not loosen it, and a fragment changed in the cache
// fails closed.
func TestSharedConfigFragment(t *testing.T) {
	srv := rulebooktest.Serve(t)
	book := srv.NewRepo(t, "rulebook")
	commit := book.Commit(t, exampleRulebook(t))
	book.Tag(t, "v1.3.0")

	dir := t.TempDir()
	const base = `greenlight { content = ["posts/**/*.md"] }

role "legal" { users = ["lee"] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}
`
	source := `
source "acme-rules" {
  git    = "` + book.URL + `"
  ref    = "v1.3.0"
  config = ["config/compliance.hcl"]
}
`
	cfgPath := filepath.Join(dir, "greenlight.hcl")
	writeFile(t, cfgPath, base+source)
	writeFile(t, filepath.Join(dir, "posts", "offer.md"), "---\ntitle: Offer\nchannels: [linkedin]\n---\nA risk-free way to grow your savings.\n")
	t.Setenv(rulebooks.InsecureEnv, "1")
	t.Setenv(rulebook.CacheEnv, "")
	t.Setenv("GREENLIGHT_TOKEN", "")

	_, l := syncSource(t, dir)
	if !slices.Equal(l.Config, []string{"config/compliance.hcl"}) || l.Commit != commit {
		t.Fatalf("lock = %+v, want the fragment pinned at %s", l, commit)
	}
	fragment := filepath.Join(dir, ".greenlight", "sources", "acme-rules", commit, "config", "compliance.hcl")

	t.Run("the shared compliance trigger blocks the post and requires legal", func(t *testing.T) {
		stdout, stderr, code := runIn(t, dir, "check", "--format", "json", ".")
		if code != 1 {
			t.Fatalf("check exit %d, want 1\n%s%s", code, stdout, stderr)
		}
		var out jsonOut
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range out.Findings {
			got = append(got, f.Rule+" "+f.Level)
		}
		if !slices.Contains(got, "greenlight.compliance.must-include error") {
			t.Errorf("findings %q lack the shared trigger's must-include error", got)
		}
		if !strings.Contains(stdout, `"legal"`) {
			t.Errorf("the legal stage is not required:\n%s", stdout)
		}
	})
	t.Run("config shows the shared block with its source", func(t *testing.T) {
		stdout, stderr, code := runIn(t, dir, "config")
		if code != 0 || !strings.Contains(stdout, "compliance.financial-claims    from source acme-rules, config/compliance.hcl:7; added") {
			t.Errorf("config exit %d\n%s%s", code, stdout, stderr)
		}
	})
	t.Run("the repository may tighten the shared trigger", func(t *testing.T) {
		writeFile(t, cfgPath, base+source+`
compliance "financial-claims" {
  tokens       = ["risk-free", "double your money", "no risk", "can't lose"]
  requires     = [stage.legal]
  must_include = ["Not financial advice."]
  level        = "error"
}
`)
		t.Cleanup(func() { writeFile(t, cfgPath, base+source) })
		if _, stderr, code := runIn(t, dir, "validate"); code != 0 {
			t.Fatalf("validate exit %d\n%s", code, stderr)
		}
		if stdout, _, _ := runIn(t, dir, "config"); !strings.Contains(stdout, "tightened by greenlight.hcl:") {
			t.Errorf("config does not say the repository tightened it:\n%s", stdout)
		}
	})
	t.Run("loosening the shared trigger is an error at the repository's block", func(t *testing.T) {
		writeFile(t, cfgPath, base+source+`
compliance "financial-claims" {
  tokens = ["risk-free"]
  level  = "warning"
}
`)
		t.Cleanup(func() { writeFile(t, cfgPath, base+source) })
		_, stderr, code := runIn(t, dir, "validate")
		if code != 2 || !strings.Contains(stderr, "greenlight.hcl:15:1: error: Loosens a shared compliance") ||
			!strings.Contains(stderr, `"no risk" is missing from tokens`) || !strings.Contains(stderr, `compliance.financial-claims of source "acme-rules"`) {
			t.Fatalf("validate exit %d, want 2 at the repository's block\n%s", code, stderr)
		}
	})
	t.Run("a stage the repository lacks is an error at the fragment's line", func(t *testing.T) {
		writeFile(t, cfgPath, `greenlight { content = ["posts/**/*.md"] }
`+source)
		t.Cleanup(func() { writeFile(t, cfgPath, base+source) })
		_, stderr, code := runIn(t, dir, "validate")
		if code != 2 || !strings.Contains(stderr, filepath.Join("acme-rules", commit, "config", "compliance.hcl")+":9:") ||
			!strings.Contains(stderr, "Unknown stage") || !strings.Contains(stderr, "requires     = [stage.legal]") {
			t.Fatalf("validate exit %d, want 2 at the fragment's requires, with its line\n%s", code, stderr)
		}
	})
	t.Run("a fragment changed in the cache fails closed", func(t *testing.T) {
		src, err := os.ReadFile(fragment)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { writeFile(t, fragment, string(src)) })
		writeFile(t, fragment, strings.Replace(string(src), `level        = "error"`, `level        = "info"`, 1))
		for _, args := range [][]string{{"check", "."}, {"validate"}} {
			_, stderr, code := runIn(t, dir, args...)
			if code != 2 || !strings.Contains(stderr, "Rulebook cache does not match greenlight.lock") {
				t.Errorf("%s: exit %d, want 2: the cache no longer matches the lock\n%s", args[0], code, stderr)
			}
		}
	})
}

// TestSyncUpdateNamesFragmentChanges checks that sync --update reports a
// rulebook's config fragments as it reports its rules: legal raises the
// shared trigger from warning to error and adds another in a new release,
// and the update says so, by the blocks' addresses.
func TestSyncUpdateNamesFragmentChanges(t *testing.T) {
	srv := rulebooktest.Serve(t)
	book := srv.NewRepo(t, "rulebook")
	files := exampleRulebook(t)
	shared := files["config/compliance.hcl"]
	files["config/compliance.hcl"] = strings.Replace(shared, `level        = "error"`, `level        = "warning"`, 1)
	if files["config/compliance.hcl"] == shared {
		t.Fatal("the example fragment sets no error level to lower")
	}
	book.Commit(t, files)
	book.Tag(t, "v1.3.0")

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "greenlight.hcl"), `greenlight { content = ["posts/**/*.md"] }

role "legal" { users = ["lee"] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}

source "acme-rules" {
  git     = "`+book.URL+`"
  version = "~> 1.3"
  config  = ["config/compliance.hcl"]
}
`)
	t.Setenv(rulebooks.InsecureEnv, "1")
	t.Setenv(rulebook.CacheEnv, "")
	t.Setenv("GREENLIGHT_TOKEN", "")
	syncSource(t, dir)

	files["config/compliance.hcl"] = shared + `
compliance "crypto" {
  tokens   = ["crypto"]
  requires = [stage.legal]
}
`
	book.Commit(t, files)
	book.Tag(t, "v1.4.0")
	stdout, stderr, code := runIn(t, dir, "sync", "--update")
	for _, want := range []string{"was v1.3.0", "rules added: compliance.crypto", "rules re-levelled: compliance.financial-claims (warning → error)"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("sync --update exit %d, without %q\n%s%s", code, want, stdout, stderr)
		}
	}
}
