package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/report"
)

// TestSummaryNamesLevelsAsTheFlagsDo: the last line of the text and github
// reports says "info", as --fail-on and the config's levels do, never
// Vale's "suggestions".
func TestSummaryNamesLevelsAsTheFlagsDo(t *testing.T) {
	at := func(l finding.Level) finding.Finding {
		return finding.Finding{Path: "posts/a.md", Rule: "r", Level: l, Message: "m",
			Span: finding.Span{Start: finding.Pos{Line: 1, Col: 1}, End: finding.Pos{Line: 1, Col: 1}}}
	}
	tests := []struct {
		name, format string
		findings     []finding.Finding
		want         string
	}{
		{"text, none", "text", nil, "✔ 0 errors, 0 warnings and 0 info in 1 post."},
		{"text, one of each", "text", []finding.Finding{at(finding.Error), at(finding.Warning), at(finding.Info)},
			"✖ 1 error, 1 warning and 1 info in 1 post."},
		{"text, several info", "text", []finding.Finding{at(finding.Info), at(finding.Info)}, "✔ 0 errors, 0 warnings and 2 info in 1 post."},
		{"github", "github", []finding.Finding{at(finding.Info)}, "greenlight: 0 errors, 0 warnings, 1 info in 1 post"},
		{"github, one of each", "github", []finding.Finding{at(finding.Error), at(finding.Warning)}, "greenlight: 1 error, 1 warning, 0 info in 1 post"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := report.New(tc.format, false)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := rep.Report(&b, report.Run{Findings: tc.findings, Posts: 1}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
			if got := lines[len(lines)-1]; got != tc.want {
				t.Errorf("summary %q, want %q", got, tc.want)
			}
		})
	}
}
