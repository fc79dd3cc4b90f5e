package ghapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"
)

// retryTransport retries failed attempts of one request and waits out
// rate limits, within a budget of attempts (retries) and of sleeping time
// (maxWait) per request. A redirect is a new request to http.Client, so
// each hop has its own budget.
//
// Which failures are retried, for which requests:
//
//	failure                                   reads and check run writes   other writes
//	primary or secondary rate limit (403/429)  yes                          yes
//	502, 503, 504                             yes                          yes
//	500                                       yes                          no
//	network error before connecting (dial)    yes                          yes
//	other network error (reset, timeout, EOF) yes                          no
//	no answer within Timeout (a hung attempt) yes                          no
//	context cancelled or deadline exceeded    no                           no
//	any other status                          no                           no
//
// Reads are GET, HEAD and OPTIONS; check run writes are the POST that
// creates a check run and the PATCH that updates one (see repeatable);
// other writes are every other POST, PATCH, PUT and DELETE.
//
// GitHub refuses a rate-limited request before doing anything, and a
// request that never reached a connection did nothing, so both are safe
// to repeat for any method. A 502, 503 or 504 comes from GitHub's front
// end, which usually did not pass the request on or finish it; writes
// are retried on them so that a deploy blip does not fail the check,
// accepting the small risk that a 504'd write did land and is repeated.
// A 500 or a connection lost mid-request more likely came after the
// write took effect, so other writes are not repeated there (a duplicate
// comment, review or merge attempt is worse than a failed run that can
// be re-run). Check run writes are: repeating one is harmless, and the
// check run is the verdict branch protection reads, so one that is not
// written leaves an earlier verdict standing. A request whose body cannot
// be replayed (no GetBody) is never retried; go-github's requests always
// can be.
//
// When the attempts or the budget run out, the last response is returned
// as it is, so go-github builds its usual *github.ErrorResponse or
// *github.RateLimitError from it; Classify then adds *LimitError.
type retryTransport struct {
	next    http.RoundTripper
	maxWait time.Duration
	retries int
	timeout time.Duration // per attempt; 0 means none
	sleep   func(ctx context.Context, d time.Duration) error
	now     func() time.Time
	log     func(format string, args ...any)
}

const (
	backoffBase      = time.Second
	backoffCap       = 30 * time.Second
	secondaryDefault = time.Minute // GitHub: "wait for at least one minute"
	peekLimit        = 64 << 10    // bytes of a 403/429 body read to classify it
)

// decision is what to do about one attempt's outcome.
type decision struct {
	retry     bool
	wait      time.Duration
	why       string // "503", "network error (…)", "secondary rate limit (429)"
	limit     bool   // a rate limit: giving up is logged even on the first attempt
	secondary bool   // a secondary rate limit: waits without Retry-After grow
	resets    string // when a primary limit resets, for the log
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	budget := t.maxWait
	backoffs, secondaries := 0, 0
	for attempt := 1; ; attempt++ {
		sent := req
		if attempt > 1 {
			var err error
			if sent, err = rewind(req); err != nil {
				return nil, err
			}
		}
		resp, err := t.attempt(sent)
		if ctx.Err() != nil {
			discard(resp)
			return nil, ctx.Err()
		}
		d := t.decide(req, resp, err, backoffs, secondaries)
		if !d.retry {
			hideExhaustedReset(resp)
			return resp, err
		}
		giveUp := ""
		switch {
		case !replayable:
			giveUp = "the request body cannot be replayed"
		case attempt > t.retries:
			giveUp = fmt.Sprintf("no retries left after %d attempts", attempt)
		case d.wait > budget:
			giveUp = fmt.Sprintf("waiting %s would exceed the %s wait budget", round(d.wait), round(t.maxWait))
		}
		if giveUp != "" {
			if !d.limit {
				hideExhaustedReset(resp)
			}
			if t.log != nil && (d.limit || attempt > 1) {
				t.log("GitHub API: %s on %s %s%s; giving up: %s", d.why, req.Method, req.URL.Path, d.resets, giveUp)
			}
			return resp, err
		}
		if t.log != nil {
			t.log("GitHub API: %s on %s %s%s; retrying in %s (attempt %d of %d)",
				d.why, req.Method, req.URL.Path, d.resets, round(d.wait), attempt+1, t.retries+1)
		}
		discard(resp)
		if err := t.sleep(ctx, d.wait); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		budget -= d.wait
		switch {
		case d.secondary:
			secondaries++
		case !d.limit:
			backoffs++
		}
	}
}

// attempt sends one attempt, which must be answered in full (headers and
// body) within t.timeout: a connection that hangs then fails with an
// *AttemptTimeout, a network error that decide retries for reads.
func (t *retryTransport) attempt(req *http.Request) (*http.Response, error) {
	if t.timeout <= 0 {
		return t.next.RoundTrip(req)
	}
	cause := &AttemptTimeout{Method: req.Method, Path: req.URL.Path, After: t.timeout}
	ctx, cancel := context.WithTimeoutCause(req.Context(), t.timeout, cause)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil || resp == nil || resp.Body == nil {
		cancel()
		return resp, err
	}
	// The bound lasts until the body is read and closed; a body that runs
	// out of time is not tried again (the caller is reading it).
	cause.Reading = true
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// AttemptTimeout is the error of an attempt that GitHub did not answer in
// time. It is a net.Error whose Timeout is true, and it matches
// context.DeadlineExceeded with errors.Is.
type AttemptTimeout struct {
	Method, Path string
	After        time.Duration
	// Reading is true when the answer had begun but its body did not
	// arrive in time.
	Reading bool
}

func (e *AttemptTimeout) Error() string {
	if e.Reading {
		return fmt.Sprintf("the answer to %s %s did not arrive in full within %s", e.Method, e.Path, e.After)
	}
	return fmt.Sprintf("no answer to %s %s within %s", e.Method, e.Path, e.After)
}
func (e *AttemptTimeout) Timeout() bool        { return true }
func (e *AttemptTimeout) Temporary() bool      { return true }
func (e *AttemptTimeout) Is(target error) bool { return target == context.DeadlineExceeded }

// cancelOnClose ends an attempt's time bound when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// decide classifies one attempt's outcome. backoffs and secondaries count
// the earlier waits of each kind, for exponential growth.
func (t *retryTransport) decide(req *http.Request, resp *http.Response, err error, backoffs, secondaries int) decision {
	write := !repeatable(req.Method, req.URL.Path)
	if err != nil {
		if req.Context().Err() != nil || !transient(err) || (write && !beforeConnect(err)) {
			return decision{}
		}
		return decision{retry: true, wait: backoff(backoffs), why: fmt.Sprintf("network error (%v)", rootCause(err))}
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError:
		if write {
			return decision{}
		}
		fallthrough
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		wait := backoff(backoffs)
		if ra, ok := retryAfter(resp.Header, t.now()); ok && ra > wait {
			wait = ra
		}
		return decision{retry: true, wait: wait, why: fmt.Sprint(resp.StatusCode)}
	case http.StatusForbidden, http.StatusTooManyRequests:
		body := peekBody(resp)
		msg, doc := errorMessage(body)
		l, ok := limitOf(resp.StatusCode, resp.Header, msg, doc, t.now())
		if !ok {
			return decision{}
		}
		d := decision{retry: true, limit: true}
		if !l.Secondary {
			d.why = fmt.Sprintf("rate limit (%d)", resp.StatusCode)
			switch {
			case !l.Reset.IsZero():
				d.wait = l.Reset.Sub(t.now())
				d.resets = ", which resets at " + formatTime(l.Reset)
			case l.RetryAfter == 0:
				d.wait = secondaryDefault
			}
			d.wait = max(d.wait, l.RetryAfter, time.Second)
			return d
		}
		d.secondary = true
		d.why = fmt.Sprintf("secondary rate limit (%d)", resp.StatusCode)
		d.wait = l.RetryAfter
		if d.wait == 0 {
			// GitHub: without Retry-After, wait at least a minute, and
			// longer each time the limit is hit again.
			d.wait = secondaryDefault << min(secondaries, 4)
		}
		return d
	}
	return decision{}
}

// backoff is the wait before retry n+1 of a server or network failure:
// 1s, 2s, 4s … capped at 30s, plus up to a quarter more of jitter so that
// many jobs failing together do not retry together.
func backoff(n int) time.Duration {
	d := backoffCap
	if n < 5 {
		d = min(backoffBase<<n, backoffCap)
	}
	return d + rand.N(d/4)
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == ""
}

// repeatable reports whether a request may be sent again after an attempt
// that may have reached GitHub: a read, or a check run write, that is the
// POST of …/repos/{owner}/{repo}/check-runs that creates a check run or
// the PATCH of …/check-runs/{id} that updates one (path is the URL's,
// after any prefix such as GHES's /api/v3).
//
// A repeated check run write does no harm: a second check run of the
// same name on the same commit only hides the first (GitHub shows the
// latest, and branch protection reads it), and an update sets the same
// fields again, except that the annotations it carries, which GitHub
// appends, may then show twice. Other writes on check runs, such as
// re-requesting one (…/check-runs/{id}/rerequest), are not repeatable.
func repeatable(method, path string) bool {
	if safeMethod(method) {
		return true
	}
	seg := strings.Split(strings.Trim(path, "/"), "/")
	n := len(seg)
	switch method {
	case http.MethodPost:
		return n >= 4 && seg[n-4] == "repos" && seg[n-1] == "check-runs"
	case http.MethodPatch:
		return n >= 5 && seg[n-5] == "repos" && seg[n-2] == "check-runs" && seg[n-1] != ""
	}
	return false
}

// transient reports whether a transport error is worth another attempt:
// network and timeout errors and connections that ended early, not, for
// example, a certificate that fails verification.
func transient(err error) bool {
	var ne net.Error
	var op *net.OpError
	return errors.As(err, &op) || (errors.As(err, &ne) && ne.Timeout()) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}

// beforeConnect reports whether err happened while connecting (DNS,
// refused connection), so that nothing of the request was sent.
func beforeConnect(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// rootCause is the innermost error, for a short log line.
func rootCause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// rewind returns a copy of req with a fresh body for another attempt.
func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.GetBody != nil && req.Body != nil && req.Body != http.NoBody {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("replay request body: %w", err)
		}
		r.Body = body
	}
	return r, nil
}

// peekBody reads the start of resp's body and puts it back, so go-github
// still reads the whole body.
func peekBody(resp *http.Response) []byte {
	if resp.Body == nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, peekLimit))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(b), resp.Body), resp.Body}
	return b
}

// discard drains a little of a response that is being retried and closes
// it, so its connection can be reused.
func discard(resp *http.Response) {
	if resp == nil || resp.Body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, peekLimit))
	_ = resp.Body.Close()
}

// hideExhaustedReset removes X-RateLimit-Reset from a response that is
// not a refusal but says X-RateLimit-Remaining: 0. go-github v60 would
// otherwise answer every later call of that category with a
// *github.RateLimitError until the reset, without sending it, so this
// transport could not wait for the reset. Without the header the next
// call reaches GitHub, is refused with the reset time, and is waited out.
func hideExhaustedReset(resp *http.Response) {
	if resp != nil && resp.Header.Get(headerRemaining) == "0" {
		resp.Header.Del(headerReset)
	}
}

func round(d time.Duration) time.Duration {
	if d >= 10*time.Second {
		return d.Round(time.Second)
	}
	return d.Round(100 * time.Millisecond)
}
