package event

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// Env is the GitHub Actions environment a step runs in.
type Env struct {
	EventName   string // GITHUB_EVENT_NAME
	EventPath   string // GITHUB_EVENT_PATH
	Repository  string // GITHUB_REPOSITORY, owner/name
	APIURL      string // GITHUB_API_URL
	ServerURL   string // GITHUB_SERVER_URL
	Workspace   string // GITHUB_WORKSPACE
	StepSummary string // GITHUB_STEP_SUMMARY
	Output      string // GITHUB_OUTPUT
	RunID       string // GITHUB_RUN_ID
}

// FromEnviron reads the environment through getenv (os.Getenv in the
// binary, a map in tests).
func FromEnviron(getenv func(string) string) Env {
	return Env{
		EventName:   getenv("GITHUB_EVENT_NAME"),
		EventPath:   getenv("GITHUB_EVENT_PATH"),
		Repository:  getenv("GITHUB_REPOSITORY"),
		APIURL:      getenv("GITHUB_API_URL"),
		ServerURL:   getenv("GITHUB_SERVER_URL"),
		Workspace:   getenv("GITHUB_WORKSPACE"),
		StepSummary: getenv("GITHUB_STEP_SUMMARY"),
		Output:      getenv("GITHUB_OUTPUT"),
		RunID:       getenv("GITHUB_RUN_ID"),
	}
}

// RunURL links to the workflow run, or is empty outside Actions.
func (e Env) RunURL() string {
	if e.ServerURL == "" || e.Repository == "" || e.RunID == "" {
		return ""
	}
	return fmt.Sprintf("%s/%s/actions/runs/%s", e.ServerURL, e.Repository, e.RunID)
}

// Event is what Greenlight needs from a webhook payload.
type Event struct {
	Name   string // pull_request, pull_request_review, issue_comment, ...
	Action string // opened, submitted, created, ...
	Owner  string
	Repo   string
	// PullRequest is the pull request's number; 0 when the event is not
	// about one (a comment on a plain issue, a schedule).
	PullRequest int
	// Comment is the comment of an issue_comment event on a pull request.
	Comment *Comment
}

// Comment is a pull request comment that may hold a command.
type Comment struct {
	ID      int64
	User    string
	Body    string
	Created time.Time
}

// Load reads the event payload the environment names. Events Greenlight
// does not act on load without error and with PullRequest 0, so the
// caller can say so and stop.
func Load(env Env) (Event, error) {
	owner, repo, ok := strings.Cut(env.Repository, "/")
	if !ok || owner == "" || repo == "" {
		return Event{}, fmt.Errorf("GITHUB_REPOSITORY is %q, want owner/name: is this running in GitHub Actions?", env.Repository)
	}
	if env.EventPath == "" && (env.EventName == "schedule" || env.EventName == "workflow_dispatch") {
		// A scheduled or manual run needs nothing from its payload, and
		// one started outside Actions (greenlight publish --dry-run on
		// a laptop) has none.
		return Event{Name: env.EventName, Owner: owner, Repo: repo}, nil
	}
	if env.EventName == "" || env.EventPath == "" {
		return Event{}, fmt.Errorf("GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: is this running in GitHub Actions?")
	}
	raw, err := os.ReadFile(env.EventPath)
	if err != nil {
		return Event{}, fmt.Errorf("read the event payload: %w", err)
	}
	ev := Event{Name: env.EventName, Owner: owner, Repo: repo}
	decode := func(v any) error {
		if err := json.Unmarshal(raw, v); err != nil {
			return fmt.Errorf("%s: the %s payload is not valid JSON: %w", env.EventPath, env.EventName, err)
		}
		return nil
	}
	switch env.EventName {
	case "pull_request", "pull_request_target":
		var p github.PullRequestEvent
		if err := decode(&p); err != nil {
			return Event{}, err
		}
		ev.Action, ev.PullRequest = p.GetAction(), p.GetPullRequest().GetNumber()
	case "pull_request_review":
		var p github.PullRequestReviewEvent
		if err := decode(&p); err != nil {
			return Event{}, err
		}
		ev.Action, ev.PullRequest = p.GetAction(), p.GetPullRequest().GetNumber()
	case "issue_comment":
		var p github.IssueCommentEvent
		if err := decode(&p); err != nil {
			return Event{}, err
		}
		ev.Action = p.GetAction()
		if p.GetIssue().IsPullRequest() {
			ev.PullRequest = p.GetIssue().GetNumber()
			c := p.GetComment()
			ev.Comment = &Comment{ID: c.GetID(), User: c.GetUser().GetLogin(), Body: c.GetBody(), Created: c.GetCreatedAt().Time}
		}
	default:
		var p struct {
			Action string `json:"action"`
		}
		if err := decode(&p); err != nil {
			return Event{}, err
		}
		ev.Action = p.Action
	}
	return ev, nil
}
