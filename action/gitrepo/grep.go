package gitrepo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Grep returns the paths of the files at rev, under paths (all of them
// when none), whose bytes hold any of words, compared regardless of case
// and as fixed strings, never patterns. It reads the commit, not the work
// tree, and runs no textconv filter.
func (r *Repo) Grep(ctx context.Context, rev string, words []string, paths ...string) ([]string, error) {
	if err := checkRev(rev); err != nil {
		return nil, fmt.Errorf("grep: %w", err)
	}
	if len(words) == 0 {
		return nil, nil
	}
	args := []string{"grep", "-l", "-z", "-i", "-F", "--no-color", "--no-textconv"}
	for _, w := range words {
		args = append(args, "-e", w)
	}
	args = append(append(args, rev, "--"), paths...)
	cmd := command(ctx, r.Dir, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		// git grep exits 1, and says nothing, when nothing matches.
		if exit := (*exec.ExitError)(nil); errors.As(err, &exit) && exit.ExitCode() == 1 && stderr.Len() == 0 && ctx.Err() == nil {
			return nil, nil
		}
		return nil, fmt.Errorf("grep %s: %w", rev, gitError(ctx, args, stderr.String(), err))
	}
	out := stdout.Bytes()
	var files []string
	for _, rec := range strings.Split(string(out), "\x00") {
		if rec == "" {
			continue
		}
		// Each file is named "<rev>:<path>".
		p, ok := strings.CutPrefix(rec, rev+":")
		if !ok {
			return nil, fmt.Errorf("grep %s: unexpected file %q", rev, rec)
		}
		files = append(files, p)
	}
	return files, nil
}
