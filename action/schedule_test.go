package action_test

import (
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// The summary comment says when the pull request goes out and what said
// so: the post's publish_at, a Merge-After line, or the latest /schedule
// by someone in a role (one by anyone else changes nothing); a time that
// cannot be read is shown as the problem it is.
func TestSummaryShowsWhatSetTheSchedule(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/c.md", "---\ntitle: Webinar\nchannels: [x]\npublish_at: 2026-12-01 09:00\n---\nJoin our webinar on reports.\n")
	})
	goesOut := func() string {
		t.Helper()
		w.run(t)
		c := w.summaryComments()
		if len(c) != 1 {
			t.Fatalf("%d summary comments, want 1", len(c))
		}
		for _, line := range strings.Split(c[0].Body, "\n") {
			if strings.HasPrefix(line, "**Goes out:**") {
				return line
			}
		}
		t.Fatalf("no Goes out line:\n%s", c[0].Body)
		return ""
	}
	comment := func(id int64, user, body string, minute int) {
		w.gh.Mu.Lock()
		defer w.gh.Mu.Unlock()
		w.gh.Comments = append(w.gh.Comments, fakegithub.Comment{ID: id, User: user, Body: body, Created: time.Date(2026, 11, 23, 11, minute, 0, 0, time.UTC)})
	}

	if got, want := goesOut(), "**Goes out:** Tue 1 Dec 2026, 09:00 EST (the post's publish_at)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	w.gh.Mu.Lock()
	w.gh.Body = "Waiting for the blog post.\n\nMerge-After: 2026-12-02 10:00\n"
	w.gh.Mu.Unlock()
	if got, want := goesOut(), "**Goes out:** Wed 2 Dec 2026, 10:00 EST (Merge-After in the description)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	comment(501, "mia", "Let's give legal a day.\n/schedule 2026-12-03 09:00", 1)
	comment(502, "eve", "/schedule 2026-11-24 09:00", 2) // eve holds no role
	if got, want := goesOut(), "**Goes out:** Thu 3 Dec 2026, 09:00 EST (/schedule by @mia)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	comment(503, "kim", "/schedule 2027-03-14 02:30", 3)
	if got, want := goesOut(), "**Goes out:** ⚠️ the /schedule by @kim: 2027-03-14 02:30 does not exist in America/New_York: clocks jump forward from 02:00 to 03:00"; !strings.HasPrefix(got, want) {
		t.Errorf("got  %s\nwant %s…", got, want)
	}
}
