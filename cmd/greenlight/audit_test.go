package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/audit"
)

// publishBranch is a clone whose main has two merges made the way
// scheduled publishing makes them (a squash commit whose message ends
// with the sign-off trailers), a commit of someone else's, and a merged
// branch whose own commit quotes a trailer: only the publish branch's
// first-parent history is the record.
func publishBranch(t *testing.T) (dir string, approved map[string]string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir = t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Greenlight", "-c", "user.email=gl@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_COMMITTER_DATE=2026-12-01T14:30:00Z", "GIT_AUTHOR_DATE=2026-12-01T14:30:00Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	commit := func(file, msg string) string {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(file)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), []byte(msg), 0o644); err != nil {
			t.Fatal(err)
		}
		git("add", "-A")
		git("commit", "-q", "-m", msg)
		return git("rev-parse", "HEAD")
	}
	git("init", "-q", "-b", "main")
	commit("greenlight.hcl", "Start the posts repository")
	approved = map[string]string{"kim": strings.Repeat("a1", 20), "mia": strings.Repeat("b2", 20), "lee": strings.Repeat("c3", 20)}
	msg := func(pr int, title string, records ...audit.Record) string {
		m := title + "\n\nPublished by Greenlight on schedule (due 2026-12-01T14:00:00Z, merged 2026-12-01T14:30:00Z).\n\n" +
			audit.TrailerPullRequest + ": " + strconv.Itoa(pr) + "\n"
		for _, r := range records {
			m += audit.TrailerSignoff + ": " + r.Trailer() + "\n"
		}
		return m
	}
	commit("posts/due.md", msg(11, "Publish: Dashboards (#11)",
		audit.Record{Post: "posts/due.md", Stage: "copy-edit", User: "kim", Commit: approved["kim"]},
		audit.Record{Post: "posts/due.md", Stage: "brand", User: "mia", Commit: approved["mia"]}))
	commit("README.md", "Fix a typo in the README")
	git("checkout", "-q", "-b", "side")
	commit("posts/side.md", "Add a post\n\n"+audit.TrailerSignoff+": \"posts/side.md\" legal eve 0000000")
	git("checkout", "-q", "main")
	git("merge", "-q", "--no-ff", "-m", msg(12, "Publish: Savings (#12)",
		audit.Record{Post: "posts/savings plan.md", Stage: "legal", User: "lee", Commit: approved["lee"]}), "side")
	return dir, approved
}

// TestAuditListsTheSignoffsOfTheMerges: `greenlight audit main` prints
// every sign-off the publish branch's merges recorded, newest merge
// first, as JSON Lines or as text; nothing from commits that are not the
// branch's own merges.
func TestAuditListsTheSignoffsOfTheMerges(t *testing.T) {
	dir, approved := publishBranch(t)

	stdout, stderr, code := runIn(t, dir, "audit", "main")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var r audit.Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("not a JSON line: %q: %v", line, err)
		}
		if len(r.MergeSHA) != 40 || r.MergedAt.UTC().Format("2006-01-02 15:04") != "2026-12-01 14:30" {
			t.Errorf("record %+v: want the merge's SHA and time", r)
		}
		got = append(got, strings.Join([]string{strconv.Itoa(r.PullRequest), r.Post, r.Stage, r.User, r.Commit}, " "))
	}
	want := []string{
		"12 posts/savings plan.md legal lee " + approved["lee"],
		"11 posts/due.md copy-edit kim " + approved["kim"],
		"11 posts/due.md brand mia " + approved["mia"],
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit main lists\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	text, _, code := runIn(t, dir, "audit", "--format", "text")
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if code != 0 || len(lines) != 3 ||
		!strings.HasPrefix(lines[0], "2026-12-01 14:30 UTC  #12    posts/savings plan.md") ||
		!strings.Contains(lines[1], " copy-edit    @kim              approved a1a1a1a ") {
		t.Errorf("exit %d, text:\n%s", code, text)
	}
}

func TestAuditRefusals(t *testing.T) {
	dir, _ := publishBranch(t)
	for _, tt := range []struct {
		name, dir string
		args      []string
		code      int
		stderr    string
	}{
		{"an unknown format", dir, []string{"audit", "--format", "csv"}, 2, `--format "csv": want jsonl or text`},
		{"a branch the clone lacks", dir, []string{"audit", "origin/main"}, 2, `no branch or commit "origin/main" in this clone`},
		{"a folder that is not a clone", t.TempDir(), []string{"audit"}, 2, "audit reads the history of a git clone"},
		{"a history without Greenlight merges", dir, []string{"audit", "main~3"}, 0, "no sign-offs recorded in the history of main~3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runIn(t, tt.dir, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout, stderr, tt.code, tt.stderr)
			}
		})
	}
}
