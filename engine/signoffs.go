package engine

import (
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

// Signoffs are the posts' stage verdicts as reporters show them: every
// required stage with its deadline (the stage's due, or the config's
// default, counted back from the post's publish time in the team's working
// time) and whether it is late at now. Posts without stages are left out.
// It is the one place deadlines are added to the policies' verdict, used by
// `check` and the GitHub Action alike.
func Signoffs(cfg *config.Config, posts []Post, now time.Time) []signoff.Post {
	var out []signoff.Post
	for _, p := range posts {
		s := signoff.Post{Path: p.Path}
		for _, st := range p.Stages {
			st.WaitingFor, st.ApprovedBy, st.Reasons = nonNil(st.WaitingFor), nonNil(st.ApprovedBy), nonNil(st.Reasons)
			if stage := cfg.Stage(st.Name); stage != nil && st.Required && p.PublishAt != nil {
				if rule := cfg.Deadlines.DueFor(stage); rule != nil {
					due := rule.Due(*p.PublishAt, cfg.Deadlines.Calendar)
					st.Due = &due
					st.Late = st.Pending && !now.Before(due)
				}
			}
			s.Stages = append(s.Stages, st)
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
