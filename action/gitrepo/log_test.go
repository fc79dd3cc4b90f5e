package gitrepo_test

import (
	"context"
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
