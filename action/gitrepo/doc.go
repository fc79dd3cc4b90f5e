// Package gitrepo reads a pull request's commits from the local clone
// with the git binary: files at one commit, and which files changed
// between two commits.
//
// It exists because Greenlight must not trust the working tree. The
// checkout a workflow hands the action is the pull request's head, which
// its author controls, so the config (greenlight.hcl) and the Rego
// policies are read from the base commit with Extract or ReadFile, never
// from disk; the posts are read at the head; and Diff tells which posts
// changed since the commit a reviewer approved, so that an approval of an
// older commit is stale for exactly those posts (a rename that keeps the
// text is not a change).
//
// Every call runs git directly (no shell), puts "--" before paths, reads
// paths literally (no pathspec magic), refuses revisions that look like
// options, and reports git's stderr in its errors.
package gitrepo
