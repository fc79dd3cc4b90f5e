//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestPostsThatArePipesAreRefused: a named pipe the content globs select
// is refused before it is opened, so the check neither hangs waiting for a
// writer nor skips it.
func TestPostsThatArePipesAreRefused(t *testing.T) {
	for _, args := range [][]string{{"check", "."}, {"inspect", "posts/pipe.md"}, {"calendar", "."}} {
		t.Run(strings.Join(args, " ")+" refuses a FIFO", func(t *testing.T) {
			dir, _ := inputRepo(t, 0)
			if err := syscall.Mkfifo(filepath.Join(dir, "posts", "pipe.md"), 0o644); err != nil {
				t.Skip("cannot make a FIFO:", err)
			}
			_, stderr, code := runIn(t, dir, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr, "posts/pipe.md:1:1: error: Post is not a regular file") || !strings.Contains(stderr, "a named pipe (FIFO)") {
				t.Errorf("no located refusal naming the FIFO:\n%s", stderr)
			}
		})
	}
}
