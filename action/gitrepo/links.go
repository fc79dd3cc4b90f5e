package gitrepo

import (
	"context"
	"fmt"
	"io"
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
	err = r.catBlobs(ctx, links, func(l treeEntry, body io.Reader, size int64) error {
		if size > maxLinkTarget {
			out[l.path] = ""
			return nil
		}
		target, err := io.ReadAll(body)
		if err != nil {
			return fmt.Errorf("read the link %s: %w", l.path, err)
		}
		out[l.path] = string(target)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("links at %s: %w", rev, err)
	}
	return out, nil
}
