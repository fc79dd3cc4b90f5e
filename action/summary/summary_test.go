package summary

import (
	"flag"
	"strconv"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/report"
	"github.com/greenlighthq/greenlight/engine/review"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestMarkdownGolden(t *testing.T) {
	r, at := sample(t)
	got := r.Markdown(true)
	goldenFile(t, "summary.md", got)
	if rec := ReadRecorded(got); rec["42"].Commit != "0123456789abcdef" || !rec["42"].Updated.Equal(at) {
		t.Errorf("recorded commands do not round-trip: %+v", rec)
	}
	if r.Title() != "Blocked: 1 error, 1 warning, waiting for brand, legal, owners" {
		t.Errorf("title = %q", r.Title())
	}
}

// sample is a report with a bit of everything: a late stage, a stale
// approval, findings, a renamed and a removed post, a governance change.
func sample(t *testing.T) (Report, time.Time) {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	at := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	brandDue := at.Add(-24 * time.Hour)
	r := Report{
		Base: "main", Head: "0123456789abcdef", Conclusion: "failure", Location: ny,
		RunURL: "https://github.com/acme/posts/actions/runs/1",
		FileURL: func(p string, line int) string {
			return "https://github.com/acme/posts/blob/0123456/" + p + "#L" + strconv.Itoa(line)
		},
		Posts: []Post{{
			Path: "posts/launch.md", PublishAt: &at,
			Findings: []finding.Finding{
				{Path: "posts/launch.md", Rule: "brand-names", Level: finding.Error, Message: "Use 'GitHub' instead of 'Github'.", Span: finding.Span{Start: finding.Pos{Line: 6, Col: 3}}},
				{Path: "posts/launch.md", Rule: "hype", Level: finding.Warning, Message: "Say what it does | not 'synergy'.", Span: finding.Span{Start: finding.Pos{Line: 7, Col: 1}}},
			},
			Stages: []report.Stage{
				{Name: "copy-edit", Required: true, Satisfied: true, ApprovedBy: []string{"kim"}, Reasons: []string{"always"}},
				{Name: "brand", Required: true, Pending: true, Reasons: []string{"always"}, Due: &brandDue, Late: true},
				{Name: "legal", Required: true, Pending: true, WaitingFor: []string{"brand"}, Reasons: []string{"compliance: financial-claims"}},
			},
			Approvals: []review.Approval{{User: "kim", Roles: []string{"copy"}, Commit: "0123456789abcdef"}, {User: "mia", Roles: []string{"brand"}, Commit: "fedcba9876543210", Stale: true}},
			Meters:    []Meter{{Channel: "x", Length: 301, Limit: 280, Fits: false}, {Channel: "linkedin", Length: 301, Limit: 1300, Fits: true}},
		}, {
			Path: "posts/tip.md", Renamed: "posts/old-tip.md",
			Stages:    []report.Stage{{Name: "copy-edit", Required: true, Satisfied: true, ApprovedBy: []string{"kim"}, Reasons: []string{"always"}}},
			Approvals: []review.Approval{{User: "kim", Commit: "0123456789abcdef"}},
		}},
		Removed:     []string{"posts/draft.md"},
		Governance:  &Governance{Files: []string{"greenlight.hcl"}, Stage: "owners", Needed: 1},
		Requested:   []string{"@mia", "@acme/brand"},
		ConfigNotes: []string{"config and policies from main at abcdef0"},
		Recorded:    map[string]Recorded{"42": {Commit: "0123456789abcdef", Updated: at}},
	}
	return r, at
}
