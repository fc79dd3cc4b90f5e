package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// check shows each pending stage's deadline, and which are late, as of
// --now.
func TestCheckShowsDeadlines(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("greenlight.hcl", `
greenlight {
  content  = ["posts/*.md"]
  timezone = "America/New_York"
}
role "copy"  { users = ["kim"] }
role "legal" { users = ["lee"] }
stage "copy-edit" { approvers = [role.copy] }
stage "legal" {
  after     = [stage.copy-edit]
  approvers = [role.legal]
  due       = "2 business days before publish"
}
deadlines { default = "24h before publish" }
`)
	// Monday 09:00: copy-edit due Sunday 09:00, legal Thursday 09:00.
	write("posts/launch.md", "---\ntitle: Launch\nchannels: [x]\npublish_at: 2026-11-30 09:00\n---\nOur dashboards are here.\n")
	stdout, stderr, _ := run(t, "check", "--no-color", "--now", "2026-11-28 12:00", filepath.Join(dir, "posts"))
	for _, want := range []string{
		"copy-edit pending, due Sun 29 Nov 09:00 EST",
		"legal waiting for copy-edit, late: was due Thu 26 Nov 09:00 EST",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s%s", want, stdout, stderr)
		}
	}
	stdout, _, _ = run(t, "check", "--format", "json", "--now", "2026-11-25 12:00", filepath.Join(dir, "posts"))
	var out struct {
		Signoffs []struct {
			Stages []struct {
				Name string
				Due  string
				Late bool
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || len(out.Signoffs) != 1 {
		t.Fatalf("%v\n%s", err, stdout)
	}
	got := out.Signoffs[0].Stages
	if got[0].Due != "2026-11-29T09:00:00-05:00" || got[0].Late || got[1].Due != "2026-11-26T09:00:00-05:00" || got[1].Late {
		t.Errorf("stages = %+v; on Wednesday nothing is late yet", got)
	}
}

// The README's deadlines example is what check prints on the examples.
func TestREADMEDeadlinesExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const command = "`greenlight check examples/ --now \"2026-12-14 12:00\"`"
	_, rest, ok := strings.Cut(string(readme), command)
	if !ok {
		t.Fatalf("the README no longer shows %s", command)
	}
	_, block, _ := strings.Cut(rest, "```text\n")
	block, _, _ = strings.Cut(block, "```")
	stdout, stderr, _ := run(t, "check", "--no-color", "--now", "2026-12-14 12:00", "examples/")
	n := 0
	for _, line := range strings.Split(block, "\n") {
		if line == "" || line == "..." {
			continue
		}
		n++
		if !strings.Contains(stdout, line+"\n") {
			t.Errorf("check does not print the README's line\n%s\n%s%s", line, stdout, stderr)
		}
	}
	if n < 2 {
		t.Errorf("the README's example after %s has %d lines", command, n)
	}
}
