package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The input document is the public contract for policy authors
// (policies/README.md): every example post's document is pinned in
// testdata/inspect, so a change to what the policies see shows up here,
// line by line, and must be deliberate (go test -update rewrites them).
func TestInspectContractOfEveryExamplePost(t *testing.T) {
	posts, err := filepath.Glob(filepath.Join(repoRoot, "examples", "posts", "*.md"))
	if err != nil || len(posts) == 0 {
		t.Fatalf("no example posts: %v", err)
	}
	for _, p := range posts {
		name := filepath.Base(p)
		rel := filepath.ToSlash(filepath.Join("examples", "posts", name))
		stdout, stderr, code := run(t, "inspect", "--now", "2026-12-01T12:00:00Z", rel)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, stderr)
			continue
		}
		golden(t, filepath.Join(repoRoot, "cmd", "greenlight", "testdata", "inspect", strings.TrimSuffix(name, ".md")+".json"), stdout)
	}
	// No golden file is left for a post that no longer exists.
	files, _ := filepath.Glob(filepath.Join(repoRoot, "cmd", "greenlight", "testdata", "inspect", "*.json"))
	if len(files) != len(posts) {
		t.Errorf("%d golden documents for %d example posts", len(files), len(posts))
	}
}
