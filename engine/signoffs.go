package engine

import (
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/report"
)

// Signoffs are the posts' stage verdicts as reporters show them: every
// required stage with its deadline (the stage's due, or the config's
// default, counted back from the post's publish time in the team's working
// time) and whether it is late at now. Posts without stages are left out.
// It is the one conversion from the policies' verdict to reporters', used
// by `check` and the GitHub Action alike.
func Signoffs(cfg *config.Config, posts []Post, now time.Time) []report.Signoff {
	var out []report.Signoff
	for _, p := range posts {
		s := report.Signoff{Path: p.Path}
		for _, st := range p.Stages {
			rs := report.Stage{Name: st.Name, Required: st.Required, Satisfied: st.Satisfied, Pending: st.Pending,
				WaitingFor: nonNil(st.WaitingFor), ApprovedBy: nonNil(st.ApprovedBy), Reasons: nonNil(st.Reasons)}
			if stage := cfg.Stage(st.Name); stage != nil && st.Required && p.PublishAt != nil {
				if rule := cfg.Deadlines.DueFor(stage); rule != nil {
					due := rule.Due(*p.PublishAt, cfg.Deadlines.Calendar)
					rs.Due = &due
					rs.Late = st.Pending && !now.Before(due)
				}
			}
			s.Stages = append(s.Stages, rs)
		}
		if len(s.Stages) > 0 {
			out = append(out, s)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
