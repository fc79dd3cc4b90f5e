package event

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
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
	// Fork says the pull request of a pull_request, pull_request_target
	// or pull_request_review event comes from another repository than
	// its base's (a fork), or from one since deleted.
	Fork bool
	// MergeGroup is the merge queue's group of a merge_group event.
	MergeGroup *MergeGroup
	// Push is the push of a push event.
	Push *Push
	// WorkflowRun is the finished run of a workflow_run event.
	WorkflowRun *WorkflowRun
}

// WorkflowRun is the run whose completion started a workflow_run event.
// That event runs the default branch's workflow with the repository's
// secrets, which is how a review (whose own pull_request_review workflow
// runs the head's file and must never see a key) gets a pull request
// judged again by the App: an unprivileged workflow on
// pull_request_review finishes, and the gate runs on its completion.
type WorkflowRun struct {
	// Event is the event that started the finished run, such as
	// pull_request_review.
	Event string
	// HeadSHA is the commit it ran on: the pull request's head.
	HeadSHA string
	// PullRequests are the numbers GitHub lists for the run; none for a
	// fork's pull request, which is then found by HeadSHA.
	PullRequests []int
}

// MergeGroup is a merge queue's group of pull requests, as a merge_group
// event's payload has it (GitHub's webhook docs: head_sha, head_ref,
// base_sha, base_ref). The payload lists no pull requests: head_ref names
// the one the group was made for.
type MergeGroup struct {
	// HeadSHA is the group's commit, which the required checks are
	// reported on.
	HeadSHA string
	// HeadRef is the group's full ref, such as
	// refs/heads/gh-readonly-queue/main/pr-104-929f8209….
	HeadRef string
	// BaseSHA is the group's parent commit; BaseRef the full ref of the
	// branch it merges into, such as refs/heads/main.
	BaseSHA, BaseRef string
	// PullRequest is the pull request HeadRef names; 0 when it names none
	// (an unexpected ref, or one for another branch than BaseRef).
	PullRequest int
}

// Base is the branch the group merges into, without refs/heads/.
func (m MergeGroup) Base() string { return strings.TrimPrefix(m.BaseRef, "refs/heads/") }

// queueRef is a merge group's head ref: the queue's branch for the base
// branch, the pull request's number, and the group's parent commit.
var queueRef = regexp.MustCompile(`^refs/heads/gh-readonly-queue/(.+)/pr-([1-9][0-9]{0,9})-[0-9a-f]{40}$`)

// QueuePullRequest is the pull request a merge group's head ref names, for
// a group into base (a branch name); 0 when it names none.
func QueuePullRequest(headRef, base string) int {
	m := queueRef.FindStringSubmatch(headRef)
	if m == nil || m[1] != base {
		return 0
	}
	n, err := strconv.Atoi(m[2])
	if err != nil {
		return 0
	}
	return n
}

// Push is a push event's ref and the commits before and after it.
type Push struct {
	// Ref is the full ref pushed, such as refs/heads/main.
	Ref string
	// Before is the ref's commit before the push: all zeros when the push
	// created the ref.
	Before, After string
}

// Branch is the branch pushed, or "" when the push was to a tag.
func (p Push) Branch() string {
	b, ok := strings.CutPrefix(p.Ref, "refs/heads/")
	if !ok {
		return ""
	}
	return b
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
		ev.Action, ev.PullRequest, ev.Fork = p.GetAction(), p.GetPullRequest().GetNumber(), fork(p.GetPullRequest())
	case "pull_request_review":
		var p github.PullRequestReviewEvent
		if err := decode(&p); err != nil {
			return Event{}, err
		}
		ev.Action, ev.PullRequest, ev.Fork = p.GetAction(), p.GetPullRequest().GetNumber(), fork(p.GetPullRequest())
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
	case "merge_group":
		var p struct {
			Action     string `json:"action"`
			MergeGroup struct {
				HeadSHA string `json:"head_sha"`
				HeadRef string `json:"head_ref"`
				BaseSHA string `json:"base_sha"`
				BaseRef string `json:"base_ref"`
			} `json:"merge_group"`
		}
		if err := decode(&p); err != nil {
			return Event{}, err
		}
		g := p.MergeGroup
		ev.Action = p.Action
		ev.MergeGroup = &MergeGroup{HeadSHA: g.HeadSHA, HeadRef: g.HeadRef, BaseSHA: g.BaseSHA, BaseRef: g.BaseRef}
		ev.MergeGroup.PullRequest = QueuePullRequest(g.HeadRef, ev.MergeGroup.Base())
	case "workflow_run":
		var p struct {
			Action      string `json:"action"`
			WorkflowRun struct {
				Event        string `json:"event"`
				HeadSHA      string `json:"head_sha"`
				PullRequests []struct {
					Number int `json:"number"`
				} `json:"pull_requests"`
			} `json:"workflow_run"`
		}
		if err := decode(&p); err != nil {
			return Event{}, err
		}
		ev.Action = p.Action
		r := p.WorkflowRun
		ev.WorkflowRun = &WorkflowRun{Event: r.Event, HeadSHA: r.HeadSHA}
		for _, pr := range r.PullRequests {
			ev.WorkflowRun.PullRequests = append(ev.WorkflowRun.PullRequests, pr.Number)
		}
		if len(ev.WorkflowRun.PullRequests) == 1 {
			ev.PullRequest = ev.WorkflowRun.PullRequests[0]
		}
	case "push":
		var p struct {
			Ref    string `json:"ref"`
			Before string `json:"before"`
			After  string `json:"after"`
		}
		if err := decode(&p); err != nil {
			return Event{}, err
		}
		ev.Push = &Push{Ref: p.Ref, Before: p.Before, After: p.After}
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

// fork says a pull request's head is in another repository than its
// base, or in one since deleted (GitHub then sends no head repository).
func fork(pr *github.PullRequest) bool {
	if pr == nil {
		return false
	}
	head, base := pr.GetHead().GetRepo(), pr.GetBase().GetRepo()
	if head == nil {
		return true
	}
	if head.GetID() != 0 && base.GetID() != 0 {
		return head.GetID() != base.GetID()
	}
	return !strings.EqualFold(head.GetFullName(), base.GetFullName())
}
