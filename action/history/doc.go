// Package history reads a repository's post pull requests from GitHub as
// a stats.History: who opened each one and when, when it merged or
// closed, when its commits arrived and every review. It is the GitHub
// side of `greenlight stats`; the metrics themselves are action/stats'.
//
// Two figures are approximations, because GitHub does not keep them:
//
//   - Push times are the commits' committer dates (a commit dated before
//     the pull request opened counts as arriving at the opening). A push
//     of several commits counts once per commit, and a rebase re-dates
//     the commits it rewrites. GitHub lists at most 250 commits of a pull
//     request.
//   - The publish time is a "Merge-After:" line of the description, which
//     is what scheduled publishing honours before the posts' own
//     publish_at, or else (WithPosts) the posts' publish_at, read from the
//     local clone: a merged pull request's posts at its merge commit, an
//     open one's at its head. /schedule comments are not read. Without
//     either PublishAt is nil and the pull request is not counted for
//     missed times.
package history
