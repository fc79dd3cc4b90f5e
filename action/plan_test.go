package action

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/approvals"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

// planConfig is the team's config with a grace of its own: one hour, or
// publishing late.
func planConfig(t *testing.T, grace time.Duration, late bool) *config.Config {
	t.Helper()
	loaded := config.Parse("greenlight.hcl", []byte(teamConfig))
	if loaded.Config == nil {
		t.Fatal(loaded.Diags)
	}
	cfg := loaded.Config
	cfg.Schedule.Grace, cfg.Schedule.PublishLate = grace, late
	return cfg
}

// The publishing plan decides each pull request from its verdict and the
// time alone: waits (with when it is due), misses (with why), or merges
// (at the head judged). Times are instants, so a night when the clocks
// change gives no hour more or less of grace.
func TestPlanDecidesEachPullRequest(t *testing.T) {
	t.Parallel()
	// due is 09:00 New York time (EST) on Tuesday 1 December 2026.
	due := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	cfg := planConfig(t, 2*time.Hour, false)
	signedOff := []signoff.Stage{
		{Name: "copy-edit", Required: true, Satisfied: true, ApprovedBy: []string{"kim"}},
		{Name: "brand", Required: true, Satisfied: true, ApprovedBy: []string{"mia"}},
	}
	// judged is a pull request's verdict, passing when no stage is pending.
	judged := func(at time.Time, cfg *config.Config, stages []signoff.Stage, approved ...approvals.Approval) *verdict {
		v := &verdict{cfg: cfg, approvals: approved, authored: approvals.Input{Author: "ada"}.Authored, summary: summary.Report{Base: "main", Conclusion: "success",
			Schedule: summary.Schedule{At: at, Source: "the post's publish_at"},
			Posts:    []summary.Post{{Path: "posts/a.md", PublishAt: &at, Stages: stages}}}}
		if len(v.summary.PendingStages()) > 0 {
			v.summary.Conclusion = "failure"
		}
		return v
	}
	pr := pullreq.PullRequest{Number: 11, Author: "ada", HeadSHA: "head11", BaseRef: "main"}
	// Mia approved it again since it was due, having made one of its
	// commits.
	miaContributed := judged(due, cfg, signedOff, approvals.Approval{User: "mia", Roles: []string{"brand"}, Commit: "head11", At: due.Add(time.Hour), Via: "review"})
	miaContributed.authored = approvals.Input{Author: "ada", Contributors: []string{"mia"}}.Authored
	draft := pr
	draft.Draft = true
	// Again is an approval of brand (mia's role) at time at, of commit.
	again := func(user, commit string, at time.Time) approvals.Approval {
		return approvals.Approval{User: user, Roles: cfg.Members(nil).RolesOf(user), Commit: commit, At: at, Via: "review"}
	}
	late := due.Add(3 * time.Hour) // past the 2h grace

	unreadable := judged(time.Time{}, cfg, nil)
	unreadable.summary.Posts = nil
	unreadable.findings = []finding.Finding{{Path: "posts/a.md", Rule: engine.RuleInput, Level: finding.Error, Message: "a symlink"}}
	undecided := judged(time.Time{}, cfg, nil)
	undecided.summary.Problems = []string{"Cannot list the pull request's reviews: GitHub answered 502\nmore"}
	undecided.summary.Conclusion = "failure"
	unscheduled := judged(time.Time{}, cfg, nil)
	unscheduled.summary.ScheduleProblem = "Merge-After in the description: no such time"

	// The nights New York changes its clocks in 2026.
	fallBack := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)     // 01:30 EDT, before the clocks go back an hour at 02:00
	springForward := time.Date(2026, 3, 8, 6, 30, 0, 0, time.UTC) // 01:30 EST, before the clocks go forward an hour at 02:00

	tests := []struct {
		name string
		now  time.Time
		pr   pullreq.PullRequest
		v    *verdict
		want decision
	}{
		{"a due pull request that passes merges at the head judged", due.Add(30 * time.Minute), pr, judged(due, cfg, signedOff),
			decision{number: 11, kind: merges, due: due, head: "head11"}},
		{"due this very minute, it merges", due, pr, judged(due, cfg, signedOff),
			decision{number: 11, kind: merges, due: due, head: "head11"}},
		{"a minute early, it waits, saying when it is due", due.Add(-time.Minute), pr, judged(due, cfg, signedOff),
			decision{number: 11, kind: waits, due: due, reason: "not due yet", head: "head11"}},
		{"a draft waits, due and passing or not", late, draft, judged(due, cfg, signedOff),
			decision{number: 11, kind: waits, reason: "a draft", head: "head11"}},
		{"due but a sign-off is pending: it misses, naming the stage", due, pr,
			judged(due, cfg, append(signedOff, signoff.Stage{Name: "legal", Required: true, Pending: true})),
			decision{number: 11, kind: misses, due: due, head: "head11",
				reason: "it does not pass: Blocked: waiting for legal (sign-off pending: legal)"}},
		{"a schedule that cannot be read misses now, never merged on a guess", due, pr, unscheduled,
			decision{number: 11, kind: misses, due: due, head: "head11",
				reason: "its schedule cannot be read: Merge-After in the description: no such time"}},
		{"no post with a time waits", due, pr, judged(time.Time{}, cfg, signedOff),
			decision{number: 11, kind: waits, reason: "no post has a publish time", head: "head11"}},
		{"a pull request that could not be judged waits, with the first line of why", due, pr, undecided,
			decision{number: 11, kind: waits, reason: "it cannot be judged: Cannot list the pull request's reviews: GitHub answered 502", head: "head11"}},
		{"a post that cannot be read waits, naming it", due, pr, unreadable,
			decision{number: 11, kind: waits, reason: "posts/a.md cannot be read: a symlink", head: "head11"}},
		{"past the grace, it misses rather than go out late", late, pr, judged(due, cfg, signedOff),
			decision{number: 11, kind: misses, due: due, head: "head11",
				reason: "it missed its time by 3h0m0s, more than the 2h0m0s grace: it is not published late unless someone approves it again or re-schedules it (Merge-After or /schedule)"}},
		{"past the grace with publish_late, it merges", late, pr, judged(due, planConfig(t, 2*time.Hour, true), signedOff),
			decision{number: 11, kind: merges, due: due, head: "head11"}},
		{"past the grace, approved again at its head since it was due by someone who signs off: it merges", late, pr,
			judged(due, cfg, signedOff, again("mia", "head11", due.Add(time.Hour))),
			decision{number: 11, kind: merges, due: due, head: "head11"}},
		{"past the grace, approved again by its author, who holds brand: it misses", late, pr,
			judged(due, cfg, signedOff, again("ada", "head11", due.Add(time.Hour))),
			decision{number: 11, kind: misses, due: due, head: "head11",
				reason: "it missed its time by 3h0m0s, more than the 2h0m0s grace: it is not published late unless someone approves it again or re-schedules it (Merge-After or /schedule)"}},
		{"past the grace, approved again by mia, who holds brand and made a commit of it: it misses", late, pr,
			miaContributed,
			decision{number: 11, kind: misses, due: due, head: "head11",
				reason: "it missed its time by 3h0m0s, more than the 2h0m0s grace: it is not published late unless someone approves it again or re-schedules it (Merge-After or /schedule)"}},
		{"past the grace, approved again at an older commit: it misses", late, pr,
			judged(due, cfg, signedOff, again("mia", "head10", due.Add(time.Hour))),
			decision{number: 11, kind: misses, due: due, head: "head11",
				reason: "it missed its time by 3h0m0s, more than the 2h0m0s grace: it is not published late unless someone approves it again or re-schedules it (Merge-After or /schedule)"}},
		{"past the grace, approved before it was due: it misses", late, pr,
			judged(due, cfg, signedOff, again("mia", "head11", due.Add(-time.Hour))),
			decision{number: 11, kind: misses, due: due, head: "head11",
				reason: "it missed its time by 3h0m0s, more than the 2h0m0s grace: it is not published late unless someone approves it again or re-schedules it (Merge-After or /schedule)"}},
		{"due 01:30 EDT the night the clocks go back: at 01:10 EST, earlier on the wall, it is 40 minutes late and merges",
			time.Date(2026, 11, 1, 6, 10, 0, 0, time.UTC), pr, judged(fallBack, cfg, signedOff),
			decision{number: 11, kind: merges, due: fallBack, head: "head11"}},
		{"due 01:30 EDT the night the clocks go back: at 01:20 EDT, the first 01:20, it waits",
			time.Date(2026, 11, 1, 5, 20, 0, 0, time.UTC), pr, judged(fallBack, cfg, signedOff),
			decision{number: 11, kind: waits, due: fallBack, reason: "not due yet", head: "head11"}},
		{"due 01:30 EST the night the clocks go forward: at 03:20 EDT it is 50 minutes late, within a 1h grace, though the wall says 1h50",
			time.Date(2026, 3, 8, 7, 20, 0, 0, time.UTC), pr, judged(springForward, planConfig(t, time.Hour, false), signedOff),
			decision{number: 11, kind: merges, due: springForward, head: "head11"}},
		{"due 01:30 EST the night the clocks go forward: at 04:40 EDT it is 2h10 late, past a 1h grace",
			time.Date(2026, 3, 8, 8, 40, 0, 0, time.UTC), pr, judged(springForward, planConfig(t, time.Hour, false), signedOff),
			decision{number: 11, kind: misses, due: springForward, head: "head11",
				reason: "it missed its time by 2h10m0s, more than the 1h0m0s grace: it is not published late unless someone approves it again or re-schedules it (Merge-After or /schedule)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := plan(tt.now, []candidate{{pr: tt.pr, v: tt.v}})
			if len(got) != 1 {
				t.Fatalf("%d decisions for one pull request", len(got))
			}
			if d := got[0]; d.number != tt.want.number || d.kind != tt.want.kind || !d.due.Equal(tt.want.due) || d.reason != tt.want.reason || d.head != tt.want.head {
				t.Errorf("decision\n got  #%d %s due %s at %s: %q\n want #%d %s due %s at %s: %q",
					d.number, d.kind, d.due, d.head, d.reason, tt.want.number, tt.want.kind, tt.want.due, tt.want.head, tt.want.reason)
			}
		})
	}
}

// A plan has one decision per pull request, in their order, each its own.
func TestPlanKeepsThePullRequestsOrder(t *testing.T) {
	t.Parallel()
	due := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	cfg := planConfig(t, 2*time.Hour, false)
	v := &verdict{cfg: cfg, summary: summary.Report{Conclusion: "success", Schedule: summary.Schedule{At: due}}}
	later := &verdict{cfg: cfg, summary: summary.Report{Conclusion: "success", Schedule: summary.Schedule{At: due.Add(24 * time.Hour)}}}
	got := plan(due, []candidate{
		{pr: pullreq.PullRequest{Number: 3, HeadSHA: "c"}, v: later},
		{pr: pullreq.PullRequest{Number: 1, HeadSHA: "a"}, v: v},
		{pr: pullreq.PullRequest{Number: 2, HeadSHA: "b", Draft: true}, v: v},
	})
	var kinds []string
	for _, d := range got {
		kinds = append(kinds, fmt.Sprintf("%s #%d@%s", d.kind, d.number, d.head))
	}
	if got, want := strings.Join(kinds, ", "), "waits #3@c, merges #1@a, waits #2@b"; got != want {
		t.Errorf("plan: %s, want %s", got, want)
	}
}
