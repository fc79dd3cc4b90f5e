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
	if f.PullRequestErr != nil {
		return pullreq.PullRequest{}, f.PullRequestErr
	}
	pr, ok := f.PullRequests[number]
	if !ok {
		return pullreq.PullRequest{}, fmt.Errorf("pullreqtest: no pull request #%d", number)
	}
	return pr, nil
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

func (f *Fake) TeamMembers(_ context.Context, team string) ([]string, error) {
	f.called("TeamMembers")
	if f.TeamMembersErr != nil {
		return nil, f.TeamMembersErr
	}
	members, ok := f.Teams[team]
	if !ok {
		return nil, fmt.Errorf("pullreqtest: no team %s", team)
	}
	return members, nil
}

func (f *Fake) BranchTip(_ context.Context, branch string) (string, error) {
	f.called("BranchTip")
	if f.BranchTipErr != nil {
		return "", f.BranchTipErr
	}
	sha, ok := f.Tips[branch]
	if !ok {
		return "", fmt.Errorf("pullreqtest: no branch %s", branch)
	}
	return sha, nil
}
