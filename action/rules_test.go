package action

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/pullreq"
)

// Every pull request into one base commit is judged by one engine, built
// once: the policies are compiled per base, not per pull request. Each
// pull request still counts its own approvals: ada's approval of #1's
// head is stale on #2 and #3, whose post differs.
func TestRulesAreBuiltOncePerBase(t *testing.T) {
	t.Parallel()
	d := newDesk()
	var prs []pullreq.PullRequest
	for n := 1; n <= 3; n++ {
		prs = append(prs, d.open(t, n, map[string]string{"posts/new.md": postAt("Tip", "2026-12-03 09:00", fmt.Sprintf("Tip number %d.", n))}))
	}
	d.pulls.ReviewsValue = []pullreq.Review{{User: "kim", State: "APPROVED", Commit: "head1", Submitted: testNow.Add(-time.Hour)}}
	var b builds
	s := fakeSession(t, d.pulls, d.repo, &b)
	ctx := context.Background()
	for _, pr := range prs {
		v := s.judgeOf(pr).judge(ctx)
		if len(v.summary.Problems) > 0 {
			t.Fatalf("#%d: %v", pr.Number, v.summary.Problems)
		}
		want := "brand"
		if pr.Number != 1 {
			want = "copy-edit, brand"
		}
		if got := strings.Join(v.summary.PendingStages(), ", "); got != want {
			t.Errorf("#%d: pending %q, want %q", pr.Number, got, want)
		}
	}
	if n := b.count(); n != 1 {
		t.Errorf("3 pull requests on one base: %d engines built, want 1", n)
	}
	if n := d.pulls.Calls("BranchTip"); n != 1 {
		t.Errorf("the base branch's tip was read %d times, want once a run", n)
	}

	// A pull request into another branch at another commit is judged by
	// that commit's rules, compiled for it.
	d.repo.commit("release1", "main1", map[string]string{"posts/b.md": postAt("Later", "2026-12-05 09:00", "Later news.")})
	d.pulls.Tips["release"] = "release1"
	pr := prs[0]
	pr.Number, pr.BaseRef = 4, "release"
	if v := s.judgeOf(pr).judge(ctx); len(v.summary.Problems) > 0 || !strings.Contains(strings.Join(v.summary.ConfigNotes, "\n"), "from release at release") {
		t.Fatalf("#4 into release: %v, notes %v", v.summary.Problems, v.summary.ConfigNotes)
	}
	s.judgeOf(prs[1]).judge(ctx)
	if n := b.count(); n != 2 {
		t.Errorf("pull requests on two bases: %d engines built, want 2", n)
	}
}

// A push of the config judges every open pull request again by the
// pushed commit's rules: one build for all of them.
func TestPushBuildsTheRulesOnce(t *testing.T) {
	t.Parallel()
	d := newDesk()
	for n := 1; n <= 3; n++ {
		d.open(t, n, map[string]string{"posts/new.md": postAt("Savings", "2026-12-03 09:00", "Open a savings account with zero fees.")})
	}
	d.repo.commit("main2", "main1", map[string]string{"greenlight.hcl": strings.Replace(teamConfig, `tokens   = ["risk-free"]`, `tokens   = ["risk-free", "zero fees"]`, 1)})
	var b builds
	s := fakeSession(t, d.pulls, d.repo, &b)
	s.ev.Push = &event.Push{Ref: "refs/heads/main", Before: "main1", After: "main2"}
	out, err := s.pushed(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The pushed config makes "zero fees" a claim that legal signs off.
	if !strings.Contains(out.Note, "#1 failure, #2 failure, #3 failure") {
		t.Errorf("note %q", out.Note)
	}
	if n := b.count(); n != 1 {
		t.Errorf("a push judging 3 pull requests built %d engines, want 1", n)
	}
	if n := d.pulls.Calls("BranchTip"); n != 0 {
		t.Errorf("the tip was read %d times; a push says where the branch stands", n)
	}
}

// A publishing run judges every open pull request into the publish
// branch by its tip's rules: one build for all of them.
func TestPublishBuildsTheRulesOnce(t *testing.T) {
	t.Parallel()
	d := newDesk()
	for n := 1; n <= 3; n++ {
		d.open(t, n, map[string]string{"posts/new.md": postAt("Tip", "2026-12-03 09:00", fmt.Sprintf("Tip number %d.", n))})
	}
	var b builds
	s := fakeSession(t, d.pulls, d.repo, &b)
	out, err := s.publish(context.Background(), PublishOptions{Options: s.o, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Waiting) != 3 || out.Waiting[0].Reason != "not due yet" {
		t.Errorf("waiting %+v, want the 3 pull requests not due yet", out.Waiting)
	}
	if n := b.count(); n != 1 {
		t.Errorf("publishing 3 pull requests built %d engines, want 1", n)
	}
}
