package notify

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/redact"
	"github.com/greenlighthq/greenlight/engine/config"
)

// token stands for the secret part of a webhook URL.
const token = "s3cr3tT0k3nAbCdEfGhIjKlMn"

// receiver is an httptest webhook that records what it gets and answers
// with the next of its replies (the last one repeats).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	requests []received
	replies  []func(w http.ResponseWriter, r *http.Request)
}

type received struct {
	path   string
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T, replies ...func(w http.ResponseWriter, r *http.Request)) *receiver {
	t.Helper()
	rc := &receiver{replies: replies}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		n := len(rc.requests)
		rc.requests = append(rc.requests, received{path: r.URL.Path, header: r.Header.Clone(), body: body})
		rc.mu.Unlock()
		if len(rc.replies) == 0 {
			w.WriteHeader(http.StatusOK)
			return
		}
		rc.replies[min(n, len(rc.replies)-1)](w, r)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) got() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.requests...)
}

// hookURL is a Slack-shaped webhook URL on the receiver.
func (rc *receiver) hookURL() string { return rc.URL + "/services/T0000/B0000/" + token }

func status(code int, body string, header ...string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// echo answers 500 with a body that quotes the URL it was called on, the
// way some servers do.
func echo(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusInternalServerError)
	io.WriteString(w, "internal error handling POST http://"+r.Host+r.URL.String()+" (token "+token+")")
}

// testSender is a Sender whose environment is env and whose sleeps are
// recorded in *slept instead of waited.
func testSender(env map[string]string, slept *[]time.Duration) Sender {
	return Sender{
		Getenv: func(k string) string { return env[k] },
		Sleep: func(ctx context.Context, d time.Duration) error {
			*slept = append(*slept, d)
			return ctx.Err()
		},
		Now: func() time.Time { return time.Date(2025, 12, 1, 14, 0, 0, 0, time.UTC) },
	}
}

func target(name, typ, env string, events ...string) *config.Notify {
	return &config.Notify{Name: name, Type: typ, URLEnv: env, Events: events}
}

func TestSendPostsEachFormatWithItsHeaders(t *testing.T) {
	rc := newReceiver(t)
	env := map[string]string{
		"SLACK_WEBHOOK_URL": rc.URL + "/slack/" + token,
		"TEAMS_WEBHOOK_URL": rc.URL + "/teams/" + token,
		"HOOK_URL":          rc.URL + "/hook/" + token,
	}
	var slept []time.Duration
	ev := sampleEvent()
	results := testSender(env, &slept).Send(context.Background(), []*config.Notify{
		target("team-chat", "slack", "SLACK_WEBHOOK_URL"),
		target("marketing", "teams", "TEAMS_WEBHOOK_URL"),
		target("audit", "webhook", "HOOK_URL"),
	}, ev)

	want := []Result{{"team-chat", "reminder", nil}, {"marketing", "reminder", nil}, {"audit", "reminder", nil}}
	if !reflect.DeepEqual(results, want) {
		t.Fatalf("results = %+v, want one success per target: %+v", results, want)
	}
	slack, _ := Slack(ev)
	teams, _ := Teams(ev)
	hook, _ := Webhook(ev)
	wantReqs := []struct {
		path  string
		body  []byte
		event string
	}{
		{"/slack/" + token, slack, ""},
		{"/teams/" + token, teams, ""},
		{"/hook/" + token, hook, "reminder"},
	}
	got := rc.got()
	if len(got) != len(wantReqs) {
		t.Fatalf("receiver got %d requests, want %d", len(got), len(wantReqs))
	}
	for i, w := range wantReqs {
		t.Run("the "+w.path[1:strings.Index(w.path[1:], "/")+1]+" target gets its payload", func(t *testing.T) {
			r := got[i]
			if r.path != w.path {
				t.Errorf("path = %s, want %s", r.path, w.path)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			if ev := r.header.Get("X-Greenlight-Event"); ev != w.event {
				t.Errorf("X-Greenlight-Event = %q, want %q", ev, w.event)
			}
			if string(r.body) != string(w.body) {
				t.Errorf("body = %s\nwant %s", r.body, w.body)
			}
		})
	}
	if len(slept) != 0 {
		t.Errorf("slept %v, want no retry", slept)
	}
}

func TestSendFiltersEventsPerTarget(t *testing.T) {
	rc := newReceiver(t)
	env := map[string]string{"URL": rc.hookURL()}
	targets := []*config.Notify{
		target("launches", "slack", "URL", "published"),
		target("reviewers", "slack", "URL", "stage_requested", "reminder"),
		target("everything", "webhook", "URL"),
	}
	tests := []struct {
		kind string
		want []string
	}{
		{"reminder", []string{"reviewers", "everything"}},
		{"published", []string{"launches", "everything"}},
		{"publish_blocked", []string{"everything"}},
	}
	sent := 0
	for _, tt := range tests {
		t.Run("a "+tt.kind+" goes only to the targets that want it", func(t *testing.T) {
			var slept []time.Duration
			results := testSender(env, &slept).Send(context.Background(), targets, with(func(ev *Event) { ev.Kind = tt.kind }))
			var names []string
			for _, r := range results {
				if r.Err != nil {
					t.Errorf("%s: %v", r.Target, r.Err)
				}
				if r.Kind != tt.kind {
					t.Errorf("%s: kind %q, want %q", r.Target, r.Kind, tt.kind)
				}
				names = append(names, r.Target)
			}
			if !reflect.DeepEqual(names, tt.want) {
				t.Errorf("targets = %v, want %v", names, tt.want)
			}
			sent += len(tt.want)
			if n := len(rc.got()); n != sent {
				t.Errorf("receiver got %d requests in all, want %d", n, sent)
			}
		})
	}
}

func TestSendRefusesBadURLsWithoutQuotingThem(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want string
	}{
		{"a missing variable says how to provide it", "", "notify team-chat: SLACK_WEBHOOK_URL is not set (put the webhook URL in a secret and pass it to the step's env)"},
		{"a blank variable counts as missing", "  \n", "notify team-chat: SLACK_WEBHOOK_URL is not set (put the webhook URL in a secret and pass it to the step's env)"},
		{"plain http to another host is refused", "http://hooks.example.com/services/T0000/B0000/" + token, "notify team-chat: SLACK_WEBHOOK_URL holds an http URL: webhooks must use https (http is accepted only for localhost)"},
		{"another scheme is refused", "ftp://hooks.example.com/" + token, `notify team-chat: SLACK_WEBHOOK_URL holds a URL with scheme "ftp": webhooks must use https`},
		{"a URL without a host is refused", "https:///" + token, "notify team-chat: SLACK_WEBHOOK_URL does not hold a valid URL (want https://host/path)"},
		{"text that is not a URL is refused", "%zz" + token, "notify team-chat: SLACK_WEBHOOK_URL does not hold a valid URL (want https://host/path)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			if tt.url != "" {
				env["SLACK_WEBHOOK_URL"] = tt.url
			}
			var slept []time.Duration
			results := testSender(env, &slept).Send(context.Background(), []*config.Notify{target("team-chat", "slack", "SLACK_WEBHOOK_URL")}, sampleEvent())
			if len(results) != 1 || results[0].Err == nil {
				t.Fatalf("results = %+v, want one error", results)
			}
			if got := results[0].Err.Error(); got != tt.want {
				t.Errorf("error = %q\nwant    %q", got, tt.want)
			}
			if strings.Contains(results[0].Err.Error(), token) {
				t.Errorf("error %q quotes the URL", results[0].Err)
			}
		})
	}
}

func TestSendRetriesOnceAndNeverQuotesTheURL(t *testing.T) {
	tests := []struct {
		name     string
		replies  []func(http.ResponseWriter, *http.Request)
		requests int
		slept    []time.Duration
		err      []string // substrings of the error; nil means success
	}{
		{
			name:     "a receiver failing with 500 twice gets one retry, then the failure is reported",
			replies:  []func(http.ResponseWriter, *http.Request){echo},
			requests: 2,
			slept:    []time.Duration{time.Second},
			err:      []string{"notify team-chat: Slack answered 500 Internal Server Error after a retry: ", "[redacted]"},
		},
		{
			name:     "a 429 with Retry-After: 3 waits 3s, then the retry succeeds",
			replies:  []func(http.ResponseWriter, *http.Request){status(429, "rate_limited", "Retry-After", "3"), status(200, "ok")},
			requests: 2,
			slept:    []time.Duration{3 * time.Second},
		},
		{
			name:     "a 503 then success is one retry after a second",
			replies:  []func(http.ResponseWriter, *http.Request){status(503, "busy"), status(200, "ok")},
			requests: 2,
			slept:    []time.Duration{time.Second},
		},
		{
			name:     "a Retry-After longer than 10s is reported at once",
			replies:  []func(http.ResponseWriter, *http.Request){status(429, "slow down", "Retry-After", "60")},
			requests: 1,
			err:      []string{`notify team-chat: Slack answered 429 Too Many Requests and asked to wait 1m0s, longer than a notification waits (10s): "slow down"`},
		},
		{
			name:     "a 404 is not retried",
			replies:  []func(http.ResponseWriter, *http.Request){status(404, "no_service")},
			requests: 1,
			err:      []string{`notify team-chat: Slack answered 404 Not Found: "no_service"`},
		},
		{
			name:     "a redirect is not followed",
			replies:  []func(http.ResponseWriter, *http.Request){status(302, "", "Location", "https://elsewhere.example/")},
			requests: 1,
			err:      []string{"notify team-chat: Slack answered 302 Found"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := newReceiver(t, tt.replies...)
			var slept []time.Duration
			env := map[string]string{"SLACK_WEBHOOK_URL": rc.hookURL()}
			results := testSender(env, &slept).Send(context.Background(), []*config.Notify{target("team-chat", "slack", "SLACK_WEBHOOK_URL")}, sampleEvent())
			if len(results) != 1 {
				t.Fatalf("results = %+v, want one", results)
			}
			if n := len(rc.got()); n != tt.requests {
				t.Errorf("receiver got %d requests, want %d", n, tt.requests)
			}
			if !reflect.DeepEqual(slept, tt.slept) {
				t.Errorf("slept %v, want %v", slept, tt.slept)
			}
			err := results[0].Err
			if tt.err == nil {
				if err != nil {
					t.Errorf("error = %v, want success", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error, want one")
			}
			for _, s := range tt.err {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
			for _, secret := range []string{rc.hookURL(), "/services/T0000/B0000/", token} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q quotes the webhook URL (%s)", err, secret)
				}
			}
		})
	}
}

func TestSendTimeoutIsAnErrorNotAPanic(t *testing.T) {
	stop := make(chan struct{})
	rc := newReceiver(t, func(w http.ResponseWriter, r *http.Request) {
		select { // never answers
		case <-r.Context().Done():
		case <-stop:
		}
	})
	t.Cleanup(func() { close(stop) }) // runs before rc.Close
	var slept []time.Duration
	s := testSender(map[string]string{"HOOK_URL": rc.hookURL()}, &slept)
	s.Client = &http.Client{Timeout: 50 * time.Millisecond}
	results := s.Send(context.Background(), []*config.Notify{target("audit", "webhook", "HOOK_URL")}, sampleEvent())
	if len(results) != 1 || results[0].Err == nil {
		t.Fatalf("results = %+v, want one error", results)
	}
	err := results[0].Err
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("error %q (%T) does not unwrap to a timeout", err, errors.Unwrap(err))
	}
	if !strings.HasPrefix(err.Error(), "notify audit: could not reach the webhook after a retry: ") {
		t.Errorf("error = %q", err)
	}
	if strings.Contains(err.Error(), token) || strings.Contains(err.Error(), rc.URL) {
		t.Errorf("error %q quotes the webhook URL", err)
	}
	if n := len(rc.got()); n != 2 {
		t.Errorf("receiver got %d requests, want 2 (one retry)", n)
	}
}

func TestSendNeverPanics(t *testing.T) {
	rc := newReceiver(t)
	env := map[string]string{"URL": rc.hookURL()}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		targets []*config.Notify
		ev      Event
		want    []string // error texts, "" for success
	}{
		{"no targets is no results", context.Background(), nil, sampleEvent(), nil},
		{"a nil target is skipped", context.Background(), []*config.Notify{nil, target("a", "slack", "URL")}, sampleEvent(), []string{""}},
		{"an unknown type is an error", context.Background(), []*config.Notify{target("a", "irc", "URL")}, sampleEvent(),
			[]string{`notify a: unknown type "irc" (want slack, teams or webhook)`}},
		{"an unknown event kind is an error", context.Background(), []*config.Notify{target("a", "slack", "URL")}, with(func(ev *Event) { ev.Kind = "deployed" }),
			[]string{`notify a: unknown event kind "deployed" (want one of stage_requested, reminder, publish_blocked, published)`}},
		{"a block without url_env is an error", context.Background(), []*config.Notify{target("a", "slack", "")}, sampleEvent(),
			[]string{"notify a: url_env is not set (name the environment variable that holds the webhook URL)"}},
		{"a cancelled context is an error without a retry", ctx, []*config.Notify{target("a", "teams", "URL")}, sampleEvent(),
			[]string{"notify a: gave up on Teams: context canceled"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var slept []time.Duration
			results := testSender(env, &slept).Send(tt.ctx, tt.targets, tt.ev)
			var got []string
			for _, r := range results {
				if r.Err != nil {
					got = append(got, r.Err.Error())
				} else {
					got = append(got, "")
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("results = %q, want %q", got, tt.want)
			}
			if len(slept) != 0 {
				t.Errorf("slept %v, want no retry", slept)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	url := "https://hooks.slack.com/services/T0000/B0000/" + token
	secrets := secretParts(url)
	tests := []struct {
		name string
		body string
		want string
	}{
		{"a short answer is kept on one line", "invalid_payload\n  missing text\n", "invalid_payload missing text"},
		{"the URL and the token alone are scrubbed", "bad hook " + url + " or " + token, "bad hook [redacted] or [redacted]"},
		{"a path without the host is scrubbed", "no route for /services/T0000/B0000/" + token, "no route for [redacted]"},
		{"a long answer is cut to 200 bytes", strings.Repeat("x", 500), strings.Repeat("x", 197) + "…"},
		{"a URL the cut falls in leaves none of its beginning", strings.Repeat("x", 185) + " " + url[:40], strings.Repeat("x", 185) + " …"},
		{"a cut never splits a character", strings.Repeat("é", 150), strings.Repeat("é", 98) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := excerpt([]byte(tt.body), secrets)
			if got != tt.want {
				t.Errorf("excerpt = %q\nwant      %q", got, tt.want)
			}
			if len(got) > excerptBytes {
				t.Errorf("excerpt is %d bytes, want at most %d", len(got), excerptBytes)
			}
		})
	}
}

func TestSecretPartsCoverATeamsWorkflowURL(t *testing.T) {
	sig := "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_AbCdE"
	u := "https://prod-01.westeurope.logic.azure.com:443/workflows/0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + sig
	body := "the signature " + sig + " for /workflows/0123456789abcdef0123456789abcdef is not valid"
	got := redact.String(body, secretParts(u))
	if strings.Contains(got, sig) || strings.Contains(got, "0123456789abcdef0123456789abcdef") {
		t.Errorf("scrubbed = %q, still holds a secret part", got)
	}
}
