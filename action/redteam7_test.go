package action_test

import (
	"bytes"
	"github.com/greenlighthq/greenlight/action"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// redTeam7Token is a personal access token of GitHub's shape, which an
// error body below quotes back.
const redTeam7Token = "ghp_REDTEAM7leak0123456789abcdefABCDEF"

// publishAt21 opens #21, due at 09:00 on 1 December and signed off, so a
// run at 14:30 merges it.
func publishAt21(t *testing.T) *desk {
	d := newDesk(t)
	d.token = redTeam7Token
	d.open(21, "savings.md", post("Savings", "2026-12-01 09:00", "Open a savings account today."))
	d.approve(21, "kim", "mia")
	return d
}

// A merge that GitHub answers 200 with "merged": false did not merge:
// the due pull request is missed, saying so, never reported published.
func TestRedTeam7BlockedMergeAnswered200NotMerged(t *testing.T) {
	d := publishAt21(t)
	d.gh.Fail["PUT /repos/Codertocat/Hello-World/pulls/21/merge"] = &fakegithub.Failure{Status: 200, Times: 1,
		Body: `{"sha":null,"merged":false,"message":"Pull Request is not mergeable"}`}
	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if len(out.Published) != 0 || len(out.Missed) != 1 || !strings.Contains(out.Missed[0].Reason, "did not merge it (merged: false)") {
		t.Errorf("published %+v, missed %+v; want #21 missed: GitHub said merged false", out.Published, out.Missed)
	}
}

// A merge refusal (405) whose message quotes the token back: the token
// is in none of the outcome, the comment on the pull request, nor any
// request the fake received.
func TestRedTeam7BlockedMergeRefusalEchoingTheToken(t *testing.T) {
	d := publishAt21(t)
	d.gh.Fail["PUT /repos/Codertocat/Hello-World/pulls/21/merge"] = &fakegithub.Failure{Status: 405, Times: 1,
		Body: `{"message":"Base branch was modified. Authorization: Bearer ` + redTeam7Token + `","documentation_url":"https://docs.github.com/rest/pulls/pulls#merge-a-pull-request"}`}
	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if len(out.Missed) != 1 {
		t.Fatalf("published %+v, missed %+v; want #21 missed", out.Published, out.Missed)
	}
	leaks(t, "the missed reason", out.Missed[0].Reason)
	d.gh.Mu.Lock()
	defer d.gh.Mu.Unlock()
	for _, c := range d.gh.Pulls[21].Comments {
		leaks(t, "a comment on #21", c.Body)
	}
	for _, r := range d.gh.Requests {
		for k, v := range r.Body {
			if s, ok := v.(string); ok {
				leaks(t, r.Method+" "+r.Path+" "+k, s)
			}
		}
	}
}

// leaks fails when text holds the red team's token or its secret part.
func leaks(t *testing.T, where, text string) {
	t.Helper()
	if strings.Contains(text, redTeam7Token) || strings.Contains(text, redTeam7Token[len("ghp_"):]) {
		t.Errorf("the token is in %s: %q", where, text)
	}
}

// A commit green from an earlier run, whose verdict then turns red (an
// approval dismissed), while GitHub fails every listing of the commit's
// check runs but takes writes: the red verdict is written all the same,
// since what the commit shows cannot be known, and the earlier green
// must not stand.
func TestRedTeam7BlockedGreenStandsWhenCheckRunsCannotBeListed(t *testing.T) {
	w := passedWorld(t)
	w.gh.Mu.Lock()
	w.gh.Reviews[0].State = "DISMISSED"
	w.gh.Fail["GET /repos/Codertocat/Hello-World/commits/"+w.head+"/check-runs"] = &fakegithub.Failure{Status: 500, Times: 100}
	w.gh.Mu.Unlock()

	out, err := w.runErr(t)
	if out.Conclusion != "failure" {
		t.Errorf("verdict %s, want failure", out.Conclusion)
	}
	w.gh.Mu.Lock()
	latest := state(latestCheckRun(w, w.head))
	w.gh.Mu.Unlock()
	if latest != "failure" {
		t.Errorf("the commit's latest check run is %s, want failure (err %v)", latest, err)
	}
}

// A token of a shape Greenlight does not know (a classic personal access
// token's 40 hex digits, which GitHub Enterprise Server still issues)
// that GitHub's error answer quotes bare, in its message and its
// documentation_url: the token is in nothing the run prints or writes.
func TestRedTeam7BlockedTokenOfAnUnknownShapeEchoedBack(t *testing.T) {
	const classic = "0123456789abcdef0123456789abcdef01234567"
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.gh.Fail["GET /repos/Codertocat/Hello-World/pulls/2/files"] = &fakegithub.Failure{Status: 403, Times: 1,
		Body: `{"message":"Forbidden: credentials ` + classic + ` lack the repo scope","documentation_url":"https://docs.github.com/rest#` + classic + `"}`}
	var log bytes.Buffer
	out, err := w.runErr(t, func(o *action.Options) { o.Token = classic; o.Log = &log })
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	run := w.checkRun(t)
	if out.Conclusion != "failure" || !strings.Contains(run.Summary, "Cannot list the pull request's files") {
		t.Errorf("conclusion %s, want failure naming the files:\n%s", out.Conclusion, run.Summary)
	}
	step, _ := os.ReadFile(w.summary)
	texts := map[string]string{"the summary": out.Markdown, "the check run": run.Summary, "the step summary": string(step), "the log": log.String()}
	for _, c := range w.summaryComments() {
		texts["the summary comment"] = c.Body
	}
	for where, text := range texts {
		if strings.Contains(text, classic) {
			t.Errorf("the token is in %s", where)
		}
	}
}

// A merge that lands while its answer is lost (the connection reset): it
// is not repeated, and GitHub is asked what became of it, so the merge
// is reported published, with its merge commit, and never as missed on a
// merged pull request. A second run finds nothing left to merge.
func TestRedTeam7BlockedLostMergeAnswerReportedMissed(t *testing.T) {
	d := publishAt21(t)
	lost := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(r)
		if err == nil && r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/pulls/21/merge") {
			resp.Body.Close()
			return nil, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
		}
		return resp, err
	})
	at := time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC)
	out, auditFile := d.publishWith(t, at, func(o *action.Options) { o.Transport = lost })
	d.gh.Mu.Lock()
	p := d.gh.Pulls[21]
	merges, sha, comments, labels := len(p.Merges), p.MergeSHA, len(p.Comments), p.Labels
	d.gh.Mu.Unlock()
	if merges != 1 || sha == "" {
		t.Fatalf("%d merges, merge commit %q; want the one merge, landed", merges, sha)
	}
	if len(out.Published) != 1 || out.Published[0].MergeSHA != sha || len(out.Missed) != 0 {
		t.Errorf("published %+v, missed %+v; want #21 published as %s", out.Published, out.Missed, sha)
	}
	if comments != 0 || len(labels) != 0 {
		t.Errorf("%d comments and labels %v on the merged pull request; want none saying it was not published", comments, labels)
	}
	if raw, _ := os.ReadFile(auditFile); !strings.Contains(string(raw), sha) {
		t.Errorf("the audit log does not record merge %s:\n%s", sha, raw)
	}
	out, _ = d.publishWith(t, at, func(o *action.Options) { o.Transport = lost })
	d.gh.Mu.Lock()
	merges = len(d.gh.Pulls[21].Merges)
	d.gh.Mu.Unlock()
	if merges != 1 || len(out.Published)+len(out.Missed) != 0 {
		t.Errorf("second run: %d merges, published %+v, missed %+v; want nothing more", merges, out.Published, out.Missed)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// GitHub (or a proxy before it) answering the event's pull request #2
// with another one, #3 on the same commit and approved: what it answered
// is not the pull request the event is about, so nothing is judged nor
// written, and the run fails saying so; #3's approvals never pass #2.
func TestRedTeam7BlockedAnotherPullRequestsAnswer(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	w.gh.Mu.Lock()
	other := w.gh.Add(fakegithub.PR{Number: 3, Author: "ada", Head: w.head, HeadRef: "other", Base: w.base, BaseRef: "main"})
	other.Files, other.Reviews = w.gh.Files, w.gh.Reviews
	w.gh.Reviews = nil
	w.gh.PR.Number = 3 // GET pulls/2 answers with number 3
	w.gh.Mu.Unlock()

	out, err := w.runErr(t)
	if err == nil || !strings.Contains(err.Error(), "#3") {
		t.Errorf("run: %v (%s), want an error naming the #3 GitHub answered", err, out.Conclusion)
	}
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	for _, r := range w.gh.Requests {
		if r.Method != http.MethodGet {
			t.Errorf("%s %s: written from another pull request's answer", r.Method, r.Path)
		}
	}
}
