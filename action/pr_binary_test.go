package action_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// prToken is the laptop's token: a person's, as gh auth token gives.
const prToken = "gho_LaptopTokenThatMustNeverBePrinted01"

// laptop is one run of `greenlight pr` from the built binary.
type laptop struct {
	code           int
	stdout, stderr string
	// writes are the requests the run made other than GETs.
	writes []string
}

// pr runs `greenlight pr ARGS...` in dir as a person runs it from a
// terminal: a token in GITHUB_TOKEN, the API in GITHUB_API_URL, git, and
// nothing of GitHub Actions. env are further NAME=value entries; a NAME=
// entry leaves NAME out.
func (w *world) pr(t *testing.T, dir string, env []string, args ...string) laptop {
	t.Helper()
	base := map[string]string{"PATH": os.Getenv("PATH"), "HOME": w.dir, "GIT_CONFIG_NOSYSTEM": "1",
		"GITHUB_API_URL": w.gh.URL, "GITHUB_TOKEN": prToken}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		base[name] = value
	}
	var environ []string
	for name, value := range base {
		if value != "" {
			environ = append(environ, name+"="+value)
		}
	}
	from := len(w.requests())
	cmd := exec.Command(greenlightBinary(t), append([]string{"pr"}, args...)...)
	cmd.Env, cmd.Dir = environ, dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	l := laptop{}
	var exit *exec.ExitError
	if err := cmd.Run(); errors.As(err, &exit) {
		l.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run the binary: %v", err)
	}
	l.stdout, l.stderr = stdout.String(), stderr.String()
	for _, r := range w.requests()[from:] {
		if r.Method != "GET" {
			l.writes = append(l.writes, r.Method+" "+r.Path)
		}
		if r.Auth != "" && r.Auth != "Bearer "+prToken && r.Auth != "Bearer "+base["GREENLIGHT_TOKEN"] && r.Auth != "Bearer "+base["GREENLIGHT_TEAMS_TOKEN"] {
			t.Errorf("%s %s: Authorization %q, want a token of the environment", r.Method, r.Path, r.Auth)
		}
	}
	t.Logf("greenlight pr %s: exit %d, writes %v\nstderr:\n%s", strings.Join(args, " "), l.code, l.writes, l.stderr)
	for _, text := range []string{l.stdout, l.stderr} {
		if strings.Contains(text, prToken[4:]) || strings.Contains(text, e2eToken[4:]) {
			t.Errorf("the token is in the output:\n%s", text)
		}
	}
	return l
}

func (w *world) requests() []fakegithub.Request {
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	return slices.Clone(w.gh.Requests)
}

var prArgs = []string{"--repo", "Codertocat/Hello-World", "--number", "2", "--now", "2026-11-23T12:00:00Z"}

// greenlight pr judges the pull request as the Action does and prints the
// verdict in each format, without one write to GitHub.
func TestBinaryPRPrintsTheVerdictAndWritesNothing(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/savings.md", savings) })

	text := w.pr(t, w.dir, nil, prArgs...)
	if text.code != 1 {
		t.Fatalf("exit %d, want 1 (blocked)\nstdout:\n%s", text.code, text.stdout)
	}
	for _, want := range []string{
		"✖ Greenlight → main: Blocked: 4 errors, waiting for copy-edit, brand, legal\n",
		"\nposts/savings.md  publishes Wed 2 Dec 2026, 09:00 EST\n",
		"  copy-edit  pending (",
		"  brand      waiting for copy-edit (",
		"  legal      waiting for brand (compliance: financial-claims)\n",
		"\nNext to sign off: copy-edit.\n",
		"config and policies from main at " + w.base[:7],
	} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("the text lacks %q:\n%s", want, text.stdout)
		}
	}
	if !regexp.MustCompile(`\n  6:27 +error +brand-names +Use 'GitHub' instead of 'Github'\.  \(fix: GitHub\)\n`).MatchString(text.stdout) {
		t.Errorf("the text does not show the style finding at 6:27 with its fix:\n%s", text.stdout)
	}

	// The README's example is this output, but for the commits.
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, example, ok := strings.Cut(string(readme), "$ greenlight pr --repo acme/posts --number 42\n")
	example, _, _ = strings.Cut(example, "```")
	shown := strings.NewReplacer(w.head[:7], "7cba4d8", w.base[:7], "1c2f672").Replace(text.stdout)
	if !ok || example != shown {
		t.Errorf("the README's From a laptop example is not what greenlight pr prints:\n%s\nprinted:\n%s", example, shown)
	}

	// JSON, with the token in GREENLIGHT_TOKEN instead.
	js := w.pr(t, w.dir, []string{"GITHUB_TOKEN=", "GREENLIGHT_TOKEN=" + e2eToken}, append(prArgs, "--format", "json")...)
	var got struct {
		Repository    string   `json:"repository"`
		PullRequest   int      `json:"pull_request"`
		Head          string   `json:"head"`
		Conclusion    string   `json:"conclusion"`
		BlockedStages []string `json:"blocked_stages"`
		Findings      []struct {
			Path, Rule, Level, Suggestion string
			Line                          int
		} `json:"findings"`
		Posts []struct {
			Path   string `json:"path"`
			Stages []struct {
				Name    string `json:"name"`
				Status  string
				Pending bool     `json:"pending"`
				Waiting []string `json:"waiting_for"`
			} `json:"stages"`
		} `json:"posts"`
	}
	if err := json.Unmarshal([]byte(js.stdout), &got); err != nil {
		t.Fatalf("--format json: %v\n%s", err, js.stdout)
	}
	if js.code != 1 || got.Repository != "Codertocat/Hello-World" || got.PullRequest != 2 || got.Head != w.head || got.Conclusion != "failure" ||
		strings.Join(got.BlockedStages, ",") != "copy-edit,brand,legal" {
		t.Errorf("--format json: exit %d, %s#%d at %s: %s blocked on %v; want 1, Codertocat/Hello-World#2 at the head, failure blocked on copy-edit,brand,legal",
			js.code, got.Repository, got.PullRequest, got.Head, got.Conclusion, got.BlockedStages)
	}
	if !slices.ContainsFunc(got.Findings, func(f struct {
		Path, Rule, Level, Suggestion string
		Line                          int
	}) bool {
		return f.Path == "posts/savings.md" && f.Line == 6 && f.Rule == "brand-names" && f.Level == "error" && f.Suggestion == "GitHub"
	}) {
		t.Errorf("--format json: no brand-names error on posts/savings.md:6 with its fix: %+v", got.Findings)
	}
	if len(got.Posts) != 1 || got.Posts[0].Path != "posts/savings.md" || len(got.Posts[0].Stages) < 3 {
		t.Fatalf("--format json: posts %+v, want posts/savings.md with its stages", got.Posts)
	}
	var stages []string
	for _, s := range got.Posts[0].Stages {
		if s.Pending {
			stages = append(stages, s.Name+"/"+strings.Join(s.Waiting, "+"))
		}
	}
	if strings.Join(stages, ",") != "copy-edit/,brand/copy-edit,legal/brand" {
		t.Errorf("--format json: pending stages %v, want copy-edit, brand after copy-edit, legal after brand", stages)
	}

	md := w.pr(t, w.dir, []string{"GITHUB_SERVER_URL=https://github.com"}, append(prArgs, "--format", "markdown")...)
	if md.code != 1 || !strings.HasPrefix(md.stdout, "### ⛔ Greenlight → `main`: Blocked") || !strings.Contains(md.stdout, "| `brand-names` |") ||
		!strings.Contains(md.stdout, "https://github.com/Codertocat/Hello-World/blob/"+w.head+"/posts/savings.md#L6") {
		t.Errorf("--format markdown: exit %d, want 1 and the summary comment's body, linked to github.com:\n%s", md.code, md.stdout)
	}

	for _, l := range []laptop{text, js, md} {
		if len(l.writes) != 0 {
			t.Errorf("greenlight pr wrote to GitHub without --report: %v", l.writes)
		}
	}
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	if len(w.gh.CheckRuns) != 0 || len(w.gh.Comments) != 0 || len(w.gh.ReviewsPosted) != 0 || len(w.gh.ReviewRequests) != 0 {
		t.Errorf("the pull request changed: %d check runs, %d comments, %d reviews, %d review requests",
			len(w.gh.CheckRuns), len(w.gh.Comments), len(w.gh.ReviewsPosted), len(w.gh.ReviewRequests))
	}
}

// With --report, greenlight pr writes the verdict as the Action does;
// with a list, only what it names.
func TestBinaryPRReportWritesTheVerdict(t *testing.T) {
	t.Run("every reporter", func(t *testing.T) {
		w := newWorld(t, func(r *repo) { r.write("posts/savings.md", savings) })
		l := w.pr(t, w.dir, nil, append(prArgs, "--report")...)
		if l.code != 1 || !strings.Contains(l.stdout, "Blocked") {
			t.Fatalf("exit %d, want 1 and the verdict printed:\n%s", l.code, l.stdout)
		}
		run := w.checkRun(t)
		if run.Name != "greenlight: main" || run.HeadSHA != w.head || run.Status != "completed" || run.Conclusion != "failure" {
			t.Errorf("check run %q on %s: %s/%s, want \"greenlight: main\" failure on the head", run.Name, run.HeadSHA, run.Status, run.Conclusion)
		}
		if n := len(w.summaryComments()); n != 1 {
			t.Errorf("%d summary comments, want 1", n)
		}
		if got := names(w.lastRequest()["reviewers"]); got != "kim" {
			t.Errorf("asked %q, want kim (copy-edit)", got)
		}
		if len(w.gh.ReviewComments) != 1 {
			t.Errorf("review comments %+v, want the suggestion for Github", w.gh.ReviewComments)
		}
		// Run again: the Action's idempotence holds from a laptop too.
		again := w.pr(t, w.dir, nil, append(prArgs, "--report")...)
		if again.code != 1 || len(w.summaryComments()) != 1 || len(w.gh.ReviewComments) != 1 || len(w.gh.ReviewRequests) != 1 {
			t.Errorf("re-run: exit %d, %d summary comments, %d review comments, %d review requests; want 1, and nothing new",
				again.code, len(w.summaryComments()), len(w.gh.ReviewComments), len(w.gh.ReviewRequests))
		}
	})
	t.Run("only the comment", func(t *testing.T) {
		w := newWorld(t, func(r *repo) { r.write("posts/savings.md", savings) })
		l := w.pr(t, w.dir, nil, append(prArgs, "--report=comment")...)
		if l.code != 1 || len(w.summaryComments()) != 1 {
			t.Errorf("exit %d, %d summary comments; want 1 and 1", l.code, len(w.summaryComments()))
		}
		for _, write := range l.writes {
			if !strings.HasPrefix(write, "POST /repos/Codertocat/Hello-World/issues/2/comments") {
				t.Errorf("--report=comment wrote %s", write)
			}
		}
	})
}

// A pull request every stage signed off passes: exit 0. The legal team
// is read with GREENLIGHT_TEAMS_TOKEN alone, as the Action reads it.
func TestBinaryPRPassesWhenSignedOff(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/savings.md", strings.Replace(savings, "Github", "GitHub", 1)) })
	w.gh.Tokens = map[string]string{teamsToken: "greenlight-teams"}
	w.gh.TeamReaders = []string{teamsToken}
	for i, who := range []string{"kim", "mia", "lee"} {
		w.approve(who, w.head, i)
	}
	from := len(w.requests())
	l := w.pr(t, w.dir, []string{"GREENLIGHT_TEAMS_TOKEN=" + teamsToken}, prArgs...)
	if l.code != 0 || !strings.HasPrefix(l.stdout, "✔ Greenlight → main: Ready to merge") || !strings.Contains(l.stdout, "approved by @lee at "+w.head[:7]) {
		t.Errorf("exit %d, want 0 and ready to merge, legal by lee:\n%s", l.code, l.stdout)
	}
	if len(l.writes) != 0 {
		t.Errorf("wrote %v", l.writes)
	}
	for _, r := range w.requests()[from:] {
		want := "Bearer " + prToken
		if strings.HasPrefix(r.Path, "/orgs/Codertocat/teams/") {
			want = "Bearer " + teamsToken
		}
		if r.Auth != want {
			t.Errorf("%s %s: Authorization %q, want %q", r.Method, r.Path, r.Auth, want)
		}
	}
	if strings.Contains(l.stdout+l.stderr, teamsToken[len("github_pat_"):]) {
		t.Errorf("the teams token is in the output:\n%s%s", l.stdout, l.stderr)
	}
}

// A clone without the pull request's head fetches it from origin (here
// only under refs/pull/2/head, as a fork's is); when origin has not got
// it either, the error says which git command to run.
func TestBinaryPRFetchesTheCommitsItLacks(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/savings.md", savings) })
	tmp := t.TempDir()
	origin, clone := filepath.Join(tmp, "origin.git"), filepath.Join(tmp, "clone")
	w.git("clone", "-q", "--bare", "--no-local", "--single-branch", "--branch", "main", w.dir, origin)
	w.git("clone", "-q", "--no-local", origin, clone)
	if out, err := exec.Command("git", "-C", clone, "cat-file", "-e", w.head+"^{commit}").CombinedOutput(); err == nil {
		t.Fatalf("the clone already has the head: %s", out)
	}

	l := w.pr(t, clone, nil, prArgs...)
	want := "git fetch origin " + w.base + " refs/pull/2/head"
	if l.code != 2 || !strings.Contains(l.stderr, want) || l.stdout != "" {
		t.Errorf("origin without the head: exit %d, want 2 and %q\nstdout:\n%s", l.code, want, l.stdout)
	}

	w.git("push", "-q", origin, w.head+":refs/pull/2/head")
	l = w.pr(t, clone, nil, prArgs...)
	if l.code != 1 || !strings.Contains(l.stdout, "brand-names") || !strings.Contains(l.stderr, "fetching the pull request's commits "+w.head[:7]) {
		t.Errorf("origin with refs/pull/2/head: exit %d, want 1 and the verdict after fetching %s\nstdout:\n%s", l.code, w.head[:7], l.stdout)
	}
	if out, err := exec.Command("git", "-C", clone, "cat-file", "-e", w.head+"^{commit}").CombinedOutput(); err != nil {
		t.Errorf("the clone still lacks the head: %s", out)
	}
	if len(l.writes) != 0 {
		t.Errorf("wrote %v", l.writes)
	}
}

// Mistakes are usage errors (exit 2) that say what to do, and ask GitHub
// nothing; the token is never a flag.
func TestBinaryPRUsageErrors(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/savings.md", savings) })
	tests := []struct {
		name string
		dir  string
		env  []string
		args []string
		want string
		// asks says the run reaches the API.
		asks bool
	}{
		{"no token", "", []string{"GITHUB_TOKEN="}, prArgs, "no GitHub token: set GITHUB_TOKEN or GREENLIGHT_TOKEN", false},
		{"a repository without its owner", "", nil, []string{"--repo", "Hello-World", "--number", "2"}, `--repo "Hello-World": want the repository as OWNER/NAME`, false},
		{"a repository URL", "", nil, []string{"--repo", "https://github.com/Codertocat/Hello-World", "--number", "2"}, "want the repository as OWNER/NAME", false},
		{"no number", "", nil, []string{"--repo", "Codertocat/Hello-World"}, `"number" not set`, false},
		{"number zero", "", nil, []string{"--repo", "Codertocat/Hello-World", "--number", "0"}, "--number: want the pull request's number", false},
		{"an unknown format", "", nil, append(prArgs, "--format", "sarif"), `--format "sarif": want text, json or markdown`, false},
		{"an unknown reporter", "", nil, append(prArgs, "--report=comments"), `--report: unknown reporter "comments" (want check-run, review, comment, reviewers;`, false},
		{"the token as a flag", "", nil, append(prArgs, "--token", prToken), "unknown flag: --token", false},
		{"outside a clone", t.TempDir(), nil, prArgs, "run greenlight pr in a clone of Codertocat/Hello-World, or name one with --workspace", false},
		{"a pull request that does not exist", "", nil, []string{"--repo", "Codertocat/Hello-World", "--number", "99"}, "read pull request #99", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir
			if dir == "" {
				dir = w.dir
			}
			from := len(w.requests())
			l := w.pr(t, dir, tt.env, tt.args...)
			if l.code != 2 || !strings.Contains(l.stderr, tt.want) {
				t.Errorf("exit %d, want 2 and %q in:\n%s", l.code, tt.want, l.stderr)
			}
			if asked := len(w.requests()) > from; asked != tt.asks {
				t.Errorf("asked GitHub: %v, want %v", asked, tt.asks)
			}
			if len(l.writes) != 0 {
				t.Errorf("wrote %v", l.writes)
			}
		})
	}
}

func TestBinaryPRHelpShowsAnExample(t *testing.T) {
	out, err := exec.Command(greenlightBinary(t), "pr", "--help").CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"greenlight pr --repo acme/posts --number 42", "GITHUB_TOKEN", "--report", "--format"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("--help lacks %q:\n%s", want, out)
		}
	}
}
