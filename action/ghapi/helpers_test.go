package ghapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

// apiTestdata is GitHub API test data written by others (see its
// SOURCES.md), in ../shared beside the clone.
var apiTestdata = filepath.Join("..", "..", "..", "shared", "testdata", "github-api")

// fixture returns a file of apiTestdata, skipping the test when the
// folder is absent.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	if _, err := os.Stat(apiTestdata); err != nil {
		t.Skipf("GitHub API test data not found at %s (../shared/testdata beside the repository): %v", apiTestdata, err)
	}
	b, err := os.ReadFile(filepath.Join(apiTestdata, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// exchange is one entry of a nock recording in apiTestdata/recorded.
type exchange struct {
	Method   string          `json:"method"`
	Path     string          `json:"path"`
	Status   int             `json:"status"`
	Response json.RawMessage `json:"response"`
	Headers  map[string]any  `json:"headers"`
}

func recording(t *testing.T, name string) []exchange {
	t.Helper()
	var xs []exchange
	if err := json.Unmarshal(fixture(t, filepath.Join("recorded", name)), &xs); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return xs
}

// reply is one scripted response.
type reply struct {
	status int
	header map[string]string
	body   string
}

// replyOf turns a recorded exchange into a reply, keeping its headers
// except those that describe the recorded connection.
func replyOf(x exchange) reply {
	r := reply{status: x.Status, header: map[string]string{}, body: string(x.Response)}
	for k, v := range x.Headers {
		switch strings.ToLower(k) {
		case "content-length", "connection", "transfer-encoding":
			continue
		}
		r.header[k] = fmt.Sprint(v)
	}
	return r
}

func (r reply) write(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(r.status)
	_, _ = io.WriteString(w, r.body)
}

// hit is a request a test server received.
type hit struct {
	method, path, query, auth string
	body                      string
}

// script is a test server handler that answers with replies in order,
// repeating the last one, and records what it received.
type script struct {
	mu      sync.Mutex
	replies []reply
	hits    []hit
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.hits = append(s.hits, hit{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Authorization"), string(body)})
	rep := s.replies[min(len(s.hits), len(s.replies))-1]
	s.mu.Unlock()
	rep.write(w)
}

func (s *script) received() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.hits...)
}

// clock is a fake Now and Sleep: Sleep records the duration and moves
// Now on by it, without waiting.
type clock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *clock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// t0 is the fake clock's start, in the past so that go-github's own
// real-time rate-limit bookkeeping never interferes.
var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// testToken has the shape of a GitHub App installation token.
const testToken = "ghs_16C7e42F292c6912E7710c838347Ae178B4a"

// newTestClient is a client for srv with the fake clock and the test
// token; edit adjusts the options.
func newTestClient(t *testing.T, srv *httptest.Server, c *clock, edit func(*Options)) *github.Client {
	t.Helper()
	opts := Options{BaseURL: srv.URL, Token: testToken, Sleep: c.Sleep, Now: c.Now}
	if edit != nil {
		edit(&opts)
	}
	client, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// span is an expected sleep: exactly min when min == max.
type span struct{ min, max time.Duration }

func exactly(d time.Duration) span { return span{d, d} }

// backoffOf is a backoff sleep of base plus up to a quarter of jitter.
func backoffOf(base time.Duration) span { return span{base, base + base/4} }

func checkSleeps(t *testing.T, got []time.Duration, want []span) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("slept %v, want %d sleeps %v", got, len(want), want)
	}
	for i, w := range want {
		if got[i] < w.min || got[i] > w.max {
			t.Errorf("sleep %d = %v, want within [%v, %v]", i+1, got[i], w.min, w.max)
		}
	}
}

// roundTripFunc is an http.RoundTripper from a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// copyingTransport sends each request through http.DefaultTransport with
// a body it has read itself and without GetBody, so that the standard
// library's own rewinding cannot hide a failure to replay a body.
var copyingTransport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		r.Body, r.GetBody = io.NopCloser(strings.NewReader(string(b))), nil
		r.ContentLength = int64(len(b))
	}
	return http.DefaultTransport.RoundTrip(r)
})
