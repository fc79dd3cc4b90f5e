// Package ghreport writes a verdict to a pull request: the check run
// branch protection requires, inline review comments with suggestions, the
// one summary comment, and review requests. Every write is idempotent
// across re-runs of the same commit: a run finds what an earlier run
// posted (by hidden markers and the check run's external id) and updates
// or skips instead of posting again.
package ghreport
