// Package pullreq is what the Action reads of GitHub about pull requests,
// as plain values: a pull request, its changed files, reviews and
// conversation, the members of a team, where a branch stands.
//
// The judge, the routing of review requests and the publishing plan ask
// a Reader, never go-github, so that their decisions are table-tested
// with a fake that holds a value and an error per method (pullreqtest),
// and the wire stays at one edge: GitHub, which reads through the client
// layer's retries and limits (package ghapi). Writes (check runs,
// comments, reviews, merges) go through package ghreport.
package pullreq
