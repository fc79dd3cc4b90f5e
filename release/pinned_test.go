package release_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every third-party action the Action and the workflows use is pinned by a
// full commit SHA, with its version in a comment: a tag can be moved.
func TestActionsArePinnedByCommit(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("..", ".github", "workflows", "*.yml"))
	files = append(files, filepath.Join("..", "action.yml"))
	uses := regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)(.*)$`)
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	version := regexp.MustCompile(`^\s+# v\d+\.\d+\.\d+$`)
	n := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(raw), -1) {
			n++
			if !pinned.MatchString(m[1]) || !version.MatchString(m[2]) {
				t.Errorf("%s: uses %s%s, want owner/repo@<40-hex SHA> # vX.Y.Z", f, m[1], m[2])
			}
		}
	}
	if n < 4 {
		t.Errorf("found %d uses in %v: the test is not reading the files", n, files)
	}
}
