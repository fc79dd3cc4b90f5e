package gitrepo

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Changes are the files that differ between two commits, keyed by their
// path at the later commit (a deleted file by its old path).
type Changes map[string]Change

// Change is how one file differs between two commits.
type Change struct {
	// Status is git's status letter: "A" added, "M" modified, "D"
	// deleted, "R" renamed, "T" type changed (file, symlink, submodule),
	// "C" copied.
	Status string
	// From is the old path of a rename or copy.
	From string
	// Similarity is git's similarity score (0 to 100) of a rename or copy.
	Similarity int
	// OldObject and NewObject are the blob ids before and after; a side
	// where the file does not exist is all zeros.
	OldObject, NewObject string
}

// ContentChanged reports whether the file at path has content the earlier
// commit did not have there: it was added, copied, changed type, deleted
// (a policy removed after its change was approved is a change to the
// rules), renamed away (the old path of a move holds nothing now: a post
// moved out of the content folders is taken down), or its blob differs
// from the one before, following a rename. A rename that keeps the text is
// no change at its new path, and neither is a mode change alone; any other
// path absent from c is unchanged.
//
// Renames are judged by blob ids, not by git's similarity score: git
// scores a rename whose lines were only reordered as 100% similar.
func (c Changes) ContentChanged(path string) bool {
	ch, ok := c[path]
	if !ok {
		// c is keyed by the later paths, so a rename's old path is
		// found only as its From.
		for _, other := range c {
			if other.Status == "R" && other.From == path {
				return true
			}
		}
		return false
	}
	switch ch.Status {
	case "M", "R":
		return ch.OldObject != ch.NewObject
	default: // A, C, T, and anything unexpected
		return true
	}
}

// Diff returns the files that differ between the commits from and to,
// with renames detected (git diff -M). It never runs external diff
// drivers or textconv filters.
func (r *Repo) Diff(ctx context.Context, from, to string) (Changes, error) {
	for _, rev := range []string{from, to} {
		if err := checkRev(rev); err != nil {
			return nil, fmt.Errorf("diff: %w", err)
		}
	}
	out, err := r.git(ctx, "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff", "--no-textconv",
		"--no-relative", "--no-color", from, to, "--")
	if err != nil {
		return nil, fmt.Errorf("diff %s %s: %w", from, to, err)
	}
	c, err := parseRaw(string(out))
	if err != nil {
		return nil, fmt.Errorf("diff %s %s: %w", from, to, err)
	}
	return c, nil
}

// parseRaw reads `git diff --raw -z` output: per file
// ":oldmode newmode oldobject newobject status\0path\0", with a second
// path after a rename or copy's status ("R086").
func parseRaw(out string) (Changes, error) {
	c := Changes{}
	fields := strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	if out == "" {
		return c, nil
	}
	for i := 0; i < len(fields); {
		meta := strings.Fields(strings.TrimPrefix(fields[i], ":"))
		if !strings.HasPrefix(fields[i], ":") || len(meta) != 5 || meta[4] == "" {
			return nil, fmt.Errorf("unexpected git diff record %q", fields[i])
		}
		ch := Change{Status: meta[4][:1], OldObject: meta[2], NewObject: meta[3]}
		if score := meta[4][1:]; score != "" {
			n, err := strconv.Atoi(score)
			if err != nil {
				return nil, fmt.Errorf("unexpected git diff status %q", meta[4])
			}
			ch.Similarity = n
		}
		npaths := 1
		if ch.Status == "R" || ch.Status == "C" {
			npaths = 2
		}
		if i+npaths >= len(fields) {
			return nil, fmt.Errorf("git diff record %q lacks its path", fields[i])
		}
		path := fields[i+npaths]
		if npaths == 2 {
			ch.From = fields[i+1]
		}
		i += npaths + 1
		if _, seen := c[path]; seen && ch.Status == "D" {
			continue // a path at the later commit wins over a deletion of the same name
		}
		c[path] = ch
	}
	return c, nil
}
