package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/rulebook"
)

// exampleRulebook is examples/rulebook's files, path → content.
func exampleRulebook(t *testing.T) map[string]string {
	t.Helper()
	return rulebooktest.Files(t, filepath.Join(repoRoot, "examples", "rulebook"))
}

// TestSharedRulebook runs a shared rulebook end to end: a rulebook served
// by git http-backend on loopback, a content repository naming it, sync,
// check by the rulebook's rules, and every way the cache or the tag can go
// wrong failing closed.
func TestSharedRulebook(t *testing.T) {
	srv := rulebooktest.Serve(t)
	book := srv.NewRepo(t, "rulebook")
	first := book.Commit(t, exampleRulebook(t))
	book.Tag(t, "v1.2.0")
	rulebooktest.Git(t, book.Dir, "push", "--quiet", book.Bare, "main:refs/heads/release")

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "greenlight.hcl"), `greenlight { content = ["posts/**/*.md"] }

source "acme-rules" {
  git      = "`+book.URL+`"
  ref      = "v1.2.0"
  policies = ["policies"]
  styles   = ["styles/AcmeShared"]
}
`)
	writeFile(t, filepath.Join(dir, "posts", "launch.md"), "---\ntitle: Launch\nchannels: [linkedin]\n---\nOur world-class reports, results guaranteed.\n")
	t.Setenv(rulebooks.InsecureEnv, "1")
	t.Setenv(rulebook.CacheEnv, "")
	t.Setenv("GREENLIGHT_TOKEN", "")
	entry := filepath.Join(dir, ".greenlight", "sources", "acme-rules", first)

	rules := func(t *testing.T) []string {
		t.Helper()
		stdout, stderr, code := runIn(t, dir, "check", "--format", "json", ".")
		if code != 1 {
			t.Fatalf("check exit %d, want 1\n%s%s", code, stdout, stderr)
		}
		var out jsonOut
		if err := json.Unmarshal([]byte(stdout), &out); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range out.Findings {
			ids = append(ids, f.Rule)
		}
		return ids
	}
	failsNamingSync := func(t *testing.T, want string, args ...string) {
		t.Helper()
		_, stderr, code := runIn(t, dir, args...)
		if code != 2 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "greenlight sync") || !strings.Contains(stderr, "greenlight.hcl:3:") {
			t.Fatalf("%s: exit %d, want 2 at the source block with %q naming greenlight sync\n%s", args[0], code, want, stderr)
		}
	}

	t.Run("before sync every command fails closed naming sync", func(t *testing.T) {
		for _, args := range [][]string{{"check", "."}, {"validate"}, {"test"}} {
			failsNamingSync(t, "No greenlight.lock", args...)
		}
	})
	t.Run("sync pins the tag's commit and fills the cache", func(t *testing.T) {
		stdout, l := syncSource(t, dir)
		if l.Commit != first || l.Ref != "v1.2.0" || l.Git != book.URL || !strings.HasPrefix(l.Digest, "sha256:") {
			t.Fatalf("lock = %+v, want acme-rules at %s", l, first)
		}
		if d, err := rulebook.Digest(entry); err != nil || d != l.Digest {
			t.Fatalf("cache digest %s, %v; lock %s", d, err, l.Digest)
		}
		if !strings.Contains(stdout, "acme-rules v1.2.0 ("+first[:7]+"): added, 2 rules") {
			t.Errorf("sync printed %q", stdout)
		}
	})
	t.Run("check finds what only the rulebook's policy and style find, without the network", func(t *testing.T) {
		before := srv.Requests.Load()
		ids := rules(t)
		for _, want := range []string{"acme-rules.no-guarantees", "AcmeShared.Superlatives"} {
			if !strings.Contains(strings.Join(ids, " "), want) {
				t.Errorf("findings %q lack %s", ids, want)
			}
		}
		if stdout, _, _ := runIn(t, dir, "check", "."); !strings.Contains(stdout, "Judged with the shared rulebooks acme-rules v1.2.0 ("+first[:7]+").\n") {
			t.Errorf("check's text report does not name the rulebook's version:\n%s", stdout)
		}
		if n := srv.Requests.Load() - before; n != 0 {
			t.Errorf("check made %d requests to the rulebook's server", n)
		}
		if _, stderr, code := runIn(t, dir, "validate"); code != 0 {
			t.Errorf("validate exit %d\n%s", code, stderr)
		}
		if stdout, stderr, code := runIn(t, dir, "test"); code != 0 || !strings.Contains(stdout, "test_a_guarantee_is_denied") {
			t.Errorf("test exit %d: the rulebook's own tests should run\n%s%s", code, stdout, stderr)
		}
	})
	t.Run("a waiver names a rulebook's rule as any other", func(t *testing.T) {
		cfg := filepath.Join(dir, "greenlight.hcl")
		orig, _ := os.ReadFile(cfg)
		t.Cleanup(func() { os.WriteFile(cfg, orig, 0o644) })
		writeFile(t, cfg, string(orig)+"waiver \"launch\" {\n  rules  = [\"acme-rules.no-guarantees\"]\n  reason = \"legal checked the claim\"\n}\n")
		if ids := rules(t); strings.Contains(strings.Join(ids, " "), "acme-rules.no-guarantees") {
			t.Errorf("the waived rule still fails: %q", ids)
		}
	})
	t.Run("a tampered cache fails closed", func(t *testing.T) {
		p := filepath.Join(entry, "policies", "guarantees.rego")
		orig, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, strings.Replace(string(orig), "promises\n", "false\n", 1))
		failsNamingSync(t, "does not match greenlight.lock", "check", ".")
		writeFile(t, filepath.Join(entry, "policies", "extra.rego"), "package x\n")
		os.WriteFile(p, orig, 0o644)
		failsNamingSync(t, "does not match greenlight.lock", "check", ".")
		if _, stderr, code := runIn(t, dir, "sync"); code != 0 {
			t.Fatalf("sync could not mend the cache: %s", stderr)
		}
		rules(t)
	})
	t.Run("a branch is refused at its ref", func(t *testing.T) {
		other := t.TempDir()
		writeFile(t, filepath.Join(other, "greenlight.hcl"), "source \"acme-rules\" {\n  git      = \""+book.URL+"\"\n  ref      = \"release\"\n  policies = [\"policies\"]\n}\n")
		_, stderr, code := runIn(t, other, "sync")
		if code != 2 || !strings.Contains(stderr, "greenlight.hcl:3:") || !strings.Contains(stderr, "is a branch") {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	})

	second := book.Commit(t, map[string]string{"styles/AcmeShared/Hype.yml": "extends: existence\nmessage: \"'%s' is hype.\"\nlevel: warning\ntokens:\n  - revolutionary\n"})
	book.Tag(t, "v1.2.0")
	t.Run("a moved tag is an error without --update", func(t *testing.T) {
		lockBefore, _ := os.ReadFile(filepath.Join(dir, rulebook.LockName))
		_, stderr, code := runIn(t, dir, "sync")
		want := "tag v1.2.0 moved from " + first[:7] + " to " + second[:7]
		if code != 2 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "greenlight.hcl:5:") {
			t.Fatalf("exit %d, want 2 with %q at the ref\n%s", code, want, stderr)
		}
		if after, _ := os.ReadFile(filepath.Join(dir, rulebook.LockName)); string(after) != string(lockBefore) {
			t.Error("greenlight.lock changed")
		}
		rules(t) // the lock still pins the first commit, cached
	})
	t.Run("sync --update accepts it and prints the rules that changed", func(t *testing.T) {
		stdout, stderr, code := runIn(t, dir, "sync", "--update")
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		for _, want := range []string{"acme-rules: tag v1.2.0 moved from " + first[:7] + " to " + second[:7], "rules added: AcmeShared.Hype"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, stdout)
			}
		}
		if lock, _ := rulebook.ReadLock(filepath.Join(dir, rulebook.LockName)); lock.Source("acme-rules").Commit != second {
			t.Errorf("lock = %+v, want %s", lock, second)
		}
	})
	t.Run("offline with the cache filled it checks; with an empty cache it fails naming sync", func(t *testing.T) {
		srv.Close()
		rules(t)
		t.Setenv(rulebook.CacheEnv, t.TempDir())
		failsNamingSync(t, "Rulebook not in the cache", "check", ".")
	})
}

// sync on a config that names no source writes no lock file: there is
// nothing to lock, and an empty greenlight.lock would only be noise.
func TestSyncWithoutSourcesWritesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "greenlight.hcl"), []byte("greenlight { content = [\"posts/**/*.md\"] }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runIn(t, dir, "sync")
	if code != 0 || !strings.Contains(stdout, "nothing to lock") {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "greenlight.lock")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a lock file was written: %v", err)
	}
}
