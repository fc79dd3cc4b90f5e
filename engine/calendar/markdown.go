package calendar

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteMarkdown writes entries as a Markdown calendar, week by week: a
// first line that counts the posts by status, then for each week that has
// posts (weeks start on Monday in o.Location; empty weeks are skipped) a
// heading "### Week of Mon 30 Nov 2026" and a table with a row per post:
// its time in o.Location ("Tue 1 Dec, 09:00 EST"), its title (linked to
// URL when there is one), its channels and its status with an icon and
// the Note:
//
//	📝 draft · 👀 in review · ✅ approved · 🚀 published · ⚠️ missed
//
// Rows are sorted by time, then path. Entries with a zero PublishAt are
// left out; an entry with an unknown Status is an error, and then nothing
// is written.
func WriteMarkdown(w io.Writer, entries []Entry, o Options) error {
	es, err := scheduled(entries)
	if err != nil {
		return err
	}
	loc := o.location()
	var b strings.Builder
	b.WriteString(countLine(es))
	b.WriteString("\n")
	var week time.Time
	for _, e := range es {
		if ws := weekStart(e.PublishAt, loc); !ws.Equal(week) {
			week = ws
			fmt.Fprintf(&b, "\n### Week of %s\n\n", ws.Format("Mon 2 Jan 2006"))
			b.WriteString("| When | Post | Channels | Status |\n|---|---|---|---|\n")
		}
		post := escapeMarkdown(title(e))
		if e.URL != "" {
			post = "[" + post + "](" + escapeDestination(e.URL) + ")"
		}
		if e.PullRequest != 0 {
			post += fmt.Sprintf(" (#%d)", e.PullRequest)
		}
		var names []string
		for _, ch := range channels(e) {
			names = append(names, escapeMarkdown(channelName(ch)))
		}
		chans := strings.Join(names, ", ")
		if chans == "" {
			chans = "—"
		}
		status := e.Status.icon() + " " + string(e.Status)
		if e.Note != "" {
			status += " — " + escapeMarkdown(e.Note)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", e.PublishAt.In(loc).Format("Mon 2 Jan, 15:04 MST"), post, chans, status)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// countLine counts the posts by status: "4 posts: 1 📝 draft, 3 ✅
// approved."
func countLine(es []Entry) string {
	if len(es) == 0 {
		return "No posts are scheduled."
	}
	var parts []string
	for _, s := range statuses() {
		n := 0
		for _, e := range es {
			if e.Status == s {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s %s", n, s.icon(), s))
		}
	}
	noun := "posts"
	if len(es) == 1 {
		noun = "post"
	}
	return fmt.Sprintf("%d %s: %s.", len(es), noun, strings.Join(parts, ", "))
}

// weekStart is 00:00 on the Monday of t's week in loc.
func weekStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, loc)
}

// escapeMarkdown keeps text literal in a table cell: what Markdown would
// read as markup or as a cell border gets a backslash, and line breaks,
// which would end the row, become spaces.
func escapeMarkdown(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeDestination keeps a link destination in one piece inside a table
// cell and a Markdown link.
func escapeDestination(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "|", "%7C", "<", "%3C", ">", "%3E", "\n", "", "\r", "").Replace(u)
}
