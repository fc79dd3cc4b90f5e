// Package stats measures a team's sign-off process from a recorded
// history of post pull requests: how long each stage and each reviewer
// takes to approve, which stage was the last one pending when a pull
// request merged, which pull requests missed their publish time, and how
// often posts changed after a review. It is pure computation: the history
// comes in (action/history fetches it from GitHub; a recorded JSON file
// works as well) and a Report goes out, rendered as a terminal table,
// JSON, a Markdown report or an SVG bar chart. Who holds each role comes
// from the config and the members of its teams (config.Config.Members),
// which a recorded history keeps beside the pull requests.
//
// It sits beside the Action, above the engine: pull requests, their
// reviews and their history are the Action's world, not the post
// pipeline's, and nothing in engine/ imports it.
//
// # Definitions
//
// A review approves a stage when its state is APPROVED and its user (any
// case) holds one of the stage's approver roles and is not the pull
// request's author. Someone in two roles signs off both stages with one
// approval, as at the gate. Reviews submitted after a pull request was
// merged or closed are ignored; DISMISSED, CHANGES_REQUESTED and COMMENTED
// reviews never approve.
//
// A stage becomes pending at the later of the pull request's opening and
// the counting approval of every stage it comes after; while one of those
// has no counting approval, it never becomes pending. Its counting
// approval is the first approving review submitted at or after that
// moment, and its time to approve runs from the one to the other. An
// approval given before the stage's turn does not count (the stage's
// people must approve again), and an approval that a later push made stale
// still counts: staleness is the gate's business, not the metric's. A
// stage a pull request never got a counting approval for (one it did not
// need, or one still waiting) adds nothing to the times.
//
// Per stage and per reviewer, the report gives the number of counting
// approvals, the median time to approve (the mean of the two middle values
// when the number is even) and the 90th percentile by nearest rank: the
// ⌈0.9·n⌉-th of the n times in ascending order. A reviewer's times are
// those of the counting approvals they gave, one per stage they signed
// off. Times are reported in hours rounded to two decimals and as Go
// durations.
//
// The last stage pending of a merged pull request is the stage whose
// counting approval came last before the merge; when one approval signs
// off two stages at once, the later stage in the config's order. Each
// stage's share is of the merged pull requests that had a counting
// approval at all.
//
// A pull request missed its time when it has a publish time and merged
// after that time plus the config's schedule grace, or is still open at
// the report's time past it. Pull requests closed without merging never
// miss.
//
// Rework is the pushes that arrived after a pull request's first review
// (in any state, by anyone but its author). The share of pull requests
// with rework is of those that had a review.
package stats
