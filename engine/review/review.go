package review

// Facts are what the policies know about a post's pull request.
type Facts struct {
	PullRequest int
	// Author opened the pull request; their approvals never count.
	Author string
	// Contributors made the pull request's commits (as authors or
	// committers); their approvals never count either.
	Contributors []string
	// Head is the commit under review.
	Head      string
	Approvals []Approval
}

// Approval is one person's approval, as it applies to one post.
type Approval struct {
	User string
	// Roles are the config roles the user belongs to.
	Roles []string
	// Stages are stages the approval names explicitly (/approve legal).
	Stages []string
	// Commit is the commit the user approved.
	Commit string
	// Stale is true when the post changed after Commit.
	Stale bool
}
