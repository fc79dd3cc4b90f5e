package ghapi

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// hanging is a test server handler whose first hangs requests get no
// answer until the client gives up (or the test ends); later ones get ok.
// With bodyOnly, the hung requests get their headers and then a body that
// never ends.
type hanging struct {
	mu       sync.Mutex
	hangs    int
	bodyOnly bool
	ok       reply
	hits     int
	done     chan struct{}
}

func (h *hanging) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.hits++
	hang := h.hits <= h.hangs
	h.mu.Unlock()
	if !hang {
		h.ok.write(w)
		return
	}
	if h.bodyOnly {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"number":`))
		w.(http.Flusher).Flush()
	}
	select {
	case <-r.Context().Done():
	case <-h.done:
	}
}

func (h *hanging) received() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits
}

// An attempt that GitHub never answers ends after Options.Timeout as a
// timeout: a read or a check run write is tried again, another write is
// not, and the error says which call and how long, without the token.
func TestHungAttemptsTimeOut(t *testing.T) {
	const timeout = 50 * time.Millisecond
	tests := []struct {
		name     string
		call     call
		hangs    int
		bodyOnly bool
		hits     int
		wantErr  string // in Explain; "" for success
	}{
		{"a GET that hangs once is tried again and succeeds", getPull, 1, false, 2, ""},
		{"a GET that always hangs fails after every attempt, saying which call timed out",
			getPull, 100, false, 5, "GitHub did not answer GET /repos/o/r/pulls/1 within 50ms, even after retrying"},
		{"a POST that hangs is not repeated, since the write may have landed",
			postComment, 100, false, 1, "GitHub did not answer POST /repos/o/r/issues/1/comments within 50ms."},
		{"a check run POST that hangs once is tried again and succeeds", postCheckRun, 1, false, 2, ""},
		{"a check run PATCH that always hangs fails after every attempt, saying it retried",
			patchCheckRun, 100, false, 5, "GitHub did not answer PATCH /repos/o/r/check-runs/4 within 50ms, even after retrying"},
		{"an answer whose body never ends times out too",
			getPull, 100, true, 1, "GitHub's answer to GET /repos/o/r/pulls/1 did not arrive in full within 50ms."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &hanging{hangs: tt.hangs, bodyOnly: tt.bodyOnly, done: make(chan struct{}),
				ok: reply{status: 200, body: string(fixture(t, "pulls.get.json"))}}
			srv := httptest.NewServer(h)
			defer srv.Close()
			defer close(h.done)
			clk := &clock{now: t0}
			c := newTestClient(t, srv, clk, func(o *Options) { o.Timeout = timeout })

			// The guard ends the test if attempts are not bounded.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := tt.call(ctx, t, c)

			if got := h.received(); got != tt.hits {
				t.Errorf("server got %d requests, want %d", got, tt.hits)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error from a call GitHub never answered")
			}
			var ne net.Error
			if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() {
				t.Errorf("error = %v (%T), want a timeout that matches context.DeadlineExceeded", err, err)
			}
			e := Explain(err)
			t.Logf("Explain: %s", e)
			if !strings.Contains(e, tt.wantErr) || strings.Contains(e, testToken) {
				t.Errorf("Explain = %q, want it to contain %q and not the token", e, tt.wantErr)
			}
		})
	}
}
