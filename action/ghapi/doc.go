// Package ghapi is the one client layer every GitHub API call of the
// Greenlight action goes through: New builds a go-github v60 client whose
// transport retries, waits out rate limits and guards the token; All
// pages through list endpoints; Classify and Explain turn the errors that
// remain into something a user can act on in the check run.
//
// It exists because go-github v60, the version the action is pinned to,
// leaves gaps that a gate running in every pull request cannot afford:
//
//   - It never retries. A 502 from GitHub or a reset connection would fail
//     the check; here reads and check run writes are retried with
//     exponential backoff and jitter, and other writes where a retry
//     cannot duplicate work (see retryTransport for which cases retry for
//     which requests).
//   - It does not classify HTTP 429 as a rate limit (pitfall G3), and it
//     recognises a secondary limit only by the documentation_url of the
//     body (G4). Here 403 and 429 are read the way GitHub documents them:
//     X-RateLimit-Remaining: 0 is the primary limit, waited out until
//     X-RateLimit-Reset; a Retry-After header or a "secondary rate limit"
//     message is a secondary limit, waited out for Retry-After or at least
//     a minute. Waits stay within a per-call budget (Options.MaxWait), and
//     Classify wraps whatever limit is left in a *LimitError.
//   - Its WithAuthToken sends the token to any host a response redirects
//     to (G5, google/go-github#4190). Here the token is added per request,
//     only when the request goes to the API's own scheme, host and port.
//   - It refuses any call after a response that said
//     X-RateLimit-Remaining: 0, without asking GitHub, even when the limit
//     resets in a few seconds. This layer hides the reset of such
//     successful responses from go-github, so the next call reaches the
//     transport, which waits for the reset if the budget allows.
//   - Its http.Client has no time limit, so a connection GitHub never
//     answers would hold the job until the workflow's own timeout (six
//     hours by default). Here each attempt must be answered in full within
//     Options.Timeout (30s by default); a read or check run write that
//     runs out of time is tried again like any network error.
//
// A GitHub App's own calls, the installation lookup and the exchange of
// its JWT for an installation token, go through the same retries and
// per-attempt bound, and the JWT stays on the API's origin like a token.
//
// The layer is a plain http.RoundTripper under go-github, so every method
// of the returned *github.Client gets it; there is no second client API to
// learn. Upgrading go-github (v88 classifies 429 and refuses cross-host
// redirects) would make parts of it redundant but not wrong.
package ghapi
