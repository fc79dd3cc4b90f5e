package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/report"
)

type gitlabIssue struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
			End   int `json:"end"`
		} `json:"lines"`
	} `json:"location"`
}

func gitlab(t *testing.T, fs ...finding.Finding) []gitlabIssue {
	t.Helper()
	var b bytes.Buffer
	if err := (report.GitLab{}).Report(&b, report.Run{Findings: fs}); err != nil {
		t.Fatal(err)
	}
	var out []gitlabIssue
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("not a JSON array of issues: %v", err)
	}
	return out
}

func TestGitLabIssue(t *testing.T) {
	brand := finding.Finding{Path: "posts/a.md", Span: span(3, 14, 4, 2), Rule: "brand-names", Level: finding.Error, Message: "Use 'GitHub'."}
	hype := finding.Finding{Path: "posts/a.md", Span: span(5, 1, 5, 4), Rule: "hype", Level: finding.Warning, Message: "Hype."}
	tone := finding.Finding{Path: "posts/a.md", Span: span(6, 1, 6, 1), Rule: "tone", Level: finding.Info, Message: "Tone."}
	got := gitlab(t, brand, hype, tone)
	t.Run("levels map to major, minor and info", func(t *testing.T) {
		for i, want := range []string{"major", "minor", "info"} {
			if got[i].Severity != want {
				t.Errorf("issue %d: severity %q, want %q", i, got[i].Severity, want)
			}
		}
	})
	t.Run("an issue has the message, rule, path and lines", func(t *testing.T) {
		g := got[0]
		if g.Description != brand.Message || g.CheckName != "brand-names" || g.Location.Path != "posts/a.md" || g.Location.Lines.Begin != 3 || g.Location.Lines.End != 4 {
			t.Errorf("issue %+v", g)
		}
	})
	t.Run("no findings is an empty array, not null", func(t *testing.T) {
		var b bytes.Buffer
		if err := (report.GitLab{}).Report(&b, report.Run{}); err != nil || b.String() != "[]\n" {
			t.Errorf("%q, %v", b.String(), err)
		}
	})
}

// TestGitLabFingerprints: GitLab tells new issues from fixed ones by
// fingerprint, and keeps one issue per fingerprint.
func TestGitLabFingerprints(t *testing.T) {
	f := finding.Finding{Path: "posts/a.md", Span: span(3, 14, 3, 19), Rule: "brand-names", Level: finding.Error, Message: "Use 'GitHub'."}
	moved := f
	moved.Span = span(3, 30, 3, 35) // the same line, another column: an edit earlier on the line
	otherLine := f
	otherLine.Span = span(4, 14, 4, 19)
	for _, tc := range []struct {
		name string
		a, b finding.Finding
		same bool
	}{
		{"the same finding in another run has the same fingerprint", f, f, true},
		{"an edit earlier on the line keeps the fingerprint", f, moved, true},
		{"the same finding on another line is another issue", f, otherLine, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := gitlab(t, tc.a)[0].Fingerprint, gitlab(t, tc.b)[0].Fingerprint
			if (a == b) != tc.same {
				t.Errorf("fingerprints %s and %s", a, b)
			}
		})
	}
	t.Run("two identical findings on one line get distinct fingerprints, the first unchanged", func(t *testing.T) {
		got := gitlab(t, f, moved)
		if got[0].Fingerprint == got[1].Fingerprint || got[0].Fingerprint != gitlab(t, f)[0].Fingerprint {
			t.Errorf("fingerprints %s and %s", got[0].Fingerprint, got[1].Fingerprint)
		}
	})
}
