package action_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// baseConfig is the team's greenlight.hcl on the publish branch: the
// one the internal tests judge by too (see export_test.go).
const baseConfig = action.TeamConfig

const postA = `---
title: Dashboards are here
channels: [x, linkedin]
publish_at: 2026-12-01T09:00:00-05:00
---
Our new dashboards show every report in one place.
`

const postB = `---
title: Savings
channels: [x]
publish_at: 2026-12-02T09:00:00-05:00
---
Open a savings account today.
`

// repo is a real git repository: main with the config and post A, and a
// pull request branch on top.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	r.write("greenlight.hcl", baseConfig)
	r.write("posts/a.md", postA)
	r.commit("base")
	r.git("checkout", "-q", "-b", "post")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Ada", "-c", "user.email=ada@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) write(name, text string) {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) commit(msg string) string {
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// files are the pull request's files as GitHub lists them, with the real
// patches git makes.
func (r *repo) files(base, head string) []fakegithub.File {
	var out []fakegithub.File
	for _, line := range strings.Split(r.git("diff", "-M", "--name-status", base, head), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		st := map[string]string{"A": "added", "M": "modified", "D": "removed", "R": "renamed"}[f[0][:1]]
		file := fakegithub.File{Name: f[len(f)-1], Status: st}
		if st == "renamed" {
			file.Previous = f[1]
		}
		patch := r.git("diff", "-M", "-U3", base, head, "--", file.Name)
		if i := strings.Index(patch, "\n@@"); i >= 0 {
			file.Patch = patch[i+1:]
		}
		out = append(out, file)
	}
	return out
}

// world is one pull request: the repository, the fake API and the run's
// environment.
type world struct {
	*repo
	gh         *fakegithub.Server
	base, head string
	summary    string
	output     string
}

func newWorld(t *testing.T, change func(r *repo)) *world {
	r := newRepo(t)
	base := r.git("rev-parse", "main")
	change(r)
	head := r.commit("change posts")
	gh := fakegithub.New(t, fakegithub.PR{Number: 2, Author: "ada", Head: head, HeadRef: "post", Base: base, BaseRef: "main"})
	gh.Files = r.files(base, head)
	gh.Teams["Codertocat/legal"] = []string{"lee", "mia"}
	return &world{repo: r, gh: gh, base: base, head: head,
		summary: filepath.Join(t.TempDir(), "summary.md"), output: filepath.Join(t.TempDir(), "output")}
}

// push adds a commit to the pull request.
func (w *world) push(change func(r *repo)) {
	change(w.repo)
	w.head = w.commit("more changes")
	w.gh.Mu.Lock()
	w.gh.PR.Head = w.head
	w.gh.Files = w.files(w.base, w.head)
	w.gh.Mu.Unlock()
}

func (w *world) approve(user, commit string, minute int) {
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	w.gh.Reviews = append(w.gh.Reviews, fakegithub.Review{ID: int64(len(w.gh.Reviews) + 1), User: user, State: "APPROVED", Commit: commit,
		Submitted: time.Date(2026, 11, 23, 10, minute, 0, 0, time.UTC)})
}

func (w *world) run(t *testing.T, opts ...func(*action.Options)) action.Outcome {
	t.Helper()
	out, err := w.runErr(t, opts...)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return out
}

// runErr runs the Action in-process and returns what Run returns.
func (w *world) runErr(t *testing.T, opts ...func(*action.Options)) (action.Outcome, error) {
	t.Helper()
	return action.Run(context.Background(), w.options(t, opts...))
}

// options are a run's options as GitHub Actions sets them for a
// pull_request event on the world's pull request, changed by opts.
func (w *world) options(t *testing.T, opts ...func(*action.Options)) action.Options {
	t.Helper()
	o := action.Options{
		Env: event.Env{EventName: "pull_request", Repository: "Codertocat/Hello-World", APIURL: w.gh.URL,
			EventPath: filepath.Join(fakegithub.Dir(t), "..", "github-webhooks", "pull_request.opened.json"),
			Workspace: w.dir, StepSummary: w.summary, Output: w.output, ServerURL: "https://github.com", RunID: "42"},
		Token: "ghs_secret-token",
		Now:   func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) },
		Sleep: func(context.Context, time.Duration) error { return nil },
	}
	for _, f := range opts {
		f(&o)
	}
	return o
}

func (w *world) checkRun(t *testing.T) *fakegithub.CheckRun {
	t.Helper()
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	if len(w.gh.CheckRuns) == 0 {
		t.Fatal("no check run")
	}
	return w.gh.CheckRuns[len(w.gh.CheckRuns)-1]
}

func (w *world) summaryComments() []fakegithub.Comment {
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	var out []fakegithub.Comment
	for _, c := range w.gh.Comments {
		if strings.HasPrefix(c.Body, "<!-- greenlight:summary base=main -->") {
			out = append(out, c)
		}
	}
	return out
}

// A new post pull request: blocked on the first stage, its people asked,
// everything reported once; a re-run changes nothing.
func TestPullRequestGatedAndRoutedIdempotently(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/a.md", strings.Replace(postA, "one place.", "one place on Github.", 1))
		r.write("posts/b.md", strings.Replace(postB, "today.", "today, risk-free.", 1))
	})
	out := w.run(t)
	if out.Conclusion != "failure" {
		t.Fatalf("conclusion = %s, want failure (an error finding and pending stages)", out.Conclusion)
	}
	if got := strings.Join(out.BlockedStages, ","); got != "copy-edit,brand,legal" {
		t.Errorf("blocked stages = %s, want copy-edit,brand,legal (legal for b.md's compliance trigger)", got)
	}
	run := w.checkRun(t)
	if run.Name != "greenlight: main" || run.HeadSHA != w.head || run.Status != "completed" || run.Conclusion != "failure" {
		t.Errorf("check run = %s on %s: %s/%s", run.Name, run.HeadSHA, run.Status, run.Conclusion)
	}
	if !hasAnnotation(run, "posts/a.md", 6, "failure", "GitHub") {
		t.Errorf("no failure annotation on posts/a.md line 6 for Github: %v", run.Annotations)
	}
	// The compliance trigger makes legal a required stage of b.md.
	if !strings.Contains(run.Summary, "legal") || !strings.Contains(run.Summary, "financial-claims") {
		t.Errorf("summary does not show legal required by financial-claims:\n%s", run.Summary)
	}
	if !strings.Contains(run.Summary, "Tue 1 Dec 2026, 09:00 EST") {
		t.Errorf("summary does not show the publish time in the team's time zone:\n%s", run.Summary)
	}
	if n := len(w.summaryComments()); n != 1 {
		t.Fatalf("%d summary comments, want 1", n)
	}
	// The next stage's people are asked: kim for copy-edit, not brand yet.
	if len(w.gh.ReviewRequests) != 1 || strings.Join(toStrings(w.gh.ReviewRequests[0]["reviewers"]), ",") != "kim" {
		t.Errorf("review requests = %v, want kim once", w.gh.ReviewRequests)
	}
	// The swap has a one-click suggestion on the changed line.
	if len(w.gh.ReviewComments) != 1 {
		t.Fatalf("review comments = %+v, want 1", w.gh.ReviewComments)
	}
	c := w.gh.ReviewComments[0]
	if c.Path != "posts/a.md" || c.Line != 6 || !strings.Contains(c.Body, "```suggestion\nOur new dashboards show every report in one place on GitHub.\n```") {
		t.Errorf("review comment = %+v", c)
	}
	step, _ := os.ReadFile(w.summary)
	if !strings.Contains(string(step), "Greenlight → `main`") {
		t.Errorf("step summary = %q", step)
	}

	// The same event again: nothing new is posted.
	writes := func() int { return w.gh.Count("POST") + w.gh.Count("PATCH") }
	before := writes()
	w.run(t)
	if after := writes(); after != before {
		t.Errorf("a re-run wrote %d times; it must update nothing when nothing changed", after-before)
	}
	if n := len(w.summaryComments()); n != 1 {
		t.Errorf("%d summary comments after a re-run, want 1", n)
	}
}

func hasAnnotation(run *fakegithub.CheckRun, path string, line int, level, text string) bool {
	for _, a := range run.Annotations {
		if a["path"] == path && a["start_line"] == float64(line) && a["annotation_level"] == level && strings.Contains(a["message"].(string), text) {
			return true
		}
	}
	return false
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// Sign-offs: stages in order, the author's own approval never counts, an
// approval goes stale for exactly the post that changed after it, and a
// member of the legal team signs off for compliance.
func TestSignoffsFromReviews(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/a.md", strings.Replace(postA, "one place.", "one place, at last.", 1))
		r.write("posts/b.md", strings.Replace(postB, "today.", "today, risk-free.", 1))
	})
	first := w.head
	w.approve("kim", first, 1) // copy-edit
	w.approve("ada", first, 2) // brand, but ada opened the pull request
	out := w.run(t)
	if got := strings.Join(out.BlockedStages, ","); got != "brand,legal" {
		t.Fatalf("blocked stages = %s, want brand,legal: the author's approval must not count", got)
	}
	// brand is next now: mia is asked (ada is the author, never asked).
	last := w.gh.ReviewRequests[len(w.gh.ReviewRequests)-1]
	if got := strings.Join(toStrings(last["reviewers"]), ","); got != "mia" {
		t.Errorf("asked %s for brand, want mia", got)
	}

	w.approve("mia", first, 3) // brand
	w.approve("lee", first, 4) // legal, through the Codertocat/legal team
	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("conclusion = %s (%v), want success once every stage approved", out.Conclusion, out.BlockedStages)
	}
	if run := w.checkRun(t); run.Conclusion != "success" || !strings.Contains(run.Summary, "@lee at "+first[:7]) {
		t.Errorf("check run %s; summary:\n%s", run.Conclusion, run.Summary)
	}

	// A push that changes b.md makes every approval stale for b.md, and
	// for b.md only.
	w.push(func(r *repo) {
		r.write("posts/b.md", strings.Replace(postB, "today.", "today, risk-free, no fees.", 1))
	})
	out = w.run(t)
	if out.Conclusion != "failure" || strings.Join(out.BlockedStages, ",") != "copy-edit,brand,legal" {
		t.Fatalf("after a push to b.md: %s, blocked %v", out.Conclusion, out.BlockedStages)
	}
	run := w.checkRun(t)
	if run.HeadSHA != w.head {
		t.Errorf("check run on %s, want the new head %s", run.HeadSHA, w.head)
	}
	if !strings.Contains(run.Summary, "Not counted, because the post changed since: @ada approved "+first[:7]+"; @kim approved "+first[:7]) {
		t.Errorf("the summary does not say why kim's approval stopped counting:\n%s", run.Summary)
	}
	// a.md did not change: its approvals still count.
	if !strings.Contains(run.Summary, "| `posts/a.md` | Tue 1 Dec 2026, 09:00 EST | ✅ none | ✅ copy-edit → ✅ brand |") {
		t.Errorf("a.md lost its approvals:\n%s", run.Summary)
	}
}

// The config and policies come from the base branch: a pull request that
// deletes a rule is still judged by it, and needs the owners stage.
func TestConfigFromBaseAndOwnersStage(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("greenlight.hcl", strings.Replace(baseConfig, `"Github" = "GitHub"`, `"Foo" = "Bar"`, 1))
		r.write("posts/a.md", strings.Replace(postA, "one place.", "one place on Github.", 1))
	})
	out := w.run(t)
	run := w.checkRun(t)
	if !hasAnnotation(run, "posts/a.md", 6, "failure", "GitHub") {
		t.Errorf("the head's config was used: the base's brand-names rule did not fire: %v", run.Annotations)
	}
	if !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") {
		t.Errorf("blocked stages = %v, want owners for a change to greenlight.hcl", out.BlockedStages)
	}
	if !strings.Contains(run.Summary, "This pull request changes how posts are judged (`greenlight.hcl`)") {
		t.Errorf("summary:\n%s", run.Summary)
	}
	w.approve("root", w.head, 5)
	out = w.run(t)
	if slices.Contains(out.BlockedStages, "owners") {
		t.Errorf("owners still blocked after root approved: %v", out.BlockedStages)
	}
}

// A team the token cannot read blocks the merge and says how to fix it.
func TestUnreadableTeamFailsClosed(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	delete(w.gh.Teams, "Codertocat/legal")
	out := w.run(t)
	if out.Conclusion != "failure" {
		t.Fatalf("conclusion = %s, want failure", out.Conclusion)
	}
	run := w.checkRun(t)
	for _, want := range []string{"Cannot read the members of team Codertocat/legal", "Members: read", "read:org"} {
		if !strings.Contains(run.Summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, run.Summary)
		}
	}
	if run.Conclusion != "failure" || run.Title != "Blocked: Greenlight could not decide" {
		t.Errorf("check run %s: %q", run.Conclusion, run.Title)
	}
}

// A GitHub outage that passes is retried; one that does not fails closed
// with the reason, and the check run says so.
func TestAPIErrors(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.gh.Fail["GET /repos/Codertocat/Hello-World/pulls/2/reviews"] = &fakegithub.Failure{Status: 502, Times: 1}
	if out := w.run(t); out.Conclusion != "failure" || strings.Join(out.BlockedStages, ",") != "copy-edit,brand" {
		t.Errorf("after one 502: %s %v, want the normal verdict (retried)", out.Conclusion, out.BlockedStages)
	}
	w.gh.Fail["GET /repos/Codertocat/Hello-World/pulls/2/reviews"] = &fakegithub.Failure{Status: 503, Times: 100}
	out := w.run(t)
	run := w.checkRun(t)
	if out.Conclusion != "failure" || !strings.Contains(run.Summary, "Cannot list the pull request's reviews") {
		t.Errorf("after a lasting outage: %s\n%s", out.Conclusion, run.Summary)
	}
	if strings.Contains(run.Summary, "ghs_secret-token") {
		t.Error("the token is in the summary")
	}
}

// More findings than GitHub takes in one request: every one is annotated,
// 50 at a time, and the run completes with the last batch.
func TestAnnotationsInBatches(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/a.md", strings.Replace(postA, "one place.", strings.Repeat("More synergy. ", 120), 1))
	})
	out := w.run(t)
	run := w.checkRun(t)
	hype := 0
	for _, a := range run.Annotations {
		if a["title"] == "hype" {
			hype++
		}
	}
	if hype != 120 || len(run.Annotations) != out.Findings || out.Findings <= 100 {
		t.Errorf("%d annotations (%d hype) for %d findings; want every finding, the 120 hype ones included", len(run.Annotations), hype, out.Findings)
	}
	if run.Updates != 2 || run.Status != "completed" || run.Conclusion != "failure" {
		t.Errorf("%d updates, %s/%s; want a create and 2 updates (50+50+rest), completed", run.Updates, run.Status, run.Conclusion)
	}
}

// The API calls a run makes do not grow with the number of posts: only
// annotations past GitHub's 50 per request add one check run update per
// 50, and a pull request of over 100 files one more page of its files per
// 100 (GitHub lists at most 100 a page; the fake paginates the same way).
// Less those, a run with inline suggestions makes 12 calls (one reads where
// the base branch stands, whose rules judge), and 13 on a commit whose
// check passes: it marks the check in progress before judging, then
// completes that check run. That is with the workflow's
// GITHUB_TOKEN; a user's token adds one GET /user on a run that meets a
// marked comment (TestSummaryCommentFoundByItsAuthor counts it). A teams
// token adds none: it only takes over the team reads.
func TestAPICallsConstantInPosts(t *testing.T) {
	calls := func(posts int, green, teams bool) int {
		// Each post has a style finding with a fix, so the run posts
		// inline suggestions too.
		w := newWorld(t, func(r *repo) {
			for i := range posts {
				r.write(fmt.Sprintf("posts/p%03d.md", i), strings.Replace(postB, "today.", "today on Github.", 1))
			}
		})
		if green {
			w.gh.Mu.Lock()
			w.gh.CheckRuns = append(w.gh.CheckRuns, &fakegithub.CheckRun{ID: 1, Name: "greenlight: main", HeadSHA: w.head,
				Status: "completed", Conclusion: "success"})
			w.gh.Mu.Unlock()
		}
		var opts []func(*action.Options)
		if teams {
			opts = append(opts, withTeamsToken(w))
		}
		out := w.run(t, opts...)
		if n := len(w.gh.ReviewComments); n != posts {
			t.Errorf("%d posts: %d inline comments, want one a post", posts, n)
		}
		files := len(w.gh.Files)
		pages := w.gh.Count("GET /repos/Codertocat/Hello-World/pulls/2/files")
		if want := (files + 99) / 100; pages != want {
			t.Errorf("%d files listed in %d pages, want %d", files, pages, want)
		}
		// The verdict's first request creates the check run, or completes
		// the one marked in progress; each further 50 annotations update it.
		batches := max((out.Findings+49)/50, 1)
		creates := w.gh.Count("POST /repos/Codertocat/Hello-World/check-runs")
		updates := w.gh.Count("PATCH /repos/Codertocat/Hello-World/check-runs/")
		if want := batches - 1; !green && (creates != 1 || updates != want) {
			t.Errorf("%d posts, %d findings: %d check runs created and %d updates, want 1 and %d", posts, out.Findings, creates, updates, want)
		}
		if green && (creates != 1 || updates != batches) {
			t.Errorf("%d posts, %d findings on a green commit: %d check runs created and %d updates, want 1 (in progress) and %d", posts, out.Findings, creates, updates, batches)
		}
		n := len(w.gh.Requests)
		if testing.Verbose() && posts == 1 {
			for _, r := range w.gh.Requests {
				t.Logf("  %s %s", r.Method, r.Path)
			}
		}
		t.Logf("%d posts (%d files, %d findings), green before: %v, teams token: %v: %d API calls, %d of them check run updates for annotations past the first 50 and %d extra pages of files",
			posts, files, out.Findings, green, teams, n, batches-1, pages-1)
		return n - (batches - 1) - (pages - 1)
	}
	for _, teams := range []bool{false, true} {
		for _, green := range []bool{false, true} {
			if teams && green {
				continue // the teams token meets only the team reads, which a green commit does not change
			}
			want := 13
			if green {
				want = 14
			}
			for _, posts := range []int{1, 100, 101} { // 101 files take two pages
				if n := calls(posts, green, teams); n != want {
					t.Errorf("%d posts, green before: %v, teams token: %v: %d API calls less annotation batches and file pages, want %d", posts, green, teams, n, want)
				}
			}
		}
	}
}

// commentEvent writes an issue_comment payload: GitHub's real example,
// on pull request 2, with the comment's id, author and body.
func commentEvent(t *testing.T, c fakegithub.Comment) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(fakegithub.Dir(t), "..", "github-webhooks", "issue_comment.created.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	issue := ev["issue"].(map[string]any)
	issue["number"] = 2
	issue["pull_request"] = map[string]any{"url": "https://api.github.com/repos/Codertocat/Hello-World/pulls/2"}
	comment := ev["comment"].(map[string]any)
	comment["id"], comment["body"] = c.ID, c.Body
	comment["user"].(map[string]any)["login"] = c.User
	out, _ := json.Marshal(ev)
	path := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// enableCommands turns comment commands on in the base branch's config
// (the pull request cannot) and rebases the pull request onto it.
func (w *world) enableCommands() {
	w.git("checkout", "-q", "main")
	w.write("greenlight.hcl", strings.Replace(baseConfig, `timezone       = "America/New_York"`, `timezone       = "America/New_York"
  comment_commands = true`, 1))
	w.base = w.commit("enable /approve")
	w.git("checkout", "-q", "post")
	w.git("rebase", "-q", "main")
	w.head = w.git("rev-parse", "HEAD")
}

// /approve comments count like reviews when the config enables them: for
// the head the run they triggered saw, only in stages their author can
// approve, and not once edited.
func TestApproveComments(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("greenlight.hcl", baseConfig) // unchanged: no owners stage needed
		r.write("posts/b.md", strings.Replace(postB, "today.", "today, risk-free.", 1))
	})
	w.enableCommands()
	w.gh.PR.Base, w.gh.PR.Head = w.base, w.head
	w.gh.Files = w.files(w.base, w.head)

	at := time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)
	say := func(id int64, user, body string) func(*action.Options) {
		c := fakegithub.Comment{ID: id, User: user, Body: body, Created: at}
		w.gh.Mu.Lock()
		w.gh.Comments = append(w.gh.Comments, c)
		w.gh.Mu.Unlock()
		return func(o *action.Options) { o.Env.EventName, o.Env.EventPath = "issue_comment", commentEvent(t, c) }
	}
	// The pull request's own run, an hour before the comments, sees its
	// head: a command counts only for a head some run saw before it.
	w.run(t, func(o *action.Options) { o.Now = func() time.Time { return at.Add(-time.Hour) } })
	w.run(t, say(501, "kim", "Copy is fine.\n/approve"))
	w.run(t, say(502, "lee", "/approve brand")) // lee is legal, not brand
	w.run(t, say(503, "mia", "/approve brand")) // mia is in legal too: only brand
	out := w.run(t, say(504, "lee", "/approve legal"))
	if out.Conclusion != "success" {
		t.Fatalf("conclusion = %s, blocked %v; want every stage approved by comment", out.Conclusion, out.BlockedStages)
	}
	if run := w.checkRun(t); !strings.Contains(run.Summary, "@lee cannot approve brand") {
		t.Errorf("the summary does not say lee cannot approve brand:\n%s", run.Summary)
	}
	// A later run of another event still counts the recorded commands.
	if out := w.run(t); out.Conclusion != "success" {
		t.Errorf("a pull_request run after the commands: %s %v", out.Conclusion, out.BlockedStages)
	}
	// An edited command no longer counts; an unseen one never did.
	w.gh.Mu.Lock()
	for i := range w.gh.Comments {
		if w.gh.Comments[i].ID == 504 {
			w.gh.Comments[i].Updated = at.Add(time.Hour)
		}
	}
	w.gh.Comments = append(w.gh.Comments, fakegithub.Comment{ID: 505, User: "lee", Body: "/approve legal", Created: at})
	w.gh.Mu.Unlock()
	out = w.run(t)
	if strings.Join(out.BlockedStages, ",") != "legal" {
		t.Errorf("blocked %v, want legal: an edited command must not count\n%s", out.BlockedStages, out.Markdown)
	}
	// A push makes the comment approvals stale like reviews.
	w.run(t, say(506, "lee", "/approve legal"))
	w.push(func(r *repo) { r.write("posts/b.md", strings.Replace(postB, "today.", "today, risk-free!", 1)) })
	if out := w.run(t); strings.Join(out.BlockedStages, ",") != "copy-edit,brand,legal" {
		t.Errorf("after a push: blocked %v, want every stage again", out.BlockedStages)
	}
}

// Renaming a post keeps its approvals (its text is the same); removing
// one lists it; the summary says both.
func TestRenamedAndRemovedPosts(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/b.md", postB)
	})
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("before the rename: %s %v", out.Conclusion, out.BlockedStages)
	}
	w.push(func(r *repo) {
		r.git("mv", "posts/b.md", "posts/savings.md")
		r.git("rm", "-q", "posts/a.md")
	})
	out := w.run(t)
	// The rename keeps its approvals; removing a post is the owners' call.
	if out.Conclusion != "failure" || strings.Join(out.BlockedStages, ",") != "owners" || !strings.Contains(out.Markdown, "removes posts (`posts/a.md`)") {
		t.Errorf("after a pure rename and a removal: %s %v; want only owners pending, for the removal\n%s", out.Conclusion, out.BlockedStages, out.Markdown)
	}
	w.approve("root", w.head, 3)
	if out = w.run(t); out.Conclusion != "success" {
		t.Errorf("after a pure rename, the removal approved: %s %v; approvals of the same text must still count\n%s", out.Conclusion, out.BlockedStages, out.Markdown)
	}
	if !strings.Contains(out.Markdown, "`posts/a.md` is removed.") {
		t.Errorf("summary does not list the removed post:\n%s", out.Markdown)
	}
	// A rename against the base shows where the post came from.
	w = newWorld(t, func(r *repo) { r.git("mv", "posts/a.md", "posts/launch.md") })
	if out := w.run(t); !strings.Contains(out.Markdown, "`posts/launch.md` (renamed from `posts/a.md`)") {
		t.Errorf("summary:\n%s", out.Markdown)
	}
}

// An approving review counts only for the stages its author's roles
// approve: eve holds no role and lee only legal, so neither signs off
// copy-edit or brand, however they review.
func TestApprovalFromOutsideTheRoleDoesNotCount(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/b.md", strings.Replace(postB, "today.", "today, risk-free.", 1))
	})
	w.approve("eve", w.head, 1) // in no role
	w.approve("lee", w.head, 2) // legal, not copy or brand
	out := w.run(t)
	if got := strings.Join(out.BlockedStages, ","); out.Conclusion != "failure" || got != "copy-edit,brand" {
		t.Fatalf("%s, blocked %s; want failure blocked on copy-edit,brand: approvals from outside their roles must not count\n%s", out.Conclusion, got, out.Markdown)
	}
	if strings.Contains(out.Markdown, "@eve") {
		t.Errorf("the summary credits eve, who holds no role:\n%s", out.Markdown)
	}
	w.approve("kim", w.head, 3)
	w.approve("mia", w.head, 4)
	if out := w.run(t); out.Conclusion != "success" {
		t.Errorf("%s, blocked %v; want success once copy and brand approve (lee's approval counts for legal)", out.Conclusion, out.BlockedStages)
	}
}

// A comment that reaches the program is judged like any other event, even
// when it only mentions a command: the job that started for it cancelled
// the run judging the pull request, and the check must not be left in
// progress until the next event.
func TestACommentWithoutACommandIsJudged(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/a.md", strings.Replace(postA, "one place.", "one place on Github.", 1))
	})
	c := fakegithub.Comment{ID: 601, User: "kim", Body: "Can legal /approve this soon?", Created: time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)}
	w.gh.Mu.Lock()
	w.gh.Comments = append(w.gh.Comments, c)
	w.gh.Mu.Unlock()
	out := w.run(t, func(o *action.Options) { o.Env.EventName, o.Env.EventPath = "issue_comment", commentEvent(t, c) })
	if out.Conclusion != "failure" || strings.Join(out.BlockedStages, ",") != "copy-edit,brand" {
		t.Fatalf("conclusion %s, blocked %v; want the pull request judged (failing on Github, copy-edit and brand pending)", out.Conclusion, out.BlockedStages)
	}
	if run := w.checkRun(t); run.Status != "completed" || run.Conclusion != "failure" || run.HeadSHA != w.head {
		t.Errorf("check run %s/%s on %s; want a completed failure on the head", run.Status, run.Conclusion, run.HeadSHA)
	}
}

// A pull request event whose payload names no pull request is an error,
// never a skip that would read as a pass.
func TestPullRequestEventWithoutAPullRequestFails(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	empty := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(empty, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := w.runErr(t, func(o *action.Options) { o.Env.EventPath = empty })
	if err == nil || !strings.Contains(err.Error(), "names no pull request") || out.Conclusion == "skipped" {
		t.Errorf("outcome %+v, error %v; want an error saying the payload names no pull request", out, err)
	}
}

// A config that reads a vocabulary and a spelling ignore file is judged
// with the base branch's copies of them (as of its policies and styles),
// and a pull request that changes one needs the owners stage: what the
// spelling accepts is how posts are judged.
func TestVocabulariesAndSpellingFilesComeFromTheBase(t *testing.T) {
	r := newRepo(t)
	r.git("checkout", "-q", "main")
	r.write("greenlight.hcl", strings.Replace(baseConfig, "greenlight {", "greenlight {\n  vocabularies = [\"vocab/Team\"]", 1)+`
spelling {
  level  = "error"
  ignore = ["words.txt"]
}
`)
	r.write("vocab/Team/accept.txt", "Zorbly\n")
	r.write("words.txt", "Quuxify\n")
	r.write("posts/a.md", strings.Replace(postA, "one place.", "one place, Zorbly and Quuxify.", 1))
	base := r.commit("base with a vocabulary")
	r.git("checkout", "-q", "-B", "post")
	r.write("vocab/Team/accept.txt", "Zorbly\nFrobnicate\n")
	r.write("posts/a.md", strings.Replace(postA, "one place.", "one place, Zorbly, Quuxify and Frobnicate.", 1))
	head := r.commit("accept another word, and use it")
	gh := fakegithub.New(t, fakegithub.PR{Number: 2, Author: "ada", Head: head, HeadRef: "post", Base: base, BaseRef: "main"})
	gh.Files = r.files(base, head)
	gh.Teams["Codertocat/legal"] = []string{"lee", "mia"}
	w := &world{repo: r, gh: gh, base: base, head: head,
		summary: filepath.Join(t.TempDir(), "summary.md"), output: filepath.Join(t.TempDir(), "output")}
	out := w.run(t)
	run := w.checkRun(t)
	if strings.Contains(run.Summary, "could not decide") || strings.Contains(run.Summary, "not found") {
		t.Fatalf("the base's vocabulary or ignore file was not read:\n%s", run.Summary)
	}
	// Judged by the base's vocabulary: Frobnicate is not in it yet.
	if !hasAnnotation(run, "posts/a.md", 6, "failure", "Frobnicate") || hasAnnotation(run, "posts/a.md", 6, "failure", "Zorbly") ||
		hasAnnotation(run, "posts/a.md", 6, "failure", "Quuxify") {
		t.Errorf("annotations %v: want Frobnicate flagged (the head's vocabulary does not count), Zorbly and Quuxify accepted", run.Annotations)
	}
	if !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") || !strings.Contains(run.Summary, "vocab/Team/accept.txt") {
		t.Errorf("blocked stages %v: a change to the vocabulary needs the owners stage\n%s", out.BlockedStages, run.Summary)
	}
}
