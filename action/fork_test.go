package action_test

import (
	"strings"
	"testing"
)

// forkEvent is GitHub's pull_request example about this pull request,
// whose head is in the fork forker/Hello-World.
func (w *world) forkEvent(t *testing.T, name string) string {
	t.Helper()
	return payload(t, name, func(ev map[string]any) {
		pr := ev["pull_request"].(map[string]any)
		head, base := pr["head"].(map[string]any), pr["base"].(map[string]any)
		head["sha"], base["sha"] = w.head, w.base
		repo := head["repo"].(map[string]any)
		repo["id"], repo["full_name"], repo["name"], repo["fork"] = 99, "forker/Hello-World", "Hello-World", true
		repo["owner"].(map[string]any)["login"] = "forker"
	})
}

// A fork's pull request on a pull_request event, whose token is read-only:
// the built binary writes nothing to GitHub (every write would be a 403),
// and reports the verdict as workflow commands on stdout, which GitHub
// turns into annotations, and in the step summary, with a note that says
// why; its exit status is the verdict's. The same pull request on
// pull_request_target, whose token can write, is reported as any other.
func TestBinaryDegradesOnAForksPullRequest(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/a.md", strings.Replace(postA, "one place.", "one place on Github.", 1))
	})
	w.gh.PR.HeadRepo = "forker/Hello-World"
	w.gh.ReadOnly = true
	opened := w.forkEvent(t, "pull_request.opened")

	j := w.step(t, "pull_request", opened)
	if j.code != 1 || j.outputs["conclusion"] != "failure" || j.outputs["blocked-stages"] != "copy-edit,brand" {
		t.Fatalf("blocked fork pull request: exit %d, outputs %v; want 1 and failure blocked on copy-edit,brand\nstdout:\n%s\nstderr:\n%s", j.code, j.outputs, j.stdout, j.stderr)
	}
	if n := w.gh.Count("POST") + w.gh.Count("PATCH") + w.gh.Count("PUT") + w.gh.Count("DELETE"); n != 0 {
		t.Errorf("%d writes tried with a read-only token; want none", n)
	}
	for _, want := range []string{
		"::warning title=Pull request from a fork::This is a pull request from a fork (forker/Hello-World into Codertocat/Hello-World).",
		"::error file=posts/a.md,line=6,col=",
		"title=brand-names::Use 'GitHub' instead of 'Github'.",
		"::error title=greenlight%3A main::Sign-off pending: copy-edit, brand\n",
		"::error title=greenlight%3A main::Blocked: 3 errors, waiting for copy-edit, brand\n",
	} {
		if !strings.Contains(j.stdout, want) {
			t.Errorf("stdout lacks the workflow command %q:\n%s", want, j.stdout)
		}
	}
	for _, want := range []string{"**This is a pull request from a fork** (`forker/Hello-World` into `Codertocat/Hello-World`)",
		"read-only token", "could not write the check run `greenlight: main`", "Greenlight → `main`: Blocked"} {
		if !strings.Contains(j.summary, want) {
			t.Errorf("the step summary lacks %q:\n%s", want, j.summary)
		}
	}
	if strings.Contains(j.summary, "::error") {
		t.Errorf("workflow commands in the step summary:\n%s", j.summary)
	}

	// Fixed and signed off: the step passes, still writing nothing.
	w.pushed(t, func(r *repo) { r.write("posts/a.md", strings.Replace(postA, "one place.", "one place on GitHub.", 1)) })
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	j = w.step(t, "pull_request_review", w.forkEvent(t, "pull_request_review.submitted"))
	if j.code != 0 || j.outputs["conclusion"] != "success" || j.writes != 0 {
		t.Errorf("signed-off fork pull request: exit %d, outputs %v, %d writes; want 0, success, none\n%s", j.code, j.outputs, j.writes, j.stdout)
	}
	if !strings.Contains(j.stdout, "::notice title=greenlight%3A main::Ready to merge") {
		t.Errorf("stdout lacks the passing verdict:\n%s", j.stdout)
	}

	// pull_request_target runs with the base repository's token: the
	// verdict is written to the fork's pull request as to any other.
	w.gh.ReadOnly = false
	j = w.step(t, "pull_request_target", w.forkEvent(t, "pull_request.opened"))
	if j.code != 0 || strings.Contains(j.stdout, "::warning") {
		t.Errorf("pull_request_target: exit %d; want 0 and no fork note\n%s", j.code, j.stdout)
	}
	if run := w.checkRun(t); run.HeadSHA != w.head || run.Conclusion != "success" {
		t.Errorf("pull_request_target: check run %s on %s, want success on the fork's head", run.Conclusion, run.HeadSHA)
	}
}
