package gitrepo

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Commit is one commit of a history: its SHA, committer time and full
// message.
type Commit struct {
	SHA     string
	Time    time.Time
	Message string
}

// Log lists the commits reachable from rev, newest first, following only
// first parents: the merges into a branch, not the commits they brought.
func (r *Repo) Log(ctx context.Context, rev string) ([]Commit, error) {
	if err := checkRev(rev); err != nil {
		return nil, fmt.Errorf("log: %w", err)
	}
	return r.log(ctx, rev)
}

// Between lists the commits reachable from to but not from from, newest
// first, following only first parents: the commits a merge of to into
// from would add, as a merge queue's group adds them to its base.
func (r *Repo) Between(ctx context.Context, from, to string) ([]Commit, error) {
	for _, rev := range []string{from, to} {
		if err := checkRev(rev); err != nil {
			return nil, fmt.Errorf("log: %w", err)
		}
	}
	return r.log(ctx, from+".."+to)
}

// log runs git log --first-parent on a revision or range.
func (r *Repo) log(ctx context.Context, rev string) ([]Commit, error) {
	out, err := r.git(ctx, "log", "--first-parent", "--format=%H%x1f%cI%x1f%B%x1e", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("log %s: %w", rev, err)
	}
	var commits []Commit
	for _, rec := range strings.Split(string(out), "\x1e") {
		rec = strings.TrimLeft(rec, "\n")
		if rec == "" {
			continue
		}
		f := strings.SplitN(rec, "\x1f", 3)
		if len(f) != 3 {
			return nil, fmt.Errorf("log %s: unexpected output %q", rev, rec)
		}
		t, err := time.Parse(time.RFC3339, f[1])
		if err != nil {
			return nil, fmt.Errorf("log %s: commit %s: %w", rev, f[0], err)
		}
		commits = append(commits, Commit{SHA: f[0], Time: t, Message: f[2]})
	}
	return commits, nil
}
