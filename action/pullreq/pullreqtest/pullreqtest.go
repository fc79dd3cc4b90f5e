package pullreqtest

import (
	"context"
	"fmt"
	"sync"

	"github.com/greenlighthq/greenlight/action/pullreq"
)

// Fake answers each method with its value, or its error when that is
// set. A method that takes a pull request's number answers the same for
// every number, except PullRequest, which looks the number up in
// PullRequests. Calls counts the calls of each method by its name.
type Fake struct {
	PullRequests   map[int]pullreq.PullRequest
	PullRequestErr error

	OpenValue []pullreq.PullRequest
	OpenErr   error

	WithCommitValue []pullreq.PullRequest
	WithCommitErr   error

	FilesValue []pullreq.File
	FilesErr   error

	ReviewsValue []pullreq.Review
	ReviewsErr   error

	CommentsValue []pullreq.Comment
	CommentsErr   error

	CommitsValue []pullreq.Commit
	CommitsErr   error

	// Teams are the members of each team, "org/slug"; a team that is not
	// there answers TeamMembersErr, or an error when that is nil.
	Teams          map[string][]string
	TeamMembersErr error

	// Tips are the branches' commits; a branch that is not there answers
	// BranchTipErr, or an error when that is nil.
	Tips         map[string]string
	BranchTipErr error

	mu    sync.Mutex
	calls map[string]int
}

var _ pullreq.Reader = (*Fake)(nil)

// Calls is how many times the method named was called.
func (f *Fake) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

func (f *Fake) called(method string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[method]++
}

func (f *Fake) PullRequest(_ context.Context, number int) (pullreq.PullRequest, error) {
	f.called("PullRequest")
	return lookup(f.PullRequests, number, f.PullRequestErr, "pull request")
}

func (f *Fake) Open(context.Context, string) ([]pullreq.PullRequest, error) {
	f.called("Open")
	return f.OpenValue, f.OpenErr
}

func (f *Fake) WithCommit(context.Context, string) ([]pullreq.PullRequest, error) {
	f.called("WithCommit")
	return f.WithCommitValue, f.WithCommitErr
}

func (f *Fake) Files(context.Context, int) ([]pullreq.File, error) {
	f.called("Files")
	return f.FilesValue, f.FilesErr
}

func (f *Fake) Reviews(context.Context, int) ([]pullreq.Review, error) {
	f.called("Reviews")
	return f.ReviewsValue, f.ReviewsErr
}

func (f *Fake) Comments(context.Context, int) ([]pullreq.Comment, error) {
	f.called("Comments")
	return f.CommentsValue, f.CommentsErr
}

func (f *Fake) Commits(context.Context, int) ([]pullreq.Commit, error) {
	f.called("Commits")
	return f.CommitsValue, f.CommitsErr
}

func (f *Fake) TeamMembers(_ context.Context, team string) ([]string, error) {
	f.called("TeamMembers")
	return lookup(f.Teams, team, f.TeamMembersErr, "team")
}

func (f *Fake) BranchTip(_ context.Context, branch string) (string, error) {
	f.called("BranchTip")
	return lookup(f.Tips, branch, f.BranchTipErr, "branch")
}

// lookup is err when it is set, else m's value at key, else an error
// naming what is missing.
func lookup[K comparable, V any](m map[K]V, key K, err error, what string) (V, error) {
	var zero V
	if err != nil {
		return zero, err
	}
	v, ok := m[key]
	if !ok {
		return zero, fmt.Errorf("pullreqtest: no %s %v", what, key)
	}
	return v, nil
}
