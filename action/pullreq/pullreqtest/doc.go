// Package pullreqtest is a pullreq.Reader for tests: a value and an error
// per method, as a table test sets them, so that whatever the Action
// decides from GitHub's answers (and its failing closed when GitHub
// fails) is tested without a server.
package pullreqtest
