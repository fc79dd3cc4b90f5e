package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Red-team probes of greenlight check, which is the whole gate on GitLab
// (examples/gitlab-ci.yml) and in pre-commit.

const redTeamConfig = `greenlight {
  content = ["posts/**/*.md"]
}
rule "brand-names" {
  level = "error"
  swap  = { "Github" = "GitHub" }
}
`

func redTeamRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["greenlight.hcl"] = redTeamConfig
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

// check's folder walk skips every folder named node_modules, although the
// content globs select posts/node_modules/x.md and the GitHub Action
// judges it: a post committed there passes `greenlight check .`.
func TestRedTeamBlockedCheckFindsPostsUnderNodeModules(t *testing.T) {
	dir := redTeamRepo(t, map[string]string{
		"posts/ok.md":                "---\ntitle: Fine\nchannels: [x]\n---\nAll good.\n",
		"posts/node_modules/evil.md": "---\ntitle: Evil\nchannels: [x]\n---\nWe love Github.\n",
	})
	stdout, stderr, code := runIn(t, dir, "check", ".")
	if code == 0 || !strings.Contains(stdout+stderr, "evil.md") {
		t.Errorf("bypass: exit %d; posts/node_modules/evil.md was not checked:\n%s\n%s", code, stdout, stderr)
	}
}

// The control: the same post one folder up fails the check.
func TestRedTeamBlockedCheckFindsNestedPosts(t *testing.T) {
	dir := redTeamRepo(t, map[string]string{
		"posts/ok.md":           "---\ntitle: Fine\nchannels: [x]\n---\nAll good.\n",
		"posts/nested/evil.md":  "---\ntitle: Evil\nchannels: [x]\n---\nWe love Github.\n",
		"posts/.hidden/evil.md": "---\ntitle: Evil\nchannels: [x]\n---\nWe love Github.\n",
	})
	stdout, stderr, code := runIn(t, dir, "check", ".")
	if code != 1 || !strings.Contains(stdout, "nested/evil.md") || !strings.Contains(stdout, ".hidden/evil.md") {
		t.Errorf("exit %d:\n%s\n%s", code, stdout, stderr)
	}
}

// A --config from another folder made check walk a folder that none of its
// content globs can reach: 0 posts, exit 0, whatever the posts said. A
// folder outside the config's folder is now an error; post files named on
// the command line are still checked.
func TestRedTeamBlockedCheckOfAFolderOutsideTheConfigs(t *testing.T) {
	base := t.TempDir()
	cfg := filepath.Join(base, "greenlight.hcl")
	if err := os.WriteFile(cfg, []byte("greenlight { content = [\"posts/**/*.md\"] }\nrule \"b\" {\n  level = \"error\"\n  swap  = { \"Github\" = \"GitHub\" }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := redTeamRepo(t, map[string]string{"posts/a.md": "---\ntitle: A\nchannels: [x]\n---\nWe love Github.\n"})
	if _, stderr, code := runIn(t, dir, "check", "--config", cfg, "."); code != 2 || !strings.Contains(stderr, "is outside") {
		t.Errorf("exit %d, want 2 saying the folder is outside the config's:\n%s", code, stderr)
	}
	if stdout, _, code := runIn(t, dir, "check", "--config", cfg, "posts/a.md"); code != 1 || !strings.Contains(stdout, "GitHub") {
		t.Errorf("a post named on the command line: exit %d\n%s", code, stdout)
	}
}
