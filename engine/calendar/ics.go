package calendar

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// eventLength is how long each event lasts: posts go out at an instant,
// and a short block is what calendar views show best.
const eventLength = "PT15M"

// icsTime is the UTC form of an iCalendar DATE-TIME.
const icsTime = "20060102T150405Z"

// WriteICS writes entries as an iCalendar file (RFC 5545, METHOD:PUBLISH)
// with one event (VEVENT) per post and channel; a post with no channel
// gets one event of its own.
//
// Every event's UID is derived from nothing but o.UIDDomain, the post's
// path and the channel, so a calendar written again after a post is
// retitled, rescheduled or approved updates the event in a subscribed
// calendar client instead of adding a second one. A (path, channel) pair
// given twice is written once, at its earliest time.
//
// Times are written in UTC: DTSTAMP is o.Now, DTSTART the post's
// PublishAt, and every event lasts 15 minutes. SUMMARY is "X: the title",
// DESCRIPTION gives the status, the path and the link, CATEGORIES the
// channel and the status. STATUS maps the post's status to what calendar
// clients show:
//
//	draft, in review    TENTATIVE
//	approved, published CONFIRMED
//	missed              CANCELLED
//
// Events are sorted by time, then path, then channel, so the same entries
// always give the same bytes. Entries with a zero PublishAt are left out;
// an entry with an unknown Status is an error, and then nothing is written.
func WriteICS(w io.Writer, entries []Entry, o Options) error {
	if o.UIDDomain == "" {
		return errors.New("calendar: Options.UIDDomain is empty")
	}
	if o.Now.IsZero() {
		return errors.New("calendar: Options.Now is zero")
	}
	es, err := scheduled(entries)
	if err != nil {
		return err
	}
	type event struct {
		Entry
		channel string
	}
	var events []event
	for _, e := range es {
		chs := channels(e)
		if len(chs) == 0 {
			chs = []string{""}
		}
		for _, ch := range chs {
			events = append(events, event{e, ch})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int {
		return cmp.Or(a.PublishAt.Compare(b.PublishAt), strings.Compare(a.Path, b.Path), strings.Compare(a.channel, b.channel))
	})

	var b icsWriter
	b.line("BEGIN:VCALENDAR")
	b.line("VERSION:2.0")
	b.line("PRODID:-//Greenlight//Content calendar//EN")
	b.line("CALSCALE:GREGORIAN")
	b.line("METHOD:PUBLISH")
	if o.Calendar != "" {
		b.line("NAME:" + escapeText(o.Calendar))         // RFC 7986
		b.line("X-WR-CALNAME:" + escapeText(o.Calendar)) // what Google Calendar and Outlook read
	}
	b.line("X-WR-TIMEZONE:" + escapeText(o.location().String()))
	seen := map[string]bool{}
	for _, ev := range events {
		uid := UID(o.UIDDomain, ev.Path, ev.channel)
		if seen[uid] {
			continue
		}
		seen[uid] = true
		summary, categories := title(ev.Entry), []string{string(ev.Status)}
		if ev.channel != "" {
			summary = channelName(ev.channel) + ": " + summary
			categories = []string{channelName(ev.channel), string(ev.Status)}
		}
		b.line("BEGIN:VEVENT")
		b.line("UID:" + escapeText(uid))
		b.line("DTSTAMP:" + o.Now.UTC().Format(icsTime))
		b.line("DTSTART:" + ev.PublishAt.UTC().Format(icsTime))
		b.line("DURATION:" + eventLength)
		b.line("SUMMARY:" + escapeText(summary))
		b.line("DESCRIPTION:" + escapeText(description(ev.Entry)))
		if isURI(ev.URL) {
			b.line("URL:" + ev.URL)
		}
		b.line("CATEGORIES:" + escapeTextList(categories))
		b.line("STATUS:" + eventStatus(ev.Status))
		b.line("END:VEVENT")
	}
	b.line("END:VCALENDAR")
	_, err = w.Write(b.Bytes())
	return err
}

// UID is the iCalendar UID of the event for a post's path and channel
// ("" for a post without channels) in the calendar of domain: a hash of
// the path and channel, at the domain. Nothing else goes into it, so it
// stays the same while the post changes.
func UID(domain, path, channel string) string {
	sum := sha256.Sum256([]byte(path + "\x00" + strings.ToLower(channel)))
	return hex.EncodeToString(sum[:16]) + "@" + domain
}

// eventStatus maps a post's status to a VEVENT STATUS.
func eventStatus(s Status) string {
	switch s {
	case Approved, Published:
		return "CONFIRMED"
	case Missed:
		return "CANCELLED"
	}
	return "TENTATIVE"
}

// description is the event's DESCRIPTION, one fact per line.
func description(e Entry) string {
	var lines []string
	status := "Status: " + string(e.Status)
	if e.Note != "" {
		status += " (" + e.Note + ")"
	}
	lines = append(lines, status, "Post: "+e.Path)
	if e.PullRequest != 0 {
		lines = append(lines, fmt.Sprintf("Pull request: #%d", e.PullRequest))
	}
	if e.URL != "" {
		lines = append(lines, e.URL)
	}
	return strings.Join(lines, "\n")
}

// isURI reports whether s can be a URL property: an absolute URI with no
// character that would need escaping in a content line.
func isURI(s string) bool {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.IsAbs()
}

// escapeText escapes a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon and comma get a backslash, a line break becomes \n, and the
// control characters TEXT does not allow are dropped. Invalid UTF-8 is
// replaced, since the file is UTF-8.
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// CONTROL characters are not TEXT.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeTextList escapes each value and joins them with commas.
func escapeTextList(vs []string) string {
	for i, v := range vs {
		vs[i] = escapeText(v)
	}
	return strings.Join(vs, ",")
}

// icsWriter collects content lines, each folded and ended with CRLF.
type icsWriter struct{ bytes.Buffer }

// maxLine is the longest a physical line may be, in octets, without its
// CRLF (RFC 5545 section 3.1).
const maxLine = 75

// line writes one content line, folded so that no physical line is longer
// than maxLine octets: a continuation line starts with a space, which
// counts. A fold never splits a UTF-8 sequence.
func (b *icsWriter) line(s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
