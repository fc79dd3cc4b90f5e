package config_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/config"
)

func TestSourcesArePinnedAndStayInside(t *testing.T) {
	const sha = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name, git, ref, paths string
		want                  string // the error's summary; "" when valid
	}{
		{"a tag is pinned", "https://github.com/acme/rules.git", "v1.2.0", `["policies", "styles/Acme/"]`, ""},
		{"a full commit id is pinned", "https://github.com/acme/rules.git", sha, `["policies"]`, ""},
		{"a tag written as a ref is a tag", "https://github.com/acme/rules.git", "refs/tags/v1.2.0", `["policies"]`, ""},
		{"plain http to this machine is for tests", "http://127.0.0.1:8080/rules.git", "v1", `["policies"]`, ""},
		{"a branch is refused", "https://github.com/acme/rules.git", "main", `["policies"]`, "Branch ref"},
		{"an abbreviated commit is refused", "https://github.com/acme/rules.git", sha[:12], `["policies"]`, "Abbreviated commit"},
		{"a ref git would read as an option is refused", "https://github.com/acme/rules.git", "--upload-pack=x", `["policies"]`, "Invalid ref"},
		{"plain http elsewhere is refused", "http://example.com/rules.git", "v1", `["policies"]`, "Invalid rulebook URL"},
		{"a local file is refused", "file:///tmp/rules", "v1", `["policies"]`, "Invalid rulebook URL"},
		{"ext is refused", "ext::sh -c touch% /tmp/pwned", "v1", `["policies"]`, "Invalid rulebook URL"},
		{"a path climbing out is refused", "https://github.com/acme/rules.git", "v1", `["a/../../b"]`, "Invalid rulebook path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `source "acme" {
  git      = "` + tt.git + `"
  ref      = "` + tt.ref + `"
  policies = ` + tt.paths + `
}
`
			l := config.Parse("greenlight.hcl", []byte(src))
			var got []string
			for _, d := range l.Diags {
				got = append(got, d.Summary)
			}
			if tt.want == "" {
				if l.Config == nil {
					t.Fatalf("refused: %v", l.Diags)
				}
				s := l.Config.Source("acme")
				if s == nil || slices.ContainsFunc(s.Policies, func(p string) bool { return p != "policies" && p != "styles/Acme" }) {
					t.Errorf("source = %+v, want its paths cleaned", s)
				}
				if s.Commit() != (tt.ref == sha) {
					t.Errorf("Commit() = %v for %q", s.Commit(), tt.ref)
				}
				return
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("diagnostics %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSourceNamesOneRulebookWithItsOwnAttributes(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // the error's summary and where; "" when valid
	}{
		{"a bundle over https needs no ref", `bundle = "https://rules.acme.example/rulebook-v1.2.0.tar.gz"`, ""},
		{"a bundle takes a token from a variable", "bundle = \"https://rules.acme.example/r.tar.gz\"\n  token_env = \"ACME_RULES_TOKEN\"", ""},
		{"no rulebook at all is refused at the block", `ref = "v1"`, "Source names no rulebook at 1:1"},
		{"git and bundle together are refused at the second", "git = \"https://github.com/acme/rules.git\"\n  ref = \"v1\"\n  bundle = \"https://rules.acme.example/r.tar.gz\"", "Source names two rulebooks at 4:"},
		{"git without a ref is refused", `git = "https://github.com/acme/rules.git"`, "Missing ref at 1:1"},
		{"a bundle with a ref is refused at the ref", "bundle = \"https://rules.acme.example/r.tar.gz\"\n  ref = \"v1\"", "A bundle has no ref at 3:"},
		{"a bundle over plain http is refused", `bundle = "http://rules.acme.example/r.tar.gz"`, "Invalid rulebook URL at 2:"},
		{"a bundle URL with a token in its query is refused", `bundle = "https://rules.acme.example/r.tar.gz?token=x"`, "Invalid rulebook URL at 2:"},
		{"a token itself in token_env is refused", "bundle = \"https://rules.acme.example/r.tar.gz\"\n  token_env = \"ghp_abc-123\"", "Invalid token_env at 3:"},
		{"a bundle takes a public key", "bundle = \"https://rules.acme.example/r.tar.gz\"\n  public_key = \"keys/rulebook.pem\"", ""},
		{"a bundle takes no allowed_signers", "bundle = \"https://rules.acme.example/r.tar.gz\"\n  allowed_signers = \"keys/allowed_signers\"", "Wrong key attribute for a bundle source at 3:"},
		{"a git source takes no public_key", "git = \"https://github.com/acme/rules.git\"\n  ref = \"v1\"\n  public_key = \"keys/rulebook.pem\"", "Wrong key attribute for a git source at 4:"},
		{"an OCI reference with a tag is a source", "oci = \"ghcr.io/acme/rulebook:v1.2.0\"\n  public_key = \"k.pem\"", ""},
		{"an OCI reference pinned by digest is a source", "oci = \"ghcr.io/acme/rulebook@sha256:" + strings.Repeat("ab", 32) + "\"", ""},
		{"an OCI reference without a tag is refused", `oci = "ghcr.io/acme/rulebook"`, "Invalid OCI reference at 2:"},
		{"an OCI reference to latest is refused", `oci = "ghcr.io/acme/rulebook:latest"`, "Invalid OCI reference at 2:"},
		{"an OCI reference with a scheme is refused", `oci = "https://ghcr.io/acme/rulebook:v1"`, "Invalid OCI reference at 2:"},
		{"an OCI source with a ref is refused at the ref", "oci = \"ghcr.io/acme/rulebook:v1\"\n  ref = \"v1\"", "An OCI source has no ref at 3:"},
		{"a git source may take a version range", "git = \"https://github.com/acme/rules.git\"\n  version = \"~> 1.2\"", ""},
		{"an OCI repository may take a version range", "oci = \"ghcr.io/acme/rulebook\"\n  version = \">= 1.2, < 2\"", ""},
		{"a version that is no constraint is refused", "git = \"https://github.com/acme/rules.git\"\n  version = \"newest please\"", "Invalid version constraint at 3:"},
		{"ref and version together are refused at ref", "git = \"https://github.com/acme/rules.git\"\n  version = \"~> 1.2\"\n  ref = \"v1.2.0\"", "Both ref and version at 4:"},
		{"a bundle takes no version", "bundle = \"https://rules.acme.example/r.tar.gz\"\n  version = \"~> 1.2\"", "A bundle has no version at 3:"},
		{"an OCI tag and a version together are refused", "oci = \"ghcr.io/acme/rulebook:v1.2.0\"\n  version = \"~> 1.2\"", "Invalid OCI reference at 2:"},
		{"a git source takes no token_env", "git = \"https://github.com/acme/rules.git\"\n  ref = \"v1\"\n  token_env = \"X\"", "A git source takes no token_env at 4:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "source \"acme\" {\n  " + tt.body + "\n  policies = [\"policies\"]\n}\n"
			l := config.Parse("greenlight.hcl", []byte(src))
			if tt.want == "" {
				if l.Config == nil {
					t.Fatalf("refused: %v", l.Diags)
				}
				return
			}
			var got []string
			for _, d := range l.Diags {
				got = append(got, fmt.Sprintf("%s at %d:%d", d.Summary, d.Subject.Start.Line, d.Subject.Start.Column))
			}
			if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, tt.want) }) {
				t.Errorf("diagnostics %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVersionConstraintPicksTheNewestReleaseWithin(t *testing.T) {
	l := config.Parse("greenlight.hcl", []byte("source \"acme\" {\n  git = \"https://github.com/acme/rules.git\"\n  version = \"~> 1.2\"\n  policies = [\"p\"]\n}\n"))
	if l.Config == nil {
		t.Fatal(l.Diags)
	}
	s := l.Config.Source("acme")
	tags := []string{"v1.1.9", "v1.2.0", "v1.10.1", "v1.3.0-rc.1", "v2.0.0", "nightly", "1.9.0"}
	if got := s.Newest(tags); got != "v1.10.1" {
		t.Errorf("Newest = %q, want v1.10.1 (numeric order, no prerelease, not 2.0)", got)
	}
	for tag, want := range map[string]bool{"v1.2.0": true, "1.9.0": true, "v1.1.9": false, "v2.0.0": false, "nightly": false, "v1.3.0-rc.1": false} {
		if s.Allows(tag) != want {
			t.Errorf("Allows(%q) = %v, want %v", tag, !want, want)
		}
	}
}
