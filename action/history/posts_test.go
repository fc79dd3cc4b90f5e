package history

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/stats"
	"github.com/greenlighthq/greenlight/engine/config"
)

// clone is a real git repository for the posts of a history.
type clone struct {
	t   *testing.T
	dir string
}

func newClone(t *testing.T) *clone {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	c := &clone{t: t, dir: t.TempDir()}
	c.git("init", "-q", "-b", "main")
	c.write("greenlight.hcl", "greenlight {\n  content  = [\"posts/*.md\"]\n  timezone = \"America/New_York\"\n}\n")
	c.commit("start")
	return c
}

func (c *clone) git(args ...string) string {
	c.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Ada", "-c", "user.email=ada@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+c.dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		c.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (c *clone) write(name, text string) {
	c.t.Helper()
	if err := os.MkdirAll(filepath.Join(c.dir, filepath.Dir(name)), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, name), []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

func (c *clone) commit(msg string) string {
	c.git("add", "-A")
	c.git("commit", "-q", "-m", msg)
	return c.git("rev-parse", "HEAD")
}

func postAt(at string) string {
	return "---\ntitle: A post\nchannels: [x]\npublish_at: " + at + "\n---\nHello.\n"
}

// Without a Merge-After line, a pull request's publish time is its posts'
// earliest publish_at, read from the clone as scheduled publishing reads
// it: a merged one's at its merge commit, an open one's at its head, only
// the posts it changes; one the clone lacks is logged and left without.
func TestFetchReadsPublishTimesFromTheClone(t *testing.T) {
	c := newClone(t)
	// #1 adds two posts and is squash-merged into main.
	c.git("checkout", "-q", "-b", "pr-1")
	c.write("posts/a.md", postAt("2026-11-03 09:00"))
	c.write("posts/b.md", postAt("2026-11-02 09:00"))
	c.write("notes.md", postAt("2026-10-01 09:00")) // not a post: outside the content globs
	head1 := c.commit("two posts")
	c.git("checkout", "-q", "main")
	c.git("merge", "-q", "--squash", "pr-1")
	merge1 := c.commit("Publish (#1)")
	// #2 branches off, adds a post; main then moves a post of its own
	// earlier, which is no change of #2's.
	c.git("checkout", "-q", "-b", "pr-2")
	c.write("posts/c.md", postAt("2026-11-05 09:00"))
	head2 := c.commit("a third post")
	c.git("checkout", "-q", "main")
	c.write("posts/a.md", postAt("2026-10-15 09:00"))
	base2 := c.commit("move a")

	opened := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	merged := time.Date(2026, 11, 2, 17, 0, 0, 0, time.UTC)
	h := stats.History{PullRequests: []stats.PullRequest{
		{Number: 1, Author: "ada", Opened: opened, Merged: &merged, Closed: &merged},
		{Number: 2, Author: "ada", Opened: opened},
		{Number: 3, Author: "ada", Opened: opened, Merged: &merged, Closed: &merged},
		{Number: 4, Author: "ada", Opened: opened},
	}}
	gh, client := serve(t, h, "main")
	gh.Pulls[1].PR.Head, gh.Pulls[1].MergeSHA = head1, merge1
	gh.Pulls[2].PR.Head, gh.Pulls[2].PR.Base = head2, base2
	gh.Pulls[3].MergeSHA = strings.Repeat("e", 40) // merged, but not in this clone
	gh.Pulls[4].PR.Head, gh.Pulls[4].PR.Base = head2, base2
	gh.Pulls[4].Body = "Merge-After: 2026-11-20 10:00\n" // the description wins

	l := config.Load(filepath.Join(c.dir, "greenlight.hcl"))
	if l.Config == nil {
		t.Fatal(l.Diags)
	}
	repo, err := gitrepo.Open(context.Background(), c.dir)
	if err != nil {
		t.Fatal(err)
	}
	var logged []string
	got, err := Fetch(context.Background(), client, "acme", "posts", "main", time.Time{},
		WithLocation(l.Config.Settings.Location), WithPosts(repo, l.Config, "."),
		WithLog(func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }))
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		1: "2026-11-02T14:00:00Z", // b.md, 09:00 in New York
		2: "2026-11-05T14:00:00Z", // c.md only: a.md moved on main, not in #2
		3: "<nil>",
		4: "2026-11-20T15:00:00Z",
	}
	for _, p := range got.PullRequests {
		at := "<nil>"
		if p.PublishAt != nil {
			at = p.PublishAt.Format(time.RFC3339)
		}
		if at != want[p.Number] {
			t.Errorf("#%d publishes at %s, want %s", p.Number, at, want[p.Number])
		}
	}
	if len(logged) != 1 || !strings.HasPrefix(logged[0], "#3: the clone lacks its merge commit eeeeeee") {
		t.Errorf("logged %q, want #3's missing merge commit", logged)
	}
	// #1 merged at 17:00 UTC, three hours after its 14:00 time: missed.
	cfg := l.Config
	r := stats.Compute(got, cfg, cfg.Members(nil), merged)
	if r.Missed.Count != 1 || r.Missed.PullRequests[0].Number != 1 {
		t.Errorf("missed %+v, want #1", r.Missed)
	}

	t.Run("with schedule due = latest, the latest post", func(t *testing.T) {
		late := *l.Config
		late.Schedule.Due = "latest"
		got, err := Fetch(context.Background(), client, "acme", "posts", "main", time.Time{}, WithLocation(late.Settings.Location), WithPosts(repo, &late, "."))
		if err != nil {
			t.Fatal(err)
		}
		if p := got.PullRequests[0]; p.PublishAt == nil || p.PublishAt.Format(time.RFC3339) != "2026-11-03T14:00:00Z" {
			t.Errorf("#1 publishes at %v, want a.md's 2026-11-03T14:00:00Z", p.PublishAt)
		}
	})
}
