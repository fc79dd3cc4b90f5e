// Package approvals turns a pull request's reviews and /approve commands
// into the review facts the sign-off policy decides from: who approved
// which commit, in which roles, and whether each post changed since.
//
// It is plain logic over data the caller fetched (reviews, team members)
// and a staleness oracle (the git history), so every rule of who counts is
// tested without GitHub: a person's latest decisive review wins, a
// dismissed or superseded approval is gone, and an approval of an older
// commit is stale for exactly the posts that changed after it. Whether an
// approval counts for a stage (role, author, staleness, order) is the
// policy's decision, not this package's.
package approvals
