package gitrepo_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// post is a post long enough for git's rename detection to pair an
// edited copy with its original.
func post(title string) string {
	return "# " + title + "\n\n" + strings.Repeat("We ship the new dashboard on Monday to every team.\n", 8) +
		"We will not raise prices this year.\nThanks for reading.\n"
}

func TestDiff(t *testing.T) {
	ctx := context.Background()
	dir := newWorkTree(t)
	for _, name := range []string{"edited", "moved", "moved-and-edited", "reordered", "deleted", "untouched", "chmod"} {
		write(t, dir, "posts/"+name+".md", post(name))
	}
	approved := commit(t, dir, "approved")

	write(t, dir, "posts/edited.md", post("edited")+"P.S. one more thing.\n")
	if err := os.MkdirAll(filepath.Join(dir, "posts", "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "mv", "posts/moved.md", "posts/2025/moved.md")
	git(t, dir, "mv", "posts/moved-and-edited.md", "posts/2025/moved-and-edited.md")
	write(t, dir, "posts/2025/moved-and-edited.md", post("moved-and-edited")+"P.S. edited after the move.\n")
	// Same lines in another order: git scores this rename 100% similar.
	git(t, dir, "mv", "posts/reordered.md", "posts/2025/reordered.md")
	reordered := strings.Replace(post("reordered"), "We will not raise prices this year.\nThanks for reading.\n",
		"Thanks for reading.\nWe will not raise prices this year.\n", 1)
	write(t, dir, "posts/2025/reordered.md", reordered)
	git(t, dir, "rm", "-q", "posts/deleted.md")
	write(t, dir, "posts/added.md", "# Added\n\nA post unlike any other.\n")
	if runtime.GOOS != "windows" {
		if err := os.Chmod(filepath.Join(dir, "posts/chmod.md"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	head := commit(t, dir, "head")

	r := open(t, dir)
	c, err := r.Diff(ctx, approved, head)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		path    string // at head, or the old path of a deletion
		status  string // "" when the path is not in the diff
		from    string
		changed bool
	}{
		{"an edited post changed", "posts/edited.md", "M", "", true},
		{"a post moved without edits did not change", "posts/2025/moved.md", "R", "posts/moved.md", false},
		{"a post moved and edited changed", "posts/2025/moved-and-edited.md", "R", "posts/moved-and-edited.md", true},
		{"a post moved with its lines reordered changed", "posts/2025/reordered.md", "R", "posts/reordered.md", true},
		{"an added post changed", "posts/added.md", "A", "", true},
		{"a deleted file changed: what was approved there is gone (a policy removed after approval)", "posts/deleted.md", "D", "", true},
		{"an untouched post did not change", "posts/untouched.md", "", "", false},
		{"the old path of a move changed: what was approved there is gone", "posts/moved.md", "", "", true},
		{"a post whose mode alone changed did not change", "posts/chmod.md", "M", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path == "posts/chmod.md" && runtime.GOOS == "windows" {
				t.Skip("Windows has no executable bit")
			}
			got := c[tc.path]
			if got.Status != tc.status || got.From != tc.from {
				t.Errorf("Changes[%s] = %+v, want status %q from %q", tc.path, got, tc.status, tc.from)
			}
			if c.ContentChanged(tc.path) != tc.changed {
				t.Errorf("ContentChanged(%s) = %v, want %v", tc.path, !tc.changed, tc.changed)
			}
		})
	}
	if got := c["posts/2025/moved.md"].Similarity; got != 100 {
		t.Errorf("pure rename similarity = %d, want 100", got)
	}
	if got := c["posts/2025/moved-and-edited.md"].Similarity; got <= 50 || got >= 100 {
		t.Errorf("rename with edits similarity = %d, want between 50 and 100", got)
	}
	want := 7 // edited, 3 moved, deleted, added, chmod
	if runtime.GOOS == "windows" {
		want--
	}
	if len(c) != want {
		t.Errorf("Diff has %d changes, want %d: %+v", len(c), want, c)
	}

	t.Run("the same commit twice has no changes", func(t *testing.T) {
		c, err := r.Diff(ctx, head, head)
		if err != nil || len(c) != 0 {
			t.Errorf("Diff = %v, %v; want no changes", c, err)
		}
	})
	t.Run("an option-like revision is refused", func(t *testing.T) {
		if _, err := r.Diff(ctx, "--output=/tmp/x", head); err == nil {
			t.Error("Diff succeeded")
		}
	})
	t.Run("a textconv driver set by the repository is not run", func(t *testing.T) {
		dir := newWorkTree(t)
		marker := filepath.Join(t.TempDir(), "ran")
		git(t, dir, "config", "diff.evil.textconv", "touch "+marker+" && cat")
		git(t, dir, "config", "diff.external", "touch "+marker+" && true")
		write(t, dir, ".gitattributes", "*.md diff=evil\n")
		write(t, dir, "a.md", "one\n")
		from := commit(t, dir, "one")
		write(t, dir, "a.md", "two\n")
		to := commit(t, dir, "two")
		c, err := open(t, dir).Diff(ctx, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if !c.ContentChanged("a.md") {
			t.Errorf("a.md changed; Diff = %+v", c)
		}
		if _, err := os.Stat(marker); err == nil {
			t.Error("git ran the configured diff driver")
		}
	})
}
