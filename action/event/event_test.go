package event

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// webhooks is the folder of real webhook payloads written by GitHub (see
// ../shared/testdata/README.md).
func webhooks(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "github-webhooks")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the shared test data is not beside the repository (%v): clone it to ../shared", err)
	}
	return dir
}

func env(name, path string) Env {
	return Env{EventName: name, EventPath: path, Repository: "Codertocat/Hello-World"}
}

func TestLoadRealPayloads(t *testing.T) {
	dir := webhooks(t)
	tests := []struct {
		file, name string
		action     string
		pr         int
	}{
		{"pull_request.opened.json", "pull_request", "opened", 2},
		{"pull_request.synchronize.json", "pull_request", "synchronize", 0},
		{"pull_request.reopened.json", "pull_request", "reopened", 0},
		{"pull_request.opened.with-null-body.json", "pull_request", "opened", 0},
		{"pull_request_review.submitted.json", "pull_request_review", "submitted", 0},
		// A comment on a plain issue is no pull request's business.
		{"issue_comment.created.json", "issue_comment", "created", 0},
		{"workflow_dispatch.json", "workflow_dispatch", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ev, err := Load(env(tt.name, filepath.Join(dir, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if ev.Action != tt.action {
				t.Errorf("action = %q, want %q", ev.Action, tt.action)
			}
			if tt.pr != 0 && ev.PullRequest != tt.pr {
				t.Errorf("pull request = %d, want %d", ev.PullRequest, tt.pr)
			}
			isPR := strings.HasPrefix(tt.name, "pull_request")
			if isPR && ev.PullRequest == 0 {
				t.Errorf("a %s event has no pull request number", tt.name)
			}
			if !isPR && ev.PullRequest != 0 {
				t.Errorf("a %s event names pull request %d", tt.name, ev.PullRequest)
			}
			if ev.Owner != "Codertocat" || ev.Repo != "Hello-World" {
				t.Errorf("repository = %s/%s", ev.Owner, ev.Repo)
			}
		})
	}
}

// A comment on a pull request carries its command and author; the real
// payload is of a comment on an issue, so the test marks the issue as a
// pull request the way GitHub does (an issue.pull_request object).
func TestLoadPullRequestComment(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(webhooks(t), "issue_comment.created.json"))
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(raw), `"issue": {`, `"issue": {"pull_request": {"url": "https://api.github.com/repos/Codertocat/Hello-World/pulls/1"},`, 1)
	path := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	ev, err := Load(env("issue_comment", path))
	if err != nil {
		t.Fatal(err)
	}
	if ev.PullRequest != 1 || ev.Comment == nil {
		t.Fatalf("pull request %d, comment %v", ev.PullRequest, ev.Comment)
	}
	if ev.Comment.User != "Codertocat" || ev.Comment.ID == 0 || ev.Comment.Created.IsZero() || ev.Comment.Body == "" {
		t.Errorf("comment = %+v", *ev.Comment)
	}
}

func TestLoadErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  Env
		want string
	}{
		{"no repository", Env{EventName: "pull_request", EventPath: bad}, "GITHUB_REPOSITORY"},
		{"no event", Env{Repository: "a/b"}, "GITHUB_EVENT_NAME"},
		{"a pull request event without its payload", Env{Repository: "a/b", EventName: "pull_request"}, "GITHUB_EVENT_PATH"},
		{"missing file", env("pull_request", filepath.Join(t.TempDir(), "none.json")), "read the event payload"},
		{"bad JSON", env("pull_request", bad), "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.env)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

// A scheduled or manual run reads nothing from its payload, so one
// started outside Actions (a dry run on a laptop) needs none.
func TestLoadScheduleWithoutPayload(t *testing.T) {
	for _, name := range []string{"schedule", "workflow_dispatch"} {
		ev, err := Load(Env{EventName: name, Repository: "acme/posts"})
		if err != nil || ev.Name != name || ev.Owner != "acme" || ev.Repo != "posts" || ev.PullRequest != 0 {
			t.Errorf("%s: %+v, %v", name, ev, err)
		}
	}
}

// A merge group names its pull request in its ref, and only a ref of the
// queue's form for the group's own branch does.
func TestQueuePullRequest(t *testing.T) {
	sha := "929f8209d40f77f4abc622a499c93a83babdbe64"
	tests := []struct {
		name, ref, base string
		want            int
	}{
		{"GitHub's documented ref", "refs/heads/gh-readonly-queue/main/pr-104-" + sha, "main", 104},
		{"a branch with a slash", "refs/heads/gh-readonly-queue/release/2026/pr-7-" + sha, "release/2026", 7},
		{"a ref for another branch", "refs/heads/gh-readonly-queue/dev/pr-104-" + sha, "main", 0},
		{"no pull request number", "refs/heads/gh-readonly-queue/main/some-group", "main", 0},
		{"no sha", "refs/heads/gh-readonly-queue/main/pr-104", "main", 0},
		{"not the queue's branch", "refs/heads/feature/pr-104-" + sha, "main", 0},
		{"a number too long", "refs/heads/gh-readonly-queue/main/pr-123456789012-" + sha, "main", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := QueuePullRequest(tt.ref, tt.base); got != tt.want {
				t.Errorf("QueuePullRequest(%q, %q) = %d, want %d", tt.ref, tt.base, got, tt.want)
			}
		})
	}
}

// A pull request whose head is another repository's, or a deleted one's,
// comes from a fork; the real payloads' pull requests do not.
func TestLoadForks(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(webhooks(t), "pull_request.opened.json"))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Load(env("pull_request", filepath.Join(webhooks(t), "pull_request.opened.json")))
	if err != nil || ev.Fork {
		t.Fatalf("the real payload: fork %v, %v; want a pull request of the repository's own branch", ev.Fork, err)
	}
	edits := map[string]func(pr map[string]any){
		"another repository": func(pr map[string]any) {
			repo := pr["head"].(map[string]any)["repo"].(map[string]any)
			repo["id"], repo["full_name"], repo["fork"] = 99, "forker/Hello-World", true
		},
		"a deleted repository": func(pr map[string]any) { pr["head"].(map[string]any)["repo"] = nil },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			var p map[string]any
			if err := json.Unmarshal(raw, &p); err != nil {
				t.Fatal(err)
			}
			edit(p["pull_request"].(map[string]any))
			out, _ := json.Marshal(p)
			path := filepath.Join(t.TempDir(), "event.json")
			if err := os.WriteFile(path, out, 0o600); err != nil {
				t.Fatal(err)
			}
			ev, err := Load(env("pull_request", path))
			if err != nil || !ev.Fork || ev.PullRequest != 2 {
				t.Errorf("fork %v, pull request %d, %v; want a fork's pull request 2", ev.Fork, ev.PullRequest, err)
			}
		})
	}
}

// merge_group and push events carry what the Action needs of them.
func TestLoadMergeGroupAndPush(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sha := "929f8209d40f77f4abc622a499c93a83babdbe64"
	ev, err := Load(env("merge_group", write("mg.json", `{"action":"checks_requested","merge_group":{"head_sha":"2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d",`+
		`"head_ref":"refs/heads/gh-readonly-queue/main/pr-104-`+sha+`","base_sha":"`+sha+`","base_ref":"refs/heads/main"}}`)))
	if err != nil || ev.MergeGroup == nil {
		t.Fatalf("merge_group: %+v, %v", ev, err)
	}
	if g := *ev.MergeGroup; g.PullRequest != 104 || g.Base() != "main" || g.BaseSHA != sha || g.HeadSHA != "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d" || ev.PullRequest != 0 {
		t.Errorf("merge group %+v, pull request %d", g, ev.PullRequest)
	}
	ev, err = Load(env("push", write("push.json", `{"ref":"refs/heads/main","before":"`+sha+`","after":"2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d"}`)))
	if err != nil || ev.Push == nil || ev.Push.Branch() != "main" || ev.Push.Before != sha || ev.PullRequest != 0 {
		t.Errorf("push: %+v, %v", ev, err)
	}
	if (Push{Ref: "refs/tags/v1"}).Branch() != "" {
		t.Error("a tag is taken for a branch")
	}
}
