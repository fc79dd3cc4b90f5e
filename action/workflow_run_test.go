package action_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action"
)

// workflowRunEvent writes a workflow_run payload (the fields GitHub's
// webhook docs give: action, workflow_run.event, head_sha, pull_requests)
// for the finished review workflow of the world's pull request.
func (w *world) workflowRunEvent(t *testing.T, numbers ...int) string {
	t.Helper()
	prs := []any{}
	for _, n := range numbers {
		prs = append(prs, map[string]any{"number": n, "head": map[string]any{"sha": w.head}, "base": map[string]any{"ref": "main"}})
	}
	raw, _ := json.Marshal(map[string]any{"action": "completed", "workflow_run": map[string]any{
		"name": "greenlight-review", "event": "pull_request_review", "head_sha": w.head, "conclusion": "success", "pull_requests": prs,
	}, "repository": map[string]any{"full_name": "Codertocat/Hello-World"}})
	path := filepath.Join(t.TempDir(), "workflow_run.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A review starts an unprivileged workflow; its completion starts the
// gate on workflow_run, with the App's key, which judges the pull request
// again: named in the payload, or, for a fork's (GitHub lists none),
// found by the run's commit.
func TestGateJudgesAgainWhenTheReviewWorkflowFinishes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		numbers []int
	}{
		{"the payload names the pull request", []int{2}},
		{"a fork's run names none: found by its commit", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
			w.approve("kim", w.head, 1)
			w.approve("mia", w.head, 2)
			eventPath := w.workflowRunEvent(t, tc.numbers...)
			gated, err := action.Gate(t.Context(), w.options(t, func(o *action.Options) { o.Env.EventName, o.Env.EventPath = "workflow_run", eventPath }))
			if err != nil {
				t.Fatal(err)
			}
			if gated.Conclusion != "success" {
				t.Errorf("gate %s (%s); want success once both stages approved", gated.Conclusion, gated.Note)
			}
			if run := w.checkRun(t); run.HeadSHA != w.head || run.Conclusion != "success" {
				t.Errorf("check run on %s: %s", run.HeadSHA, run.Conclusion)
			}
		})
	}
	t.Run("a run about no open pull request is skipped, saying so", func(t *testing.T) {
		t.Parallel()
		w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
		eventPath := w.workflowRunEvent(t)
		w.gh.Mu.Lock()
		w.gh.PR.Head = strings.Repeat("0", 40)
		w.gh.Mu.Unlock()
		out, err := action.Gate(t.Context(), w.options(t, func(o *action.Options) { o.Env.EventName, o.Env.EventPath = "workflow_run", eventPath }))
		if err != nil || out.Conclusion != "skipped" || !strings.Contains(out.Note, "no open pull request") {
			t.Errorf("outcome %+v, %v", out, err)
		}
	})
}
