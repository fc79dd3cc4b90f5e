package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle"
)

// packRulebook packs files (path → content) into an OPA bundle of the
// rulebook's policies and styles/AcmeShared, signed when key is not nil.
func packRulebook(t *testing.T, files map[string]string, revision string, key []byte) []byte {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), content)
	}
	var b bytes.Buffer
	if _, err := bundle.Build(&b, dir, []string{"policies", "styles/AcmeShared"}, bundle.Options{Revision: revision, SigningKey: key}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sourceConfig is a content repository's config naming a source of the
// kind ("bundle", "oci") at location, with extra lines in its block.
func sourceConfig(kind, location string, extra ...string) string {
	return `greenlight { content = ["posts/**/*.md"] }

source "acme-rules" {
  ` + fmt.Sprintf("%-8s", kind) + ` = "` + location + `"
  policies = ["policies"]
  styles   = ["styles/AcmeShared"]
` + strings.Join(extra, "\n") + `
}
`
}

// syncSource runs sync in dir, which must succeed, and returns what it
// printed and the lock's entry of source acme-rules.
func syncSource(t *testing.T, dir string) (string, rulebook.Locked) {
	t.Helper()
	stdout, stderr, code := runIn(t, dir, "sync")
	if code != 0 {
		t.Fatalf("sync exit %d\n%s%s", code, stdout, stderr)
	}
	lock, err := rulebook.ReadLock(filepath.Join(dir, rulebook.LockName))
	if err != nil {
		t.Fatal(err)
	}
	l := lock.Source("acme-rules")
	if l == nil {
		t.Fatalf("lock = %+v, without acme-rules", lock)
	}
	return stdout, *l
}

// checksOffline runs check in dir, which must find both of the rulebook's
// rules in launchPost, with no request counted by requests.
func checksOffline(t *testing.T, dir string, requests func() int64) {
	t.Helper()
	before := requests()
	stdout, stderr, code := runIn(t, dir, "check", ".")
	if code != 1 || !strings.Contains(stdout, "acme-rules.no-guarantees") || !strings.Contains(stdout, "AcmeShared.Superlatives") {
		t.Fatalf("check exit %d\n%s%s", code, stdout, stderr)
	}
	if n := requests() - before; n != 0 {
		t.Errorf("check made %d requests to the rulebook's server", n)
	}
}

// launchPost is a post both of examples/rulebook's rules stop.
const launchPost = "---\ntitle: Launch\nchannels: [linkedin]\n---\nOur world-class reports, results guaranteed.\n"

// TestBundleSource runs a rulebook published as an OPA bundle over https
// end to end: sync locks the archive's digest and revision, check judges
// by it offline, and a bundle replaced on the server fails closed until
// sync --update accepts it.
func TestBundleSource(t *testing.T) {
	srv := rulebooktest.ServeBundles(t)
	files := exampleRulebook(t)
	url := srv.Put("/rulebook-v1.2.0.tar.gz", packRulebook(t, files, "v1.2.0", nil))
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "greenlight.hcl"), sourceConfig("bundle", url))
	writeFile(t, filepath.Join(dir, "posts", "launch.md"), launchPost)
	t.Setenv(rulebooks.CAEnv, srv.CAFile)
	t.Setenv(rulebook.CacheEnv, "")
	lockPath := filepath.Join(dir, rulebook.LockName)

	t.Run("sync locks the bundle's archive and revision", func(t *testing.T) {
		stdout, l := syncSource(t, dir)
		if l.Bundle != url || l.Revision != "v1.2.0" || !strings.HasPrefix(l.Archive, "sha256:") || l.Git != "" || l.Commit != "" {
			t.Fatalf("lock = %+v", l)
		}
		if want := "acme-rules v1.2.0 (sha256:" + l.Key()[:7] + "): added, 2 rules"; !strings.Contains(stdout, want) {
			t.Errorf("sync printed %q, want %q", stdout, want)
		}
	})
	t.Run("check judges by the bundle's rules without the network", func(t *testing.T) {
		checksOffline(t, dir, srv.Requests.Load)
		if stdout, stderr, code := runIn(t, dir, "test"); code != 0 || !strings.Contains(stdout, "test_a_guarantee_is_denied") {
			t.Errorf("test exit %d: the bundle's Rego tests should run\n%s%s", code, stdout, stderr)
		}
	})
	t.Run("a cache changed after sync fails closed", func(t *testing.T) {
		lock, _ := rulebook.ReadLock(lockPath)
		l := lock.Source("acme-rules")
		p := filepath.Join(rulebook.Entry(filepath.Join(dir, ".greenlight", "sources"), l.Name, l.Key()), "policies", "guarantees.rego")
		orig, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, strings.Replace(string(orig), "promises\n", "false\n", 1))
		defer writeFile(t, p, string(orig))
		_, stderr, code := runIn(t, dir, "check", ".")
		if code != 2 || !strings.Contains(stderr, "does not match greenlight.lock") || !strings.Contains(stderr, "greenlight sync") {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	})
	t.Run("a bundle replaced on the server fails closed at its URL", func(t *testing.T) {
		tampered := map[string]string{}
		for p, c := range files {
			tampered[p] = c
		}
		tampered["policies/guarantees.rego"] = strings.Replace(files["policies/guarantees.rego"], "promises\n", "false\n", 1)
		srv.Put("/rulebook-v1.2.0.tar.gz", packRulebook(t, tampered, "v1.2.0", nil))
		lockBefore, _ := os.ReadFile(lockPath)
		_, stderr, code := runIn(t, dir, "sync")
		if code != 2 || !strings.Contains(stderr, "Bundle changed on the server") || !strings.Contains(stderr, "greenlight.hcl:4:") ||
			!strings.Contains(stderr, "greenlight sync --update") {
			t.Fatalf("exit %d, want 2 at the bundle URL naming sync --update\n%s", code, stderr)
		}
		if after, _ := os.ReadFile(lockPath); !bytes.Equal(after, lockBefore) {
			t.Error("greenlight.lock changed")
		}
		if stdout, _, code := runIn(t, dir, "check", "."); code != 1 || !strings.Contains(stdout, "acme-rules.no-guarantees") {
			t.Errorf("check no longer judges by the locked bundle: exit %d\n%s", code, stdout)
		}
		stdout, stderr, code := runIn(t, dir, "sync", "--update")
		if code != 0 || !strings.Contains(stdout, "acme-rules: bundle changed from v1.2.0 (sha256:") || !strings.Contains(stdout, "; same rules") {
			t.Fatalf("sync --update exit %d\n%s%s", code, stdout, stderr)
		}
		if stdout, _, code := runIn(t, dir, "check", "."); code != 1 || strings.Contains(stdout, "acme-rules.no-guarantees") {
			t.Errorf("check still judges by the old bundle after sync --update: exit %d\n%s", code, stdout)
		}
		srv.Put("/rulebook-v1.2.0.tar.gz", packRulebook(t, files, "v1.2.0", nil))
		if _, stderr, code := runIn(t, dir, "sync", "--update"); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	})
	t.Run("a file that is no bundle is refused", func(t *testing.T) {
		other := t.TempDir()
		writeFile(t, filepath.Join(other, "greenlight.hcl"), sourceConfig("bundle", srv.Put("/junk.tar.gz", []byte("<html>not found</html>"))))
		_, stderr, code := runIn(t, other, "sync")
		if code != 2 || !strings.Contains(stderr, "not an OPA bundle") {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	})
	t.Run("a private bundle gets the token token_env names, and says when it is missing", func(t *testing.T) {
		other := t.TempDir()
		writeFile(t, filepath.Join(other, "greenlight.hcl"), sourceConfig("bundle", url, `  token_env = "ACME_RULES_TOKEN"`))
		t.Setenv("ACME_RULES_TOKEN", "s3cret")
		if _, stderr, code := runIn(t, other, "sync"); code != 0 || srv.Auth.Load() != "Bearer s3cret" {
			t.Fatalf("exit %d, Authorization %q\n%s", code, srv.Auth.Load(), stderr)
		}
		t.Setenv("ACME_RULES_TOKEN", "")
		writeFile(t, filepath.Join(other, "greenlight.hcl"), sourceConfig("bundle", srv.URL+"/private.tar.gz", `  token_env = "ACME_RULES_TOKEN"`))
		_, stderr, code := runIn(t, other, "sync")
		if code != 2 || !strings.Contains(stderr, "ACME_RULES_TOKEN, which token_env names, is not set") || strings.Contains(stderr, "s3cret") {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	})
	t.Run("offline with the cache filled it checks; with an empty cache it fails naming sync", func(t *testing.T) {
		srv.Close()
		if stdout, stderr, code := runIn(t, dir, "check", "."); code != 1 || !strings.Contains(stdout, "acme-rules.no-guarantees") {
			t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
		}
		t.Setenv(rulebook.CacheEnv, t.TempDir())
		_, stderr, code := runIn(t, dir, "check", ".")
		if code != 2 || !strings.Contains(stderr, "Rulebook not in the cache") || !strings.Contains(stderr, "run `greenlight sync`") {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	})
}
