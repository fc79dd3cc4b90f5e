package ghapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

// call makes one go-github call: a GET of a pull request or a POST of an
// issue comment (with the request body from GitHub's OpenAPI example).
type call func(ctx context.Context, t *testing.T, c *github.Client) error

func getPull(ctx context.Context, _ *testing.T, c *github.Client) error {
	_, _, err := c.PullRequests.Get(ctx, "o", "r", 1)
	return err
}

func postComment(ctx context.Context, t *testing.T, c *github.Client) error {
	var comment github.IssueComment
	if err := json.Unmarshal(fixture(t, "issues.create-comment.request.json"), &comment); err != nil {
		t.Fatal(err)
	}
	_, _, err := c.Issues.CreateComment(ctx, "o", "r", 1, &comment)
	return err
}

// postCheckRun creates a check run and patchCheckRun updates one, with
// the request bodies of GitHub's OpenAPI examples.
func postCheckRun(ctx context.Context, t *testing.T, c *github.Client) error {
	var opts github.CreateCheckRunOptions
	if err := json.Unmarshal(fixture(t, "checks.create.request.json"), &opts); err != nil {
		t.Fatal(err)
	}
	_, _, err := c.Checks.CreateCheckRun(ctx, "o", "r", opts)
	return err
}

func patchCheckRun(ctx context.Context, t *testing.T, c *github.Client) error {
	var opts github.UpdateCheckRunOptions
	if err := json.Unmarshal(fixture(t, "checks.update.request.json"), &opts); err != nil {
		t.Fatal(err)
	}
	_, _, err := c.Checks.UpdateCheckRun(ctx, "o", "r", 4, opts)
	return err
}

func TestRetries(t *testing.T) {
	pull := func(t *testing.T) reply {
		return reply{status: 200, body: string(fixture(t, "pulls.get.json"))}
	}
	created := func(t *testing.T) reply {
		return reply{status: 201, body: string(fixture(t, "issues.create-comment.json"))}
	}
	checkRun := func(t *testing.T) reply {
		return reply{status: 201, body: string(fixture(t, "checks.create.in-progress.json"))}
	}
	status := func(code int, header map[string]string, message string) func(*testing.T) reply {
		return func(*testing.T) reply {
			body, _ := json.Marshal(map[string]string{"message": message})
			return reply{status: code, header: header, body: string(body)}
		}
	}
	unix := func(d time.Duration) string { return strconv.FormatInt(t0.Add(d).Unix(), 10) }
	label422 := func(t *testing.T) reply { return replyOf(recording(t, "errors.create-label-422.json")[0]) }
	const secondaryMessage = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."

	tests := []struct {
		name    string
		call    call
		replies []func(*testing.T) reply
		edit    func(*Options)
		hits    int
		sleeps  []span
		// check inspects the error (nil on success).
		check      func(t *testing.T, err error)
		sameBodies bool
	}{
		{
			name:    "a 503 then a 200 is retried once after a backoff",
			call:    getPull,
			replies: []func(*testing.T) reply{status(503, nil, "Service Unavailable"), pull},
			hits:    2,
			sleeps:  []span{backoffOf(time.Second)},
		},
		{
			name:    "a GET that keeps getting 500 fails after exactly Retries+1 attempts with growing backoffs",
			call:    getPull,
			replies: []func(*testing.T) reply{status(500, nil, "Server Error")},
			edit:    func(o *Options) { o.Retries = 3 },
			hits:    4,
			sleeps:  []span{backoffOf(time.Second), backoffOf(2 * time.Second), backoffOf(4 * time.Second)},
			check:   wantStatus(500),
		},
		{
			name:    "the default of 4 retries means 5 attempts",
			call:    getPull,
			replies: []func(*testing.T) reply{status(502, nil, "Bad Gateway")},
			hits:    5,
			sleeps:  []span{backoffOf(time.Second), backoffOf(2 * time.Second), backoffOf(4 * time.Second), backoffOf(8 * time.Second)},
			check:   wantStatus(502),
		},
		{
			name:    "backoffs stop when the next one would exceed MaxWait",
			call:    getPull,
			replies: []func(*testing.T) reply{status(503, nil, "Service Unavailable")},
			edit:    func(o *Options) { o.MaxWait = 3 * time.Second },
			hits:    2,
			sleeps:  []span{backoffOf(time.Second)},
			check:   wantStatus(503),
		},
		{
			name:    "negative Retries disables retrying",
			call:    getPull,
			replies: []func(*testing.T) reply{status(503, nil, "Service Unavailable")},
			edit:    func(o *Options) { o.Retries = -1 },
			hits:    1,
			check:   wantStatus(503),
		},
		{
			name:    "a POST that gets a 500 is not retried, since the write may have happened",
			call:    postComment,
			replies: []func(*testing.T) reply{status(500, nil, "Server Error"), created},
			hits:    1,
			check:   wantStatus(500),
		},
		{
			name:       "a POST that gets a 502 is retried with the same body",
			call:       postComment,
			replies:    []func(*testing.T) reply{status(502, nil, "Bad Gateway"), created},
			hits:       2,
			sleeps:     []span{backoffOf(time.Second)},
			sameBodies: true,
		},
		{
			name:       "a check run POST that gets a 500 is retried with the same body, since a second check run only hides the first",
			call:       postCheckRun,
			replies:    []func(*testing.T) reply{status(500, nil, "Server Error"), checkRun},
			hits:       2,
			sleeps:     []span{backoffOf(time.Second)},
			sameBodies: true,
		},
		{
			name:       "a check run PATCH that gets 500s is retried like a read, and succeeds",
			call:       patchCheckRun,
			replies:    []func(*testing.T) reply{status(500, nil, "Server Error"), status(502, nil, "Bad Gateway"), checkRun},
			hits:       3,
			sleeps:     []span{backoffOf(time.Second), backoffOf(2 * time.Second)},
			sameBodies: true,
		},
		{
			name:    "a check run PATCH that keeps getting 500 fails after Retries+1 attempts",
			call:    patchCheckRun,
			replies: []func(*testing.T) reply{status(500, nil, "Server Error")},
			edit:    func(o *Options) { o.Retries = 2 },
			hits:    3,
			sleeps:  []span{backoffOf(time.Second), backoffOf(2 * time.Second)},
			check:   wantStatus(500),
		},
		{
			name:    "a 429 with Retry-After: 3 waits 3s, then succeeds",
			call:    getPull,
			replies: []func(*testing.T) reply{status(429, map[string]string{"Retry-After": "3"}, "Too Many Requests"), pull},
			hits:    2,
			sleeps:  []span{exactly(3 * time.Second)},
		},
		{
			name: "a POST refused by a secondary limit with Retry-After is waited out and replayed",
			call: postComment,
			replies: []func(*testing.T) reply{
				status(403, map[string]string{"Retry-After": "5"}, secondaryMessage), created},
			hits:       2,
			sleeps:     []span{exactly(5 * time.Second)},
			sameBodies: true,
		},
		{
			name: "a 403 with X-RateLimit-Remaining: 0 waits until the reset 30s ahead",
			call: getPull,
			replies: []func(*testing.T) reply{
				status(403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": unix(30 * time.Second)}, "API rate limit exceeded for installation ID 1."),
				pull},
			hits:   2,
			sleeps: []span{exactly(30 * time.Second)},
		},
		{
			name: "a primary limit that resets after MaxWait fails at once with a LimitError saying when",
			call: getPull,
			replies: []func(*testing.T) reply{
				status(403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": unix(time.Hour)}, "API rate limit exceeded for installation ID 1.")},
			hits: 1,
			check: func(t *testing.T, err error) {
				le := wantLimit(t, err, false)
				if !le.Reset.Equal(t0.Add(time.Hour)) {
					t.Errorf("Reset = %v, want %v", le.Reset, t0.Add(time.Hour))
				}
				var rl *github.RateLimitError
				if !errors.As(err, &rl) {
					t.Errorf("go-github's *RateLimitError is no longer reachable: %T", err)
				}
				if e := Explain(err); !strings.Contains(e, "2025-06-01 13:00:00 UTC") {
					t.Errorf("Explain does not say when the limit resets: %q", e)
				}
			},
		},
		{
			name: "a 429 primary limit, which v60 does not classify, is a LimitError",
			call: getPull,
			replies: []func(*testing.T) reply{
				status(429, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": unix(2 * time.Hour)}, "API rate limit exceeded")},
			hits: 1,
			check: func(t *testing.T, err error) {
				le := wantLimit(t, err, false)
				if !le.Reset.Equal(t0.Add(2 * time.Hour)) {
					t.Errorf("Reset = %v, want %v", le.Reset, t0.Add(2*time.Hour))
				}
			},
		},
		{
			name:    "a secondary limit named only in the message (no documentation_url, no Retry-After) waits a minute",
			call:    getPull,
			replies: []func(*testing.T) reply{status(403, nil, secondaryMessage), pull},
			hits:    2,
			sleeps:  []span{exactly(time.Minute)},
		},
		{
			name:    "a secondary limit that outlasts MaxWait is a LimitError without waiting",
			call:    getPull,
			replies: []func(*testing.T) reply{status(403, nil, secondaryMessage)},
			edit:    func(o *Options) { o.MaxWait = 30 * time.Second },
			hits:    1,
			check: func(t *testing.T, err error) {
				wantLimit(t, err, true)
				if e := Explain(err); !strings.Contains(e, "secondary rate limit") {
					t.Errorf("Explain = %q, want it to name the secondary rate limit", e)
				}
			},
		},
		{
			name:    "a recorded 422 passes through unretried and Explain says which field failed",
			call:    postComment,
			replies: []func(*testing.T) reply{label422, created},
			hits:    1,
			check: func(t *testing.T, err error) {
				wantStatus(422)(t, err)
				e := Explain(err)
				for _, want := range []string{"invalid", "Validation Failed", "Label.color is invalid", "https://docs.github.com/rest/reference/issues#create-a-label"} {
					if !strings.Contains(e, want) {
						t.Errorf("Explain = %q, want it to contain %q", e, want)
					}
				}
			},
		},
		{
			name:    "a 404 is not retried",
			call:    getPull,
			replies: []func(*testing.T) reply{status(404, nil, "Not Found"), pull},
			hits:    1,
			check:   wantStatus(404),
		},
		{
			name: "a 403 for a missing permission is not retried and is not a limit",
			call: getPull,
			replies: []func(*testing.T) reply{
				status(403, map[string]string{"X-Accepted-GitHub-Permissions": "pull_requests=read", "X-RateLimit-Remaining": "4999"}, "Resource not accessible by integration"), pull},
			hits: 1,
			check: func(t *testing.T, err error) {
				wantStatus(403)(t, err)
				var le *LimitError
				if errors.As(Classify(err), &le) {
					t.Errorf("a permission 403 was classified as a rate limit: %v", le)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{}
			for _, r := range tt.replies {
				s.replies = append(s.replies, r(t))
			}
			srv := httptest.NewServer(s)
			defer srv.Close()
			clk := &clock{now: t0}
			c := newTestClient(t, srv, clk, func(o *Options) {
				o.Transport = copyingTransport
				if tt.edit != nil {
					tt.edit(o)
				}
			})

			err := tt.call(context.Background(), t, c)

			if tt.check != nil {
				tt.check(t, err)
			} else if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			hits := s.received()
			if len(hits) != tt.hits {
				t.Errorf("server got %d requests, want %d", len(hits), tt.hits)
			}
			checkSleeps(t, clk.sleeps(), tt.sleeps)
			if tt.sameBodies {
				for i, h := range hits {
					if h.body == "" || h.body != hits[0].body {
						t.Errorf("request %d body = %q, want the first request's %q", i+1, h.body, hits[0].body)
					}
				}
			}
		})
	}
}

func wantStatus(code int) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var er *github.ErrorResponse
		var rl *github.RateLimitError
		switch {
		case errors.As(err, &er):
			if er.Response.StatusCode != code {
				t.Errorf("status = %d, want %d", er.Response.StatusCode, code)
			}
		case errors.As(err, &rl):
			if rl.Response.StatusCode != code {
				t.Errorf("status = %d, want %d", rl.Response.StatusCode, code)
			}
		default:
			t.Fatalf("error = %v (%T), want a %d from go-github", err, err, code)
		}
	}
}

func wantLimit(t *testing.T, err error, secondary bool) *LimitError {
	t.Helper()
	var le *LimitError
	if !errors.As(Classify(err), &le) {
		t.Fatalf("Classify(%v) is not a *LimitError", err)
	}
	if le.Secondary != secondary {
		t.Errorf("Secondary = %v, want %v", le.Secondary, secondary)
	}
	return le
}

func TestNetworkErrors(t *testing.T) {
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name     string
		call     call
		first    error // the first attempt's error; later attempts reach the server
		attempts int
		wantErr  bool
	}{
		{"a GET whose connection was reset is retried", getPull, reset, 2, false},
		{"a POST whose connection was reset is not retried, since the write may have happened", postComment, reset, 1, true},
		{"a POST that could not connect is retried, since nothing was sent", postComment, refused, 2, false},
		{"a check run POST whose connection was reset is retried: a second check run only hides the first", postCheckRun, reset, 2, false},
		{"a check run PATCH whose connection was reset is retried", patchCheckRun, reset, 2, false},
		{"a GET failing with a non-network error is not retried", getPull, errors.New("tls: failed to verify certificate"), 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: []reply{{status: 200, body: string(fixture(t, "issues.create-comment.json"))}}}
			srv := httptest.NewServer(s)
			defer srv.Close()
			attempts := 0
			flaky := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				attempts++
				if attempts == 1 {
					return nil, tt.first
				}
				return http.DefaultTransport.RoundTrip(r)
			})
			clk := &clock{now: t0}
			c := newTestClient(t, srv, clk, func(o *Options) { o.Transport = flaky })

			err := tt.call(context.Background(), t, c)

			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error: %v", err, tt.wantErr)
			}
			if attempts != tt.attempts {
				t.Errorf("%d attempts, want %d", attempts, tt.attempts)
			}
			if err != nil && !strings.Contains(Explain(err), "Could not reach the GitHub API") {
				t.Errorf("Explain = %q, want a network explanation", Explain(err))
			}
		})
	}
}

func TestCancelledContextStopsAWaitPromptly(t *testing.T) {
	hit := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"message":"Too Many Requests"}`)
		hit <- struct{}{}
	}))
	defer srv.Close()
	c, err := New(Options{BaseURL: srv.URL, Token: testToken}) // the real Sleep and clock
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-hit; cancel() }()

	start := time.Now()
	_, _, err = c.PullRequests.Get(ctx, "o", "r", 1)

	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to return after cancelling a 60s wait", d)
	}
}

func TestExhaustedQuotaOnASuccessDoesNotBlockTheNextCall(t *testing.T) {
	// go-github v60 would answer the second call itself with a
	// RateLimitError until the (real-time) reset, without a request.
	now := time.Now().Truncate(time.Second)
	resetAt := strconv.FormatInt(now.Add(30*time.Second).Unix(), 10)
	pull := string(fixture(t, "pulls.get.json"))
	s := &script{replies: []reply{
		{status: 200, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": resetAt}, body: pull},
		{status: 403, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": resetAt}, body: `{"message":"API rate limit exceeded"}`},
		{status: 200, body: pull},
	}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	clk := &clock{now: now}
	c := newTestClient(t, srv, clk, nil)

	for i := range 2 {
		if err := getPull(context.Background(), t, c); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}

	if n := len(s.received()); n != 3 {
		t.Errorf("server got %d requests, want 3", n)
	}
	checkSleeps(t, clk.sleeps(), []span{exactly(30 * time.Second)})
}

func TestCallsDuringAKnownLimitAreLimitErrors(t *testing.T) {
	// After a primary limit it gave up on, go-github v60 answers later
	// calls itself with a RateLimitError; Classify still recognises them.
	resetAt := time.Now().Add(time.Hour).Truncate(time.Second)
	s := &script{replies: []reply{{status: 403,
		header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(resetAt.Unix(), 10)},
		body:   `{"message":"API rate limit exceeded"}`}}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c := newTestClient(t, srv, &clock{now: time.Now()}, nil)

	for i := range 2 {
		le := wantLimit(t, getPull(context.Background(), t, c), false)
		if !le.Reset.Equal(resetAt) {
			t.Errorf("call %d: Reset = %v, want %v", i+1, le.Reset, resetAt)
		}
	}
	if n := len(s.received()); n != 1 {
		t.Errorf("server got %d requests, want 1", n)
	}
}

func TestLogLines(t *testing.T) {
	s := &script{replies: []reply{
		{status: 503, body: `{"message":"Service Unavailable"}`},
		{status: 429, header: map[string]string{"Retry-After": "2"}, body: `{"message":"` + "Bearer " + testToken + `"}`},
		{status: 200, body: `{}`},
	}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var lines []string
	c := newTestClient(t, srv, &clock{now: t0}, func(o *Options) {
		o.Log = func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	})

	if err := getPull(context.Background(), t, c); err != nil {
		t.Fatal(err)
	}

	want := []*regexp.Regexp{
		regexp.MustCompile(`^GitHub API: 503 on GET /repos/o/r/pulls/1; retrying in 1(\.\d)?s \(attempt 2 of 5\)$`),
		regexp.MustCompile(`^GitHub API: secondary rate limit \(429\) on GET /repos/o/r/pulls/1; retrying in 2s \(attempt 3 of 5\)$`),
	}
	if len(lines) != len(want) {
		t.Fatalf("log lines = %q, want %d", lines, len(want))
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Errorf("line %d = %q, want it to match %s", i+1, lines[i], re)
		}
		if strings.Contains(lines[i], testToken) {
			t.Errorf("line %d leaks the token: %q", i+1, lines[i])
		}
	}
}

// Which writes may be repeated after an attempt that may have landed:
// only the two that write a check run, wherever the API is rooted.
func TestRepeatable(t *testing.T) {
	tests := []struct {
		method, path string
		want         bool
	}{
		{"GET", "/repos/o/r/pulls/1", true},
		{"POST", "/repos/o/r/check-runs", true},
		{"POST", "/api/v3/repos/o/r/check-runs", true},
		{"PATCH", "/repos/o/r/check-runs/4", true},
		{"PATCH", "/api/v3/repos/o/r/check-runs/4", true},
		{"POST", "/repos/o/r/check-runs/4/rerequest", false},
		{"POST", "/repos/o/r/check-suites", false},
		{"PUT", "/repos/o/r/check-runs/4", false},
		{"DELETE", "/repos/o/r/check-runs/4", false},
		{"PATCH", "/repos/o/r/check-runs", false},
		{"POST", "/repos/o/r/issues/1/comments", false},
		{"POST", "/repos/o/r/pulls/1/reviews", false},
		{"PUT", "/repos/o/r/pulls/1/merge", false},
		{"POST", "/check-runs", false},
	}
	for _, tt := range tests {
		if got := repeatable(tt.method, tt.path); got != tt.want {
			t.Errorf("repeatable(%s %s) = %v, want %v", tt.method, tt.path, got, tt.want)
		}
	}
}
