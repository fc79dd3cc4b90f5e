package action

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/pullreq/pullreqtest"
	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/hashicorp/hcl/v2"
)

// The internal tests judge pull requests of a content repository that
// lives in memory: a fake clone (each commit's files) and a fake Reader
// (pullreqtest), with the real engine in between. No git, no HTTP.

// teamConfig is the team's greenlight.hcl on main.
const teamConfig = `
greenlight {
  publish_branch = "main"
  content        = ["posts/**/*.md"]
  timezone       = "America/New_York"
}
role "copy"   { users = ["kim"] }
role "brand"  { users = ["mia", "ada"] }
role "legal"  { team = "Codertocat/legal" }
role "admins" { users = ["root"] }

stage "copy-edit" { approvers = [role.copy] }
stage "brand" {
  after     = [stage.copy-edit]
  approvers = [role.brand]
}
stage "legal" {
  after     = [stage.brand]
  approvers = [role.legal]
  when      = "compliance"
}
stage "owners" {
  approvers = [role.admins]
  when      = "config"
}
rule "brand-names" {
  level = "error"
  swap  = { "Github" = "GitHub" }
}
rule "hype" {
  level  = "warning"
  tokens = ["synergy"]
}
compliance "financial-claims" {
  tokens   = ["risk-free"]
  requires = [stage.legal]
}
`

// postAt is a post due at a time written as the team writes it.
func postAt(title, at, text string) string {
	return fmt.Sprintf("---\ntitle: %s\nchannels: [x]\npublish_at: %s\n---\n%s\n", title, at, text)
}

// clone is a fake checkout: the files of each commit, written out by
// Extract as git writes them and compared by Diff by content (no rename
// detection). It has every commit it will ever have: Fetch fails.
type clone struct {
	mu      sync.Mutex
	commits map[string]map[string]string
	// clean are the merge commits that only merge their parents.
	clean map[string]bool
}

var _ checkout = (*clone)(nil)

func newClone() *clone {
	return &clone{commits: map[string]map[string]string{}, clean: map[string]bool{}}
}

// commit records sha as parent's files changed by files ("" deletes one).
func (c *clone) commit(sha, parent string, files map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	tree := maps.Clone(c.commits[parent])
	if tree == nil {
		tree = map[string]string{}
	}
	for p, text := range files {
		if text == "" {
			delete(tree, p)
			continue
		}
		tree[p] = text
	}
	c.commits[sha] = tree
}

func (c *clone) tree(rev string) (map[string]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.commits[rev]
	if !ok {
		return nil, fmt.Errorf("fake clone: no commit %s", rev)
	}
	return t, nil
}

func (c *clone) HasCommit(_ context.Context, rev string) bool {
	_, err := c.tree(rev)
	return err == nil
}

func (c *clone) CleanMerge(_ context.Context, merge string, _ []string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clean[merge]
}

// Links are none: the fake's files are all regular.
func (c *clone) Links(context.Context, string) (map[string]string, error) {
	return map[string]string{}, nil
}

func (c *clone) Fetch(_ context.Context, _ string, revs ...string) error {
	return fmt.Errorf("fake clone: cannot fetch %s", strings.Join(revs, " "))
}

func (c *clone) EnsureCommits(ctx context.Context, remote string, revs ...string) error {
	for _, r := range revs {
		if !c.HasCommit(ctx, r) {
			return c.Fetch(ctx, remote, r)
		}
	}
	return nil
}

func (c *clone) Extract(_ context.Context, rev string, paths []string, dest string) ([]gitrepo.Unwritten, error) {
	tree, err := c.tree(rev)
	if err != nil {
		return nil, err
	}
	for p, text := range tree {
		if len(paths) > 0 && !slices.ContainsFunc(paths, func(q string) bool { return p == q || strings.HasPrefix(p, q+"/") }) {
			continue
		}
		file := filepath.Join(dest, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

func (c *clone) Diff(_ context.Context, from, to string) (gitrepo.Changes, error) {
	a, err := c.tree(from)
	if err != nil {
		return nil, err
	}
	b, err := c.tree(to)
	if err != nil {
		return nil, err
	}
	blob := func(text string) string { sum := sha1.Sum([]byte(text)); return hex.EncodeToString(sum[:]) }
	out := gitrepo.Changes{}
	for p, text := range b {
		switch old, ok := a[p]; {
		case !ok:
			out[p] = gitrepo.Change{Status: "A", NewObject: blob(text)}
		case old != text:
			out[p] = gitrepo.Change{Status: "M", OldObject: blob(old), NewObject: blob(text)}
		}
	}
	for p, text := range a {
		if _, ok := b[p]; !ok {
			out[p] = gitrepo.Change{Status: "D", OldObject: blob(text)}
		}
	}
	return out, nil
}

// Grep finds the words in any case in the files under paths at rev.
func (c *clone) Grep(_ context.Context, rev string, words []string, paths ...string) ([]string, error) {
	tree, err := c.tree(rev)
	if err != nil {
		return nil, err
	}
	var out []string
	for p, text := range tree {
		if len(paths) > 0 && !slices.ContainsFunc(paths, func(q string) bool { return p == q || strings.HasPrefix(p, q+"/") }) {
			continue
		}
		if slices.ContainsFunc(words, func(w string) bool { return strings.Contains(strings.ToLower(text), strings.ToLower(w)) }) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (c *clone) Between(context.Context, string, string) ([]gitrepo.Commit, error) {
	return nil, errors.New("fake clone: no history")
}

// files are the changes from base to head as GitHub lists a pull
// request's, with a patch that covers every line of an added post.
func (c *clone) files(t *testing.T, base, head string) []pullreq.File {
	t.Helper()
	d, err := c.Diff(context.Background(), base, head)
	if err != nil {
		t.Fatal(err)
	}
	var out []pullreq.File
	for _, p := range slices.Sorted(maps.Keys(d)) {
		status := map[string]string{"A": "added", "M": "modified", "D": "removed"}[d[p].Status]
		f := pullreq.File{Path: p, Status: status}
		if text, ok := c.commits[head][p]; ok {
			n := strings.Count(text, "\n")
			f.Patch = fmt.Sprintf("@@ -0,0 +1,%d @@\n+%s", n, strings.ReplaceAll(strings.TrimSuffix(text, "\n"), "\n", "\n+"))
		}
		out = append(out, f)
	}
	return out
}

// testNow is the tests' clock: Monday 23 November 2026, 07:00 in New York.
var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// builds counts the engines a session compiles.
type builds struct {
	mu sync.Mutex
	n  int
}

func (b *builds) build(ctx context.Context, cfg *config.Config, o engine.Options) (*engine.Engine, hcl.Diagnostics) {
	b.mu.Lock()
	b.n++
	b.mu.Unlock()
	return engine.New(ctx, cfg, o)
}

func (b *builds) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}

// fakeSession is a run on the fakes that writes nothing to GitHub.
func fakeSession(t *testing.T, pulls pullreq.Reader, repo checkout, b *builds) *session {
	t.Helper()
	o := Options{ConfigPath: "greenlight.hcl", Now: func() time.Time { return testNow }, Log: io.Discard, ReadOnly: true,
		Env: event.Env{Workspace: t.TempDir()}}
	s := &session{o: o, ev: event.Event{Name: "pull_request", Owner: "Codertocat", Repo: "Hello-World"}, pulls: pulls, repo: repo, clone: "fake",
		build: b.build}
	t.Cleanup(s.close)
	return s
}

// desk is a content repository in memory: main with the config and one
// post, and the fake GitHub around it.
type desk struct {
	repo  *clone
	pulls *pullreqtest.Fake
}

func newDesk() *desk {
	d := &desk{repo: newClone(), pulls: &pullreqtest.Fake{PullRequests: map[int]pullreq.PullRequest{},
		Teams: map[string][]string{"Codertocat/legal": {"lee"}}, Tips: map[string]string{"main": "main1"}}}
	d.repo.commit("main1", "", map[string]string{"greenlight.hcl": teamConfig,
		"posts/a.md": postAt("Dashboards", "2026-12-01 09:00", "Our dashboards show every report in one place.")})
	return d
}

// open opens pull request n by ada into main at its tip, adding files.
func (d *desk) open(t *testing.T, n int, files map[string]string) pullreq.PullRequest {
	t.Helper()
	base, head := d.pulls.Tips["main"], fmt.Sprintf("head%d", n)
	d.repo.commit(head, base, files)
	pr := pullreq.PullRequest{Number: n, Title: fmt.Sprintf("Post %d", n), Author: "ada", State: "open", BaseRef: "main", BaseSHA: base,
		HeadSHA: head, ChangedFiles: len(files), Commits: 1, URL: fmt.Sprintf("https://github.com/Codertocat/Hello-World/pull/%d", n)}
	// The fake lists the same commits for every pull request: each one's
	// head, ada's.
	d.pulls.CommitsValue = append(d.pulls.CommitsValue, pullreq.Commit{SHA: head, Author: "ada", Committer: "ada", Parents: []string{base}})
	d.pulls.PullRequests[n] = pr
	d.pulls.OpenValue = append(d.pulls.OpenValue, pr)
	d.pulls.FilesValue = d.repo.files(t, base, head)
	return pr
}
