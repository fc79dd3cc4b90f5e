package action_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// binDir holds the greenlight binary the end-to-end tests build, once per
// test binary and only when one of them runs.
var (
	binDir  string
	binOnce sync.Once
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "greenlight-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// greenlightBinary builds ./cmd/greenlight with the go command that runs
// the tests (go test puts its GOROOT/bin first on PATH).
func greenlightBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		goCmd, err := exec.LookPath("go")
		if err != nil {
			binErr = fmt.Errorf("no go command to build the binary with: %w", err)
			return
		}
		binPath = filepath.Join(binDir, "greenlight")
		cmd := exec.Command(goCmd, "build", "-o", binPath, "./cmd/greenlight")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build ./cmd/greenlight: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// e2eToken has the shape of an installation token, so that a leak would
// also be one that scrubbing is meant to catch.
const e2eToken = "ghs_E2eTokenThatMustNeverBePrinted0123"

// job is one run of the built binary as the Action's step runs it.
type job struct {
	code           int
	stdout, stderr string
	outputs        map[string]string
	summary        string
	// writes are the POST and PATCH requests the run made.
	writes int
}

// actionsEnv is the environment GitHub Actions gives the step of
// action.yml that runs `greenlight action`: GitHub's default variables,
// and the inputs as action.yml passes them (GREENLIGHT_*). Nothing is
// inherited from the test's environment but PATH, for git.
func actionsEnv(w *world, eventName, eventPath, output, summary string) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + w.dir, // no global git config
		"GIT_CONFIG_NOSYSTEM=1",
		"CI=true",
		"GITHUB_ACTIONS=true",
		"GITHUB_EVENT_NAME=" + eventName,
		"GITHUB_EVENT_PATH=" + eventPath,
		"GITHUB_REPOSITORY=Codertocat/Hello-World",
		"GITHUB_REPOSITORY_OWNER=Codertocat",
		"GITHUB_API_URL=" + w.gh.URL,
		"GITHUB_SERVER_URL=https://github.com",
		"GITHUB_GRAPHQL_URL=" + w.gh.URL + "/graphql",
		"GITHUB_WORKSPACE=" + w.dir,
		"GITHUB_OUTPUT=" + output,
		"GITHUB_STEP_SUMMARY=" + summary,
		"GITHUB_RUN_ID=4242",
		"GITHUB_RUN_NUMBER=7",
		"GITHUB_RUN_ATTEMPT=1",
		"GITHUB_SHA=" + w.head,
		"GITHUB_REF=refs/pull/2/merge",
		"GITHUB_HEAD_REF=post",
		"GITHUB_BASE_REF=main",
		"GITHUB_WORKFLOW=greenlight",
		"GITHUB_JOB=greenlight",
		"GITHUB_TOKEN=" + e2eToken,
		"RUNNER_OS=Linux",
		"RUNNER_TEMP=" + filepath.Dir(output),
		"GREENLIGHT_MODE=gate",
		"GREENLIGHT_CONFIG=greenlight.hcl",
		"GREENLIGHT_FAIL_ON=",
		"GREENLIGHT_REPORT=",
		"GREENLIGHT_APP_ID=",
		"GREENLIGHT_APP_PRIVATE_KEY=",
		"GREENLIGHT_TEAMS_TOKEN=",
		"GREENLIGHT_DRY_RUN=false",
	}
}

// payload writes GitHub's example payload of an event, edited to be about
// this pull request, where the step reads it.
func payload(t *testing.T, name string, edit func(map[string]any)) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(fakegithub.Dir(t), "..", "github-webhooks", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	edit(ev)
	out, _ := json.Marshal(ev)
	path := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// step runs the binary for an event and returns what it did. env are
// further NAME=value entries, over actionsEnv's.
func (w *world) step(t *testing.T, eventName, eventPath string, env ...string) job {
	t.Helper()
	tmp := t.TempDir()
	output, summary := filepath.Join(tmp, "output"), filepath.Join(tmp, "step-summary.md")
	before := w.gh.Count("POST") + w.gh.Count("PATCH")
	cmd := exec.Command(greenlightBinary(t), "action", "--now", "2026-11-23T12:00:00Z")
	cmd.Env = append(actionsEnv(w, eventName, eventPath, output, summary), env...)
	cmd.Dir = w.dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	j := job{}
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		j.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("run the binary: %v", err)
	}
	j.stdout, j.stderr = stdout.String(), stderr.String()
	raw, _ := os.ReadFile(output)
	j.outputs = parseOutputs(t, string(raw))
	s, _ := os.ReadFile(summary)
	j.summary = string(s)
	j.writes = w.gh.Count("POST") + w.gh.Count("PATCH") - before
	t.Logf("%s event: exit %d in %s, outputs %v, %d writes; the binary's log:\n%s", eventName, j.code, took.Round(time.Millisecond), j.outputs, j.writes, j.stderr)
	for _, text := range []string{j.stdout, j.stderr, j.summary, string(raw)} {
		if strings.Contains(text, e2eToken) || strings.Contains(text, e2eToken[4:]) {
			t.Errorf("the token is in the step's output:\n%s", text)
		}
	}
	return j
}

// parseOutputs reads GITHUB_OUTPUT's name<<DELIMITER blocks.
func parseOutputs(t *testing.T, raw string) map[string]string {
	t.Helper()
	out := map[string]string{}
	lines := strings.Split(raw, "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] == "" {
			continue
		}
		name, delim, ok := strings.Cut(lines[i], "<<")
		if !ok {
			t.Fatalf("GITHUB_OUTPUT line %d is not name<<DELIMITER: %q", i+1, lines[i])
		}
		var value []string
		for i++; i < len(lines) && lines[i] != delim; i++ {
			value = append(value, lines[i])
		}
		if i == len(lines) {
			t.Fatalf("GITHUB_OUTPUT: %s is not closed by %s", name, delim)
		}
		out[name] = strings.Join(value, "\n")
	}
	return out
}

// review submits a review as GitHub does: it is listed among the reviews,
// and its author is no longer a requested reviewer. It returns the
// pull_request_review event.
func (w *world) review(t *testing.T, user, state string, minute int) string {
	t.Helper()
	w.gh.Mu.Lock()
	w.gh.Reviews = append(w.gh.Reviews, fakegithub.Review{ID: int64(len(w.gh.Reviews) + 1), User: user, State: strings.ToUpper(state),
		Commit: w.head, Submitted: time.Date(2026, 11, 23, 11, minute, 0, 0, time.UTC)})
	w.gh.PR.RequestedReviewers = slices.DeleteFunc(w.gh.PR.RequestedReviewers, func(u string) bool { return u == user })
	w.gh.Mu.Unlock()
	return payload(t, "pull_request_review.submitted", func(ev map[string]any) {
		rv := ev["review"].(map[string]any)
		rv["state"], rv["commit_id"] = strings.ToLower(state), w.head
		rv["user"].(map[string]any)["login"] = user
		ev["pull_request"].(map[string]any)["head"].(map[string]any)["sha"] = w.head
	})
}

// pushed moves the pull request's head and returns the synchronize event.
func (w *world) pushed(t *testing.T, change func(r *repo)) string {
	t.Helper()
	before := w.head
	w.push(change)
	return payload(t, "pull_request.synchronize", func(ev map[string]any) {
		ev["before"], ev["after"] = before, w.head
		ev["pull_request"].(map[string]any)["head"].(map[string]any)["sha"] = w.head
	})
}

func (w *world) lastRequest() map[string]any {
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	if len(w.gh.ReviewRequests) == 0 {
		return nil
	}
	return w.gh.ReviewRequests[len(w.gh.ReviewRequests)-1]
}

func names(v any) string {
	if v == nil {
		return ""
	}
	return strings.Join(toStrings(v), ",")
}

// savings is the post the pull request adds, in its first version: a
// brand-name slip with a known fix, and a claim legal must sign off.
const savings = `---
title: Savings
channels: [x]
publish_at: 2026-12-02T09:00:00-05:00
---
Open a savings account on Github today, risk-free.
`

// The built binary, run as GitHub Actions runs action.yml's step, through
// a post pull request's life: opened, fixed, signed off stage by stage,
// green, changed again, and re-run.
func TestBinaryThroughAPullRequestsLife(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/savings.md", savings) })
	w.gh.Teams["Codertocat/legal"] = []string{"lee", "lou"} // not mia: her brand approval must not sign off legal
	greenlightBinary(t)
	checkName := "greenlight: main"

	// (a) Opened: a failing check, the fix as a suggestion, one summary,
	// and copy asked first.
	opened := payload(t, "pull_request.opened", func(ev map[string]any) {
		pr := ev["pull_request"].(map[string]any)
		pr["head"].(map[string]any)["sha"], pr["base"].(map[string]any)["sha"] = w.head, w.base
	})
	j := w.step(t, "pull_request", opened)
	if j.code != 1 {
		t.Fatalf("opened: exit %d, want 1 (blocked)\nstdout:\n%s\nstderr:\n%s", j.code, j.stdout, j.stderr)
	}
	run := w.checkRun(t)
	if run.Name != checkName || run.HeadSHA != w.head || run.Status != "completed" || run.Conclusion != "failure" {
		t.Errorf("opened: check run %q on %s: %s/%s, want %q failure on the head", run.Name, run.HeadSHA, run.Status, run.Conclusion, checkName)
	}
	if !hasAnnotation(run, "posts/savings.md", 6, "failure", "GitHub") {
		t.Errorf("opened: no failure annotation on posts/savings.md:6 for Github: %v", run.Annotations)
	}
	if len(w.gh.ReviewComments) != 1 {
		t.Fatalf("opened: review comments %+v, want the one for Github", w.gh.ReviewComments)
	}
	if c := w.gh.ReviewComments[0]; c.Path != "posts/savings.md" || c.Line != 6 ||
		!strings.Contains(c.Body, "```suggestion\nOpen a savings account on GitHub today, risk-free.\n```") {
		t.Errorf("opened: review comment %+v, want a suggestion of the fixed line", c)
	}
	if n := len(w.summaryComments()); n != 1 {
		t.Errorf("opened: %d summary comments, want 1", n)
	}
	if got := names(w.lastRequest()["reviewers"]); got != "kim" || len(w.gh.ReviewRequests) != 1 {
		t.Errorf("opened: review requests %v, want kim (copy-edit) only", w.gh.ReviewRequests)
	}
	if j.outputs["conclusion"] != "failure" || j.outputs["blocked-stages"] != "copy-edit,brand,legal" {
		t.Errorf("opened: outputs %v, want failure blocked on copy-edit,brand,legal", j.outputs)
	}
	if !strings.Contains(j.summary, "Greenlight → `main`") || !strings.Contains(j.summary, "financial-claims") ||
		!strings.Contains(j.summary, "https://github.com/Codertocat/Hello-World/actions/runs/4242") {
		t.Errorf("opened: step summary lacks the verdict, legal's trigger or the run link:\n%s", j.summary)
	}
	if strings.TrimSpace(j.stdout) != strings.TrimSpace(j.summary) {
		t.Errorf("opened: stdout is not the step summary:\n%s", j.stdout)
	}

	// (b) The author fixes the post; copy approves, and brand is asked;
	// brand approves, and legal is asked, because risk-free is a
	// financial claim.
	j = w.step(t, "pull_request", w.pushed(t, func(r *repo) {
		r.write("posts/savings.md", strings.Replace(savings, "Github", "GitHub", 1))
	}))
	if j.code != 1 || j.outputs["blocked-stages"] != "copy-edit,brand,legal" {
		t.Errorf("fixed: exit %d, outputs %v; want 1, blocked on every stage", j.code, j.outputs)
	}
	if run := w.checkRun(t); run.HeadSHA != w.head || hasAnnotation(run, "posts/savings.md", 6, "failure", "GitHub") {
		t.Errorf("fixed: check run on %s still flags Github: %v", run.HeadSHA, run.Annotations)
	}
	j = w.step(t, "pull_request_review", w.review(t, "kim", "approved", 1))
	if j.code != 1 || j.outputs["blocked-stages"] != "brand,legal" {
		t.Errorf("copy approved: exit %d, outputs %v; want 1, blocked on brand,legal", j.code, j.outputs)
	}
	if got := names(w.lastRequest()["reviewers"]); got != "mia" {
		t.Errorf("copy approved: asked %q, want mia for brand (ada, also brand, is the author)", got)
	}
	teamReads := w.gh.Count("GET /orgs/Codertocat/teams/legal/members")
	j = w.step(t, "pull_request_review", w.review(t, "mia", "approved", 2))
	if j.code != 1 || j.outputs["blocked-stages"] != "legal" {
		t.Errorf("brand approved: exit %d, outputs %v; want 1, blocked on legal", j.code, j.outputs)
	}
	if last := w.lastRequest(); names(last["team_reviewers"]) != "legal" || last["reviewers"] != nil && names(last["reviewers"]) != "" {
		t.Errorf("brand approved: asked %v, want the legal team", last)
	}
	if w.gh.Count("GET /orgs/Codertocat/teams/legal/members") != teamReads+1 {
		t.Error("brand approved: the run did not read the legal team's members")
	}
	if !strings.Contains(w.checkRun(t).Summary, "@Codertocat/legal") {
		t.Errorf("brand approved: the summary does not say legal was asked:\n%s", w.checkRun(t).Summary)
	}

	// (c) A member of the legal team approves: green.
	j = w.step(t, "pull_request_review", w.review(t, "lee", "approved", 3))
	if j.code != 0 {
		t.Fatalf("legal approved: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", j.code, j.stdout, j.stderr)
	}
	run = w.checkRun(t)
	if run.Name != checkName || run.HeadSHA != w.head || run.Conclusion != "success" {
		t.Errorf("legal approved: check run %q on %s: %s, want success on the head", run.Name, run.HeadSHA, run.Conclusion)
	}
	if !strings.Contains(run.Summary, "@lee at "+w.head[:7]) {
		t.Errorf("legal approved: the summary does not credit lee at %s:\n%s", w.head[:7], run.Summary)
	}
	// One finding stays: the compliance match, a suggestion below fail_on.
	if j.outputs["conclusion"] != "success" || j.outputs["blocked-stages"] != "" || j.outputs["findings"] != "1" {
		t.Errorf("legal approved: outputs %v, want success, no blocked stages, 1 finding", j.outputs)
	}
	approved := w.head

	// (d) The author changes the post: every approval of it is stale.
	requests := len(w.gh.ReviewRequests)
	changed := w.pushed(t, func(r *repo) {
		r.write("posts/savings.md", strings.Replace(savings, "Github today, risk-free.", "GitHub today, risk-free, no fees.", 1))
	})
	j = w.step(t, "pull_request", changed)
	if j.code != 1 || j.outputs["conclusion"] != "failure" || j.outputs["blocked-stages"] != "copy-edit,brand,legal" {
		t.Errorf("changed: exit %d, outputs %v; want 1, failure blocked on every stage", j.code, j.outputs)
	}
	run = w.checkRun(t)
	if run.HeadSHA != w.head || run.Conclusion != "failure" {
		t.Errorf("changed: check run on %s: %s, want failure on the new head %s", run.HeadSHA, run.Conclusion, w.head)
	}
	for _, who := range []string{"kim", "lee", "mia"} {
		if !strings.Contains(run.Summary, "@"+who+" approved "+approved[:7]) {
			t.Errorf("changed: the summary does not list %s's approval of %s as no longer counting:\n%s", who, approved[:7], run.Summary)
		}
	}
	if len(w.gh.ReviewRequests) != requests+1 || names(w.lastRequest()["reviewers"]) != "kim" {
		t.Errorf("changed: review requests %v, want kim asked again", w.gh.ReviewRequests[requests:])
	}

	// (e) The same event again: nothing new on the pull request.
	comments, inline, runs := len(w.summaryComments()), len(w.gh.ReviewComments), len(w.gh.CheckRuns)
	again := w.step(t, "pull_request", changed)
	if again.writes != 0 {
		t.Errorf("re-run: %d writes, want none", again.writes)
	}
	if len(w.summaryComments()) != 1 || comments != 1 || len(w.gh.ReviewComments) != inline || len(w.gh.CheckRuns) != runs {
		t.Errorf("re-run: %d summary comments, %d review comments (was %d), %d check runs (was %d)",
			len(w.summaryComments()), len(w.gh.ReviewComments), inline, len(w.gh.CheckRuns), runs)
	}
	if again.code != j.code || fmt.Sprint(again.outputs) != fmt.Sprint(j.outputs) || again.summary != j.summary {
		t.Errorf("re-run: exit %d, outputs %v, want the same as the first run's (%d, %v)", again.code, again.outputs, j.code, j.outputs)
	}

	// The token went to the API, in the header, and nowhere else.
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	for _, r := range w.gh.Requests {
		if r.Auth != "Bearer "+e2eToken {
			t.Errorf("%s %s: Authorization %q, want the token", r.Method, r.Path, r.Auth)
			break
		}
		if body, _ := json.Marshal(r.Body); bytes.Contains(body, []byte(e2eToken[4:])) {
			t.Errorf("%s %s: the token is in the body", r.Method, r.Path)
		}
	}
}

// The built binary reads the teams token from GREENLIGHT_TEAMS_TOKEN, as
// action.yml passes its teams-token input, and reads teams with it alone;
// the input left empty reads them with the action's token, which here
// cannot, and the check says so. Neither token is printed.
func TestBinaryReadsTeamsWithTheTeamsToken(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/savings.md", strings.Replace(savings, "Github", "GitHub", 1)) })
	w.gh.Tokens = map[string]string{teamsToken: "greenlight-teams"}
	w.gh.TeamReaders = []string{teamsToken}
	opened := payload(t, "pull_request.opened", func(ev map[string]any) {
		pr := ev["pull_request"].(map[string]any)
		pr["head"].(map[string]any)["sha"], pr["base"].(map[string]any)["sha"] = w.head, w.base
	})

	j := w.step(t, "pull_request", opened) // teams-token left empty
	if j.code != 1 || !strings.Contains(w.checkRun(t).Summary, "to the action's token, an installation token (the workflow's GITHUB_TOKEN") {
		t.Errorf("without a teams token: exit %d, want 1 and the check saying which token could not read the team:\n%s", j.code, w.checkRun(t).Summary)
	}
	for i, who := range []string{"kim", "mia", "lee"} {
		w.approve(who, w.head, i)
	}
	from := len(w.gh.Requests)
	j = w.step(t, "pull_request", opened, "GREENLIGHT_TEAMS_TOKEN="+teamsToken)
	if j.code != 0 || j.outputs["conclusion"] != "success" {
		t.Errorf("with the teams token: exit %d, outputs %v; want 0, legal signed off by lee of Codertocat/legal\n%s", j.code, j.outputs, j.stderr)
	}
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	teamReads := 0
	for _, r := range w.gh.Requests[from:] {
		want := "Bearer " + e2eToken
		if strings.HasPrefix(r.Path, "/orgs/Codertocat/teams/") {
			teamReads++
			want = "Bearer " + teamsToken
		}
		if r.Auth != want {
			t.Errorf("%s %s: Authorization %q, want %q", r.Method, r.Path, r.Auth, want)
		}
	}
	if teamReads != 1 {
		t.Errorf("the team was read %d times, want once", teamReads)
	}
	for _, text := range []string{j.stdout, j.stderr, j.summary} {
		if strings.Contains(text, teamsToken[len("github_pat_"):]) {
			t.Errorf("the teams token is in the step's output:\n%s", text)
		}
	}
}
