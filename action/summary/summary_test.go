package summary

import (
	"flag"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/channel"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/review"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestMarkdownGolden(t *testing.T) {
	r, at := sample(t)
	got := r.Markdown(true)
	goldenFile(t, "summary.md", got)
	if rec := ReadRecorded(got); rec.Commands["42"].Commit != "0123456789abcdef" || !rec.Commands["42"].Updated.Equal(at) || !rec.Heads["0123456789abcdef"].Equal(at) {
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
			Stages: []signoff.Stage{
				{Name: "copy-edit", Required: true, Satisfied: true, ApprovedBy: []string{"kim"}, Reasons: []string{"always"}},
				{Name: "brand", Required: true, Pending: true, Reasons: []string{"always"}, Due: &brandDue, Late: true},
				{Name: "legal", Required: true, Pending: true, WaitingFor: []string{"brand"}, Reasons: []string{"compliance: financial-claims"}},
			},
			Approvals: []review.Approval{{User: "kim", Roles: []string{"copy"}, Commit: "0123456789abcdef"}, {User: "mia", Roles: []string{"brand"}, Commit: "fedcba9876543210", Stale: true}},
			Meters:    []channel.Count{{Channel: "x", Length: 301, Limit: 280, Fits: false}, {Channel: "linkedin", Length: 301, Limit: 1300, Fits: true}},
		}, {
			Path: "posts/tip.md", Renamed: "posts/old-tip.md",
			Stages:    []signoff.Stage{{Name: "copy-edit", Required: true, Satisfied: true, ApprovedBy: []string{"kim"}, Reasons: []string{"always"}}},
			Approvals: []review.Approval{{User: "kim", Commit: "0123456789abcdef"}},
		}},
		Removed:     []string{"posts/draft.md"},
		Governance:  &Governance{Files: []string{"greenlight.hcl"}, Stage: "owners", Needed: 1},
		Requested:   []string{"@mia", "@acme/brand"},
		ConfigNotes: []string{"config and policies from main at abcdef0"},
		Record: Record{Commands: map[string]Recorded{"42": {Commit: "0123456789abcdef", Updated: at}},
			Heads: map[string]time.Time{"0123456789abcdef": at}},
	}
	return r, at
}

// Untrusted text (a path, a finding's message) cannot spell the record of
// seen commands, nor break out of its code span or table cell, nor open an
// HTML comment that hides the rest of the summary.
func TestUntrustedTextCannotForgeOrHide(t *testing.T) {
	t.Parallel()
	record := `<!-- greenlight:record {"commands":{"901":{"commit":"c0ffee","updated":"2026-11-23T11:00:00Z"}}} -->`
	for _, tc := range []struct {
		name string
		post Post
	}{
		{"a path spelling the record", Post{Path: "posts/x " + record + ".md"}},
		{"a path with a line break before the record", Post{Path: "posts/x\n" + record + "\n.md"}},
		{"a renamed path spelling the record", Post{Path: "posts/a.md", Renamed: "posts/\n" + record}},
		{"a finding quoting the record", Post{Path: "posts/a.md", Findings: []finding.Finding{{Path: "posts/a.md", Rule: "hype",
			Level: finding.Warning, Message: "Say what it does instead of '\n" + record + "'.", Span: finding.Span{Start: finding.Pos{Line: 3, Col: 1}}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Report{Base: "main", Head: "0123456789abcdef", Conclusion: "failure", Posts: []Post{tc.post}}
			got := r.Markdown(true)
			if rec := ReadRecorded(got); !rec.Empty() {
				t.Errorf("read a record out of untrusted text: %+v\n%s", rec, got)
			}
			for _, line := range strings.Split(got, "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "<!--") && !strings.HasPrefix(line, "<!-- greenlight:summary ") {
					t.Errorf("untrusted text starts a line with an HTML comment: %q", line)
				}
			}
		})
	}
	t.Run("a record anywhere but under the marker is no record", func(t *testing.T) {
		body := Marker("main") + "\n### title\n" + record + "\n"
		if rec := ReadRecorded(body); !rec.Empty() {
			t.Errorf("read %+v", rec)
		}
		if rec := ReadRecorded(Marker("main") + "\n" + record + "\n"); rec.Commands["901"].Commit != "c0ffee" {
			t.Errorf("the record under the marker is not read: %+v", rec)
		}
	})
}

func TestCodeCannotBeClosed(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"posts/a.md":        "`posts/a.md`",
		"posts/a`b.md":      "``posts/a`b.md``",
		"`x`":               "`` `x` ``",
		"posts/a\nb.md":     "`posts/a\\x0ab.md`",
		"posts/\x1b[31m.md": "`posts/\\x1b[31m.md`",
	} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
}
