// Package action is `greenlight action`: the GitHub Action that gates a
// post pull request. It reads the event, the pull request and its reviews
// through the API, takes the config and policies from the base commit of
// the checkout (never the head), runs the same engine as `greenlight
// check` with the review facts, and reports the verdict as a check run,
// inline suggestions, one summary comment, review requests and the step
// summary.
//
// The data flow is one way: event → pull request facts (files, reviews,
// team members, staleness from git) → engine → verdict → reporters. Any
// step that cannot be completed becomes a reason in a failing verdict: the
// Action fails closed.
package action
