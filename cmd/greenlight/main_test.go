package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is where the README's commands run from.
var repoRoot = func() string {
	abs, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	return abs
}()

// run executes the CLI in-process from the repository root and returns its
// output and exit status.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runIn(t, repoRoot, args...)
}

// runIn executes the CLI in-process from dir: a usage or input error is
// exit status 2 with its message on stderr, as main makes it.
func runIn(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runInput(t, dir, "", args...)
}

// runInput is runIn with stdin as the command's standard input.
func runInput(t *testing.T, dir, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	root := newRoot(&out, &errb)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err := root.ExecuteContext(t.Context())
	var exit exitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = int(exit)
	default:
		errb.WriteString(err.Error())
		code = 2
	}
	return out.String(), errb.String(), code
}

type jsonOut struct {
	Findings []struct {
		Path, Rule, Level, Message, Suggestion string
		Line, Col, EndLine, EndCol             int
	} `json:"findings"`
	Summary map[string]int `json:"summary"`
}

// TestCheckExamples is the product's main job: every planted violation in
// examples/ is reported at its exact place, and nothing else. The expected
// lines in examples/expected.txt were checked by hand against the posts.
func TestCheckExamples(t *testing.T) {
	stdout, stderr, code := run(t, "check", "--format", "json", "examples/")
	if code != 1 {
		t.Fatalf("exit status %d, want 1 (error-level findings); stderr:\n%s", code, stderr)
	}
	var out jsonOut
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output is not the documented JSON: %v\n%s", err, stdout)
	}
	var got strings.Builder
	for _, f := range out.Findings {
		fmt.Fprintf(&got, "%s:%d:%d:%s:%s:%s\n", f.Path, f.Line, f.Col, f.Level, f.Rule, f.Message)
	}
	golden(t, "examples/expected.txt", got.String())
	if out.Summary["posts"] != 19 {
		t.Errorf("summary.posts = %d, want 19 (every post under examples/posts)", out.Summary["posts"])
	}
}

func TestCleanPostsHaveNoFindings(t *testing.T) {
	for _, post := range []string{
		"examples/posts/2026-12-01-dashboard-launch.md",
		"examples/posts/2026-12-04-customer-story.md",
		"examples/posts/2026-12-05-holiday-hours.md",
	} {
		t.Run(filepath.Base(post), func(t *testing.T) {
			stdout, stderr, code := run(t, "check", post)
			if code != 0 || !strings.Contains(stdout, "0 errors, 0 warnings and 0 info in 1 post.") {
				t.Errorf("exit %d, want a clean check:\n%s%s", code, stdout, stderr)
			}
		})
	}
}

// TestCodeAndSwitchesAreNotLinted: banned words in code and in a part the
// author switched off are not reported, and the switch is noted, as a
// waiver is, so that reviewers see what it quieted.
func TestCodeAndSwitchesAreNotLinted(t *testing.T) {
	stdout, stderr, code := run(t, "check", "examples/posts/2026-12-12-code-and-controls.md")
	if code != 0 || !strings.Contains(stdout, "greenlight.waived  hype switched off by the author: 1 warning not reported, from line 9.") ||
		!strings.Contains(stdout, "0 errors, 0 warnings and 1 info in 1 post.") {
		t.Errorf("exit %d, want only the switch's note:\n%s%s", code, stdout, stderr)
	}
}

func TestFailOnWarningTightensTheExitStatus(t *testing.T) {
	post := "examples/posts/2026-12-06-capitals.md" // warnings only
	// The summary's mark says what the exit status says.
	if stdout, _, code := run(t, "check", post); code != 0 || !strings.Contains(stdout, "✔ 0 errors, ") {
		t.Errorf("warnings only: exit %d, want 0 and ✔:\n%s", code, stdout)
	}
	if stdout, _, code := run(t, "check", "--fail-on", "warning", post); code != 1 || !strings.Contains(stdout, "✖ 0 errors, ") {
		t.Errorf("--fail-on warning: exit %d, want 1 and ✖:\n%s", code, stdout)
	}
}

// TestBrokenConfigReportsEveryMistake: five kinds of mistakes, five
// diagnostics, each with file:line:col and the source line, exit status 2.
func TestBrokenConfigReportsEveryMistake(t *testing.T) {
	_, stderr, code := run(t, "validate", "examples/broken")
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	header := regexp.MustCompile(`(?m)^examples/broken/greenlight\.hcl:(\d+):(\d+): error: (.+)$`)
	var got []string
	for _, m := range header.FindAllStringSubmatch(stderr, -1) {
		got = append(got, m[1]+":"+m[2]+" "+m[3])
	}
	want := []string{
		"4:14 Unknown time zone",
		"11:16 Unknown role",
		"10:1 Cycle in stage order",
		"22:15 Invalid regular expression",
		"23:3 Unsupported argument",
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("missing diagnostic %q; got:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d diagnostics, want %d:\n%s", len(got), len(want), stderr)
	}
	if n := strings.Count(stderr, " |   approvers = [role.brnad]"); n != 1 {
		t.Errorf("the snippet of the bad line is missing:\n%s", stderr)
	}
}

func TestCheckRefusesABrokenConfig(t *testing.T) {
	stdout, _, code := run(t, "check", "examples/broken")
	if code != 2 || stdout != "" {
		t.Errorf("exit %d with output %q; want 2 and no report", code, stdout)
	}
}

func TestBadFrontMatterIsAnInputError(t *testing.T) {
	stdout, stderr, code := run(t, "check", "--config", "examples/greenlight.hcl", "examples/broken/bad-front-matter.md")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr, "examples/broken/bad-front-matter.md:4:1: error: Invalid front matter") {
		t.Errorf("no located diagnostic:\n%s", stderr)
	}
	if !strings.Contains(stdout, "1 post could not be checked") {
		t.Errorf("the summary hides the unreadable post:\n%s", stdout)
	}
}

func TestFormats(t *testing.T) {
	t.Run("sarif is a SARIF 2.1.0 log with one result per finding", func(t *testing.T) {
		stdout, _, _ := run(t, "check", "--format", "sarif", "examples/posts/2026-12-02-hype.md")
		var log struct {
			Version string
			Runs    []struct{ Results []json.RawMessage }
		}
		if err := json.Unmarshal([]byte(stdout), &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
			t.Fatalf("not a SARIF 2.1.0 log (%v):\n%s", err, stdout)
		}
		if n := len(log.Runs[0].Results); n != 6 {
			t.Errorf("%d results, want 6", n)
		}
	})
	t.Run("github prints one workflow command per finding", func(t *testing.T) {
		stdout, _, _ := run(t, "check", "--format", "github", "examples/posts/2026-12-02-hype.md")
		if n := strings.Count(stdout, "::error file=examples/posts/2026-12-02-hype.md,"); n != 3 {
			t.Errorf("%d ::error commands, want 3:\n%s", n, stdout)
		}
	})
	t.Run("an unknown format is a usage error", func(t *testing.T) {
		if _, _, code := run(t, "check", "--format", "xml", "examples/"); code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
	})
}

func TestUsageErrorsExitTwo(t *testing.T) {
	if _, _, code := run(t, "check", "--no-such-flag"); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if _, _, code := run(t, "check", "no/such/dir"); code != 2 {
		t.Errorf("missing path: exit %d, want 2", code)
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it after review):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestPreviewCounts pins the exact counts of example posts with emoji, CJK
// text, URLs and per-channel sections. Each figure was worked out by hand
// from the platform's rules (see the comments).
func TestPreviewCounts(t *testing.T) {
	stdout, stderr, code := run(t, "preview", "--format", "json",
		"examples/posts/2026-12-10-unicode.md", "examples/posts/2026-12-17-variants.md", "examples/posts/2026-12-01-dashboard-launch.md")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got []struct {
		Path     string
		Channels map[string]struct {
			Length, Limit int
			Unit          string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not the documented JSON: %v\n%s", err, stdout)
	}
	want := map[string]map[string]string{
		// 8 CJK characters weigh 2 each, the flag and the wave are emoji
		// (2 each), the em dash weighs 1: 122. On Bluesky the flag's two
		// regional indicators are one grapheme: 113 code points, 112.
		"examples/posts/2026-12-10-unicode.md": {"x": "122/280 weighted", "bluesky": "112/300 graphemes"},
		// X posts its own section: 13 full-width characters at 2, two emoji
		// at 2 and the URL at 23: 337. LinkedIn posts its own section (379
		// code points, the limit being the team's 1,300); Bluesky the common
		// copy (91).
		"examples/posts/2026-12-17-variants.md": {"x": "337/280 weighted", "linkedin": "379/1300 characters", "bluesky": "91/300 graphemes"},
		// 152 ASCII characters, of which the URL is 71: it counts 23 on X
		// (152 - 71 + 23 = 104) and in full elsewhere.
		"examples/posts/2026-12-01-dashboard-launch.md": {"x": "104/280 weighted", "linkedin": "152/1300 characters", "bluesky": "152/300 graphemes"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d posts, want %d", len(got), len(want))
	}
	for _, p := range got {
		for ch, w := range want[p.Path] {
			c := p.Channels[ch]
			if g := fmt.Sprintf("%d/%d %s", c.Length, c.Limit, c.Unit); g != w {
				t.Errorf("%s on %s: %s, want %s", p.Path, ch, g, w)
			}
		}
		if len(p.Channels) != len(want[p.Path]) {
			t.Errorf("%s: channels %v, want one per channel the post targets", p.Path, p.Channels)
		}
	}
}

// A team policy's Rego error is shown with its source line, as a config
// mistake is.
func TestRegoErrorsShowTheirSourceLine(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"greenlight.hcl":  "greenlight {\n  policies = [\"policies\"]\n}\n",
		"policies/p.rego": "package acme.bad\n\ndeny contains x if {\n  x := \n}\n",
		"posts/a-post.md": "---\ntitle: A post\n---\nHello.\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"validate", "."}, {"check", "."}} {
		_, stderr, code := runIn(t, dir, args...)
		if code != 2 || !strings.Contains(stderr, "policies/p.rego:5:1: error: Invalid policy\n 5 | }\n   | ^\n") {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit 2 and the error with its source line", args, code, stderr)
		}
	}
}

// With --format github, what stops a check (a config mistake, a post that
// cannot be read) is an annotation on its file too.
func TestGitHubFormatAnnotatesWhatStopsTheCheck(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--format", "github", "examples/broken"},
			`::error file=examples/broken/greenlight.hcl,line=11,col=16,endLine=11,endColumn=26,title=Unknown role::No role "brnad" is declared. Declared: legal.`},
		{[]string{"check", "--format", "github", "--config", "examples/greenlight.hcl", "examples/broken/bad-front-matter.md"},
			"::error file=examples/broken/bad-front-matter.md,line=4,col=1,endLine=4,endColumn=11,title=Invalid front matter::The front matter is not valid YAML"},
	} {
		stdout, _, code := run(t, tc.args...)
		if code != 2 || !strings.Contains(stdout, tc.want) {
			t.Errorf("%v: exit %d, stdout:\n%s\nwant exit 2 and %s", tc.args, code, stdout, tc.want)
		}
	}
}
