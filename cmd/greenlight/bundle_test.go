package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle/bundletest"
)

// TestBundleRoundTrip: greenlight bundle packs examples/rulebook (which
// validates and tests on its own), signed; served over https, a content
// repository syncs it with the public key and judges by its policies,
// styles and vocabulary.
func TestBundleRoundTrip(t *testing.T) {
	book := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "examples", "rulebook"), book)
	for _, args := range [][]string{{"validate"}, {"test"}} {
		if stdout, stderr, code := runIn(t, book, args...); code != 0 {
			t.Fatalf("%s in the rulebook alone: exit %d\n%s%s", args[0], code, stdout, stderr)
		}
	}
	priv, pub := bundletest.KeyPair(t)
	keyFile := filepath.Join(t.TempDir(), "rulebook-key.pem")
	writeFile(t, keyFile, string(priv))
	out := filepath.Join(t.TempDir(), "rulebook-v1.2.0.tar.gz")
	stdout, stderr, code := runIn(t, book, "bundle", "--revision", "v1.2.0", "--signing-key", keyFile, "-o", out)
	if code != 0 || !strings.Contains(stdout, "revision v1.2.0, 5 files from [policies styles/AcmeShared styles/config/vocabularies/AcmeShared], signed, sha256:") {
		t.Fatalf("bundle exit %d\n%s%s", code, stdout, stderr)
	}
	archive, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the same rulebook and key make the same bytes", func(t *testing.T) {
		again := filepath.Join(t.TempDir(), "again.tar.gz")
		if _, stderr, code := runIn(t, book, "bundle", "--revision", "v1.2.0", "--signing-key", keyFile, "-o", again); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if b, _ := os.ReadFile(again); !bytes.Equal(b, archive) {
			t.Error("two bundles of the same rulebook differ")
		}
	})

	srv := rulebooktest.ServeBundles(t)
	url := srv.Put("/rulebook-v1.2.0.tar.gz", archive)
	t.Setenv(rulebooks.CAEnv, srv.CAFile)
	t.Setenv(rulebook.CacheEnv, "")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "keys", "rulebook.pem"), string(pub))
	writeFile(t, filepath.Join(dir, "greenlight.hcl"), sourceConfig("bundle", url, `  public_key = "keys/rulebook.pem"`,
		`  vocabularies = ["styles/config/vocabularies/AcmeShared"]`))
	writeFile(t, filepath.Join(dir, "posts", "launch.md"), strings.Replace(launchPost, "Our world-class reports", "Our world-class reports on acme cloud", 1))
	if stdout, stderr, code := runIn(t, dir, "sync"); code != 0 || !strings.Contains(stdout, "acme-rules v1.2.0 (sha256:") {
		t.Fatalf("sync exit %d\n%s%s", code, stdout, stderr)
	}
	stdout, stderr, code = runIn(t, dir, "check", ".")
	for _, want := range []string{"acme-rules.no-guarantees", "AcmeShared.Superlatives", "Use 'Acme Cloud' instead of 'acme cloud'"} {
		if code != 1 || !strings.Contains(stdout, want) {
			t.Errorf("check exit %d, without %q: the bundle's policies, styles and vocabulary all judge\n%s%s", code, want, stdout, stderr)
		}
	}
}

// TestBundledConfigFragment packs the example rulebook's config fragment
// (legal's financial-claims trigger) into a bundle, serves it over https
// and checks that a content repository naming it in config takes the
// trigger in: a claim without the disclaimer fails, and legal's stage is
// required. A fragment that is not one is refused before anything is
// written.
func TestBundledConfigFragment(t *testing.T) {
	book := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "examples", "rulebook"), book)
	out := filepath.Join(t.TempDir(), "rulebook.tar.gz")
	writeFile(t, filepath.Join(book, "config", "governance.hcl"), "role \"legal\" { users = [\"lee\"] }\n")
	if _, stderr, code := runIn(t, book, "bundle", "--revision", "v1.3.0", "--fragment", "config/governance.hcl", "-o", out); code != 2 ||
		!strings.Contains(stderr, "config/governance.hcl:1:1") || !strings.Contains(stderr, "Block not allowed in a config fragment") {
		t.Fatalf("a role in a fragment: exit %d, want 2 at the block\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused bundle was written")
	}
	stdout, stderr, code := runIn(t, book, "bundle", "--revision", "v1.3.0", "--fragment", "config/compliance.hcl", "-o", out)
	if code != 0 || !strings.Contains(stdout, "config/compliance.hcl") {
		t.Fatalf("bundle exit %d\n%s%s", code, stdout, stderr)
	}
	archive, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	srv := rulebooktest.ServeBundles(t)
	url := srv.Put("/rulebook-v1.3.0.tar.gz", archive)
	t.Setenv(rulebooks.CAEnv, srv.CAFile)
	t.Setenv(rulebook.CacheEnv, "")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "greenlight.hcl"), `greenlight { content = ["posts/**/*.md"] }

role "legal" { users = ["lee"] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}

source "acme-rules" {
  bundle   = "`+url+`"
  policies = ["policies"]
  config   = ["config/compliance.hcl"]
}
`)
	writeFile(t, filepath.Join(dir, "posts", "offer.md"), "---\ntitle: Offer\nchannels: [linkedin]\n---\nA risk-free way to grow.\n")
	if stdout, stderr, code := runIn(t, dir, "sync"); code != 0 {
		t.Fatalf("sync exit %d\n%s%s", code, stdout, stderr)
	}
	stdout, stderr, code = runIn(t, dir, "check", "--require-signoffs", ".")
	for _, want := range []string{"greenlight.compliance.must-include", "legal pending (compliance: financial-claims)"} {
		if code != 1 || !strings.Contains(stdout, want) {
			t.Errorf("check exit %d, without %q: the bundled fragment's trigger judges\n%s%s", code, want, stdout, stderr)
		}
	}
}

func TestBundleRefusesWhatItCannotPack(t *testing.T) {
	tests := []struct {
		name   string
		config string
		files  map[string]string
		args   []string
		want   string
	}{
		{"a bundle needs a revision", `greenlight { policies = ["policies"] }`, map[string]string{"policies/p.rego": "package acme\n"},
			nil, "bundle needs --revision"},
		{"a policy that does not parse is shown where it is, and nothing is written", `greenlight { policies = ["policies"] }`,
			map[string]string{"policies/p.rego": "package acme\n\ndeny contains x if {\n"}, []string{"--revision", "v1"}, "policies/p.rego:"},
		{"a rulebook names no other rulebook", "source \"x\" {\n  bundle   = \"https://rules.acme.example/x.tar.gz\"\n  policies = [\"p\"]\n}\n",
			nil, []string{"--revision", "v1"}, "a rulebook names no other rulebook"},
		{"a rulebook with nothing to pack is refused", `greenlight { content = ["*.md"] }`, nil, []string{"--revision", "v1"}, "nothing to pack"},
		{"a key that is no private key is refused", `greenlight { policies = ["policies"] }`, map[string]string{"policies/p.rego": "package acme\n", "key.pem": "not a key\n"},
			[]string{"--revision", "v1", "--signing-key", "key.pem"}, "signing key: not a PEM key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "greenlight.hcl"), tt.config+"\n")
			for p, c := range tt.files {
				writeFile(t, filepath.Join(dir, p), c)
			}
			_, stderr, code := runIn(t, dir, append([]string{"bundle"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, want 2 with %q\n%s", code, tt.want, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "bundle.tar.gz")); err == nil {
				t.Error("a bundle was written")
			}
		})
	}
}
