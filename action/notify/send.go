package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
)

// Sender delivers events to notify targets. The zero value works: a
// client with a 10s timeout, os.Getenv and real sleeps.
type Sender struct {
	// Client sends the requests; nil means a client with a 10s timeout.
	// Send never follows redirects, whatever the client's CheckRedirect:
	// a webhook that redirects is misconfigured, and following it would
	// post the message somewhere else.
	Client *http.Client
	// Getenv reads the variable a notify block's url_env names: os.Getenv
	// in production (the default when nil), a map in tests.
	Getenv func(string) string
	// Sleep waits before the retry and returns early with ctx's error
	// when ctx is done; nil means a timer. Tests inject one that records
	// the wait and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock, for events without a time and for Retry-After
	// given as a date; nil means time.Now.
	Now func() time.Time
}

// Result is what became of one event for one notify target.
type Result struct {
	Target string // the notify block's name
	Kind   string // the event's kind
	// Err is nil when the target accepted the message. Its text names the
	// block, and the HTTP status and a short excerpt of the answer when
	// there was one; it never contains the webhook URL.
	Err error
}

const (
	// DefaultTimeout bounds one request when Sender.Client is nil.
	DefaultTimeout = 10 * time.Second
	// MaxRetryAfter is the longest Retry-After a retry waits for. A
	// target that asks for longer is reported at once: a notification
	// must not hold up the run.
	MaxRetryAfter = 10 * time.Second
	// retryWait is the wait before the retry when the answer says none.
	retryWait = time.Second
	// excerptBytes bounds the excerpt of an answer in an error.
	excerptBytes = 200
	// readBytes is how much of an answer is read for the excerpt.
	readBytes = 4 << 10
)

// Send delivers ev to every target that wants its kind (a target with no
// events wants every kind), one after the other, and returns one Result
// per such target, in the targets' order. Each target gets at most two
// requests: the first and, after a 429, a 5xx or a network error, one
// retry. A retry after a timeout can deliver a message twice (the first
// request may have landed); a rare duplicate in a chat is better than a
// lost reminder. Send never panics; failures are in the results, for the
// caller to report, and change nothing else.
func (s Sender) Send(ctx context.Context, targets []*config.Notify, ev Event) []Result {
	if ev.At.IsZero() {
		ev.At = s.now()
	}
	var results []Result
	for _, t := range targets {
		if t == nil || !wants(t, ev.Kind) {
			continue
		}
		results = append(results, Result{Target: t.Name, Kind: ev.Kind, Err: s.deliver(ctx, t, ev)})
	}
	return results
}

// wants reports whether t sends events of kind.
func wants(t *config.Notify, kind string) bool {
	return len(t.Events) == 0 || slices.Contains(t.Events, kind)
}

// deliver sends ev to t, retrying once.
func (s Sender) deliver(ctx context.Context, t *config.Notify, ev Event) (err error) {
	var secrets []string
	defer func() {
		if r := recover(); r != nil {
			err = failf(secrets, nil, "notify %s: internal error: %v", t.Name, r)
		}
	}()
	if !slices.Contains(config.NotifyEvents(), ev.Kind) {
		return failf(nil, nil, "notify %s: unknown event kind %q (want one of %s)", t.Name, ev.Kind, strings.Join(config.NotifyEvents(), ", "))
	}
	f, ok := formats[t.Type]
	if !ok {
		return failf(nil, nil, "notify %s: unknown type %q (want slack, teams or webhook)", t.Name, t.Type)
	}
	if t.URLEnv == "" {
		return failf(nil, nil, "notify %s: url_env is not set (name the environment variable that holds the webhook URL)", t.Name)
	}
	raw := strings.TrimSpace(s.getenv(t.URLEnv))
	if raw == "" {
		return failf(nil, nil, "notify %s: %s is not set (put the webhook URL in a secret and pass it to the step's env)", t.Name, t.URLEnv)
	}
	secrets = secretParts(raw)
	target, err := checkURL(raw)
	if err != nil {
		return failf(secrets, nil, "notify %s: %s %v", t.Name, t.URLEnv, err)
	}
	body, err := f.payload(ev)
	if err != nil {
		return failf(secrets, err, "notify %s: building the %s message: %v", t.Name, t.Type, err)
	}
	client := http.Client{Timeout: DefaultTimeout}
	if s.Client != nil {
		client = *s.Client
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	for attempt := 1; ; attempt++ {
		a := s.attempt(ctx, &client, target, f, ev.Kind, body, secrets)
		if a.ok() {
			return nil
		}
		after := ""
		if attempt > 1 {
			after = " after a retry"
		}
		retry := attempt == 1 && a.retryable() && ctx.Err() == nil
		if retry && a.wait > MaxRetryAfter {
			return failf(secrets, a.err, "notify %s: %s answered %s and asked to wait %v, longer than a notification waits (%v)%s",
				t.Name, f.who, a.status(), a.wait, MaxRetryAfter, a.excerptSuffix())
		}
		if !retry {
			if ctx.Err() != nil {
				return failf(secrets, ctx.Err(), "notify %s: gave up on %s%s: %v", t.Name, f.who, after, ctx.Err())
			}
			if a.err != nil {
				return failf(secrets, a.err, "notify %s: could not reach %s%s: %v", t.Name, f.who, after, a.err)
			}
			return failf(secrets, nil, "notify %s: %s answered %s%s%s", t.Name, f.who, a.status(), after, a.excerptSuffix())
		}
		if err := s.sleep(ctx, a.wait); err != nil {
			return failf(secrets, err, "notify %s: gave up on %s while waiting to retry: %v", t.Name, f.who, err)
		}
	}
}

// format is how one type of target is written to.
type format struct {
	who     string // "Slack", for errors
	payload func(Event) ([]byte, error)
	header  bool // sends X-Greenlight-Event
}

var formats = map[string]format{
	"slack":   {who: "Slack", payload: Slack},
	"teams":   {who: "Teams", payload: Teams},
	"webhook": {who: "the webhook", payload: Webhook, header: true},
}

// attempt is the outcome of one request.
type attempt struct {
	code    int           // HTTP status; 0 when none came
	excerpt string        // scrubbed excerpt of the answer
	err     error         // network error, without the URL
	wait    time.Duration // before a retry
}

func (a attempt) ok() bool { return a.err == nil && a.code >= 200 && a.code < 300 }

func (a attempt) retryable() bool {
	return a.err != nil || a.code == http.StatusTooManyRequests || a.code >= 500
}

func (a attempt) status() string {
	return strings.TrimSpace(fmt.Sprintf("%d %s", a.code, http.StatusText(a.code)))
}

func (a attempt) excerptSuffix() string {
	if a.excerpt == "" {
		return ""
	}
	return fmt.Sprintf(": %q", a.excerpt)
}

func (s Sender) attempt(ctx context.Context, client *http.Client, target *url.URL, f format, kind string, body []byte, secrets []string) attempt {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target.String(), bytes.NewReader(body))
	if err != nil {
		return attempt{err: errors.New("could not build the request")}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "greenlight-notify")
	if f.header {
		req.Header.Set("X-Greenlight-Event", kind)
	}
	resp, err := client.Do(req)
	if err != nil {
		return attempt{err: withoutURL(err), wait: retryWait}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, readBytes))
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10) // let the connection be reused
	a := attempt{code: resp.StatusCode, wait: retryWait}
	if !a.ok() {
		a.excerpt = excerpt(b, secrets)
	}
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), s.now()); ok {
		a.wait = d
	}
	return a
}

// checkURL parses the webhook URL and accepts https, and http only to
// this machine (for tests). Its errors never quote the URL.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, errors.New("does not hold a valid URL (want https://host/path)")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return u, nil
	case "http":
		switch strings.ToLower(u.Hostname()) {
		case "localhost", "127.0.0.1", "::1":
			return u, nil
		}
		return nil, errors.New("holds an http URL: webhooks must use https (http is accepted only for localhost)")
	default:
		return nil, fmt.Errorf("holds a URL with scheme %q: webhooks must use https", u.Scheme)
	}
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(h); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// withoutURL strips the *url.Error that net/http wraps every error in:
// its text quotes the request's URL, which is the secret.
func withoutURL(err error) error {
	for {
		var ue *url.Error
		if !errors.As(err, &ue) {
			return err
		}
		err = ue.Err
	}
}

func (s Sender) getenv(name string) string {
	if s.Getenv != nil {
		return s.Getenv(name)
	}
	return os.Getenv(name)
}

func (s Sender) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s Sender) sleep(ctx context.Context, d time.Duration) error {
	if s.Sleep != nil {
		return s.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
