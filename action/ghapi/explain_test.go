package ghapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

// errorFor is the error go-github returns for a response.
func errorFor(code int, header http.Header, body string) error {
	if header == nil {
		header = http.Header{}
	}
	req, _ := http.NewRequest(http.MethodPost, "https://api.github.com/repos/o/r/check-runs", nil)
	resp := &http.Response{StatusCode: code, Header: header, Request: req, Body: io.NopCloser(strings.NewReader(body))}
	return github.CheckResponse(resp)
}

func TestExplain(t *testing.T) {
	reset := time.Date(2025, 6, 1, 13, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"a 401 says the token is invalid or expired",
			errorFor(401, nil, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}`),
			[]string{"401 Bad credentials", "invalid, expired or revoked", "POST /repos/o/r/check-runs"}},
		{"a 403 with X-Accepted-GitHub-Permissions names the missing permission",
			errorFor(403, http.Header{"X-Accepted-Github-Permissions": {"checks=write"}}, `{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/checks/runs#create-a-check-run"}`),
			[]string{"the token lacks checks=write", "permissions block", "https://docs.github.com/rest/checks/runs#create-a-check-run"}},
		{"a 403 with alternative permission sets names each",
			errorFor(403, http.Header{"X-Accepted-Github-Permissions": {"repository_projects=write; organization_projects=admin"}}, `{"message":"Resource not accessible by integration"}`),
			[]string{"repository_projects=write (or organization_projects=admin)"}},
		{"a 403 for a check run from a token that is not an App's says which token it must be",
			errorFor(403, nil, `{"message":"You must authenticate via a GitHub App.","documentation_url":"https://docs.github.com/rest/checks/runs#create-a-check-run"}`),
			[]string{"403 You must authenticate via a GitHub App.", "POST /repos/o/r/check-runs", "only from GitHub Apps",
				"the workflow's GITHUB_TOKEN", "GitHub App's installation token", "not a personal access token", "teams-token"}},
		{"a 403 without the header still says a permission is missing",
			errorFor(403, nil, `{"message":"Resource not accessible by integration"}`),
			[]string{"lacks a permission"}},
		{"a 404 says not found or no access",
			errorFor(404, nil, `{"message":"Not Found"}`),
			[]string{"does not exist", "no access"}},
		{"a 5xx says it persisted after retries",
			errorFor(502, nil, `{"message":"Server Error"}`),
			[]string{"502", "after retrying", "githubstatus.com"}},
		{"a primary limit says when it resets",
			errorFor(403, http.Header{"X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {fmt.Sprint(reset.Unix())}}, `{"message":"API rate limit exceeded"}`),
			[]string{"rate limit", "2025-06-01 13:00:00 UTC"}},
		{"a secondary limit says how long to wait",
			errorFor(429, http.Header{"Retry-After": {"120"}}, `{"message":"You have exceeded a secondary rate limit."}`),
			[]string{"secondary rate limit", "2m0s"}},
		{"a secondary limit far off is not a wait to the second",
			errorFor(429, http.Header{"Retry-After": {"99999999999"}}, `{"message":"You have exceeded a secondary rate limit."}`),
			[]string{"secondary rate limit", "re-run the job after a day or more (GitHub asked to wait "}},
		{"a network error says the API could not be reached",
			fmt.Errorf("list files: %w", &url.Error{Op: "Get", URL: "https://api.github.com/repos/o/r/pulls/1/files",
				Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}),
			[]string{"Could not reach the GitHub API", "connection refused"}},
		{"a write that is sent once does not say it was retried",
			fmt.Errorf("merge: %w", &url.Error{Op: "Put", URL: "https://api.github.com/repos/o/r/pulls/1/merge",
				Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}),
			[]string{"Could not reach the GitHub API (connection reset by peer). Check"}},
		{"a cancelled call says so",
			context.Canceled,
			[]string{"cancelled"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Explain(tt.err)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Explain = %q\nwant it to contain %q", got, w)
				}
			}
		})
	}
}

func TestExplainNeverContainsTheToken(t *testing.T) {
	// A server that echoes the Authorization header into every error.
	for _, code := range []int{401, 403, 404, 422, 429, 500} {
		t.Run(fmt.Sprintf("a %d that echoes the token", code), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Accepted-GitHub-Permissions", "contents=read")
				w.WriteHeader(code)
				fmt.Fprintf(w, `{"message":"bad header %s, token %s","documentation_url":"https://docs.github.com/rest?token=%s"}`,
					r.Header.Get("Authorization"), testToken, testToken)
			}))
			defer srv.Close()
			var logged []string
			c := newTestClient(t, srv, &clock{now: t0}, func(o *Options) {
				o.MaxWait = time.Second
				o.Log = func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }
			})

			err := getPull(context.Background(), t, c)

			if err == nil {
				t.Fatal("no error")
			}
			if e := Explain(err); strings.Contains(e, testToken) || strings.Contains(e, testToken[4:]) {
				t.Errorf("Explain leaks the token: %q", e)
			}
			for _, l := range logged {
				if strings.Contains(l, testToken) {
					t.Errorf("log leaks the token: %q", l)
				}
			}
		})
	}
}

func TestClassifyLeavesOtherErrorsAlone(t *testing.T) {
	plain := errors.New("boom")
	notFound := errorFor(404, nil, `{"message":"Not Found"}`)
	for _, err := range []error{nil, plain, notFound} {
		if got := Classify(err); got != err {
			t.Errorf("Classify(%v) = %v, want it unchanged", err, got)
		}
	}
}

// Refused tells a token refused access (403, 404) from a rate limit,
// however GitHub words the limit, and from anything else.
func TestRefused(t *testing.T) {
	const secondary = `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`
	tests := []struct {
		name       string
		err        error
		wantAnswer string // "" when not a refusal
	}{
		{"a 404 is a refusal", errorFor(404, nil, `{"message":"Not Found"}`), "404 Not Found"},
		{"a 403 without a limit is a refusal, its message redacted",
			errorFor(403, nil, `{"message":"Resource not accessible by integration for Bearer `+testToken+`"}`),
			"403 Resource not accessible by integration for [redacted]"},
		{"a wrapped 403 is a refusal", fmt.Errorf("list: %w", errorFor(403, nil, `{"message":"Forbidden"}`)), "403 Forbidden"},
		{"a secondary limit named only in its message is not", errorFor(403, nil, secondary), ""},
		{"a secondary limit with Retry-After is not", errorFor(403, http.Header{"Retry-After": {"30"}}, `{"message":"Forbidden"}`), ""},
		{"a primary limit is not", errorFor(403, http.Header{"X-Ratelimit-Remaining": {"0"}}, `{"message":"API rate limit exceeded"}`), ""},
		{"a 429 is not", errorFor(429, nil, `{"message":"Too Many Requests"}`), ""},
		{"a 500 is not", errorFor(500, nil, `{"message":"Server Error"}`), ""},
		{"a network error is not", errors.New("boom"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, answer, ok := Refused(tt.err)
			if ok != (tt.wantAnswer != "") || answer != tt.wantAnswer {
				t.Errorf("Refused = %q, %v; want %q", answer, ok, tt.wantAnswer)
			}
		})
	}
}
