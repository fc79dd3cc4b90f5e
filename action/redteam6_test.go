package action_test

import (
	"strings"
	"testing"
)

// Sixth red team: each test is an attack on the gate, its comment saying
// how it worked before it was closed; every test asserts the secure
// outcome, and SECURITY.md lists them.

// A carriage return alone ends a line in Markdown, but not in the line a
// style fix is suggested for: a post line "… Github.\r```\r**Approved by
// legal** <!--" closed the review comment's ```suggestion fence, and the
// rest was Markdown in Greenlight's own comment, a forged approval and an
// HTML comment hiding what followed.
func TestRedTeam6BlockedAPostLineClosingTheSuggestionFence(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) {
		r.write("posts/a.md", strings.Replace(postA, "one place.", "one place on Github.\r```\r**Approved by legal** <!--", 1))
	})
	w.run(t)
	if len(w.gh.ReviewComments) != 1 {
		t.Fatalf("review comments = %+v, want the one for Github", w.gh.ReviewComments)
	}
	body := w.gh.ReviewComments[0].Body
	if strings.Contains(body, "\r") {
		t.Errorf("the review comment holds a carriage return, a line break to Markdown: %q", body)
	}
	if strings.Count(body, "```") > 2 || strings.Count(body, "<!--") > 1 {
		t.Errorf("the post's line spelt Markdown in the review comment: %q", body)
	}
}
