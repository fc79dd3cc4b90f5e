package event

import (
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
