package action_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// mergeGroupPayload is a merge_group event as GitHub sends it when the
// merge queue asks for checks. ../shared/testdata holds no merge_group
// example, so it is built here from GitHub's documented one: octokit/webhooks'
// payload-examples/api.github.com/merge_group/checks_requested.payload.json
// (the example GitHub's webhook docs show), with its repository made this
// test's, and with base_sha and head_commit, which the example leaves out
// but GitHub's schema of the event (merge-group: head_sha, head_ref,
// base_sha, base_ref, head_commit, all required) has.
const mergeGroupPayload = `{
  "action": "checks_requested",
  "merge_group": {
    "head_sha": "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d",
    "head_ref": "refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64",
    "base_sha": "929f8209d40f77f4abc622a499c93a83babdbe64",
    "base_ref": "refs/heads/main",
    "head_commit": {
      "id": "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d",
      "tree_id": "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      "message": "Merge pull request #104 from octo-org/octo-branch",
      "timestamp": "2021-03-11T14:54:10Z",
      "author": {"name": "Codertocat", "email": "21031067+Codertocat@users.noreply.github.com"},
      "committer": {"name": "GitHub", "email": "noreply@github.com"}
    }
  },
  "repository": {
    "id": 17273051,
    "node_id": "MDEwOlJlcG9zaXRvcnkxNzI3MzA1MQ==",
    "name": "octo-repo",
    "full_name": "octo-org/octo-repo",
    "private": true,
    "owner": {"login": "octo-org", "id": 6811672, "type": "Organization", "site_admin": false},
    "html_url": "https://github.com/octo-org/octo-repo",
    "fork": false,
    "default_branch": "main"
  },
  "organization": {"login": "octo-org", "id": 6811672},
  "sender": {"login": "Codertocat", "id": 21031067, "type": "User", "site_admin": false},
  "installation": {"id": 1, "node_id": "MDEyOk9yZ2FuaXphdGlvbjY4MTE2NzI="}
}`

// mergeGroupEvent writes GitHub's merge_group example about this
// repository's group: its commit, ref and parent commit.
func mergeGroupEvent(t *testing.T, head, ref, base string) string {
	t.Helper()
	var ev map[string]any
	if err := json.Unmarshal([]byte(mergeGroupPayload), &ev); err != nil {
		t.Fatal(err)
	}
	repo := ev["repository"].(map[string]any)
	repo["name"], repo["full_name"] = "Hello-World", "Codertocat/Hello-World"
	repo["owner"].(map[string]any)["login"] = "Codertocat"
	g := ev["merge_group"].(map[string]any)
	g["head_sha"], g["head_ref"], g["base_sha"] = head, ref, base
	g["head_commit"].(map[string]any)["id"] = head
	out, _ := json.Marshal(ev)
	path := filepath.Join(t.TempDir(), "merge_group.json")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// queue makes the merge queue's group of the given branches on main, as
// GitHub does: a branch gh-readonly-queue/main/pr-<last>-<main's commit>
// (detached here) with one squashed commit per pull request, "Title (#N)". It returns
// the group's commit and ref.
func (w *world) queue(prs map[int]string, order ...int) (head, ref string) {
	base := w.git("rev-parse", "main")
	ref = "gh-readonly-queue/main/pr-" + itoa(order[len(order)-1]) + "-" + base
	current := w.git("rev-parse", "--abbrev-ref", "HEAD")
	w.git("checkout", "-q", "--detach", "main")
	for _, n := range order {
		w.git("merge", "-q", "--squash", prs[n])
		w.git("commit", "-q", "-m", "Post of #"+itoa(n)+" (#"+itoa(n)+")")
	}
	head = w.git("rev-parse", "HEAD")
	w.git("checkout", "-q", current)
	return head, "refs/heads/" + ref
}

func itoa(n int) string { return strconv.Itoa(n) }

// onMergeGroup runs the Action on a merge_group event.
func onMergeGroup(t *testing.T, eventPath string) func(*action.Options) {
	return func(o *action.Options) { o.Env.EventName, o.Env.EventPath = "merge_group", eventPath }
}

// gate runs the Action in-process as `greenlight action` runs it, through
// action.Gate, with the options of runErr.
func (w *world) gate(t *testing.T, opts ...func(*action.Options)) (action.Outcome, error) {
	t.Helper()
	return action.Gate(context.Background(), w.options(t, opts...))
}

// checkRunOn is the newest check run of the name on a commit.
// carriedInGroup queues pull request 2, signed off by kim and mia, in a
// merge group that must pass, then judges a rebased group commit that
// also writes path: what a rebasing queue's commit, which names no pull
// request, could carry. It returns the outcome and the check run on that
// commit.
func (w *world) carriedInGroup(t *testing.T, path, content string) (action.Outcome, *fakegithub.CheckRun) {
	t.Helper()
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	group, ref := w.queue(map[int]string{2: "post"}, 2)
	if out, err := w.gate(t, onMergeGroup(t, mergeGroupEvent(t, group, ref, w.base))); err != nil || out.Conclusion != "success" {
		t.Fatalf("the signed-off group: %s (%v)\n%s", out.Conclusion, err, out.Markdown)
	}
	w.git("checkout", "-q", "-b", "rebased", group)
	w.write(path, content)
	carried := w.commit("carried by the queue")
	w.git("checkout", "-q", "post")
	out, _ := w.gate(t, onMergeGroup(t, mergeGroupEvent(t, carried, ref, w.base)))
	return out, w.checkRunOn(carried, "greenlight: main")
}

func (w *world) checkRunOn(sha, name string) *fakegithub.CheckRun {
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	for i := len(w.gh.CheckRuns) - 1; i >= 0; i-- {
		if c := w.gh.CheckRuns[i]; c.HeadSHA == sha && c.Name == name {
			return c
		}
	}
	return nil
}

// A merge group is judged again, never passed on a pull request's earlier
// check: the check "greenlight: main" is concluded on the group's commit
// by the verdict of its pull request, judged as on its own events, and
// blocked when a sign-off is pending, when the post changed after the
// approvals, when the group's ref names no pull request, and when the
// group merges a text no pull request had.
func TestMergeGroupIsJudgedAgain(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	first := w.head
	// An earlier run left a green check on the pull request's head: it
	// must count for nothing in the queue.
	w.gh.CheckRuns = append(w.gh.CheckRuns, &fakegithub.CheckRun{ID: 1, Name: "greenlight: main", HeadSHA: w.head, Status: "completed", Conclusion: "success"})

	group, ref := w.queue(map[int]string{2: "post"}, 2)
	out, err := w.gate(t, onMergeGroup(t, mergeGroupEvent(t, group, ref, w.base)))
	if err != nil {
		t.Fatal(err)
	}
	run := w.checkRunOn(group, "greenlight: main")
	if run == nil || run.Status != "completed" || run.Conclusion != "failure" || out.Conclusion != "failure" {
		t.Fatalf("pending sign-offs: check run on the group %+v, outcome %s; want a completed failure on the group's commit", run, out.Conclusion)
	}
	if strings.Join(out.BlockedStages, ",") != "copy-edit,brand" || !strings.Contains(run.Summary, "#### #2") || !strings.Contains(run.Title, "#2") {
		t.Errorf("blocked %v; title %q; summary:\n%s", out.BlockedStages, run.Title, run.Summary)
	}
	if n := len(w.gh.Comments) + len(w.gh.ReviewComments) + len(w.gh.ReviewRequests); n != 0 {
		t.Errorf("the merge group run wrote %d comments or review requests to the pull request; it reports on the group's check only", n)
	}

	// Signed off: the group passes.
	w.approve("kim", first, 1)
	w.approve("mia", first, 2)
	if out, err := w.gate(t, onMergeGroup(t, mergeGroupEvent(t, group, ref, w.base))); err != nil || out.Conclusion != "success" {
		t.Fatalf("signed off: %s %v (%v)\n%s", out.Conclusion, out.BlockedStages, err, out.Markdown)
	}
	if run := w.checkRunOn(group, "greenlight: main"); run.Conclusion != "success" || run.Title != "Merge group ready: #2" {
		t.Errorf("signed off: check run %s %q", run.Conclusion, run.Title)
	}

	// The author changes the post after the approvals; the queue's new
	// group has the new text: the approvals are stale.
	w.push(func(r *repo) { r.write("posts/b.md", strings.Replace(postB, "today.", "today, no fees.", 1)) })
	group2, ref2 := w.queue(map[int]string{2: "post"}, 2)
	out, _ = w.gate(t, onMergeGroup(t, mergeGroupEvent(t, group2, ref2, w.base)))
	if out.Conclusion != "failure" || strings.Join(out.BlockedStages, ",") != "copy-edit,brand" {
		t.Errorf("stale approvals: %s, blocked %v; want failure on copy-edit,brand", out.Conclusion, out.BlockedStages)
	}
	if run := w.checkRunOn(group2, "greenlight: main"); run == nil || run.Conclusion != "failure" || !strings.Contains(run.Summary, "Not counted, because the post changed since") {
		t.Errorf("stale approvals: check run %+v", run)
	}

	// A ref that names no pull request: fail closed, on the group's commit.
	out, _ = w.gate(t, onMergeGroup(t, mergeGroupEvent(t, group, "refs/heads/gh-readonly-queue/main/some-group", w.base)))
	if run := w.checkRunOn(group, "greenlight: main"); out.Conclusion != "failure" || run.Conclusion != "failure" || !strings.Contains(run.Summary, "names no pull request") {
		t.Errorf("unnamed pull request: %s, check run %s:\n%s", out.Conclusion, run.Conclusion, run.Summary)
	}

	// The group merges a text the pull request never had: blocked, even
	// though the pull request itself passes.
	w.approve("kim", w.head, 3)
	w.approve("mia", w.head, 4)
	w.git("checkout", "-q", "-b", "tampered", group2)
	w.write("posts/b.md", strings.Replace(postB, "today.", "today, guaranteed.", 1))
	tampered := w.commit("a text nobody judged")
	w.git("checkout", "-q", "post")
	out, _ = w.gate(t, onMergeGroup(t, mergeGroupEvent(t, tampered, ref2, w.base)))
	if run := w.checkRunOn(tampered, "greenlight: main"); out.Conclusion != "failure" || run == nil || run.Conclusion != "failure" ||
		!strings.Contains(run.Summary, "The merge group changes `posts/b.md`, and no pull request judged in it has that text") {
		t.Errorf("a text nobody judged: %s, check run %+v", out.Conclusion, run)
	}
}

// A group of two pull requests: both are judged (the second found by the
// commit the queue made for it), the group fails when either does, and
// the calls grow by those of judging one pull request.
func TestMergeGroupOfSeveralPullRequests(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	// Pull request 3 adds posts/c.md from main, unapproved.
	w.git("checkout", "-q", "-b", "other", "main")
	w.write("posts/c.md", strings.Replace(postB, "Savings", "Checking", 1))
	head3 := w.commit("add c")
	w.git("checkout", "-q", "post")
	w.gh.Mu.Lock()
	p3 := w.gh.Add(fakegithub.PR{Number: 3, Author: "bob", Head: head3, HeadRef: "other", Base: w.base, BaseRef: "main"})
	p3.Files = w.files(w.base, head3)
	w.gh.Mu.Unlock()

	one, oneRef := w.queue(map[int]string{2: "post"}, 2)
	from := len(w.gh.Requests)
	if out, _ := w.gate(t, onMergeGroup(t, mergeGroupEvent(t, one, oneRef, w.base))); out.Conclusion != "success" {
		t.Fatalf("#2 alone: %s\n%s", out.Conclusion, out.Markdown)
	}
	callsOne := len(w.gh.Requests) - from

	group, ref := w.queue(map[int]string{2: "post", 3: "other"}, 2, 3)
	from = len(w.gh.Requests)
	out, err := w.gate(t, onMergeGroup(t, mergeGroupEvent(t, group, ref, w.base)))
	if err != nil {
		t.Fatal(err)
	}
	callsTwo := len(w.gh.Requests) - from
	run := w.checkRunOn(group, "greenlight: main")
	if out.Conclusion != "failure" || run == nil || run.Conclusion != "failure" {
		t.Fatalf("#2 and #3: %s, check run %+v; want failure (#3 is not signed off)", out.Conclusion, run)
	}
	if !strings.Contains(run.Summary, "#### #2") || !strings.Contains(run.Summary, "#### #3") || !strings.Contains(run.Title, "#3 (Blocked") || strings.Contains(run.Title, "#2 (") {
		t.Errorf("title %q; summary:\n%s", run.Title, run.Summary)
	}
	// The group's own calls are two (list the check runs on its commit,
	// create one); every other call is one pull request's judging.
	perPR := callsOne - 2
	if callsTwo != 2+2*perPR {
		t.Errorf("%d calls for one pull request, %d for two; want 2 + %d per pull request", callsOne, callsTwo, perPR)
	}
	t.Logf("a merge group: %d calls for one pull request, %d for two", callsOne, callsTwo)

	w.gh.Mu.Lock()
	p3.Reviews = append(p3.Reviews, fakegithub.Review{ID: 31, User: "kim", State: "APPROVED", Commit: head3, Submitted: time.Date(2026, 11, 23, 10, 5, 0, 0, time.UTC)},
		fakegithub.Review{ID: 32, User: "mia", State: "APPROVED", Commit: head3, Submitted: time.Date(2026, 11, 23, 10, 6, 0, 0, time.UTC)})
	w.gh.Mu.Unlock()
	if out, _ := w.gate(t, onMergeGroup(t, mergeGroupEvent(t, group, ref, w.base))); out.Conclusion != "success" {
		t.Errorf("both signed off: %s\n%s", out.Conclusion, out.Markdown)
	}
}

// The built binary on a merge_group event, as the workflow's merge_group
// trigger runs it: the step fails while the group's pull request is
// blocked and passes once it is signed off, the check on the group's
// commit saying the same.
func TestBinaryOnAMergeGroup(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	group, ref := w.queue(map[int]string{2: "post"}, 2)
	ev := mergeGroupEvent(t, group, ref, w.base)
	j := w.step(t, "merge_group", ev)
	if run := w.checkRunOn(group, "greenlight: main"); j.code != 1 || j.outputs["conclusion"] != "failure" || run == nil || run.Conclusion != "failure" {
		t.Fatalf("blocked: exit %d, outputs %v, check run %+v; want 1 and a failure on the group's commit\n%s", j.code, j.outputs, run, j.stderr)
	}
	if !strings.Contains(j.summary, "merge group: Blocked: #2") {
		t.Errorf("step summary:\n%s", j.summary)
	}
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	j = w.step(t, "merge_group", ev)
	if run := w.checkRunOn(group, "greenlight: main"); j.code != 0 || j.outputs["conclusion"] != "success" || run.Conclusion != "success" {
		t.Errorf("signed off: exit %d, outputs %v, check run %s; want 0 and success", j.code, j.outputs, run.Conclusion)
	}
}

// A file name is the author's, and git takes a backtick and a line break
// in it: the merge group's check run wrote an uncovered path in backticks
// as it was, so a file name closed its code span and wrote lines of its
// own into the summary.
func TestMergeGroupUncoveredPathCannotCloseItsCodeSpan(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	out, run := w.carriedInGroup(t, "posts/x`\n### ✅ Ready to merge\n`.md", postB)
	if out.Conclusion != "failure" || run == nil {
		t.Fatalf("the group carries an unjudged post: %s, check run %+v", out.Conclusion, run)
	}
	for _, l := range strings.Split(run.Summary, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, "> "), "### ✅ Ready to merge") {
			t.Errorf("a file name forged a line of the merge group's check run:\n%s", run.Summary)
		}
	}
}
