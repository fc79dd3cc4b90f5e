// Package deadline reads stage deadlines as teams write them ("24h before
// publish", "2 business days before publish") and works out when a stage
// is due for a post, in the team's time zone and business hours.
package deadline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Unit is what a deadline counts.
type Unit string

const (
	Minutes       Unit = "minutes"
	Hours         Unit = "hours"
	Days          Unit = "days" // calendar days: the same local time, N days earlier
	BusinessDays  Unit = "business days"
	BusinessHours Unit = "business hours"
)

// Rule is a deadline relative to a post's publish time.
type Rule struct {
	Amount int
	Unit   Unit
	// Text is the rule as written.
	Text string
}

var ruleSyntax = regexp.MustCompile(`^(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|business\s+days?|business\s+hours?)\s+before\s+publish(?:ing)?$`)

// Parse reads a rule like "24h before publish", "90 minutes before
// publish", "1 day before publish", "2 business days before publish" or
// "4 business hours before publish".
func Parse(text string) (Rule, error) {
	s := strings.ToLower(strings.Join(strings.Fields(text), " "))
	m := ruleSyntax.FindStringSubmatch(s)
	if m == nil {
		return Rule{}, fmt.Errorf("%q is not a deadline; write it like \"24h before publish\", \"1 day before publish\", \"2 business days before publish\" or \"4 business hours before publish\"", text)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n > 10000 {
		return Rule{}, fmt.Errorf("%q: %s is too large", text, m[1])
	}
	r := Rule{Amount: n, Text: text}
	switch u := m[2]; {
	case strings.HasPrefix(u, "business") && strings.Contains(u, "day"):
		r.Unit = BusinessDays
	case strings.HasPrefix(u, "business"):
		r.Unit = BusinessHours
	case strings.HasPrefix(u, "m"):
		r.Unit = Minutes
	case strings.HasPrefix(u, "h"):
		r.Unit = Hours
	default:
		r.Unit = Days
	}
	return r, nil
}

// Calendar is the team's working time.
type Calendar struct {
	Location *time.Location
	// Start and End bound the working day, as time since local midnight.
	Start, End time.Duration
	// Days are the working days.
	Days [7]bool
}

// DefaultCalendar is 09:00 to 17:00, Monday to Friday, in loc.
func DefaultCalendar(loc *time.Location) Calendar {
	c := Calendar{Location: loc, Start: 9 * time.Hour, End: 17 * time.Hour}
	for d := time.Monday; d <= time.Friday; d++ {
		c.Days[d] = true
	}
	return c
}

func (c Calendar) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// at is the local time on t's date at offset since midnight, built from
// the wall clock so a daylight-saving day keeps its office hours.
func (c Calendar) at(t time.Time, offset time.Duration) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, int(offset/time.Hour), int(offset%time.Hour/time.Minute), 0, 0, c.loc())
}

// Due is when a stage with rule r is due for a post published at
// publish.
func (r Rule) Due(publish time.Time, c Calendar) time.Time {
	t := publish.In(c.loc())
	switch r.Unit {
	case Minutes:
		return t.Add(-time.Duration(r.Amount) * time.Minute)
	case Hours:
		return t.Add(-time.Duration(r.Amount) * time.Hour)
	case Days:
		return t.AddDate(0, 0, -r.Amount)
	case BusinessDays:
		// The same local time, counting back only working days.
		for n := r.Amount; n > 0; {
			t = t.AddDate(0, 0, -1)
			if c.Days[t.Weekday()] {
				n--
			}
		}
		return t
	case BusinessHours:
		return c.backHours(t, time.Duration(r.Amount)*time.Hour)
	}
	return t
}

// backHours walks back through working hours from t.
func (c Calendar) backHours(t time.Time, left time.Duration) time.Time {
	if !c.Days[0] && !c.Days[1] && !c.Days[2] && !c.Days[3] && !c.Days[4] && !c.Days[5] && !c.Days[6] || c.End <= c.Start {
		return t.Add(-left) // no working time declared: plain hours
	}
	for {
		if c.Days[t.Weekday()] {
			start, end := c.at(t, c.Start), c.at(t, c.End)
			if t.After(end) {
				t = end
			}
			if t.After(start) {
				if avail := t.Sub(start); avail >= left {
					return t.Add(-left)
				} else {
					left -= avail
				}
			}
		}
		// The end of the previous day's working time.
		prev := t.AddDate(0, 0, -1)
		t = c.at(prev, c.End)
	}
}
