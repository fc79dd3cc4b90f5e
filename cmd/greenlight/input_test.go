package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// secretText is in a file beside the repository; no command may print it.
const secretText = "SECRET-TOKEN-5f3a"

// inputRepo is a content repository in a temporary folder: a config that
// selects posts/**/*.md (with max_post_size when it is not 0) and one clean
// post; beside it, outside the repository, a secret file.
func inputRepo(t *testing.T, maxPostSize int) (dir, secret string) {
	t.Helper()
	base := t.TempDir()
	dir = filepath.Join(base, "repo")
	cfg := "greenlight {\n  content = [\"posts/**/*.md\"]\n"
	if maxPostSize > 0 {
		cfg += "  max_post_size = " + strconv.Itoa(maxPostSize) + "\n"
	}
	cfg += "}\n"
	secret = filepath.Join(base, "secret.md")
	files := map[string]string{
		"repo/greenlight.hcl": cfg,
		"repo/posts/clean.md": "---\ntitle: Clean\nchannels: [x]\n---\nA short, plain post.\n",
		"secret.md":           "---\ntitle: " + secretText + "\n---\n" + secretText + "\n",
	}
	for name, body := range files {
		p := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, secret
}

// TestPostsThatAreLinksAreRefused: a post that is a symbolic link is an
// error with exit status 2 in every command that reads posts, whether the
// content globs select it or it is named, and what it points to is never
// read: not a secret beside the repository, not /dev/zero.
func TestPostsThatAreLinksAreRefused(t *testing.T) {
	commands := [][]string{
		{"check", "."},
		{"check", "--format", "json", "."},
		{"check", "posts/link.md"},
		{"inspect", "posts/link.md"},
		{"preview", "posts/link.md"},
		{"calendar", "."},
	}
	for _, target := range []string{"secret", "/dev/zero"} {
		for _, args := range commands {
			t.Run(strings.Join(args, " ")+" refuses a link to "+target, func(t *testing.T) {
				dir, secret := inputRepo(t, 0)
				to := target
				if to == "secret" {
					to = secret
				}
				if err := os.Symlink(to, filepath.Join(dir, "posts", "link.md")); err != nil {
					t.Skip("cannot make a symbolic link:", err)
				}
				stdout, stderr, code := runIn(t, dir, args...)
				if code != 2 {
					t.Errorf("exit %d, want 2; stderr:\n%s", code, stderr)
				}
				if !strings.Contains(stderr, "posts/link.md:1:1: error: Post is a symbolic link") {
					t.Errorf("no located refusal naming the file:\n%s", stderr)
				}
				if strings.Contains(stdout+stderr, secretText) {
					t.Errorf("the linked file's content was printed:\n%s\n%s", stdout, stderr)
				}
			})
		}
	}
}

// TestPostsLargerThanTheLimitAreRefused: an oversized post is an error at
// its first line naming its size and the limit, and the other posts are
// still checked.
func TestPostsLargerThanTheLimitAreRefused(t *testing.T) {
	tests := []struct {
		name  string
		limit int // max_post_size, 0 for the default
		size  int
		want  string
	}{
		{"a post over max_post_size is refused", 1000, 1001, "posts/big.md is 1001 bytes, over max_post_size, 1000 bytes"},
		{"a post of exactly max_post_size is read", 1000, 1000, ""},
		{"a post over the default 256 KiB is refused", 0, 256<<10 + 1, "over max_post_size, 262144 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := inputRepo(t, tc.limit)
			head := "---\ntitle: Big\n---\n"
			body := head + strings.Repeat("word ", (tc.size-len(head))/5)
			body += strings.Repeat("\n", tc.size-len(body))
			if err := os.WriteFile(filepath.Join(dir, "posts", "big.md"), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := runIn(t, dir, "check", "--format", "json", ".")
			if tc.want == "" {
				if strings.Contains(stderr, "Post too large") || code == 2 {
					t.Errorf("exit %d, the post was refused:\n%s", code, stderr)
				}
				return
			}
			if code != 2 || !strings.Contains(stderr, "posts/big.md:1:1: error: Post too large") || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d; want 2 and a refusal saying %q:\n%s", code, tc.want, stderr)
			}
			if !strings.Contains(stdout, `"posts": 2`) {
				t.Errorf("the report does not count both posts:\n%s", stdout)
			}
		})
	}
}

// TestPostsThroughALinkedFolderStayInside: a post named through a folder
// that links outside the repository is refused, and not read.
func TestPostsThroughALinkedFolderStayInside(t *testing.T) {
	dir, secret := inputRepo(t, 0)
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(dir, "posts", "outside")); err != nil {
		t.Skip("cannot make a symbolic link:", err)
	}
	stdout, stderr, code := runIn(t, dir, "inspect", "posts/outside/secret.md")
	if code != 2 || !strings.Contains(stderr, "posts/outside/secret.md:1:1: error: Cannot read post") ||
		!strings.Contains(stderr, "leads outside") {
		t.Errorf("exit %d; want 2 and a located refusal:\n%s", code, stderr)
	}
	if strings.Contains(stdout+stderr, secretText) {
		t.Errorf("the file outside the repository was printed:\n%s\n%s", stdout, stderr)
	}
}

// TestControlCharactersAreShownEscaped: a post's control characters and
// bidi overrides reach the terminal escaped, in previews and diagnostics.
func TestControlCharactersAreShownEscaped(t *testing.T) {
	tests := []struct {
		name, post string
		args       []string
		want       string // in stdout or stderr
	}{
		{
			name: "a post refused for its escape sequence shows them escaped",
			post: "---\ntitle: T\nchannels: [x]\n---\nHello \x1b]0;pwned\x07 \u202Eworld.\n",
			args: []string{"preview", "posts/ctl.md"},
			want: `Hello \x1b]0;pwned\x07 <U+202E>world.`,
		},
		{
			name: "a front matter error's source line is shown escaped",
			post: "---\ntitle: T\ncampaign: @acme \x1b[2J\u202E\n---\nBody.\n",
			args: []string{"check", "posts/ctl.md"},
			want: ` 3 | campaign: @acme \x1b[2J<U+202E>`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := inputRepo(t, 0)
			if err := os.WriteFile(filepath.Join(dir, "posts", "ctl.md"), []byte(tc.post), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, _ := runIn(t, dir, tc.args...)
			if strings.ContainsAny(stdout+stderr, "\x1b\x07\u202E") {
				t.Errorf("raw control characters reach the terminal:\n%q\n%q", stdout, stderr)
			}
			if !strings.Contains(stdout+stderr, tc.want) {
				t.Errorf("output does not show %q:\n%s\n%s", tc.want, stdout, stderr)
			}
		})
	}
}

// TestWithoutAConfig: validate refuses to call a missing config valid, and
// check says on stderr, not in its report, that it runs the defaults.
func TestWithoutAConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "post.md"), []byte("---\ntitle: T\n---\nHello.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("validate exits 2 saying where it looked and how to make one", func(t *testing.T) {
		stdout, stderr, code := runIn(t, dir, "validate")
		if code != 2 || strings.Contains(stdout, "valid") {
			t.Errorf("exit %d, stdout %q; want 2 and no verdict", code, stdout)
		}
		for _, want := range []string{"no greenlight.hcl in " + dir, "create one", "--config"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr does not say %q:\n%s", want, stderr)
			}
		}
	})
	t.Run("check says on stderr that it runs the built-in defaults, and keeps JSON clean", func(t *testing.T) {
		stdout, stderr, code := runIn(t, dir, "check", "--format", "json", ".")
		if code != 0 {
			t.Errorf("exit %d, want 0:\n%s", code, stderr)
		}
		if n := strings.Count(stderr, "using the built-in defaults"); n != 1 {
			t.Errorf("the note is printed %d times, want once:\n%s", n, stderr)
		}
		var v any
		if err := json.Unmarshal([]byte(stdout), &v); err != nil {
			t.Errorf("stdout is not JSON (%v):\n%s", err, stdout)
		}
	})
	// The note names no one command's work ("checking" was wrong for
	// config and explain): it reads true whichever command prints it.
	note := "greenlight: no greenlight.hcl in " + dir + " or its parents; using the built-in defaults (every Markdown file is a post, no team rules)\n"
	for _, args := range [][]string{{"check", "."}, {"config"}, {"explain"}, {"calendar"}, {"schema", "front-matter"}} {
		t.Run(args[0]+" says it is using the built-in defaults, once", func(t *testing.T) {
			_, stderr, code := runIn(t, dir, args...)
			if code != 0 {
				t.Errorf("exit %d, want 0:\n%s", code, stderr)
			}
			if n := strings.Count(stderr, note); n != 1 || strings.Contains(stderr, "checking") {
				t.Errorf("stderr holds the note %d times, want once, and no \"checking\":\n%s", n, stderr)
			}
		})
	}
}

// TestStyleFoldersThatLoadNothingAreErrors: a styles entry that is a link,
// that holds no rule, or that does not exist is an error at the element
// that names it, and validate exits 2 instead of calling the config valid.
func TestStyleFoldersThatLoadNothingAreErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) error
		want  string
	}{
		{"a style folder that is a link to a real style is refused", func(t *testing.T, dir string) error {
			return os.Symlink(filepath.Join(repoRoot, "examples", "styles", "Acme"), filepath.Join(dir, "styles", "Acme"))
		}, "greenlight.hcl:3:13: error: Style folder is a symbolic link"},
		{"a style folder without rules is an error", func(t *testing.T, dir string) error {
			return os.MkdirAll(filepath.Join(dir, "styles", "Acme"), 0o755)
		}, "greenlight.hcl:3:13: error: Style folder has no rules"},
		{"a style folder that does not exist is an error", func(t *testing.T, dir string) error { return nil },
			"greenlight.hcl:3:13: error: Style folder not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := inputRepo(t, 0)
			cfg := "greenlight {\n  content = [\"posts/**/*.md\"]\n  styles = [\"styles/Acme\"]\n}\n"
			if err := os.WriteFile(filepath.Join(dir, "greenlight.hcl"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "styles"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tc.setup(t, dir); err != nil {
				t.Skip("cannot set up:", err)
			}
			stdout, stderr, code := runIn(t, dir, "validate")
			if code != 2 || strings.Contains(stdout, "is valid") {
				t.Errorf("exit %d, stdout %q; want 2 and no verdict", code, stdout)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr does not say %q:\n%s", tc.want, stderr)
			}
		})
	}
}

// TestFilesInContentFoldersThatAreNoPostsAreNamed: check names the files in
// a content folder that the globs do not select (which the gate asks the
// owners stage for), and does not count them as checked; an ignore glob
// the config writes itself silences it.
func TestFilesInContentFoldersThatAreNoPostsAreNamed(t *testing.T) {
	dir, _ := inputRepo(t, 0)
	for _, name := range []string{"posts/shout.MD", "posts/README.md", "posts/media/a.png", "notes/plan.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("Risk-free returns!\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, code := runIn(t, dir, "check", ".")
	if code != 0 {
		t.Errorf("exit %d, want 0 (the one post is clean)", code)
	}
	if !strings.Contains(stderr, "3 files are in the content folders not checked") ||
		!strings.Contains(stderr, "posts/README.md, posts/media/a.png, posts/shout.MD") || strings.Contains(stderr, "notes/plan.txt") {
		t.Errorf("check does not name exactly the content folders' files it did not check:\n%s", stderr)
	}
	cfg := "greenlight {\n  content = [\"posts/**/*.md\"]\n  ignore = [\"posts/media/**\", \"**/README.md\"]\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "greenlight.hcl"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := runIn(t, dir, "check", "."); !strings.Contains(stderr, "1 file is in the content folders not checked") {
		t.Errorf("the config's own ignore globs do not exempt what they name:\n%s", stderr)
	}
}

// TestWaiversOfUnknownRulesAreRefused: validate and check refuse a waiver
// that names a rule no finding can carry, at the element, with exit 2.
func TestWaiversOfUnknownRulesAreRefused(t *testing.T) {
	cfg := "greenlight { content = [\"posts/**/*.md\"] }\n" +
		"waiver \"caps\" {\n  rules  = [\"greenlight.voice.max-cap\"]\n  reason = \"Support hours are in capitals.\"\n}\n"
	tests := []struct {
		name string
		args []string
	}{
		{"validate refuses the config", []string{"validate"}},
		{"check refuses the config", []string{"check", "posts"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := inputRepo(t, 0)
			if err := os.WriteFile(filepath.Join(dir, "greenlight.hcl"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := runIn(t, dir, tc.args...)
			if code != 2 || stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout)
			}
			for _, want := range []string{"greenlight.hcl:3:13: error: Unknown rule", `Did you mean "greenlight.voice.max-caps"?`, "greenlight explain"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
		})
	}
}
