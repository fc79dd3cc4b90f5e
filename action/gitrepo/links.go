package gitrepo

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxLinkTarget is the longest symlink target a file system follows
// (PATH_MAX); a longer one is no path.
const maxLinkTarget = 4096

// Links are the symlinks of rev's tree: each one's path, and the target
// it holds as written (relative to its folder, or absolute), read from
// the object store. A target longer than any file system follows is "".
// A checkout follows these links; Greenlight never does, but it must know
// what a post's image is read from.
func (r *Repo) Links(ctx context.Context, rev string) (map[string]string, error) {
	if err := checkRev(rev); err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	entries, err := r.lsTree(ctx, rev, true)
	if err != nil {
		return nil, fmt.Errorf("links at %s: %w", rev, err)
	}
	var links []treeEntry
	for _, e := range entries {
		if e.mode == modeSymlink {
			links = append(links, e)
		}
	}
	out := map[string]string{}
	if len(links) == 0 {
		return out, nil
	}
	if err := r.readTargets(ctx, links, out); err != nil {
		return nil, fmt.Errorf("links at %s: %w", rev, err)
	}
	return out, nil
}

// readTargets reads the links' blobs with one `git cat-file --batch`
// into out, by path.
func (r *Repo) readTargets(ctx context.Context, links []treeEntry, out map[string]string) error {
	args := []string{"cat-file", "--batch"}
	var ids strings.Builder
	for _, l := range links {
		ids.WriteString(l.object + "\n")
	}
	cmd := command(ctx, r.Dir, args...)
	cmd.Stdin = strings.NewReader(ids.String())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return gitError(ctx, args, "", err)
	}
	br := bufio.NewReader(stdout)
	var readErr error
	for _, l := range links {
		if readErr = readTarget(br, l, out); readErr != nil {
			break
		}
	}
	_, _ = io.Copy(io.Discard, br)
	if err := cmd.Wait(); err != nil {
		return gitError(ctx, args, stderr.String(), err)
	}
	return readErr
}

// readTarget reads one `<oid> blob <size>` record, the link l's target.
func readTarget(br *bufio.Reader, l treeEntry, out map[string]string) error {
	header, err := br.ReadString('\n')
	if err != nil {
		return fmt.Errorf("read the link %s from git cat-file: %w", l.path, err)
	}
	fields := strings.Fields(header)
	if len(fields) != 3 || fields[0] != l.object || fields[1] != "blob" {
		return fmt.Errorf("read the link %s: git cat-file answered %q for blob %s", l.path, strings.TrimSpace(header), l.object)
	}
	size, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil || size < 0 {
		return fmt.Errorf("read the link %s: git cat-file gave size %q", l.path, fields[2])
	}
	var target strings.Builder
	if _, err := io.CopyN(&target, br, min(size, maxLinkTarget)); err != nil {
		return fmt.Errorf("read the link %s: %w", l.path, err)
	}
	if _, err := io.CopyN(io.Discard, br, size-min(size, maxLinkTarget)+1); err != nil { // the rest, and the record's newline
		return fmt.Errorf("read the link %s: %w", l.path, err)
	}
	out[l.path] = target.String()
	if size > maxLinkTarget {
		out[l.path] = ""
	}
	return nil
}
