package ghapi

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// appServer is a fake API for a GitHub App: the installation lookup and
// the token exchange answer as each test scripts them, then as GitHub
// does; any other call answers a pull request. It records every JWT it
// is sent, and every request.
type appServer struct {
	mu      sync.Mutex
	hits    []string
	jwts    []string
	lookup  func(w http.ResponseWriter, r *http.Request, n int) bool // true: answered
	mint    func(w http.ResponseWriter, r *http.Request, n int) bool
	done    chan struct{}
	lookups int
	mints   int
}

func (s *appServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("Authorization")
	s.mu.Lock()
	s.hits = append(s.hits, r.Method+" "+r.URL.Path)
	if jwt, ok := strings.CutPrefix(auth, "Bearer eyJ"); ok {
		s.jwts = append(s.jwts, "eyJ"+jwt)
	}
	var script func(http.ResponseWriter, *http.Request, int) bool
	n := 0
	switch r.URL.Path {
	case "/repos/acme/posts/installation":
		s.lookups++
		script, n = s.lookup, s.lookups
	case "/app/installations/77/access_tokens":
		s.mints++
		script, n = s.mint, s.mints
	}
	s.mu.Unlock()
	if script != nil && script(w, r, n) {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/repos/acme/posts/installation":
		w.Write([]byte(`{"id": 77, "app_id": 42}`))
	case "/app/installations/77/access_tokens":
		w.WriteHeader(201)
		w.Write([]byte(`{"token": "` + testToken + `", "expires_at": "` + time.Now().Add(time.Hour).UTC().Format(time.RFC3339) + `"}`))
	default:
		w.Write([]byte(`{"number": 1}`))
	}
}

func (s *appServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.hits...)
}

func (s *appServer) sentJWTs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.jwts...)
}

// hang holds a request until the client gives up on it or the test ends.
func (s *appServer) hang(w http.ResponseWriter, r *http.Request, _ int) bool {
	select {
	case <-r.Context().Done():
	case <-s.done:
	}
	return true
}

func testAppKey(t *testing.T) []byte {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
}

// The App's own calls, the installation lookup and the token exchange,
// go through the same layer as every other call: a 502 is retried (a
// write on a 502, like any other), an attempt that GitHub never answers
// ends after Options.Timeout saying which call it was, and neither the
// JWT nor the private key shows in an error.
func TestAppCallsGoThroughTheClientLayer(t *testing.T) {
	const timeout = 50 * time.Millisecond
	status := func(code int) func(http.ResponseWriter, *http.Request, int) bool {
		return func(w http.ResponseWriter, r *http.Request, n int) bool {
			if n > 1 {
				return false
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(code)
			w.Write([]byte(`{"message": "Server Error (echoing ` + r.Header.Get("Authorization") + `)"}`))
			return true
		}
	}
	tests := []struct {
		name         string
		installation int64 // 0: looked up
		lookup, mint func(*appServer) func(http.ResponseWriter, *http.Request, int) bool
		want         string // the requests the server got
		wantErr      string // in Explain; "" for success
	}{
		{name: "a token exchange answered 502 once is tried again and the call gets its token",
			installation: 77,
			mint:         func(*appServer) func(http.ResponseWriter, *http.Request, int) bool { return status(502) },
			want:         "POST /app/installations/77/access_tokens,POST /app/installations/77/access_tokens,GET /repos/acme/posts/pulls/1"},
		{name: "an installation lookup answered 503 once is tried again",
			lookup: func(*appServer) func(http.ResponseWriter, *http.Request, int) bool { return status(503) },
			want:   "GET /repos/acme/posts/installation,GET /repos/acme/posts/installation,POST /app/installations/77/access_tokens,GET /repos/acme/posts/pulls/1"},
		{name: "a token exchange that hangs times out once, naming the call, and the call fails",
			installation: 77,
			mint:         func(s *appServer) func(http.ResponseWriter, *http.Request, int) bool { return s.hang },
			want:         "POST /app/installations/77/access_tokens",
			wantErr:      "GitHub did not answer POST /app/installations/77/access_tokens within 50ms."},
		{name: "a token exchange refused with the JWT echoed back fails without the JWT",
			installation: 77,
			mint: func(*appServer) func(http.ResponseWriter, *http.Request, int) bool {
				return func(w http.ResponseWriter, r *http.Request, _ int) bool { return status(401)(w, r, 1) }
			},
			want:    "POST /app/installations/77/access_tokens",
			wantErr: "GitHub rejected the GitHub App's credentials (401 Server Error (echoing Bearer [redacted])) on POST /app/installations/77/access_tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &appServer{done: make(chan struct{})}
			if tt.lookup != nil {
				s.lookup = tt.lookup(s)
			}
			if tt.mint != nil {
				s.mint = tt.mint(s)
			}
			srv := httptest.NewServer(s)
			defer srv.Close()
			defer close(s.done)
			key := testAppKey(t)
			clk := &clock{now: t0}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // ends the test if attempts are unbounded
			defer cancel()

			start := time.Now()
			c, err := New(Options{BaseURL: srv.URL, Timeout: timeout, Sleep: clk.Sleep, Now: clk.Now,
				App: &App{ID: 42, InstallationID: tt.installation, Owner: "acme", Repo: "posts", PrivateKey: key}})
			if err == nil {
				_, _, err = c.PullRequests.Get(ctx, "acme", "posts", 1)
			}
			elapsed := time.Since(start)

			if got := strings.Join(s.requests(), ","); got != tt.want {
				t.Errorf("requests:\n%s\nwant\n%s", got, tt.want)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if elapsed > 20*timeout {
				t.Errorf("the call failed after %s, want about the %s timeout", elapsed, timeout)
			}
			e := Explain(err)
			t.Logf("error: %v\nExplain: %s", err, e)
			if !strings.Contains(e, tt.wantErr) {
				t.Errorf("Explain = %q, want it to contain %q", e, tt.wantErr)
			}
			secrets := s.sentJWTs()
			if len(secrets) == 0 {
				t.Fatal("the server saw no JWT")
			}
			lines := strings.Split(strings.TrimSpace(string(key)), "\n")
			secrets = append(secrets, lines[1:len(lines)-1]...) // the key's base64 lines
			for _, text := range []string{err.Error(), e} {
				for _, secret := range secrets {
					if strings.Contains(text, secret) {
						t.Errorf("an error shows a secret (the JWT or a line of the key): %s", text)
					}
				}
			}
		})
	}
}

// The App's JWT goes only to the API's origin: a redirect of the
// installation lookup to another host is followed without it.
func TestAppJWTStaysOnTheAPIHost(t *testing.T) {
	var mu sync.Mutex
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		leaked = append(leaked, r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id": 77, "app_id": 42}`))
	}))
	defer other.Close()
	s := &appServer{done: make(chan struct{}), lookup: func(w http.ResponseWriter, r *http.Request, _ int) bool {
		http.Redirect(w, r, other.URL+"/elsewhere", http.StatusTemporaryRedirect)
		return true
	}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	defer close(s.done)
	clk := &clock{now: t0}
	c, err := New(Options{BaseURL: srv.URL, Sleep: clk.Sleep, Now: clk.Now,
		App: &App{ID: 42, Owner: "acme", Repo: "posts", PrivateKey: testAppKey(t)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.PullRequests.Get(context.Background(), "acme", "posts", 1); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(leaked) != 1 || leaked[0] != "" {
		t.Errorf("the other host received Authorization %q, want one request without it", leaked)
	}
}
