package approvals

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/review"
)

// Review is one submitted pull request review.
type Review struct {
	User  string
	State string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
	// Commit is the head commit the review was submitted on.
	Commit    string
	Submitted time.Time
}

// Command is an /approve comment, already checked to come from someone
// allowed to give it.
type Command struct {
	User string
	// Stages the command names; empty approves in the user's roles.
	Stages []string
	Commit string
	At     time.Time
}

// Staleness says whether a post changed between an approved commit and the
// head, or what a merge would publish with it differs from what that
// commit held; it is asked about approvals of the head too. An error (the commit is not in the history) makes the approval
// stale: an approval Greenlight cannot tie to the current text never counts.
type Staleness func(commit, path string) (bool, error)

// Input is everything Facts needs about one pull request.
type Input struct {
	PullRequest int
	Author      string
	// Contributors are the logins that made the pull request's commits,
	// as their authors or committers (merges that only bring in another
	// branch aside): they wrote what is approved, so their approvals
	// never count, as the author's do not.
	Contributors []string
	Head         string
	Reviews      []Review
	Commands     []Command
	Members      config.Members
	Posts        []string
	Stale        Staleness
}

// Authored reports whether user wrote the pull request: opened it or
// made one of its commits. Their approval never counts.
func (in Input) Authored(user string) bool {
	return strings.EqualFold(user, in.Author) || slices.ContainsFunc(in.Contributors, func(c string) bool { return strings.EqualFold(c, user) })
}

// Approval is a decisive approval before it is applied to posts.
type Approval struct {
	User   string
	Roles  []string
	Stages []string
	Commit string
	At     time.Time
	// Via is "review" or "comment".
	Via string
}

// Current lists the approvals in force: each person's latest decisive
// review if it approves (a later request for changes or a dismissal takes
// an approval back; comments do not), and their /approve commands after
// that review. Sorted by user.
func Current(in Input) []Approval {
	latest := map[string]Review{}
	for _, r := range in.Reviews {
		switch r.State {
		case "APPROVED", "CHANGES_REQUESTED", "DISMISSED":
		default:
			continue
		}
		key := strings.ToLower(r.User)
		if prev, ok := latest[key]; !ok || !r.Submitted.Before(prev.Submitted) {
			latest[key] = r
		}
	}
	var out []Approval
	for _, r := range latest {
		if r.State == "APPROVED" {
			out = append(out, Approval{User: r.User, Roles: in.Members.RolesOf(r.User), Commit: r.Commit, At: r.Submitted, Via: "review"})
		}
	}
	for _, c := range in.Commands {
		if r, ok := latest[strings.ToLower(c.User)]; ok && r.State != "APPROVED" && r.Submitted.After(c.At) {
			continue // a later review asking for changes takes the command back
		}
		out = append(out, Approval{User: c.User, Roles: in.Members.RolesOf(c.User), Stages: c.Stages, Commit: c.Commit, At: c.At, Via: "comment"})
	}
	slices.SortStableFunc(out, func(a, b Approval) int { return strings.Compare(strings.ToLower(a.User), strings.ToLower(b.User)) })
	return out
}

// Facts are the review facts of each post of the pull request. Staleness
// errors are returned alongside the facts, which treat those approvals as
// stale, so the caller can show why an approval did not count.
func Facts(in Input) (map[string]*review.Facts, []error) {
	current := Current(in)
	out := make(map[string]*review.Facts, len(in.Posts))
	var errs []error
	seen := map[string]bool{}
	for _, path := range in.Posts {
		f := &review.Facts{PullRequest: in.PullRequest, Author: in.Author, Contributors: in.Contributors, Head: in.Head, Approvals: []review.Approval{}}
		for _, a := range current {
			// The head's approvals are asked about too: a merge publishes
			// more than the head's text (a post's image comes from the base
			// when the pull request does not change it).
			stale, err := in.Stale(a.Commit, path)
			if err != nil {
				stale = true
				if !seen[a.Commit] {
					seen[a.Commit] = true
					errs = append(errs, fmt.Errorf("the approval by %s of commit %s cannot be checked against the head, so it does not count: %w", a.User, short(a.Commit), err))
				}
			}
			f.Approvals = append(f.Approvals, review.Approval{User: a.User, Roles: a.Roles, Stages: a.Stages, Commit: a.Commit, Stale: stale})
		}
		out[path] = f
	}
	return out, errs
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
