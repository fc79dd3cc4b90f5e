package action_test

import (
	"strings"
	"testing"
)

// Third red team: each test is an attack on the gate or on publishing,
// its comment saying how it worked before it was closed; every test
// asserts the secure outcome, and SECURITY.md lists them.

// Removing a post needs the owners stage, but classify looked only at a
// file's new path: a post renamed out of the content folders (to
// archive/, or beside the config's folder) was neither a post nor a
// removal, so taking down a scheduled post, a correction or a disclosure
// passed with no approval at all.
func TestRedTeam3BlockedMovingAPostOutOfTheContentFoldersNeedsOwners(t *testing.T) {
	for name, dest := range map[string]string{
		"to another folder": "archive/a.md",
		"to the root":       "a.md",
	} {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, func(r *repo) {
				r.write("archive/.keep", "")
				r.git("mv", "posts/a.md", dest)
			})
			out := w.run(t)
			if out.Conclusion == "success" {
				t.Errorf("bypass: moving posts/a.md to %s passes with no approval at all:\n%s", dest, out.Markdown)
			}
			if !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") || !strings.Contains(out.Markdown, "posts/a.md") {
				t.Errorf("want the owners stage pending for the removal of posts/a.md; blocked %v\n%s", out.BlockedStages, out.Markdown)
			}
		})
	}
}

// The same move after the owners approved something else in the pull
// request (here a harmless edit of the config): the post's old path is no
// key of git's diff (a rename is keyed by its new path), so it read as
// unchanged since the approval, which then covered a removal it never saw.
func TestRedTeam3BlockedMovingAPostOutAfterOwnersApproved(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("greenlight.hcl", baseConfig+"\n# Reviewed by the owners.\n") })
	w.approve("root", w.head, 1)
	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("the harmless config edit, approved by root, should pass: %s\n%s", out.Conclusion, out.Markdown)
	}
	w.push(func(r *repo) {
		r.write("archive/.keep", "")
		r.git("mv", "posts/a.md", "archive/a.md")
	})
	if out := w.run(t); out.Conclusion == "success" {
		t.Errorf("bypass: posts/a.md moved out of posts/ after root approved a config edit, and root's approval covers it:\n%s", out.Markdown)
	}
}

// A merge group must merge nothing that was not judged, but uncovered
// compared only its posts, removed posts and governing files with the
// judged pull requests' heads: a file in a content folder that is no post
// (posts/notes.txt, which a posting tool may publish and which needs the
// owners stage in a pull request) rode in a group on a commit that names
// no pull request (a rebasing queue's), and the group passed.
func TestRedTeam3BlockedMergeGroupCarryingAnUnjudgedContentFile(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	out, run := w.carriedInGroup(t, "posts/notes.txt", "Guaranteed returns, risk-free.\n")
	if out.Conclusion != "failure" || run == nil || run.Conclusion != "failure" || !strings.Contains(run.Summary, "`posts/notes.txt`") {
		t.Errorf("bypass: the group carries posts/notes.txt, which nobody judged: %s, check run %+v", out.Conclusion, run)
	}

	// A pull request that adds it, approved by the owners, still passes.
	w = newWorld(t, func(r *repo) { r.write("posts/notes.txt", "Ideas for January.\n") })
	w.approve("root", w.head, 1)
	group, ref := w.queue(map[int]string{2: "post"}, 2)
	if out, err := w.gate(t, onMergeGroup(t, mergeGroupEvent(t, group, ref, w.base))); err != nil || out.Conclusion != "success" {
		t.Errorf("the owners approved posts/notes.txt in the pull request: %s (%v)\n%s", out.Conclusion, err, out.Markdown)
	}
}
