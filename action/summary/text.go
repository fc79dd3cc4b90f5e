package summary

import (
	"fmt"
	"strings"

	"github.com/greenlighthq/greenlight/engine/report"
	"github.com/greenlighthq/greenlight/engine/review"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

// Text renders the report for a terminal (greenlight pr): what the
// summary comment says, in plain lines, findings as check prints them.
//
//	✖ Greenlight → main: Blocked: 1 error, waiting for copy-edit, brand, legal
//
//	posts/savings.md  publishes Wed 2 Dec 2026, 09:00 EST
//	  channels   x 52/280
//	  copy-edit  pending (always)
//	  brand      waiting for copy-edit (always)
//	  6:26  error    brand-names  Use 'GitHub' instead of 'Github'.  (fix: GitHub)
func (r Report) Text() string {
	var b strings.Builder
	mark := "✔"
	if r.Conclusion != "success" {
		mark = "✖"
	}
	fmt.Fprintf(&b, "%s Greenlight → %s: %s\n", mark, r.Base, r.Title())
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "\nproblem: %s\n", strings.ReplaceAll(strings.TrimRight(p, "\n"), "\n", "\n  "))
	}
	if g := r.Governance; g != nil {
		fmt.Fprintf(&b, "\nThis pull request changes how posts are judged (%s).", strings.Join(g.Files, ", "))
		switch {
		case g.Problem != "":
			fmt.Fprintf(&b, " %s\n", g.Problem)
		case g.Satisfied():
			fmt.Fprintf(&b, " Stage %s approved by %s.\n", g.Stage, mentions(g.ApprovedBy))
		default:
			fmt.Fprintf(&b, " It needs stage %s (%d of %d approvals).\n", g.Stage, len(g.ApprovedBy), max(g.Needed, 1))
		}
	}
	switch {
	case r.ScheduleProblem != "":
		fmt.Fprintf(&b, "\nGoes out: %s\n", r.ScheduleProblem)
	case !r.Schedule.At.IsZero():
		fmt.Fprintf(&b, "\nGoes out: %s (%s)\n", r.when(&r.Schedule.At), r.Schedule.Source)
	}
	for _, p := range r.Posts {
		r.textPost(&b, p)
	}
	if len(r.Removed) > 0 {
		b.WriteString("\n")
		for _, path := range r.Removed {
			fmt.Fprintf(&b, "%s is removed.\n", path)
		}
	}
	switch next := r.NextStages(); {
	case len(r.Requested) > 0:
		fmt.Fprintf(&b, "\nNext: review requested from %s.\n", strings.Join(r.Requested, ", "))
	case len(next) > 0:
		fmt.Fprintf(&b, "\nNext to sign off: %s.\n", strings.Join(next, ", "))
	}
	foot := append([]string{"commit " + short(r.Head)}, r.ConfigNotes...)
	if r.RunURL != "" {
		foot = append(foot, r.RunURL)
	}
	fmt.Fprintf(&b, "\n%s\n", strings.Join(foot, " · "))
	return b.String()
}

func (r Report) textPost(b *strings.Builder, p Post) {
	title := p.Path
	if p.Renamed != "" {
		title += " (renamed from " + p.Renamed + ")"
	}
	fmt.Fprintf(b, "\n%s  ", title)
	if p.PublishAt == nil {
		b.WriteString("not scheduled\n")
	} else {
		fmt.Fprintf(b, "publishes %s\n", r.when(p.PublishAt))
	}
	var rows [][2]string
	if len(p.Meters) > 0 {
		var ms []string
		for _, m := range p.Meters {
			over := ""
			if !m.Fits {
				over = " (over)"
			}
			ms = append(ms, fmt.Sprintf("%s %d/%d%s", m.Channel, m.Length, m.Limit, over))
		}
		rows = append(rows, [2]string{"channels", strings.Join(ms, " · ")})
	}
	for _, s := range p.Stages {
		if s.Required {
			rows = append(rows, [2]string{s.Name, r.textStage(s, p.Approvals)})
		}
	}
	w := 0
	for _, row := range rows {
		w = max(w, len(row[0]))
	}
	for _, row := range rows {
		fmt.Fprintf(b, "  %-*s  %s\n", w, row[0], row[1])
	}
	var stale []string
	for _, a := range p.Approvals {
		if a.Stale {
			stale = append(stale, fmt.Sprintf("@%s approved %s", a.User, short(a.Commit)))
		}
	}
	if len(stale) > 0 {
		fmt.Fprintf(b, "  not counted, because the post changed since: %s\n", strings.Join(stale, "; "))
	}
	if by := r.byContributors(p.Approvals); len(by) > 0 {
		fmt.Fprintf(b, "  not counted, because they made commits of this pull request: %s\n", strings.Join(by, ", "))
	}
	_ = report.Text{}.Findings(b, p.Findings) // a strings.Builder does not fail
}

// textStage is a stage in words: approved by whom at which commit,
// pending, or waiting for an earlier stage; then when it is due and why
// the post needs it.
func (r Report) textStage(s signoff.Stage, approvals []review.Approval) string {
	out := s.Status()
	var by []string
	for _, u := range s.ApprovedBy {
		for _, a := range approvals {
			if strings.EqualFold(a.User, u) {
				by = append(by, fmt.Sprintf("@%s at %s", a.User, short(a.Commit)))
				break
			}
		}
	}
	switch {
	case s.Satisfied && len(by) > 0:
		out += " by " + strings.Join(by, ", ")
	case !s.Satisfied && len(s.WaitingFor) > 0:
		out += " for " + strings.Join(s.WaitingFor, ", ")
	}
	if s.Due != nil && !s.Satisfied {
		if s.Late {
			out += ", late: was due " + r.when(s.Due)
		} else {
			out += ", due " + r.when(s.Due)
		}
	}
	if len(s.Reasons) > 0 {
		out += " (" + strings.Join(s.Reasons, "; ") + ")"
	}
	return out
}
