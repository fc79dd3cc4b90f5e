// Package ghreport writes a verdict to a pull request: the check run
// branch protection requires, inline review comments with suggestions, the
// one summary comment, and review requests. Every write is idempotent
// across re-runs of the same commit: a run finds what an earlier run
// posted (by hidden markers and the check run's external id) and updates
// or skips instead of posting again. The one exception fails closed: a run
// on a commit whose check passes first marks the check in progress
// (StartCheckRun), since it cannot know the pass still holds until it has
// judged, and then completes that check run with its verdict.
package ghreport
