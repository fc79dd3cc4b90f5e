package rulebook_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/rulebook"
)

// writeTree writes files (slash paths) under a new folder and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// A cache entry is trusted only through its digest: a folder that someone
// who can write the cache made must never share the digest the lock pins
// unless it holds the very files the lock pins.
func TestDigestCannotBeForgedByAFileName(t *testing.T) {
	const allow, block = "package a\n", "package b\ndeny contains \"no\"\n"
	pinned := map[string]string{"policies/a.rego": allow, "policies/b.rego": block}
	want, err := rulebook.Digest(writeTree(t, pinned))
	if err != nil {
		t.Fatal(err)
	}
	// Digest hashes the sorted lines "<sum>  <path>\n": one file whose name
	// holds a newline and the next line reads as the two lines, and so as
	// the two files, without policies/b.rego, the policy that stops posts.
	name := "a.rego\n" + sum(block) + "  policies/b.rego"
	if sum(allow) > sum(block) {
		t.Fatal("the forged line must sort before the other for the names to read as the pinned lines")
	}
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"a file name with a newline", map[string]string{"policies/" + name: allow}},
		{"a file name with a carriage return", map[string]string{"policies/a.rego\r": allow, "policies/b.rego": block}},
		{"a folder name with a newline", map[string]string{"policies/x\n" + sum(block) + "  policies/b.rego/a.rego": allow}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rulebook.Digest(writeTree(t, tt.files))
			if err == nil {
				if got == want {
					t.Fatalf("Digest = %s, the pinned digest, for a folder without the pinned files", got)
				}
				t.Fatalf("Digest = %s, want an error naming the file", got)
			}
			if !strings.Contains(err.Error(), "control character") {
				t.Fatalf("err = %v, want one about a control character", err)
			}
		})
	}
}
