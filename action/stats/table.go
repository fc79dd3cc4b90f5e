package stats

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteTable writes the report as aligned plain-text tables for a
// terminal.
func WriteTable(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Approval metrics for %s at %s: %s.\n\n", orUnnamed(r.Repository), r.clock(r.At), r.counts())
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STAGE\tAPPROVALS\tMEDIAN (H)\tP90 (H)\tLAST PENDING")
	for _, s := range r.Stages {
		median, p90 := timesText(s.TimeToApprove)
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d of %d (%s)\n", s.Name, s.TimeToApprove.Count, median, p90, s.LastPending, r.LastPendingOf, percent(s.LastPendingShare))
	}
	tw.Flush()
	if s := r.bottleneck(); s != nil {
		fmt.Fprintf(&b, "\nBottleneck: %s, with a median of %s h to approve.\n", s.Name, hoursText(s.TimeToApprove.Median))
	} else {
		fmt.Fprintf(&b, "\nNo stage has a counting approval yet.\n")
	}

	if len(r.Reviewers) > 0 {
		b.WriteString("\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "REVIEWER\tSTAGES\tAPPROVALS\tMEDIAN (H)\tP90 (H)")
		for _, p := range r.Reviewers {
			median, p90 := timesText(p.TimeToApprove)
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", p.Login, strings.Join(p.Stages, ", "), p.TimeToApprove.Count, median, p90)
		}
		tw.Flush()
	}

	fmt.Fprintf(&b, "\nMissed: %d of %s (%s) missed their time by more than the %s grace.\n",
		r.Missed.Count, plural(r.Missed.Scheduled, "scheduled pull request", "scheduled pull requests"), percent(r.Missed.Share), span(r.Grace))
	if len(r.Missed.PullRequests) > 0 {
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, m := range r.Missed.PullRequests {
			fmt.Fprintf(tw, "  #%d\t%s\tdue %s\t%s\t%s h late\n", m.Number, m.Author, r.clock(m.PublishAt), m.outcome(), hoursText(m.Late))
		}
		tw.Flush()
	}

	fmt.Fprintf(&b, "\nRework: %s after a first review, in %d of %s (%s).\n",
		plural(r.Rework.Pushes, "push", "pushes"), r.Rework.WithRework, plural(r.Rework.Reviewed, "reviewed pull request", "reviewed pull requests"), percent(r.Rework.Share))
	if len(r.Rework.PullRequests) > 0 {
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, p := range r.Rework.PullRequests {
			fmt.Fprintf(tw, "  #%d\t%s\t%s\n", p.Number, p.Author, plural(p.Pushes, "push", "pushes"))
		}
		tw.Flush()
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orUnnamed(repo string) string {
	if repo == "" {
		return "the repository"
	}
	return repo
}
