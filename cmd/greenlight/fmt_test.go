package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (slash paths relative to dir) with their modes.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFmtCheckPassesOnTheRepository(t *testing.T) {
	stdout, stderr, code := run(t, "fmt", "--check", "examples/", "policies/")
	if code != 0 {
		t.Errorf("exit %d, want 0: the repository's own config and policies are canonical\n%s%s", code, stdout, stderr)
	}
}

// TestFmt runs the three modes over one unformatted config and policy,
// the expected layouts being the canonical package's golden files.
func TestFmt(t *testing.T) {
	hclSrc := readFile(t, "canonical/testdata/greenlight.hcl")
	hclWant := readFile(t, "canonical/testdata/greenlight.hcl.golden")
	regoSrc := readFile(t, "canonical/testdata/policy.rego")
	regoWant := readFile(t, "canonical/testdata/policy.rego.golden")
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"greenlight.hcl":          hclSrc,
		"policies/posts.rego":     regoSrc,
		"node_modules/x/x.hcl":    hclSrc, // never walked into
		"posts/a.md":              "not a file fmt reads\n",
		"policies/canonical.rego": regoWant,
	})
	if err := os.Chmod(filepath.Join(dir, "policies/posts.rego"), 0o600); err != nil {
		t.Fatal(err)
	}
	changed := "greenlight.hcl\npolicies/posts.rego\n"

	t.Run("--check lists the files that would change, writes nothing and exits 1", func(t *testing.T) {
		stdout, stderr, code := runIn(t, dir, "fmt", "--check")
		if code != 1 || stdout != changed {
			t.Errorf("exit %d, stdout %q, want 1 and %q; stderr %s", code, stdout, changed, stderr)
		}
		if readFile(t, filepath.Join(dir, "greenlight.hcl")) != hclSrc {
			t.Error("--check rewrote greenlight.hcl")
		}
	})
	t.Run("--diff prints a unified diff and writes nothing", func(t *testing.T) {
		stdout, _, code := runIn(t, dir, "fmt", "--diff", "greenlight.hcl")
		for _, want := range []string{"--- greenlight.hcl\n+++ greenlight.hcl\n@@ ", "-    publish_branch=\"main\"\n", "+  publish_branch = \"main\"\n"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("the diff lacks %q:\n%s", want, stdout)
			}
		}
		if code != 0 || readFile(t, filepath.Join(dir, "greenlight.hcl")) != hclSrc {
			t.Errorf("exit %d, or the file was rewritten", code)
		}
	})
	t.Run("by default the files are rewritten in place and named", func(t *testing.T) {
		stdout, stderr, code := runIn(t, dir, "fmt")
		if code != 0 || stdout != changed {
			t.Fatalf("exit %d, stdout %q, want 0 and %q; stderr %s", code, stdout, changed, stderr)
		}
		if got := readFile(t, filepath.Join(dir, "greenlight.hcl")); got != hclWant {
			t.Errorf("greenlight.hcl:\n%s\nwant:\n%s", got, hclWant)
		}
		if got := readFile(t, filepath.Join(dir, "policies/posts.rego")); got != regoWant {
			t.Errorf("posts.rego:\n%s\nwant:\n%s", got, regoWant)
		}
		info, err := os.Stat(filepath.Join(dir, "policies/posts.rego"))
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("mode %v (%v), want the file's own 0600 kept", info.Mode(), err)
		}
		if readFile(t, filepath.Join(dir, "node_modules/x/x.hcl")) != hclSrc {
			t.Error("node_modules was walked")
		}
		leftovers, _ := filepath.Glob(filepath.Join(dir, "policies", ".*"))
		if len(leftovers) > 0 {
			t.Errorf("temporary files left: %v", leftovers)
		}
	})
	t.Run("a second run changes nothing and --check passes", func(t *testing.T) {
		for _, args := range [][]string{{"fmt"}, {"fmt", "--check"}} {
			if stdout, _, code := runIn(t, dir, args...); code != 0 || stdout != "" {
				t.Errorf("%v: exit %d, stdout %q; want 0 and nothing", args, code, stdout)
			}
		}
	})
}

// A syntax error anywhere stops the run before any file is written.
func TestFmtSyntaxErrorWritesNothing(t *testing.T) {
	hclSrc := readFile(t, "canonical/testdata/greenlight.hcl")
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"greenlight.hcl":  hclSrc,
		"policies/p.rego": "package acme.bad\n\ndeny contains x if {\n  x := \n}\n",
	})
	stdout, stderr, code := runIn(t, dir, "fmt")
	if code != 2 || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing written", code, stdout)
	}
	if !strings.Contains(stderr, "policies/p.rego:5:1: error: Invalid policy\n 5 | }\n") {
		t.Errorf("no located error with its source line:\n%s", stderr)
	}
	if readFile(t, filepath.Join(dir, "greenlight.hcl")) != hclSrc {
		t.Error("greenlight.hcl was rewritten although another file is broken")
	}
}

func TestFmtRefusesOtherFiles(t *testing.T) {
	if _, stderr, code := run(t, "fmt", "--check", "README.md"); code != 2 || !strings.Contains(stderr, "neither HCL") {
		t.Errorf("exit %d, stderr %q; want 2 and the reason", code, stderr)
	}
}
