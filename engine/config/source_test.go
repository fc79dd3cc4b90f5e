package config_test

import (
	"slices"
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
