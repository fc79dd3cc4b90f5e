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
