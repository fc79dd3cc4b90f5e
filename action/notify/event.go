package notify

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Event is one thing that happened to a post pull request, to be told to
// the notify targets that want its Kind.
type Event struct {
	// Kind is one of config.NotifyEvents(): stage_requested, reminder,
	// publish_blocked or published.
	Kind string
	// Key identifies the event for idempotence, such as
	// "reminder/12/legal/overdue". The caller keeps which keys were sent.
	Key string
	// Repo is owner/name.
	Repo        string
	PullRequest int
	// URL is the pull request's URL.
	URL string
	// Title is the pull request's title: untrusted text, escaped for each
	// format and cut to MaxTitle characters.
	Title string
	// Stage is the sign-off stage the event is about, or "".
	Stage string
	// People are GitHub logins or org/team slugs to mention; may be empty.
	People []string
	// Text is one short sentence, such as "legal sign-off is due in 4h
	// (Tue 1 Dec, 09:00 EST)".
	Text string
	// At is when the event happened; Send fills in the current time when
	// it is zero.
	At time.Time
}

const (
	// MaxTitle is how many characters of a title a message shows; a
	// longer title is cut and ends with an ellipsis.
	MaxTitle = 120
	// maxText bounds Text, which should be one short sentence already.
	maxText = 300
	// maxPerson bounds one login or team slug.
	maxPerson = 100
)

// title is the event's title cleaned and cut to MaxTitle.
func (ev Event) title() string { return clean(ev.Title, MaxTitle) }

// text is the event's sentence cleaned and cut.
func (ev Event) text() string { return clean(ev.Text, maxText) }

// people are the cleaned, non-empty logins and teams, without a leading @.
func (ev Event) people() []string {
	out := []string{}
	for _, p := range ev.People {
		p = strings.TrimPrefix(clean(p, maxPerson), "@")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// mentions are the people as "@login", for chats that cannot map GitHub
// logins to their own users.
func (ev Event) mentions() []string {
	var out []string
	for _, p := range ev.people() {
		out = append(out, "@"+p)
	}
	return out
}

// clean makes untrusted text one line: invalid UTF-8 and control
// characters go, runs of white space become one space, and text longer
// than max characters is cut to max, the last one an ellipsis.
func clean(s string, max int) string {
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := b.String()
	if utf8.RuneCountInString(out) <= max {
		return out
	}
	runes := []rune(out)
	return strings.TrimRight(string(runes[:max-1]), " ") + "…"
}
