package calendar

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Status is how far a post is from going out.
type Status string

// The statuses of a post, from first to last.
const (
	// Draft: the author has not asked for review yet.
	Draft Status = "draft"
	// InReview: a pull request waits for checks or sign-offs.
	InReview Status = "in review"
	// Approved: ready, and goes out at its time.
	Approved Status = "approved"
	// Published: it went out.
	Published Status = "published"
	// Missed: its time passed and it did not go out.
	Missed Status = "missed"
)

// statuses lists every Status in the order summaries count them.
func statuses() []Status { return []Status{Draft, InReview, Approved, Published, Missed} }

// icon is the emoji the Markdown calendar shows before a status.
func (s Status) icon() string {
	switch s {
	case Draft:
		return "📝"
	case InReview:
		return "👀"
	case Approved:
		return "✅"
	case Published:
		return "🚀"
	case Missed:
		return "⚠️"
	}
	return ""
}

func (s Status) valid() bool { return slices.Contains(statuses(), s) }

// Entry is one scheduled post.
type Entry struct {
	// Path is the post's path in the repository. With the channel and
	// Options.UIDDomain it names the post's calendar events, so it must
	// not depend on where the calendar is generated from.
	Path  string
	Title string
	// Channels are the channel names as the front matter writes them (x,
	// linkedin, ...).
	Channels  []string
	PublishAt time.Time
	Status    Status
	// URL links to the pull request or the file; "" when there is none.
	URL string
	// PullRequest is the pull request's number; 0 when there is none.
	PullRequest int
	// Note says more about the status ("waiting for legal", "missed by
	// 3h"); "" when there is nothing to add.
	Note string
}

// Options are what the writers need beyond the entries.
type Options struct {
	// Location is the team's time zone: the Markdown calendar shows times
	// in it and starts its weeks on Monday in it. Nil means UTC.
	Location *time.Location
	// Now is when the calendar is generated: the iCalendar DTSTAMP.
	Now time.Time
	// Calendar names the calendar, such as "acme/posts: main".
	Calendar string
	// UIDDomain is part of every event's UID, such as
	// "acme-posts.greenlight", so that two repositories' calendars never
	// share a UID. Keep it the same from one run to the next.
	UIDDomain string
}

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// Window returns the entries whose PublishAt is in [from, from+days), in
// their order; days are calendar days in from's location, so a window
// across a daylight-saving change still ends at the same wall-clock time.
func Window(entries []Entry, from time.Time, days int) []Entry {
	to := from.AddDate(0, 0, days)
	var out []Entry
	for _, e := range entries {
		if !e.PublishAt.IsZero() && !e.PublishAt.Before(from) && e.PublishAt.Before(to) {
			out = append(out, e)
		}
	}
	return out
}

// scheduled checks the entries and returns those with a time, sorted by
// time then path, so output never depends on the input's order.
func scheduled(entries []Entry) ([]Entry, error) {
	var out []Entry
	for _, e := range entries {
		if !e.Status.valid() {
			return nil, fmt.Errorf("calendar: %s: unknown status %q", e.Path, e.Status)
		}
		if e.PublishAt.IsZero() {
			continue
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Entry) int {
		return cmp.Or(a.PublishAt.Compare(b.PublishAt), strings.Compare(a.Path, b.Path))
	})
	return out, nil
}

// channels returns an entry's channels, lowercased as Greenlight matches
// them, each once, in the front matter's order.
func channels(e Entry) []string {
	var out []string
	for _, ch := range e.Channels {
		ch = strings.ToLower(strings.TrimSpace(ch))
		if ch != "" && !slices.Contains(out, ch) {
			out = append(out, ch)
		}
	}
	return out
}

// channelName is a channel's display name, the platform's own spelling as
// the bundled policies' messages write it (display_names in
// policies/lib/lib.rego); a channel Greenlight does not know (one a config
// declares) keeps its own name.
func channelName(ch string) string {
	switch ch {
	case "x":
		return "X"
	case "bluesky":
		return "Bluesky"
	case "mastodon":
		return "Mastodon"
	case "threads":
		return "Threads"
	case "linkedin":
		return "LinkedIn"
	case "instagram":
		return "Instagram"
	case "facebook":
		return "Facebook"
	}
	return ch
}

// title is what to call the post: its title, or its path when it has none.
func title(e Entry) string {
	if t := strings.TrimSpace(e.Title); t != "" {
		return t
	}
	return e.Path
}
