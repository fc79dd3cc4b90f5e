// Package notify sends short chat messages about Greenlight events (a
// sign-off stage requested, a reminder, a blocked publish, a published
// post) to the targets of the config's notify blocks: Slack incoming
// webhooks, Microsoft Teams incoming webhooks (Workflows, Adaptive Card)
// and a generic JSON webhook.
//
// A notification is a courtesy, never part of the gate. A failed one
// (a missing secret, a webhook that answers 500, a network that times
// out) is returned as a Result with an error for the caller to report; it
// never changes the gate's verdict, a check run's conclusion or whether a
// post is published. Send never panics and retries at most once.
//
// Idempotence is the caller's: each Event carries a Key ("reminder/12/
// legal/overdue") and the caller keeps which keys were sent, in the
// summary comment or wherever it keeps state across runs, and sends an
// event only once. This package keeps no state. The generic webhook gets
// the Key in its body, so a receiver can drop the rare duplicate of a
// retried delivery itself.
//
// A webhook URL is a secret: Slack's and Teams' embed the token that lets
// anyone post. It is read only from the environment variable the notify
// block names (url_env), never from the config, and it never appears in
// an error: errors name the notify block, the HTTP status and a short
// excerpt of the answer with the URL and its parts scrubbed out.
package notify
