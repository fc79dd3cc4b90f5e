package ghapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestNewUsesTheBaseURLAsGiven(t *testing.T) {
	tests := []struct {
		name, in, base, upload string
	}{
		{"an empty URL means github.com", "", "https://api.github.com/", "https://uploads.github.com/"},
		{"github.com's URL from GITHUB_API_URL", "https://api.github.com", "https://api.github.com/", "https://uploads.github.com/"},
		{"a GHES /api/v3 URL gets its upload URL", "https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/", "https://ghe.example.com/api/uploads/"},
		{"a test server's URL gets only a trailing slash", "http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/"},
		{"a URL with a path keeps it", "http://127.0.0.1:8080/prefix/", "http://127.0.0.1:8080/prefix/", "http://127.0.0.1:8080/prefix/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Options{BaseURL: tt.in})
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL.String() != tt.base || c.UploadURL.String() != tt.upload {
				t.Errorf("BaseURL, UploadURL = %s, %s; want %s, %s", c.BaseURL, c.UploadURL, tt.base, tt.upload)
			}
		})
	}
}

func TestNewRejectsBadURLs(t *testing.T) {
	tests := []struct{ name, in string }{
		{"a URL without a scheme", "ghe.example.com/api/v3"},
		{"a URL of another scheme", "ftp://ghe.example.com/"},
		{"a URL with credentials, which the error must not repeat", "https://user:hunter2hunter2@ghe.example.com/api/v3"},
		{"an unparsable URL", "https://ghe.example.com/%zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options{BaseURL: tt.in})
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error leaks the password: %v", err)
			}
		})
	}
}

// authLog records the Authorization header each path received.
type authLog struct {
	mu   sync.Mutex
	seen map[string][]string
}

func (a *authLog) record(r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.seen[r.URL.Path] = append(a.seen[r.URL.Path], r.Header.Get("Authorization"))
}

func (a *authLog) of(path string) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.seen[path]
}

func TestTokenStaysOnTheAPIHost(t *testing.T) {
	auth := &authLog{seen: map[string][]string{}}
	// other is another host to the client: same address, another port.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.record(r)
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.record(r)
		switch r.URL.Path {
		case "/repos/o/r/tarball/main":
			http.Redirect(w, r, other.URL+"/archive.tar.gz", http.StatusFound)
		case "/repos/o/r/moved":
			http.Redirect(w, r, "/repos/o/r/here", http.StatusMovedPermanently)
		default:
			w.Write([]byte(`{}`))
		}
	}))
	defer api.Close()
	c := newTestClient(t, api, &clock{now: t0}, nil)
	bearer := "Bearer " + testToken

	tests := []struct {
		name  string
		path  string // requested, relative to the API root
		seen  string // path whose requests are checked
		wants string // Authorization it must have received, each time
	}{
		{"a call to the API host carries the token", "repos/o/r/pulls/1", "/repos/o/r/pulls/1", bearer},
		{"a redirect on the API host keeps the token", "repos/o/r/moved", "/repos/o/r/here", bearer},
		{"a redirect to another host (another port) goes without the token", "repos/o/r/tarball/main", "/archive.tar.gz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := c.NewRequest(http.MethodGet, tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Do(context.Background(), req, nil); err != nil {
				t.Fatal(err)
			}
			got := auth.of(tt.seen)
			if len(got) == 0 {
				t.Fatalf("%s was never requested", tt.seen)
			}
			for _, a := range got {
				if a != tt.wants {
					t.Errorf("%s received Authorization %q, want %q", tt.seen, a, tt.wants)
				}
			}
		})
	}
}
