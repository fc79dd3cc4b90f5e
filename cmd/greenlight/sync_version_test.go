package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/rulebook"
)

// TestVersionedSource: a source with a version constraint syncs to the
// newest release within it, keeps it until sync --update, which moves to
// a newer release within (never past it) and says what changed, rules
// re-levelled included.
func TestVersionedSource(t *testing.T) {
	srv := rulebooktest.Serve(t)
	book := srv.NewRepo(t, "rulebook")
	v100 := book.Commit(t, rulebooktest.WarnOnly(exampleRulebook(t)))
	book.Tag(t, "v1.0.0")
	book.Commit(t, map[string]string{"policies/extra.rego": "package rulebook.acme.extra\n\n# METADATA\n# custom:\n#   id: acme-rules.extra\ndeny contains {\"msg\": \"x\"} if false\n"})
	book.Tag(t, "v2.0.0")
	book.Tag(t, "nightly")
	t.Setenv(rulebooks.InsecureEnv, "1")
	t.Setenv(rulebook.CacheEnv, "")
	t.Setenv("GREENLIGHT_TOKEN", "")
	dir := t.TempDir()
	config := func(version string) string {
		return "greenlight { content = [\"posts/**/*.md\"] }\n\nsource \"acme-rules\" {\n  git      = \"" + book.URL + "\"\n  version  = \"" + version + "\"\n  policies = [\"policies\"]\n  styles   = [\"styles/AcmeShared\"]\n}\n"
	}
	writeFile(t, filepath.Join(dir, "greenlight.hcl"), config("~> 1.0"))
	writeFile(t, filepath.Join(dir, "posts", "launch.md"), launchPost)
	level := func(t *testing.T) string {
		t.Helper()
		stdout, stderr, code := runIn(t, dir, "check", ".")
		for _, line := range strings.Split(stdout, "\n") {
			if strings.Contains(line, "acme-rules.no-guarantees") {
				return strings.Fields(line)[1]
			}
		}
		t.Fatalf("check exit %d: no acme-rules.no-guarantees\n%s%s", code, stdout, stderr)
		return ""
	}

	t.Run("sync picks the newest release within the range", func(t *testing.T) {
		_, l := syncSource(t, dir)
		if l.Ref != "v1.0.0" || l.Commit != v100 || l.Constraint != "~> 1.0" {
			t.Fatalf("lock = %+v, want v1.0.0 at %s", l, v100[:7])
		}
		if got := level(t); got != "warning" {
			t.Errorf("the rule is a %s, want a warning at v1.0.0", got)
		}
	})
	files := exampleRulebook(t)
	files["policies/extra.rego"] = ""
	v110 := book.Commit(t, files)
	book.Tag(t, "v1.1.0")
	t.Run("a newer release within the range waits for sync --update", func(t *testing.T) {
		stdout, l := syncSource(t, dir)
		if l.Ref != "v1.0.0" || !strings.Contains(stdout, "acme-rules v1.0.0 ("+v100[:7]+"): up to date") {
			t.Fatalf("sync moved without --update: %+v\n%s", l, stdout)
		}
		stdout, stderr, code := runIn(t, dir, "sync", "--update")
		want := "acme-rules v1.1.0 (" + v110[:7] + "): was v1.0.0 (" + v100[:7] + "); rules re-levelled: acme-rules.no-guarantees (warning → error)"
		if code != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("sync --update exit %d, want %q\n%s%s", code, want, stdout, stderr)
		}
		if got := level(t); got != "error" {
			t.Errorf("the rule is a %s, want an error at v1.1.0", got)
		}
	})
	t.Run("a new range in the config moves on a plain sync", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "greenlight.hcl"), config(">= 2.0"))
		if _, stderr, code := runIn(t, dir, "check", "."); code != 2 || !strings.Contains(stderr, "greenlight.lock is out of date") {
			t.Fatalf("check with the old lock: exit %d\n%s", code, stderr)
		}
		stdout, l := syncSource(t, dir)
		if l.Ref != "v2.0.0" || !strings.Contains(stdout, "rules added: acme-rules.extra") {
			t.Fatalf("lock %+v\n%s", l, stdout)
		}
	})
	t.Run("a range no release is within fails at version", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "greenlight.hcl"), config("~> 3.0"))
		lockBefore, _ := os.ReadFile(filepath.Join(dir, rulebook.LockName))
		_, stderr, code := runIn(t, dir, "sync", "--update")
		if code != 2 || !strings.Contains(stderr, "greenlight.hcl:5:") || !strings.Contains(stderr, `is a version within "~> 3.0"`) {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if after, _ := os.ReadFile(filepath.Join(dir, rulebook.LockName)); string(after) != string(lockBefore) {
			t.Error("greenlight.lock changed")
		}
	})
}
