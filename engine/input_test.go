package engine_test

import (
	"fmt"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/hashicorp/hcl/v2"
)

func TestInputFindings(t *testing.T) {
	at := &hcl.Range{Filename: "posts/a.md", Start: hcl.Pos{Line: 2, Column: 1}, End: hcl.Pos{Line: 2, Column: 6}}
	files := []engine.File{{Path: "posts/a.md"}, {Path: "posts/b.md"}}
	tests := []struct {
		name  string
		diags hcl.Diagnostics
		want  []string
	}{
		{"an error with a place is a finding there, its end inclusive",
			hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid front matter", Detail: "No title.", Subject: at}},
			[]string{"posts/a.md:2:1-2:5 error greenlight.input: Invalid front matter: No title."}},
		{"an error without a place is on the first line of every post",
			hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Check interrupted"}},
			[]string{"posts/a.md:1:1-1:1 error greenlight.input: Check interrupted:", "posts/b.md:1:1-1:1 error greenlight.input: Check interrupted:"}},
		{"a warning is no finding",
			hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Odd", Subject: at}},
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range engine.InputFindings(tc.diags, files) {
				s := f.Span
				got = append(got, fmt.Sprintf("%s:%d:%d-%d:%d %s %s: %s", f.Path, s.Start.Line, s.Start.Col, s.End.Line, s.End.Col, f.Level, f.Rule, f.Message))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestConfigFindings(t *testing.T) {
	at := &hcl.Range{Filename: "policies/p.rego", Start: hcl.Pos{Line: 5, Column: 1}, End: hcl.Pos{Line: 5, Column: 2}}
	tests := []struct {
		name  string
		diags hcl.Diagnostics
		want  []string
	}{
		{"an error with a place is a finding there, in whichever file it names",
			hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid policy", Detail: "Unexpected }.", Subject: at}},
			[]string{"policies/p.rego:5:1-5:1 error greenlight.config: Invalid policy: Unexpected }."}},
		{"an error without a place is on the config's first line",
			hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read config", Detail: "permission denied"}},
			[]string{"greenlight.hcl:1:1-1:1 error greenlight.config: Cannot read config: permission denied"}},
		{"a warning is no finding",
			hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Deprecated", Subject: at}},
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range engine.ConfigFindings(tc.diags, "greenlight.hcl") {
				s := f.Span
				got = append(got, fmt.Sprintf("%s:%d:%d-%d:%d %s %s: %s", f.Path, s.Start.Line, s.Start.Col, s.End.Line, s.End.Col, f.Level, f.Rule, f.Message))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
