package pullreq

import (
	"context"
	"time"
)

// Reader reads pull requests and what the rules need around them. Each
// method is one kind of read, paged through in full; an error means the
// answer is unknown, and whoever asked must fail closed.
type Reader interface {
	// PullRequest reads the pull request numbered number.
	PullRequest(ctx context.Context, number int) (PullRequest, error)
	// Open lists the open pull requests into the branch base.
	Open(ctx context.Context, base string) ([]PullRequest, error)
	// WithCommit lists the pull requests GitHub associates with the
	// commit sha, open or not.
	WithCommit(ctx context.Context, sha string) ([]PullRequest, error)
	// Files lists the files the pull request changes, as GitHub lists
	// them: at most 3,000 (see PullRequest.ChangedFiles).
	Files(ctx context.Context, number int) ([]File, error)
	// Reviews lists the pull request's reviews, oldest first.
	Reviews(ctx context.Context, number int) ([]Review, error)
	// Comments lists the pull request's conversation, oldest first.
	Comments(ctx context.Context, number int) ([]Comment, error)
	// Commits lists the pull request's commits, as GitHub lists them: at
	// most 250 (see PullRequest.Commits).
	Commits(ctx context.Context, number int) ([]Commit, error)
	// TeamMembers lists the logins of the members of team, "org/slug".
	TeamMembers(ctx context.Context, team string) ([]string, error)
	// BranchTip is the commit branch points at now.
	BranchTip(ctx context.Context, branch string) (string, error)
}

// PullRequest is a pull request as the Action judges it.
type PullRequest struct {
	Number int
	Title  string
	// Body is the description, where a Merge-After line may stand.
	Body string
	// URL is the pull request's page on GitHub.
	URL    string
	Author string
	// State is "open" or "closed" (merged ones too).
	State string
	Draft bool
	// BaseRef is the branch it merges into; BaseSHA where that branch
	// stood when GitHub last computed the pull request, which GitHub does
	// not move when the branch moves.
	BaseRef, BaseSHA string
	// HeadSHA is the commit under review.
	HeadSHA string
	// Merged is set once the pull request is merged, MergeSHA then to the
	// merge commit.
	Merged   bool
	MergeSHA string
	// HeadRepo is the full name (owner/name) of the repository the head
	// is in: the repository's own, or a fork's; empty when the fork was
	// deleted.
	HeadRepo string
	// ChangedFiles is how many files GitHub counts in the pull request,
	// which may exceed what Files lists.
	ChangedFiles int
	// Commits is how many commits GitHub counts in the pull request,
	// which may exceed what the commits list holds.
	Commits int
	Labels  []string
	// RequestedReviewers are the logins, RequestedTeams the team slugs,
	// asked to review and not yet reviewed.
	RequestedReviewers, RequestedTeams []string
}

// File is a changed file of a pull request.
type File struct {
	Path string
	// Previous is the path before a rename; empty otherwise.
	Previous string
	// Status is GitHub's: added, removed, modified, renamed, copied,
	// changed or unchanged.
	Status string
	// Patch is the unified diff's hunks; empty for a binary or too large
	// a file.
	Patch string
}

// Review is a submitted review.
type Review struct {
	User string
	// State is GitHub's: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED.
	State string
	// Commit is the head the reviewer saw.
	Commit    string
	Submitted time.Time
}

// Commit is one commit of a pull request.
type Commit struct {
	SHA string
	// Author and Committer are the logins of the GitHub accounts git's
	// author and committer emails belong to; empty when GitHub ties the
	// email to no account.
	Author, Committer string
	// Parents are the SHAs of the commit's parents: two or more for a
	// merge.
	Parents []string
}

// Comment is a comment in a pull request's conversation.
type Comment struct {
	ID      int64
	Author  User
	Body    string
	Created time.Time
	// Updated is the last edit; zero when GitHub names none.
	Updated time.Time
}

// User is the author of a comment.
type User struct {
	Login string
	// Bot says the account is a bot's (a GitHub App's, Actions'), which
	// no person's account is.
	Bot bool
}
