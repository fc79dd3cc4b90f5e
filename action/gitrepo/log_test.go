package gitrepo_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"
)

// Between lists what a branch adds to another, newest first, by first
// parents only, and refuses a revision git would read as an option.
func TestBetween(t *testing.T) {
	dir := newWorkTree(t)
	write(t, dir, "a.md", "a")
	base := commit(t, dir, "base")
	git(t, dir, "checkout", "-q", "-b", "side")
	write(t, dir, "b.md", "b")
	commit(t, dir, "side work")
	git(t, dir, "checkout", "-q", "-b", "group", base)
	write(t, dir, "c.md", "c")
	first := commit(t, dir, "Post C (#3)")
	git(t, dir, "merge", "-q", "--no-ff", "-m", "Merge pull request #4 from acme/side", "side")
	merge := git(t, dir, "rev-parse", "HEAD")
	r := open(t, dir)
	got, err := r.Between(context.Background(), base, merge)
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, c := range got {
		subject, _, _ := strings.Cut(c.Message, "\n")
		subjects = append(subjects, c.SHA[:7]+" "+subject)
	}
	want := []string{merge[:7] + " Merge pull request #4 from acme/side", first[:7] + " Post C (#3)"}
	if strings.Join(subjects, "|") != strings.Join(want, "|") {
		t.Errorf("Between = %q, want %q (first parents only, newest first)", subjects, want)
	}
	if got, err := r.Between(context.Background(), merge, merge); err != nil || len(got) != 0 {
		t.Errorf("Between a commit and itself = %v, %v; want nothing", got, err)
	}
	if _, err := r.Between(context.Background(), "--all", merge); err == nil {
		t.Error("a revision starting with - was passed to git")
	}
}

// CleanMerge tells a merge that only brings another branch in (GitHub's
// "Update branch") from one that adds something of its own: an edit
// slipped into the merge, a conflict resolved by hand.
func TestCleanMerge(t *testing.T) {
	dir := newWorkTree(t)
	write(t, dir, "posts/a.md", "one\ntwo\nthree\n")
	base := commit(t, dir, "base")
	git(t, dir, "checkout", "-q", "-b", "pr")
	write(t, dir, "posts/b.md", "new post\n")
	pr := commit(t, dir, "post b")
	git(t, dir, "checkout", "-q", "-b", "main2", base)
	write(t, dir, "posts/c.md", "published meanwhile\n")
	tip := commit(t, dir, "post c")
	parents := func(rev string) []string { return strings.Fields(git(t, dir, "rev-parse", rev+"^1", rev+"^2")) }

	git(t, dir, "checkout", "-q", "-b", "update", pr)
	git(t, dir, "merge", "-q", "--no-ff", "-m", "Merge branch 'main' into pr", tip)
	update := git(t, dir, "rev-parse", "HEAD")

	git(t, dir, "checkout", "-q", "-b", "evil", pr)
	git(t, dir, "merge", "-q", "--no-ff", "--no-commit", tip)
	write(t, dir, "posts/b.md", "new post, now guaranteed risk-free\n")
	evil := commit(t, dir, "Merge branch 'main' into pr")

	git(t, dir, "checkout", "-q", "-b", "theirs", base)
	write(t, dir, "posts/a.md", "one\nTWO\nthree\n")
	theirs := commit(t, dir, "edit a on main")
	git(t, dir, "checkout", "-q", "-b", "ours", base)
	write(t, dir, "posts/a.md", "one\n2\nthree\n")
	ours := commit(t, dir, "edit a on the branch")
	if out, err := exec.Command("git", "-C", dir, "merge", "-q", theirs).CombinedOutput(); err == nil {
		t.Fatalf("the merge should conflict: %s", out)
	}
	write(t, dir, "posts/a.md", "one\ntwo, resolved\nthree\n")
	resolved := commit(t, dir, "Merge branch 'theirs' into ours")

	r := open(t, dir)
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		merge   string
		parents []string
		want    bool
	}{
		{"the base merged in, nothing added", update, parents(update), true},
		{"the base merged in with an edit of a post", evil, parents(evil), false},
		{"a conflict resolved by hand", resolved, parents(resolved), false},
		{"one parent is no merge", pr, []string{base}, false},
		{"parents that are not the merge's", update, []string{base, ours}, false},
		{"a revision git would read as an option", update, []string{"--all", tip}, false},
	} {
		if got := r.CleanMerge(ctx, tc.merge, tc.parents); got != tc.want {
			t.Errorf("%s: CleanMerge = %v, want %v", tc.name, got, tc.want)
		}
	}
}
