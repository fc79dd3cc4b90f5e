package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPreCommitHooks: .pre-commit-hooks.yaml parses, each hook runs a real
// greenlight command, and its file patterns pick what they are meant to.
func TestPreCommitHooks(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string `yaml:"id"`
		Name          string `yaml:"name"`
		Description   string `yaml:"description"`
		Entry         string `yaml:"entry"`
		Language      string `yaml:"language"`
		Files         string `yaml:"files"`
		Exclude       string `yaml:"exclude"`
		PassFilenames *bool  `yaml:"pass_filenames"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf("not the hooks YAML: %v", err)
	}
	want := map[string]struct {
		pass          bool
		match, ignore []string
	}{
		"greenlight-check": {true,
			[]string{"posts/2026-12-01-launch.md", "examples/posts/a.md"},
			[]string{"README.md", "docs/README.md", "CHANGELOG.md", "greenlight.hcl", "posts/a.txt"}},
		"greenlight-validate": {false,
			[]string{"greenlight.hcl", "examples/greenlight.hcl"},
			[]string{"my-greenlight.hcl", "greenlight.hcl.bak", "posts/a.md"}},
	}
	if len(hooks) != len(want) {
		t.Errorf("%d hooks, want %d", len(hooks), len(want))
	}
	for _, h := range hooks {
		t.Run(h.ID+" runs a greenlight command on the files it names", func(t *testing.T) {
			w, ok := want[h.ID]
			if !ok {
				t.Fatalf("unexpected hook %q", h.ID)
			}
			if h.Language != "golang" || h.Name == "" || h.PassFilenames == nil || *h.PassFilenames != w.pass {
				t.Errorf("language %q, name %q, pass_filenames %v; want golang, a name, %v", h.Language, h.Name, h.PassFilenames, w.pass)
			}
			args := strings.Fields(h.Entry)
			if len(args) != 2 || args[0] != "greenlight" {
				t.Fatalf("entry %q, want greenlight SUBCOMMAND", h.Entry)
			}
			stdout, stderr, code := run(t, args[1], "--help")
			if code != 0 || !strings.Contains(stdout, "Usage:\n  greenlight "+args[1]) {
				t.Errorf("greenlight %s --help: exit %d\n%s%s", args[1], code, stdout, stderr)
			}
			// pre-commit matches with Python's re.search; these patterns
			// mean the same in Go's syntax.
			files, exclude := regexp.MustCompile(h.Files), regexp.MustCompile("^$")
			if h.Exclude != "" {
				exclude = regexp.MustCompile(h.Exclude)
			}
			picks := func(p string) bool { return files.MatchString(p) && !exclude.MatchString(p) }
			for _, p := range w.match {
				if !picks(p) {
					t.Errorf("does not run on %s", p)
				}
			}
			for _, p := range w.ignore {
				if picks(p) {
					t.Errorf("runs on %s", p)
				}
			}
		})
	}
}

// TestPreCommitCheckOfStagedPosts is the hook's run from the repository
// root with the staged posts as arguments: the config is found from the
// first one, and the exit status is the check's.
func TestPreCommitCheckOfStagedPosts(t *testing.T) {
	clean, hype := "examples/posts/2026-12-01-dashboard-launch.md", "examples/posts/2026-12-02-hype.md"
	if _, stderr, code := run(t, "check", clean); code != 0 {
		t.Errorf("a clean staged post: exit %d, want 0\n%s", code, stderr)
	}
	if stdout, _, code := run(t, "check", clean, hype); code != 1 || !strings.Contains(stdout, "in 2 posts.") {
		t.Errorf("a staged post with errors: exit %d, want 1\n%s", code, stdout)
	}
}

// TestGitLabCIExample: examples/gitlab-ci.yml parses, its greenlight lines
// name formats check has, and the files they write are the ones the jobs
// publish and read.
func TestGitLabCIExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot, "examples/gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	type job struct {
		Script    []string `yaml:"script"`
		Artifacts struct {
			Paths   []string `yaml:"paths"`
			Reports struct {
				Codequality string `yaml:"codequality"`
			} `yaml:"reports"`
		} `yaml:"artifacts"`
	}
	var ci struct {
		Check  job `yaml:"greenlight"`
		Review job `yaml:"greenlight-review"`
	}
	if err := yaml.Unmarshal(b, &ci); err != nil {
		t.Fatalf("not YAML: %v", err)
	}
	check, review := ci.Check, ci.Review
	if len(review.Script) == 0 {
		t.Fatal("no greenlight-review job")
	}
	script := strings.Join(check.Script, "\n")
	for _, want := range []string{
		"greenlight check --format gitlab . > " + check.Artifacts.Reports.Codequality,
		"greenlight check --format rdjsonl . > " + strings.Join(check.Artifacts.Paths, " "),
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the check job does not run %q:\n%s", want, script)
		}
	}
	if !strings.Contains(strings.Join(review.Script, "\n"), "-f=rdjsonl -name=greenlight -reporter=gitlab-mr-discussion") ||
		!strings.HasSuffix(review.Script[len(review.Script)-1], "< greenlight.rdjsonl") {
		t.Errorf("the review job does not feed the rdjsonl report to reviewdog:\n%s", strings.Join(review.Script, "\n"))
	}
	if !strings.Contains(string(b), "ghcr.io/greenlighthq/greenlight:v1") {
		t.Error("the check job does not run the release image")
	}
	for _, f := range []string{"gitlab", "rdjsonl"} {
		if _, _, code := run(t, "check", "--format", f, "examples/posts/2026-12-01-dashboard-launch.md"); code != 0 {
			t.Errorf("--format %s: exit %d on a clean post", f, code)
		}
	}
}
