package main

import (
	"os"
	"strings"
	"testing"
)

// TestCheckReadsAPostFromStandardInput: `check -` judges the post on
// standard input under the --stdin-filename, as if it were that file.
func TestCheckReadsAPostFromStandardInput(t *testing.T) {
	hype, err := os.ReadFile(repoRoot + "/examples/posts/2026-12-02-hype.md")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		stdin   string
		args    []string
		code    int
		want    []string
		notWant []string
	}{
		{"the name finds the config and is the name in messages", string(hype),
			[]string{"check", "-", "--stdin-filename", "examples/posts/2026-12-02-hype.md"}, 1,
			[]string{"examples/posts/2026-12-02-hype.md\n", "2:10  warning  hype", "error    brand-names"}, nil},
		{"without a name the post is stdin.md", "Our revolutionary Github app.\n",
			[]string{"check", "-", "--config", "examples/greenlight.hcl"}, 1,
			[]string{"stdin.md\n", "brand-names"}, nil},
		{"bad front matter is exit 2 at its place", "---\nchanels: [x]\n---\nHi.\n",
			[]string{"check", "-", "--stdin-filename", "examples/posts/bad.md"}, 2, nil, nil},
		{"- with another PATH is a usage error", "",
			[]string{"check", "-", "examples/posts"}, 2, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runInput(t, repoRoot, tc.stdin, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d:\n%s%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("output does not say %q:\n%s", w, stdout)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(stdout, w) {
					t.Errorf("output says %q:\n%s", w, stdout)
				}
			}
		})
	}
}

// TestStdinFilenameIsWhatWaiversMatch: the waiver for posts/a.md applies
// to standard input named posts/a.md, and not under another name.
func TestStdinFilenameIsWhatWaiversMatch(t *testing.T) {
	dir := t.TempDir()
	cfg := `rule "hype" {
  tokens = ["revolutionary"]
}
waiver "launch" {
  rules  = ["hype"]
  posts  = ["posts/a.md"]
  reason = "The launch post may say it."
}
`
	if err := os.WriteFile(dir+"/greenlight.hcl", []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, file, want string }{
		{"the waived post's name", "posts/a.md", "greenlight.waived"},
		{"another name", "posts/b.md", "warning  hype"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, _ := runInput(t, dir, "A revolutionary app.\n", "check", "-", "--stdin-filename", tc.file, "--fail-on", "error")
			if !strings.Contains(stdout, tc.want) {
				t.Errorf("output does not say %q:\n%s%s", tc.want, stdout, stderr)
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(repoRoot + "/" + path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
