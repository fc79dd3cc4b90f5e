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
