package calendar_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/greenlighthq/greenlight/engine/calendar"
)

// event is what a calendar client reads back from one VEVENT.
type event struct {
	UID, Summary, Status, URL string
	Start                     time.Time
	Categories                []string
}

// parseICS reads data with an independent iCalendar implementation
// (github.com/emersion/go-ical), checks the calendar has the components and
// properties RFC 5545 requires by encoding it again with the same library
// (which refuses a calendar that lacks them), and returns its events.
func parseICS(t *testing.T, data []byte) []event {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("the calendar does not parse: %v\n%s", err, data)
	}
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Fatalf("the calendar lacks what RFC 5545 requires: %v", err)
	}
	var out []event
	for _, ev := range cal.Events() {
		var e event
		text := func(name string) string {
			t.Helper()
			p := ev.Props.Get(name)
			if p == nil {
				return ""
			}
			v, err := p.Text()
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			return v
		}
		e.UID, e.Summary, e.Status = text(ical.PropUID), text(ical.PropSummary), text(ical.PropStatus)
		if p := ev.Props.Get(ical.PropURL); p != nil {
			e.URL = p.Value
		}
		if p := ev.Props.Get(ical.PropCategories); p != nil {
			if e.Categories, err = p.TextList(); err != nil {
				t.Error(err)
			}
		}
		if e.Start, err = ev.DateTimeStart(nil); err != nil {
			t.Errorf("%s: DTSTART: %v", e.UID, err)
		}
		if end, err := ev.DateTimeEnd(nil); err != nil || end.Sub(e.Start) != 15*time.Minute {
			t.Errorf("%s: ends %v (%v), want 15 minutes after it starts", e.UID, end, err)
		}
		stamp, err := ev.Props.DateTime(ical.PropDateTimeStamp, nil)
		if err != nil || !stamp.Equal(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: DTSTAMP %v (%v), want Options.Now", e.UID, stamp, err)
		}
		out = append(out, e)
	}
	return out
}

func writeICS(t *testing.T, entries []calendar.Entry, o calendar.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := calendar.WriteICS(&b, entries, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestICSRoundTrips: every post and channel is one event that a client
// reads back with its UID, start, summary, status, link and categories, in
// order of time, path and channel.
func TestICSRoundTrips(t *testing.T) {
	entries, o := fixture(t)
	got := parseICS(t, writeICS(t, entries, o))

	clientStatus := map[calendar.Status]string{calendar.Draft: "TENTATIVE", calendar.InReview: "TENTATIVE",
		calendar.Approved: "CONFIRMED", calendar.Published: "CONFIRMED", calendar.Missed: "CANCELLED"}
	names := map[string]string{"x": "X", "linkedin": "LinkedIn", "bluesky": "Bluesky", "instagram": "Instagram",
		"mastodon": "Mastodon", "threads": "Threads", "facebook": "Facebook", "support-forum": "support-forum"}
	var want []event
	for _, e := range entries {
		if e.PublishAt.IsZero() {
			continue // unscheduled: not on the calendar
		}
		for _, ch := range e.Channels {
			want = append(want, event{UID: calendar.UID(o.UIDDomain, e.Path, ch), Summary: names[ch] + ": " + e.Title,
				Status: clientStatus[e.Status], URL: e.URL, Start: e.PublishAt.UTC(), Categories: []string{names[ch], string(e.Status)}})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d (one per scheduled post and channel)", len(got), len(want))
	}
	byUID := map[string]event{}
	for _, e := range want {
		byUID[e.UID] = e
	}
	for i, g := range got {
		w, ok := byUID[g.UID]
		if !ok {
			t.Errorf("event %d: unexpected UID %s", i, g.UID)
			continue
		}
		if g.Summary != w.Summary || g.Status != w.Status || g.URL != w.URL || !g.Start.Equal(w.Start) || !slices.Equal(g.Categories, w.Categories) {
			t.Errorf("event %d round-trips as\n%+v, want\n%+v", i, g, w)
		}
		if i > 0 && g.Start.Before(got[i-1].Start) {
			t.Errorf("event %d (%s) starts before event %d", i, g.Summary, i-1)
		}
	}
	if len(byUID) != len(want) {
		t.Errorf("%d distinct UIDs for %d events", len(byUID), len(want))
	}
	// Same time, same path: by channel.
	var dashboard []string
	for _, g := range got {
		if strings.HasSuffix(g.Summary, "Dashboards are here") {
			dashboard = append(dashboard, g.Summary)
		}
	}
	if want := []string{"Bluesky: Dashboards are here", "LinkedIn: Dashboards are here", "X: Dashboards are here"}; !slices.Equal(dashboard, want) {
		t.Errorf("one post's events in order %q, want %q", dashboard, want)
	}
}

// TestICSIsDeterministic: the input's order does not matter.
func TestICSIsDeterministic(t *testing.T) {
	entries, o := fixture(t)
	first := writeICS(t, entries, o)
	slices.Reverse(entries)
	if again := writeICS(t, entries, o); !bytes.Equal(first, again) {
		t.Errorf("reversed entries give other bytes:\n%s\n---\n%s", first, again)
	}
}

// TestUIDsSurviveChanges: a post rescheduled, retitled, approved or given
// another link keeps its events' UIDs, so a subscribed calendar moves the
// events instead of adding new ones; only another path, channel or
// calendar changes a UID.
func TestUIDsSurviveChanges(t *testing.T) {
	entries, o := fixture(t)
	uids := func(entries []calendar.Entry, o calendar.Options) map[string]bool {
		set := map[string]bool{}
		for _, e := range parseICS(t, writeICS(t, entries, o)) {
			set[e.UID] = true
		}
		return set
	}
	before := uids(entries, o)
	moved := slices.Clone(entries)
	moved[0].PublishAt = moved[0].PublishAt.Add(26 * time.Hour)
	moved[0].Title = "Dashboards are finally here"
	moved[0].Status, moved[0].Note, moved[0].URL = calendar.Published, "", ""
	moved[5].PublishAt = moved[5].PublishAt.AddDate(0, 1, 0)
	if after := uids(moved, o); !maps.Equal(before, after) {
		t.Errorf("UIDs changed with the time, title, status or link:\n%v\n%v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
	}
	for _, u := range slices.Collect(maps.Keys(before)) {
		if !strings.HasSuffix(u, "@acme-posts.greenlight") {
			t.Errorf("UID %s is not in the calendar's domain", u)
		}
	}
	other := o
	other.UIDDomain = "globex-posts.greenlight"
	for u := range uids(entries, other) {
		if before[u] {
			t.Errorf("UID %s is shared by two calendars", u)
		}
	}
	if calendar.UID("d", "posts/a.md", "x") == calendar.UID("d", "posts/a.md", "bluesky") ||
		calendar.UID("d", "posts/a.md", "x") == calendar.UID("d", "posts/b.md", "x") {
		t.Error("UIDs collide across channels or paths")
	}
}

// TestICSTextIsEscapedAndFolded: titles with the characters TEXT escapes
// and a 200-emoji title come back exactly, and the file keeps RFC 5545's
// line rules: CRLF endings, no physical line over 75 octets, no UTF-8
// sequence split across a fold.
func TestICSTextIsEscapedAndFolded(t *testing.T) {
	ny := newYork(t)
	o := calendar.Options{Location: ny, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		Calendar: "acme/posts: main, \"drafts\"; all", UIDDomain: "acme-posts.greenlight"}
	titles := []string{
		"Launch, v2; the \\ backslash\nand a second line",
		strings.Repeat("🚀", 200),
		strings.Repeat("é", 37) + "👩‍👩‍👧‍👦, " + strings.Repeat("東京", 40),
		"Tab\tand a bell\a, dropped",
	}
	var entries []calendar.Entry
	for i, title := range titles {
		entries = append(entries, calendar.Entry{Path: fmt.Sprintf("posts/%d.md", i), Title: title, Channels: []string{"x"},
			PublishAt: at(ny, 2026, 12, 1+i, 9, 0), Status: calendar.Approved, Note: "needs legal; by Friday, please",
			URL: "https://example.com/a,b;c?" + strings.Repeat("q=1&", 30)})
	}
	data := writeICS(t, entries, o)

	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("the file does not end with CRLF")
	}
	folds := 0
	for i, l := range bytes.SplitAfter(data, []byte("\r\n")) {
		if len(l) == 0 {
			continue
		}
		body, ok := bytes.CutSuffix(l, []byte("\r\n"))
		if !ok || bytes.ContainsAny(body, "\r\n") {
			t.Errorf("line %d is not ended by exactly one CRLF: %q", i+1, l)
		}
		if len(body) > 75 {
			t.Errorf("line %d is %d octets, over 75: %q", i+1, len(body), body)
		}
		if !utf8.Valid(body) {
			t.Errorf("line %d is not valid UTF-8 on its own (a fold split a character): %q", i+1, body)
		}
		if bytes.HasPrefix(body, []byte(" ")) {
			folds++
		}
	}
	if folds < 200*4/74 {
		t.Errorf("only %d folded lines; the long titles must fold", folds)
	}

	want := []string{
		"X: Launch, v2; the \\ backslash\nand a second line",
		"X: " + strings.Repeat("🚀", 200),
		"X: " + titles[2],
		"X: Tab\tand a bell, dropped",
	}
	got := parseICS(t, data)
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for i, e := range got {
		if e.Summary != want[i] {
			t.Errorf("SUMMARY round-trips as %q, want %q", e.Summary, want[i])
		}
		if e.URL != entries[i].URL {
			t.Errorf("URL round-trips as %q, want %q", e.URL, entries[i].URL)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if name, err := cal.Props.Text("X-WR-CALNAME"); err != nil || name != o.Calendar {
		t.Errorf("X-WR-CALNAME round-trips as %q (%v), want %q", name, err, o.Calendar)
	}
	desc, err := cal.Events()[0].Props.Text(ical.PropDescription)
	if wantDesc := "Status: approved (needs legal; by Friday, please)\nPost: posts/0.md\n" + entries[0].URL; err != nil || desc != wantDesc {
		t.Errorf("DESCRIPTION round-trips as %q (%v), want %q", desc, err, wantDesc)
	}
}

// TestICSStatusMapping pins how a post's status shows in calendar clients.
func TestICSStatusMapping(t *testing.T) {
	for status, want := range map[calendar.Status]string{
		calendar.Draft: "TENTATIVE", calendar.InReview: "TENTATIVE",
		calendar.Approved: "CONFIRMED", calendar.Published: "CONFIRMED",
		calendar.Missed: "CANCELLED",
	} {
		t.Run(string(status)+" is "+want, func(t *testing.T) {
			entries := []calendar.Entry{{Path: "posts/a.md", Title: "A", Channels: []string{"x"},
				PublishAt: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC), Status: status}}
			got := parseICS(t, writeICS(t, entries, calendar.Options{Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), UIDDomain: "d"}))
			if len(got) != 1 || got[0].Status != want {
				t.Errorf("got %+v, want STATUS %s", got, want)
			}
		})
	}
}

// TestICSPostWithoutChannels: a post that targets no channel is still on
// the calendar, once, under its title.
func TestICSPostWithoutChannels(t *testing.T) {
	entries := []calendar.Entry{{Path: "posts/a.md", PublishAt: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC), Status: calendar.Draft}}
	got := parseICS(t, writeICS(t, entries, calendar.Options{Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), UIDDomain: "d"}))
	if len(got) != 1 || got[0].Summary != "posts/a.md" || got[0].UID != calendar.UID("d", "posts/a.md", "") {
		t.Errorf("got %+v, want one event named after the path", got)
	}
}

func TestICSNeedsUIDDomainAndNow(t *testing.T) {
	entries, o := fixture(t)
	for name, o := range map[string]calendar.Options{
		"no UIDDomain": {Location: o.Location, Now: o.Now},
		"no Now":       {Location: o.Location, UIDDomain: o.UIDDomain},
	} {
		if err := calendar.WriteICS(&bytes.Buffer{}, entries, o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
