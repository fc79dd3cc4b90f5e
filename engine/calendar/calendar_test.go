package calendar_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/calendar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func newYork(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at is a wall-clock time in loc.
func at(loc *time.Location, y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

// fixture is a calendar over several weeks in America/New_York: every
// status, a post on three channels, a week with no posts, the week in
// which daylight saving time ends (Sunday 1 November 2026), a post late on
// a Sunday that is Monday in UTC, and titles that need escaping.
func fixture(t *testing.T) ([]calendar.Entry, calendar.Options) {
	ny := newYork(t)
	entries := []calendar.Entry{
		{Path: "posts/2026-12-01-dashboard.md", Title: "Dashboards are here", Channels: []string{"x", "linkedin", "bluesky"},
			PublishAt: at(ny, 2026, 12, 1, 9, 0), Status: calendar.Approved,
			URL: "https://github.com/acme/posts/pull/42", PullRequest: 42},
		{Path: "posts/2026-10-30-halloween.md", Title: "Spooky reports", Channels: []string{"instagram"},
			PublishAt: at(ny, 2026, 10, 30, 12, 0), Status: calendar.Published, URL: "https://github.com/acme/posts/blob/main/posts/2026-10-30-halloween.md"},
		{Path: "posts/2026-10-31-before-dst.md", Title: "Last day of summer time", Channels: []string{"x"},
			PublishAt: at(ny, 2026, 10, 31, 9, 0), Status: calendar.Published},
		{Path: "posts/2026-11-01-after-dst.md", Title: "Clocks went back", Channels: []string{"mastodon", "threads"},
			PublishAt: at(ny, 2026, 11, 1, 9, 0), Status: calendar.Missed, Note: "missed by 3h"},
		{Path: "posts/2026-11-01-late.md", Title: "Sunday night | late edition", Channels: []string{"facebook"},
			PublishAt: at(ny, 2026, 11, 1, 23, 30), Status: calendar.Missed, PullRequest: 7, Note: "blocked by policy"},
		{Path: "posts/2026-11-03-savings.md", Title: "Save on your *annual* plan", Channels: []string{"linkedin"},
			PublishAt: at(ny, 2026, 11, 3, 10, 0), Status: calendar.InReview, PullRequest: 51,
			URL: "https://github.com/acme/posts/pull/51", Note: "waiting for legal"},
		{Path: "posts/2026-11-03-tips.md", Title: "Three ways to share a report", Channels: []string{"x", "bluesky"},
			PublishAt: at(ny, 2026, 11, 3, 10, 0), Status: calendar.Approved},
		{Path: "posts/2026-12-24-holidays.md", Title: "Holiday hours", Channels: []string{"x", "support-forum"},
			PublishAt: at(ny, 2026, 12, 24, 8, 0), Status: calendar.Draft},
		{Path: "posts/unscheduled.md", Title: "Some day", Channels: []string{"x"}, Status: calendar.Draft},
	}
	return entries, calendar.Options{Location: ny, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		Calendar: "acme/posts: main", UIDDomain: "acme-posts.greenlight"}
}

// TestMarkdownGolden pins the Markdown calendar in testdata/calendar.md.
// Run `go test ./engine/calendar -run TestMarkdownGolden -update` to
// rewrite it after a deliberate change, and read the diff.
func TestMarkdownGolden(t *testing.T) {
	entries, o := fixture(t)
	var got bytes.Buffer
	if err := calendar.WriteMarkdown(&got, entries, o); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "calendar.md"), got.Bytes())
}

func TestMarkdownWithoutPosts(t *testing.T) {
	var got bytes.Buffer
	if err := calendar.WriteMarkdown(&got, nil, calendar.Options{}); err != nil {
		t.Fatal(err)
	}
	if got.String() != "No posts are scheduled.\n" {
		t.Errorf("got %q", got.String())
	}
}

func TestWindow(t *testing.T) {
	entries, o := fixture(t)
	from := at(o.Location, 2026, 10, 26, 0, 0) // a Monday; the window spans the end of daylight saving time
	got := calendar.Window(entries, from, 14)
	var paths []string
	for _, e := range got {
		paths = append(paths, e.Path)
	}
	want := []string{"posts/2026-10-30-halloween.md", "posts/2026-10-31-before-dst.md", "posts/2026-11-01-after-dst.md",
		"posts/2026-11-01-late.md", "posts/2026-11-03-savings.md", "posts/2026-11-03-tips.md"}
	if !slices.Equal(paths, want) {
		t.Errorf("Window = %q, want %q", paths, want)
	}
	edge := []calendar.Entry{
		{Path: "start", PublishAt: from, Status: calendar.Draft},
		{Path: "end", PublishAt: from.AddDate(0, 0, 14), Status: calendar.Draft},
		{Path: "last", PublishAt: from.AddDate(0, 0, 14).Add(-time.Second), Status: calendar.Draft},
	}
	if got := calendar.Window(edge, from, 14); len(got) != 2 || got[0].Path != "start" || got[1].Path != "last" {
		t.Errorf("Window includes its start and excludes its end; got %v", got)
	}
}

func TestUnknownStatusWritesNothing(t *testing.T) {
	entries, o := fixture(t)
	entries[2].Status = "scheduled"
	for name, write := range map[string]func(*bytes.Buffer) error{
		"ics":      func(b *bytes.Buffer) error { return calendar.WriteICS(b, entries, o) },
		"markdown": func(b *bytes.Buffer) error { return calendar.WriteMarkdown(b, entries, o) },
	} {
		var b bytes.Buffer
		if err := write(&b); err == nil || b.Len() > 0 {
			t.Errorf("%s: err %v and %d bytes; want an error and nothing written", name, err, b.Len())
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update and read the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
