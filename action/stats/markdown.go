package stats

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report for a team lead: the bottleneck stage
// first, then the chart (chartFile, as WriteSVG draws it; left out when
// empty), the stages, the reviewers, the missed publish times, the rework
// and how each figure is defined. It fits a GitHub step summary or a
// committed file.
func WriteMarkdown(w io.Writer, r Report, chartFile string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Approval metrics: %s\n\n", orUnnamed(r.Repository))
	fmt.Fprintf(&b, "%s, as of %s.\n\n", capitalize(r.counts()), r.clock(r.At))
	if s := r.bottleneck(); s != nil {
		fmt.Fprintf(&b, "**Bottleneck: %s.** Its median time to approve is %s h (90th percentile %s h, over %s); "+
			"it was the last stage pending in %d of %s (%s).\n\n",
			s.Name, hoursText(s.TimeToApprove.Median), hoursText(s.TimeToApprove.P90), plural(s.TimeToApprove.Count, "approval", "approvals"),
			s.LastPending, plural(r.LastPendingOf, "merged pull request", "merged pull requests"), percent(s.LastPendingShare))
	} else {
		b.WriteString("No stage has a counting approval yet.\n\n")
	}
	if chartFile != "" {
		fmt.Fprintf(&b, "![Median time to approve per stage](%s)\n\n", chartFile)
	}

	b.WriteString("## Stages\n\n")
	b.WriteString("| stage | approvers | approvals | median (h) | 90th percentile (h) | last pending |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|\n")
	for _, s := range r.Stages {
		name := s.Name
		if name == r.Bottleneck {
			name = "**" + name + "**"
		}
		median, p90 := timesText(s.TimeToApprove)
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %d (%s) |\n", name, strings.Join(s.Approvers, ", "), s.TimeToApprove.Count, median, p90, s.LastPending, percent(s.LastPendingShare))
	}

	b.WriteString("\n## Reviewers\n\n")
	if len(r.Reviewers) == 0 {
		b.WriteString("No counting approvals.\n")
	} else {
		b.WriteString("| reviewer | stages | approvals | median (h) | 90th percentile (h) |\n")
		b.WriteString("|---|---|--:|--:|--:|\n")
		for _, p := range r.Reviewers {
			median, p90 := timesText(p.TimeToApprove)
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %s |\n", p.Login, strings.Join(p.Stages, ", "), p.TimeToApprove.Count, median, p90)
		}
	}

	b.WriteString("\n## Missed publish times\n\n")
	fmt.Fprintf(&b, "%d of %s (%s) missed their time by more than the %s grace.\n",
		r.Missed.Count, plural(r.Missed.Scheduled, "scheduled pull request", "scheduled pull requests"), percent(r.Missed.Share), span(r.Grace))
	if len(r.Missed.PullRequests) > 0 {
		b.WriteString("\n| pull request | author | due | outcome | late (h) |\n")
		b.WriteString("|---|---|---|---|--:|\n")
		for _, m := range r.Missed.PullRequests {
			fmt.Fprintf(&b, "| #%d | %s | %s | %s | %s |\n", m.Number, m.Author, r.clock(m.PublishAt), m.outcome(), hoursText(m.Late))
		}
	}

	b.WriteString("\n## Rework\n\n")
	fmt.Fprintf(&b, "%s after a first review, in %d of %s (%s).\n",
		capitalize(plural(r.Rework.Pushes, "push", "pushes")), r.Rework.WithRework, plural(r.Rework.Reviewed, "reviewed pull request", "reviewed pull requests"), percent(r.Rework.Share))
	if len(r.Rework.PullRequests) > 0 {
		b.WriteString("\n| pull request | author | pushes after the first review |\n")
		b.WriteString("|---|---|--:|\n")
		for _, p := range r.Rework.PullRequests {
			fmt.Fprintf(&b, "| #%d | %s | %d |\n", p.Number, p.Author, p.Pushes)
		}
	}

	b.WriteString("\n---\n\n" +
		"*Time to approve* runs from when a stage became pending (the pull request's opening, or the approval of the " +
		"stages it comes after) to the first approval by someone in its roles other than the author; earlier approvals " +
		"do not count, later pushes do not undo it. The median of an even number of times is the mean of the two middle " +
		"ones; the 90th percentile is the ⌈0.9·n⌉-th time in ascending order. *Last pending* is the stage approved last " +
		"before a merge. *Missed* is merged, or still open, more than the grace after its publish time. *Rework* is pushes " +
		"after a pull request's first review.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
