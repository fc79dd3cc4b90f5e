package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// outsideActions clears what GitHub Actions sets, so the test behaves the
// same on a laptop and in CI.
func outsideActions(t *testing.T) {
	for _, k := range []string{"GITHUB_ACTIONS", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_REPOSITORY", "GITHUB_API_URL",
		"GITHUB_WORKSPACE", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "RUNNER_TEMP", "GITHUB_TOKEN", "GREENLIGHT_TOKEN",
		"GREENLIGHT_APP_ID", "GREENLIGHT_APP_PRIVATE_KEY", "GREENLIGHT_CONFIG", "GREENLIGHT_DRY_RUN"} {
		t.Setenv(k, "")
	}
}

// postsClone is a clone of a posts repository: the config and one post
// already on main.
func postsClone(t *testing.T, publishAt time.Time) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"greenlight.hcl":  "greenlight {\n  content  = [\"posts/*.md\"]\n  timezone = \"America/New_York\"\n}\n",
		"posts/launch.md": "---\ntitle: Launch\nchannels: [x]\npublish_at: " + publishAt.UTC().Format(time.RFC3339) + "\n---\nOur dashboards are here.\n",
	} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"add", "-A"}, {"commit", "-q", "-m", "posts"}} {
		cmd := exec.Command("git", append([]string{"-c", "user.name=Ada", "-c", "user.email=ada@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return dir
}

// On a laptop, `greenlight publish --dry-run` asks GitHub (here a
// stand-in with no open pull requests) what is due, says so, and shows
// the calendar; it only reads.
func TestPublishDryRunOutsideActions(t *testing.T) {
	outsideActions(t)
	dir := postsClone(t, time.Now().Add(72*time.Hour)) // the run's clock is the real one
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/repos/acme/posts/pulls" || r.Header.Get("Authorization") != "Bearer t0ken" {
			t.Errorf("a dry run sent %s %s", r.Method, r.URL)
			w.WriteHeader(http.StatusForbidden)
			return
		}
		if q := r.URL.Query(); q.Get("state") != "open" || q.Get("base") != "main" {
			t.Errorf("listed %s, want the open pull requests into main", r.URL.RawQuery)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("[]"))
	}))
	defer srv.Close()
	t.Setenv("GITHUB_REPOSITORY", "acme/posts")
	t.Setenv("GITHUB_API_URL", srv.URL)
	t.Setenv("GITHUB_TOKEN", "t0ken")

	stdout, stderr, code := runIn(t, dir, "publish", "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"### Greenlight publishing into `main`\n\nA dry run: nothing was merged, commented, labelled or sent.\n\nNothing was due.",
		"#### The next two weeks", "1 post: 1 ✅ approved.", "| Launch | X | ✅ approved |",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}

func TestPublishOutsideActionsRefusals(t *testing.T) {
	dir := postsClone(t, time.Now())
	for _, tt := range []struct {
		name   string
		env    map[string]string
		args   []string
		stderr string
	}{
		{"a real run", map[string]string{"GITHUB_REPOSITORY": "acme/posts", "GITHUB_TOKEN": "t"}, nil,
			"outside GitHub Actions, publish runs only with --dry-run"},
		{"no repository", map[string]string{"GITHUB_TOKEN": "t"}, []string{"--dry-run"},
			`GITHUB_REPOSITORY is "": set it to the posts repository, OWNER/REPO`},
		{"no token", map[string]string{"GITHUB_REPOSITORY": "acme/posts"}, []string{"--dry-run"},
			"no GitHub token: set GREENLIGHT_TOKEN or GITHUB_TOKEN"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			outsideActions(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			stdout, stderr, code := runIn(t, dir, append([]string{"publish"}, tt.args...)...)
			if code != 2 || stdout != "" || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, stdout, stderr, tt.stderr)
			}
		})
	}
}

// In Actions the run writes its step outputs and files where later steps
// find them: the published list as a JSON array even when it is empty,
// the file with the whole outcome, the calendar, the missed count.
func TestPublishStepOutputs(t *testing.T) {
	outsideActions(t)
	dir := postsClone(t, time.Now().Add(72*time.Hour))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("[]"))
	}))
	defer srv.Close()
	tmp := t.TempDir()
	output := filepath.Join(tmp, "output")
	for k, v := range map[string]string{"GITHUB_EVENT_NAME": "schedule", "GITHUB_REPOSITORY": "acme/posts", "GITHUB_API_URL": srv.URL,
		"GITHUB_TOKEN": "t0ken", "GITHUB_WORKSPACE": dir, "RUNNER_TEMP": tmp, "GITHUB_OUTPUT": output, "GREENLIGHT_DRY_RUN": "true"} {
		t.Setenv(k, v)
	}
	_, stderr, code := runIn(t, dir, "publish")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	raw, err := os.ReadFile(output)
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]string{}
	lines := strings.Split(string(raw), "\n")
	for i := 0; i+2 < len(lines); i += 3 { // name<<DELIMITER, value, DELIMITER
		name, delim, _ := strings.Cut(lines[i], "<<")
		if lines[i+2] != delim {
			t.Fatalf("output %s is not one line between its delimiters:\n%s", name, raw)
		}
		outputs[name] = lines[i+1]
	}
	want := map[string]string{"published": "[]", "missed": "0", "published-file": filepath.Join(tmp, "greenlight-published.json"),
		"audit-file": filepath.Join(tmp, "greenlight-audit.jsonl"), "calendar-ics": filepath.Join(tmp, "greenlight-calendar.ics"),
		"calendar-markdown": filepath.Join(tmp, "greenlight-calendar.md")}
	for k, v := range want {
		if outputs[k] != v {
			t.Errorf("output %s = %q, want %q", k, outputs[k], v)
		}
	}
	file, _ := os.ReadFile(outputs["published-file"])
	if !strings.Contains(string(file), `"published": []`) || !strings.Contains(string(file), `"dry_run": true`) {
		t.Errorf("published file:\n%s", file)
	}
	ics, _ := os.ReadFile(outputs["calendar-ics"])
	if strings.Count(string(ics), "BEGIN:VEVENT") != 1 {
		t.Errorf("calendar:\n%s", ics)
	}
}
