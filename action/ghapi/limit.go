package ghapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

const (
	headerRemaining  = "X-RateLimit-Remaining"
	headerReset      = "X-RateLimit-Reset"
	headerRetryAfter = "Retry-After"
)

// LimitError is a call that GitHub refused because of a rate limit and
// that this layer did not wait out (the wait was over the budget, or the
// limit persisted). Err is the error go-github returned, still reachable
// with errors.As: a *github.RateLimitError, a *github.AbuseRateLimitError
// or, for what v60 does not classify (429s, secondary limits without the
// documentation_url), a *github.ErrorResponse.
//
// go-github builds its errors itself and they cannot wrap ours, so a
// LimitError exists only once Classify has seen the error; All and
// Explain call Classify, and code that wants to branch on rate limits
// calls it too.
type LimitError struct {
	// Secondary is true for a secondary limit (too many requests in a
	// short time, or too many concurrent ones), false for the primary
	// hourly quota.
	Secondary bool
	// Reset is when the primary limit resets (X-RateLimit-Reset); zero
	// when GitHub did not say.
	Reset time.Time
	// RetryAfter is how long GitHub asked to wait (Retry-After); zero when
	// it did not say.
	RetryAfter time.Duration
	Err        error
}

func (e *LimitError) Error() string {
	switch {
	case !e.Secondary && !e.Reset.IsZero():
		return fmt.Sprintf("GitHub API rate limit exceeded until %s: %v", formatTime(e.Reset), e.Err)
	case !e.Secondary:
		return fmt.Sprintf("GitHub API rate limit exceeded: %v", e.Err)
	case e.RetryAfter > 0:
		return fmt.Sprintf("GitHub API secondary rate limit exceeded, retry after %s: %v", e.RetryAfter, e.Err)
	default:
		return fmt.Sprintf("GitHub API secondary rate limit exceeded: %v", e.Err)
	}
}

func (e *LimitError) Unwrap() error { return e.Err }

// Classify returns err wrapped in a *LimitError when it is a rate-limit
// refusal, and err unchanged otherwise (nil stays nil). It recognises
// go-github's *github.RateLimitError (including the ones v60 makes up
// without a request while a known limit lasts) and *AbuseRateLimitError,
// and the *github.ErrorResponse that v60 returns for a 429 or for a 403
// secondary limit whose body lacks the documentation_url it looks for.
func Classify(err error) error {
	if err == nil {
		return nil
	}
	var le *LimitError
	if errors.As(err, &le) {
		return err
	}
	var rl *github.RateLimitError
	if errors.As(err, &rl) {
		return &LimitError{Reset: rl.Rate.Reset.Time, Err: err}
	}
	var ab *github.AbuseRateLimitError
	if errors.As(err, &ab) {
		l := &LimitError{Secondary: true, Err: err}
		if ab.RetryAfter != nil && *ab.RetryAfter > 0 {
			l.RetryAfter = *ab.RetryAfter
		}
		return l
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		now := time.Now()
		if d, perr := http.ParseTime(er.Response.Header.Get("Date")); perr == nil {
			now = d
		}
		if l, ok := limitOf(er.Response.StatusCode, er.Response.Header, er.Message, er.DocumentationURL, now); ok {
			l.Err = err
			return &l
		}
	}
	return err
}

// limitOf reads a response as GitHub documents its rate limits
// (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api):
// a 403 or 429 with X-RateLimit-Remaining: 0 is the primary limit; a 403
// or 429 with Retry-After, or whose message or documentation_url names
// the secondary limit, is a secondary limit; any other 429 is taken as a
// secondary limit too. Other 403s are permission errors, not limits.
func limitOf(status int, h http.Header, message, docURL string, now time.Time) (LimitError, bool) {
	if status != http.StatusForbidden && status != http.StatusTooManyRequests {
		return LimitError{}, false
	}
	var l LimitError
	ra, hasRA := retryAfter(h, now)
	l.RetryAfter = ra
	if h.Get(headerRemaining) == "0" {
		if v, err := strconv.ParseInt(h.Get(headerReset), 10, 64); err == nil && v > 0 {
			l.Reset = time.Unix(v, 0)
		}
		return l, true
	}
	lower := strings.ToLower(message)
	if hasRA || status == http.StatusTooManyRequests ||
		strings.Contains(lower, "secondary rate limit") || strings.Contains(lower, "abuse detection") ||
		strings.HasSuffix(docURL, "secondary-rate-limits") || strings.HasSuffix(docURL, "#abuse-rate-limits") {
		l.Secondary = true
		return l, true
	}
	return LimitError{}, false
}

// retryAfter parses a Retry-After header: seconds, or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get(headerRetryAfter))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// errorMessage returns the message and documentation_url of a GitHub
// error body; for a body that is not JSON, the body as the message.
func errorMessage(body []byte) (message, docURL string) {
	var e struct {
		Message          string `json:"message"`
		DocumentationURL string `json:"documentation_url"`
	}
	if json.Unmarshal(body, &e) != nil {
		return string(body), ""
	}
	return e.Message, e.DocumentationURL
}

func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }
