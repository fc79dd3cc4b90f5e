package stats

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// These helpers word the report the same way in every format.

// hoursText is a duration in hours with two decimals, as "10.00".
func hoursText(d time.Duration) string { return fmt.Sprintf("%.2f", hours(d)) }

// timesText is a summary's median and 90th percentile, or dashes when it
// has no times.
func timesText(t Times) (median, p90 string) {
	if t.Count == 0 {
		return "–", "–"
	}
	return hoursText(t.Median), hoursText(t.P90)
}

// percent is a share as a whole percentage, as "43%".
func percent(share float64) string { return fmt.Sprintf("%.0f%%", math.Round(share*100)) }

// span is a duration as people write it: "2h", "1h30m", "45m", "0s".
func span(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// clock is a time in the report's zone, to the minute.
func (r Report) clock(t time.Time) string {
	loc := r.Location
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

// counts is "7 pull requests (5 merged, 1 open, 1 closed without merging)".
func (r Report) counts() string {
	s := plural(r.PullRequests, "pull request", "pull requests")
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{r.Merged, "merged"}, {r.Open, "open"}, {r.Closed, "closed without merging"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

// bottleneck is the stage with the highest median, or nil.
func (r Report) bottleneck() *Stage {
	for i := range r.Stages {
		if r.Stages[i].Name == r.Bottleneck && r.Stages[i].TimeToApprove.Count > 0 {
			return &r.Stages[i]
		}
	}
	return nil
}

// outcome says how a missed pull request ended.
func (m MissedPullRequest) outcome() string {
	if m.Merged == nil {
		return "still open"
	}
	return "merged"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
