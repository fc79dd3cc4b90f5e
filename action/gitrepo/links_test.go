package gitrepo_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Links lists every symlink of a commit with its target as written, a
// folder's too; a target longer than any file system follows is "".
func TestLinks(t *testing.T) {
	dir := newWorkTree(t)
	write(t, dir, "media/v1/logo.png", "logo\n")
	for name, target := range map[string]string{
		"media/logo.png": "v1/logo.png",
		"media/art":      "../brand/art",
		"etc":            "/etc",
		"long":           strings.Repeat("a/", 2100),
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("symlinks: %v", err)
		}
	}
	rev := commit(t, dir, "links")
	got, err := open(t, dir).Links(context.Background(), rev)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"media/logo.png": "v1/logo.png", "media/art": "../brand/art", "etc": "/etc", "long": ""}
	if !maps.Equal(got, want) {
		t.Errorf("Links = %q, want %q", got, want)
	}
	if _, err := open(t, dir).Links(context.Background(), "--all"); err == nil {
		t.Error("a revision starting with - was passed to git")
	}
}
