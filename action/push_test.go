package action_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// pushPayload is a push event as GitHub sends it. ../shared/testdata
// holds no push example, so it is GitHub's documented one, octokit/webhooks'
// payload-examples/api.github.com/push/payload.json, cut to the fields a
// workflow reads (its repository is Codertocat/Hello-World already); the
// test sets ref, before and after.
const pushPayload = `{
  "ref": "refs/tags/simple-tag",
  "before": "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
  "after": "0000000000000000000000000000000000000000",
  "created": false,
  "deleted": true,
  "forced": false,
  "base_ref": null,
  "compare": "https://github.com/Codertocat/Hello-World/compare/6113728f27ae...000000000000",
  "commits": [],
  "head_commit": null,
  "repository": {
    "id": 186853002,
    "node_id": "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=",
    "name": "Hello-World",
    "full_name": "Codertocat/Hello-World",
    "private": false,
    "owner": {"name": "Codertocat", "login": "Codertocat", "id": 21031067, "type": "User", "site_admin": false},
    "fork": false,
    "default_branch": "master"
  },
  "pusher": {"name": "Codertocat", "email": "21031067+Codertocat@users.noreply.github.com"},
  "sender": {"login": "Codertocat", "id": 21031067, "type": "User", "site_admin": false}
}`

// pushed runs the Action on a push of ref from before to after.
func (d *desk) pushed(t *testing.T, ref, before, after string) (action.Outcome, error) {
	t.Helper()
	var ev map[string]any
	if err := json.Unmarshal([]byte(pushPayload), &ev); err != nil {
		t.Fatal(err)
	}
	ev["ref"], ev["before"], ev["after"], ev["deleted"] = ref, before, after, false
	raw, _ := json.Marshal(ev)
	path := filepath.Join(t.TempDir(), "push.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return action.Gate(context.Background(), action.Options{
		Env: event.Env{EventName: "push", EventPath: path, Repository: "Codertocat/Hello-World", APIURL: d.gh.URL, Workspace: d.dir,
			StepSummary: filepath.Join(t.TempDir(), "summary.md")},
		Token: "ghs_secret-token",
		Now:   func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) },
		Sleep: func(context.Context, time.Duration) error { return nil },
	})
}

// newestCheck is the newest check run "greenlight: main" on a commit.
func (d *desk) newestCheck(sha string) *fakegithub.CheckRun {
	d.gh.Mu.Lock()
	defer d.gh.Mu.Unlock()
	for i := len(d.gh.CheckRuns) - 1; i >= 0; i-- {
		if c := d.gh.CheckRuns[i]; c.HeadSHA == sha && c.Name == "greenlight: main" {
			return c
		}
	}
	return nil
}

// commitOnMain commits a change to main and returns main before and after.
func (d *desk) commitOnMain(change func()) (before, after string) {
	d.git("checkout", "-q", "main")
	before = d.git("rev-parse", "HEAD")
	change()
	return before, d.commit("on main")
}

// A push to the publish branch that changes the config judges the open
// pull requests into it again, by the config pushed, and writes their
// checks again on their heads; a push that changes no config, policy or
// workflow does nothing, and so does a push to another branch.
func TestPushOfTheConfigJudgesOpenPullRequestsAgain(t *testing.T) {
	d := newDesk(t)
	d.open(2, "tip.md", post("Tip", "2026-12-03T09:00:00-05:00", "Reports now load faster."))
	d.open(3, "save.md", post("Savings", "2026-12-04T09:00:00-05:00", "Open a savings account with zero fees."))
	d.approve(2, "kim", "mia")
	d.approve(3, "kim", "mia")

	// A change to a post only: the verdicts stand, and nothing is read.
	before, after := d.commitOnMain(func() { d.write("posts/a.md", strings.Replace(postA, "one place.", "one place, at last.", 1)) })
	out, err := d.pushed(t, "refs/heads/main", before, after)
	if err != nil || out.Conclusion != "skipped" || !strings.Contains(out.Note, "changes neither greenlight.hcl") {
		t.Fatalf("a post pushed: %+v, %v; want skipped, the config unchanged", out, err)
	}
	if n := len(d.gh.Requests); n != 0 {
		t.Errorf("a push that changes no config made %d API calls; want none", n)
	}

	// The team makes "zero fees" a financial claim, which legal signs off.
	before, after = d.commitOnMain(func() {
		d.write("greenlight.hcl", strings.Replace(baseConfig, `tokens   = ["risk-free"]`, `tokens   = ["risk-free", "zero fees"]`, 1))
	})
	// Pushed to another branch, it changes nothing here.
	if out, err := d.pushed(t, "refs/heads/dev", before, after); err != nil || out.Conclusion != "skipped" || !strings.Contains(out.Note, "not to the publish branch main") {
		t.Errorf("pushed to dev: %+v, %v", out, err)
	}
	out, err = d.pushed(t, "refs/heads/main", before, after)
	if err != nil {
		t.Fatal(err)
	}
	if out.Conclusion != "skipped" || !strings.Contains(out.Note, "changes `greenlight.hcl`") || !strings.Contains(out.Note, "#2 success, #3 failure") {
		t.Errorf("outcome %+v; want the two pull requests judged again, #3 now blocked on legal", out)
	}
	if run := d.newestCheck(d.heads[2]); run == nil || run.Status != "completed" || run.Conclusion != "success" {
		t.Errorf("#2: check run %+v, want a success written on its head", run)
	}
	run := d.newestCheck(d.heads[3])
	if run == nil || run.Conclusion != "failure" || !strings.Contains(run.Summary, "financial-claims") || !strings.Contains(run.Title, "waiting for legal") {
		t.Fatalf("#3: check run %+v; want a failure waiting for legal, by the config just pushed", run)
	}
	if !strings.Contains(run.Summary, "config and policies from main at "+after[:7]) {
		t.Errorf("#3 was not judged by the pushed config:\n%s", run.Summary)
	}
}

// The calls a push makes are those of judging each open pull request, and
// one list of them.
func TestPushCallsConstantPerPullRequest(t *testing.T) {
	calls := func(n int) int {
		d := newDesk(t)
		for i := range n {
			d.open(10+i, fmt.Sprintf("p%d.md", i), post("Tip", "2026-12-03T09:00:00-05:00", "Reports now load faster."))
		}
		before, after := d.commitOnMain(func() {
			d.write("greenlight.hcl", strings.Replace(baseConfig, `tokens   = ["risk-free"]`, `tokens   = ["risk-free", "zero fees"]`, 1))
		})
		out, err := d.pushed(t, "refs/heads/main", before, after)
		if err != nil || !strings.Contains(out.Note, fmt.Sprintf("judged the %d open pull requests", n)) {
			t.Fatalf("%d pull requests: %+v, %v", n, out, err)
		}
		return len(d.gh.Requests)
	}
	one, three := calls(1), calls(3)
	perPR := one - 1 // less the one list
	if three != 1+3*perPR {
		t.Errorf("%d calls for one open pull request, %d for three; want 1 + %d per pull request", one, three, perPR)
	}
	t.Logf("a push of the config: %d calls for one open pull request, %d for three", one, three)
}
