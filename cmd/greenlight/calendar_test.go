package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/greenlighthq/greenlight/engine/content"
)

// examplePost is what the calendar test expects of one example post,
// read from the post itself.
type examplePost struct {
	path      string // relative to examples/, the config's folder
	channels  []string
	publishAt *time.Time
}

// readExamplePosts parses every post under examples/posts, in the config's
// time zone, so the expectations follow the posts rather than being
// copied from them.
func readExamplePosts(t *testing.T) []examplePost {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York") // examples/greenlight.hcl's timezone
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(repoRoot, "examples", "posts", "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example posts (%v)", err)
	}
	parser := content.NewParser(loc)
	var posts []examplePost
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		p, diags := parser.Parse(path, src)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", path, diags)
		}
		var chans []string
		for _, ch := range p.Front.Channels {
			if ch = strings.ToLower(ch); !slices.Contains(chans, ch) {
				chans = append(chans, ch)
			}
		}
		posts = append(posts, examplePost{path: "posts/" + filepath.Base(path), channels: chans, publishAt: p.Front.PublishAt})
	}
	return posts
}

// icsEvents parses an iCalendar file with an independent implementation.
func icsEvents(t *testing.T, path string) []ical.Event {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("%s does not parse as iCalendar: %v", path, err)
	}
	return cal.Events()
}

// TestCalendarExamples writes the calendar of examples/ and checks its
// structure against the posts: one event per scheduled post and channel,
// one table row per scheduled post, statuses by publish_at against --now.
func TestCalendarExamples(t *testing.T) {
	posts := readExamplePosts(t)
	const now = "2026-12-05T12:00:00Z" // some example posts are out by then, most are not
	nowT, _ := time.Parse(time.RFC3339, now)
	var events, scheduled, published, unscheduled int
	weeks := map[string]bool{}
	for _, p := range posts {
		if p.publishAt == nil {
			unscheduled++
			continue
		}
		scheduled++
		events += max(1, len(p.channels))
		if !p.publishAt.After(nowT) {
			published++
		}
		loc, _ := time.LoadLocation("America/New_York")
		local := p.publishAt.In(loc)
		monday := local.AddDate(0, 0, -((int(local.Weekday()) + 6) % 7))
		weeks[monday.Format("Mon 2 Jan 2006")] = true
	}
	if unscheduled == 0 || published == 0 || published == scheduled {
		t.Fatalf("the examples no longer cover every case: %d unscheduled, %d of %d published", unscheduled, published, scheduled)
	}

	dir := t.TempDir()
	ics, md := filepath.Join(dir, "calendar.ics"), filepath.Join(dir, "calendar.md")
	stdout, stderr, code := run(t, "calendar", "examples/", "--now", now, "--ics", ics, "--markdown", md)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := fmt.Sprintf("left out %d post", unscheduled); !strings.Contains(stderr, want) {
		t.Errorf("stderr does not say %q:\n%s", want, stderr)
	}
	if !strings.Contains(stdout, "Wrote "+ics) || !strings.Contains(stdout, "Wrote "+md) {
		t.Errorf("stdout does not name the files written:\n%s", stdout)
	}

	t.Run("the iCalendar file has one event per scheduled post and channel", func(t *testing.T) {
		evs := icsEvents(t, ics)
		if len(evs) != events {
			t.Errorf("%d events, want %d", len(evs), events)
		}
		uids := map[string]bool{}
		confirmed := 0
		for _, ev := range evs {
			uid := ev.Props.Get(ical.PropUID).Value
			if uids[uid] || !strings.HasSuffix(uid, "@examples.greenlight") {
				t.Errorf("UID %s is repeated or not in the calendar's domain", uid)
			}
			uids[uid] = true
			if s, _ := ev.Status(); s == ical.EventConfirmed {
				confirmed++
			}
		}
		if confirmed != len(evs) {
			t.Errorf("%d of %d events confirmed; every example post is approved or published", confirmed, len(evs))
		}
	})

	t.Run("the Markdown calendar has a row per scheduled post, week by week", func(t *testing.T) {
		data, err := os.ReadFile(md)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		first, _, _ := strings.Cut(text, "\n")
		if want := fmt.Sprintf("%d posts: %d ✅ approved, %d 🚀 published.", scheduled, scheduled-published, published); first != want {
			t.Errorf("first line %q, want %q", first, want)
		}
		if n := strings.Count(text, "\n### Week of "); n != len(weeks) {
			t.Errorf("%d weeks, want %d", n, len(weeks))
		}
		for w := range weeks {
			if !strings.Contains(text, "### Week of "+w+"\n") {
				t.Errorf("no heading for the week of %s", w)
			}
		}
		if n := strings.Count(text, "\n| ") - strings.Count(text, "\n| When | Post | Channels | Status |\n"); n != scheduled {
			t.Errorf("%d rows, want %d", n, scheduled)
		}
		if !strings.Contains(text, "| Tue 1 Dec, 09:00 EST | Meet the new dashboard | X, LinkedIn, Bluesky | 🚀 published |") {
			t.Errorf("the dashboard launch is not one row on its three channels:\n%s", text)
		}
	})

	t.Run("without --ics or --markdown it prints the Markdown", func(t *testing.T) {
		out, _, code := run(t, "calendar", "examples/", "--now", now)
		data, _ := os.ReadFile(md)
		if code != 0 || out != string(data) {
			t.Errorf("exit %d, stdout differs from --markdown:\n%s", code, out)
		}
	})

	t.Run("before the first post every post is approved", func(t *testing.T) {
		out, _, code := run(t, "calendar", "examples/", "--now", "2026-11-23T12:00:00Z")
		if want := fmt.Sprintf("%d posts: %d ✅ approved.\n", scheduled, scheduled); code != 0 || !strings.HasPrefix(out, want) {
			t.Errorf("exit %d, want the first line %q:\n%s", code, want, out)
		}
	})

	t.Run("the UIDs do not depend on the path the command is given", func(t *testing.T) {
		again := filepath.Join(t.TempDir(), "again.ics")
		if _, stderr, code := run(t, "calendar", "examples/posts", "--now", "2027-01-01", "--ics", again); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		uids := func(evs []ical.Event) []string {
			var out []string
			for _, ev := range evs {
				out = append(out, ev.Props.Get(ical.PropUID).Value)
			}
			slices.Sort(out)
			return out
		}
		if !slices.Equal(uids(icsEvents(t, ics)), uids(icsEvents(t, again))) {
			t.Error("the same posts got other UIDs")
		}
	})
}

// TestCalendarWritesWholeFilesOrNothing: a file that cannot be written is
// an error with exit status 2, and leaves neither a partial calendar nor
// a temporary file behind, nor the other calendar half done.
func TestCalendarWritesWholeFilesOrNothing(t *testing.T) {
	tests := []struct {
		name string
		args func(dir string) []string
	}{
		{"a folder that is a file", func(dir string) []string {
			return []string{"--ics", filepath.Join(dir, "file", "calendar.ics")}
		}},
		{"a target that is a folder, after a good one", func(dir string) []string {
			return []string{"--ics", filepath.Join(dir, "calendar.ics"), "--markdown", filepath.Join(dir, "folder")}
		}},
		{"a missing folder", func(dir string) []string {
			return []string{"--markdown", filepath.Join(dir, "missing", "calendar.md")}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
				t.Fatal(err)
			}
			_, stderr, code := run(t, append([]string{"calendar", "examples/"}, tt.args(dir)...)...)
			if code != 2 || !strings.Contains(stderr, "cannot write") {
				t.Errorf("exit %d, want 2 with the reason:\n%s", code, stderr)
			}
			left, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range left {
				names = append(names, e.Name())
			}
			if !slices.Equal(names, []string{"file", "folder"}) {
				t.Errorf("the folder holds %q after the failure, want only what was there", names)
			}
		})
	}
}

func TestCalendarRefusesUnreadablePosts(t *testing.T) {
	ics := filepath.Join(t.TempDir(), "calendar.ics")
	_, stderr, code := run(t, "calendar", "--config", "examples/greenlight.hcl", "examples/broken/bad-front-matter.md", "--ics", ics)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr, "examples/broken/bad-front-matter.md:4:1: error: Invalid front matter") {
		t.Errorf("no located diagnostic:\n%s", stderr)
	}
	if _, err := os.Stat(ics); !os.IsNotExist(err) {
		t.Errorf("a calendar was written without the unreadable post (%v)", err)
	}
}

// TestCalendarStatusesInACheckout: on a checkout a post is published once
// its time has passed, approved before, and a draft when it says so,
// whatever its time; times without an offset are in the config's zone.
func TestCalendarStatusesInACheckout(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"greenlight.hcl":    "greenlight {\n  timezone = \"Europe/Berlin\"\n}\n",
		"posts/past.md":     "---\ntitle: Past\nchannels: [x]\npublish_at: 2026-03-28 09:00\n---\nOut already.\n",
		"posts/future.md":   "---\ntitle: Future\nchannels: [x, mastodon]\npublish_at: 2026-03-30 09:00\n---\nSoon.\n",
		"posts/draft.md":    "---\ntitle: Draft\nchannels: [linkedin]\npublish_at: 2026-03-27 09:00\ndraft: true\n---\nNot yet.\n",
		"posts/no-time.md":  "---\ntitle: Some day\nchannels: [x]\n---\nLater.\n",
		"posts/no-front.md": "Ideas.\n",
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Sunday 29 March 2026, 12:00 in Berlin, the day summer time begins.
	stdout, stderr, code := run(t, "calendar", dir, "--now", "2026-03-29 12:00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "left out 2 posts without publish_at") {
		t.Errorf("stderr does not count the unscheduled posts:\n%s", stderr)
	}
	want := "3 posts: 1 📝 draft, 1 ✅ approved, 1 🚀 published.\n\n" +
		"### Week of Mon 23 Mar 2026\n\n" +
		"| When | Post | Channels | Status |\n|---|---|---|---|\n" +
		"| Fri 27 Mar, 09:00 CET | Draft | LinkedIn | 📝 draft |\n" +
		"| Sat 28 Mar, 09:00 CET | Past | X | 🚀 published |\n\n" +
		"### Week of Mon 30 Mar 2026\n\n" +
		"| When | Post | Channels | Status |\n|---|---|---|---|\n" +
		"| Mon 30 Mar, 09:00 CEST | Future | X, Mastodon | ✅ approved |\n"
	if stdout != want {
		t.Errorf("got\n%s\nwant\n%s", stdout, want)
	}
}
