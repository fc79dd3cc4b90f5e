package ghapi

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/redact"
)

// Options configure a client.
type Options struct {
	// BaseURL is the API root, GITHUB_API_URL in a workflow: for example
	// https://api.github.com or https://ghe.example.com/api/v3. It is used
	// as given (plus a trailing slash); "" means https://api.github.com.
	BaseURL string
	// Token is sent as "Authorization: Bearer <Token>" only to requests
	// whose scheme, host and port are BaseURL's (or the matching upload
	// URL's), never to a host a redirect points to.
	Token string
	// App, when set, authenticates as a GitHub App installation instead
	// of Token: installation tokens are minted and renewed as needed and,
	// like Token, sent only to the API's origin.
	App *App
	// Transport sends the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// MaxWait is the most time one request may spend sleeping between
	// attempts (backoff and rate-limit waits together); 0 means 90s and a
	// negative value means never wait.
	MaxWait time.Duration
	// Retries is the number of attempts after the first for retryable
	// failures; 0 means 4 and a negative value means no retries.
	Retries int
	// Timeout bounds each attempt, from sending the request to reading the
	// last byte of the answer; 0 means 30s and a negative value means no
	// bound. An attempt that runs out of time is a network error: a read
	// or a check run write is tried again, another write is not (it may
	// have landed).
	Timeout time.Duration
	// Sleep waits for d or until ctx is done, returning ctx.Err() then;
	// nil means a real timer. Tests inject a fake that records durations.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock that X-RateLimit-Reset is compared with; nil means
	// time.Now.
	Now func() time.Time
	// Log, when set, receives one line per retry (without a trailing
	// newline). Lines name the method and path, never the token.
	Log func(format string, args ...any)
}

// App is a GitHub App's credentials. Merges made with an installation
// token start other workflows (on: push), which merges made with the
// workflow's GITHUB_TOKEN do not; an App can also be granted the
// organization's Members: read, which team roles need.
type App struct {
	ID int64
	// InstallationID is the App's installation on the repository; 0 finds
	// it from Owner and Repo.
	InstallationID int64
	Owner, Repo    string
	// PrivateKey is the App's PEM-encoded private key.
	PrivateKey []byte
	// Slug is the App's slug, which GitHub names when the installation is
	// looked up (InstallationID 0): its comments are "<slug>[bot]"'s.
	Slug string
}

const (
	defaultBaseURL = "https://api.github.com/"
	defaultMaxWait = 90 * time.Second
	defaultRetries = 4
	// defaultTimeout is well over the 10s after which GitHub itself
	// abandons a request, so only a connection that hangs reaches it.
	defaultTimeout = 30 * time.Second
)

// New returns a go-github client for opts whose every call goes through
// this package's transport: retries, rate-limit waits and a token that
// stays on the API host.
//
// BaseURL is used as it is, with a trailing slash added (go-github fails
// every call without one): unlike github.Client.WithEnterpriseURLs, New
// never appends "api/v3/", so an httptest server's URL works as well as
// https://api.github.com and a GHES https://host/api/v3 URL. The upload
// URL is https://uploads.github.com/ for api.github.com, host/api/uploads/
// for a GHES /api/v3/ URL, and BaseURL itself otherwise.
func New(opts Options) (*github.Client, error) {
	base, upload, err := apiURLs(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	next := opts.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hosts := []string{origin(base), origin(upload)}
	tt := &tokenTransport{
		token: opts.Token,
		hosts: hosts,
		next:  newRetryTransport(opts, next),
	}
	if opts.App != nil {
		// The App's own calls (the installation lookup and the token
		// exchange, with its JWT) get the same retries and time bound,
		// and the JWT the same guard, as every other call.
		guard := &tokenTransport{hosts: hosts, next: next}
		if tt.source, err = installationToken(opts.App, base, newRetryTransport(opts, guard)); err != nil {
			return nil, err
		}
	}
	c := github.NewClient(&http.Client{Transport: tt})
	c.BaseURL = base
	c.UploadURL = upload
	return c, nil
}

// newRetryTransport is the retry layer of opts over next, with opts'
// zero values replaced by the defaults.
func newRetryTransport(opts Options, next http.RoundTripper) *retryTransport {
	rt := &retryTransport{
		next:    next,
		maxWait: opts.MaxWait,
		retries: opts.Retries,
		timeout: opts.Timeout,
		sleep:   opts.Sleep,
		now:     opts.Now,
		log:     opts.Log,
	}
	switch {
	case rt.maxWait == 0:
		rt.maxWait = defaultMaxWait
	case rt.maxWait < 0:
		rt.maxWait = 0
	}
	switch {
	case rt.retries == 0:
		rt.retries = defaultRetries
	case rt.retries < 0:
		rt.retries = 0
	}
	switch {
	case rt.timeout == 0:
		rt.timeout = defaultTimeout
	case rt.timeout < 0:
		rt.timeout = 0
	}
	if rt.sleep == nil {
		rt.sleep = sleep
	}
	if rt.now == nil {
		rt.now = time.Now
	}
	return rt
}

// apiURLs returns the API and upload roots for a GITHUB_API_URL value.
func apiURLs(raw string) (base, upload *url.URL, err error) {
	if raw == "" {
		raw = defaultBaseURL
	}
	const want = "want an absolute http(s) URL without credentials, such as https://api.github.com"
	base, err = url.Parse(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("GitHub API URL: %s", want) // the URL is not echoed: it might hold credentials
	}
	if base.User != nil {
		return nil, nil, fmt.Errorf("GitHub API URL %q: %s", base.Redacted(), want)
	}
	if (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, nil, fmt.Errorf("GitHub API URL %q: %s", raw, want)
	}
	base.RawQuery, base.Fragment = "", ""
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
		base.RawPath = ""
	}
	u := *base
	upload = &u
	switch {
	case strings.EqualFold(base.Hostname(), "api.github.com"):
		upload, _ = url.Parse("https://uploads.github.com/")
	case strings.HasSuffix(base.Path, "/api/v3/"):
		upload.Path = strings.TrimSuffix(base.Path, "v3/") + "uploads/"
		upload.RawPath = ""
	}
	return base, upload, nil
}

// origin is a URL's scheme, lower-cased host name and port, with the
// scheme's default port filled in, so that https://api.github.com and
// https://API.github.com:443 compare equal and http://host:8080 and
// http://host:8081 do not.
func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// tokenTransport adds the token to requests bound for the API's own
// origin. It runs once per request that http.Client sends, redirects
// included, and decides from that request's URL alone, so a redirect to
// another host, port or scheme goes out without the token (pitfall G5),
// nor any Authorization set before it (a GitHub App's JWT). It sits
// above the retry layer, so an installation token is got once per
// request, by calls of its own that the retry layer bounds, rather than
// inside one attempt of another call.
type tokenTransport struct {
	token string
	// source, when set, gives the token for each request (a GitHub App
	// installation token, renewed before it expires).
	source func(context.Context) (string, error)
	hosts  []string // origins that may receive the token
	next   http.RoundTripper
}

func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	allowed := false
	for _, h := range t.hosts {
		if origin(req.URL) == h {
			allowed = true
			break
		}
	}
	token := t.token
	if allowed && t.source != nil {
		var err error
		if token, err = t.source(req.Context()); err != nil {
			return nil, err
		}
	}
	switch {
	case allowed && token != "":
		req = req.Clone(req.Context())
		req.Header.Set("Authorization", "Bearer "+token)
	case !allowed && req.Header.Get("Authorization") != "":
		req = req.Clone(req.Context())
		req.Header.Del("Authorization")
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	return withoutEcho(resp, credential(req.Header.Get("Authorization")))
}

// minEcho is the length under which a credential is not taken out of
// error answers (see withoutEcho).
const minEcho = 8

// credential is what follows the scheme of an Authorization value
// ("Bearer <token>"): the secret itself.
func credential(auth string) string {
	_, secret, _ := strings.Cut(strings.TrimSpace(auth), " ")
	return strings.TrimSpace(secret)
}

// withoutEcho takes secret out of the body of an error answer, before
// go-github quotes it in an error: Explain takes out what has a known
// token's shape, and this the very token sent, whatever its shape (a
// classic token's 40 hex digits, say), should a server or a proxy echo
// it back.
//
// A secret shorter than minEcho is no real credential (GitHub's are
// dozens of characters) and would take common words apart.
func withoutEcho(resp *http.Response, secret string) (*http.Response, error) {
	if len(secret) < minEcho || resp.StatusCode < http.StatusBadRequest || resp.Body == nil {
		return resp, nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	clean := redact.String(string(body), redact.Secrets(secret))
	resp.Body = io.NopCloser(strings.NewReader(clean))
	resp.ContentLength = int64(len(clean))
	return resp, nil
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
