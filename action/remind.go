package action

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/notify"
	"github.com/greenlighthq/greenlight/action/summary"
)

// Reminder is a nudge to the people of a stage whose deadline is near or
// past.
type Reminder struct {
	PullRequest int       `json:"pull_request"`
	Stage       string    `json:"stage"`
	Threshold   string    `json:"threshold"` // "soon" or "overdue"
	Due         time.Time `json:"due"`
	People      []string  `json:"people"`
	Posts       []string  `json:"posts"`
}

func (r Reminder) marker() string {
	return fmt.Sprintf("<!-- greenlight:reminder stage=%s threshold=%s due=%s -->", r.Stage, r.Threshold, r.Due.UTC().Format(time.RFC3339))
}

// reminders are the reminders a pull request is owed now: for each stage
// its people can act on (pending, not waiting for another), "soon" once
// its deadline is within remind_before, "overdue" once it has passed.
// Stages already satisfied owe nothing, so reminders stop as soon as a
// stage is signed off.
func (j *judge) reminders(v *verdict, now time.Time) []Reminder {
	byStage := map[string]*Reminder{}
	var order []string
	for _, p := range v.summary.Posts {
		for _, s := range p.Stages {
			if !s.Pending || len(s.WaitingFor) > 0 || s.Due == nil {
				continue
			}
			threshold := ""
			switch {
			case !now.Before(*s.Due):
				threshold = "overdue"
			case !now.Before(s.Due.Add(-v.cfg.Deadlines.RemindBefore)):
				threshold = "soon"
			default:
				continue
			}
			r, ok := byStage[s.Name]
			if !ok {
				r = &Reminder{PullRequest: j.pr.Number, Stage: s.Name, Threshold: threshold, Due: *s.Due}
				byStage[s.Name] = r
				order = append(order, s.Name)
			}
			if s.Due.Before(r.Due) {
				r.Due, r.Threshold = *s.Due, threshold
			}
			r.Posts = append(r.Posts, p.Path)
		}
	}
	var out []Reminder
	for _, name := range order {
		r := byStage[name]
		users, teams := requests(v.cfg, j.ev.Owner, v.wrote, map[string][]string{name: nil}, j.roles)
		for _, u := range users {
			r.People = append(r.People, "@"+u)
		}
		for _, t := range teams {
			r.People = append(r.People, "@"+j.ev.Owner+"/"+t)
		}
		out = append(out, *r)
	}
	return out
}

// remind posts each owed reminder that no earlier run posted: a new
// comment, so the @-mentions notify (an edited comment does not), with a
// hidden marker so the same stage is never reminded twice for the same
// threshold and deadline.
func (j *judge) remind(ctx context.Context, owed []Reminder, v *verdict, now time.Time, dryRun bool) (sent []Reminder, notes []string, err error) {
	for _, r := range owed {
		earlier, err := j.w.Self.Find(ctx, j.comments, func(body string) bool { return strings.Contains(body, r.marker()) })
		if err != nil {
			// Without knowing which reminders were sent, send none
			// rather than the same again on every run.
			return sent, notes, fmt.Errorf("#%d: reminders: cannot tell which an earlier run sent: %s", j.pr.Number, ghapi.Explain(err))
		}
		if earlier != nil {
			continue
		}
		sent = append(sent, r)
		if dryRun {
			continue
		}
		posts := make([]string, len(r.Posts))
		for i, p := range r.Posts {
			posts[i] = summary.Code(p)
		}
		var body string
		if r.Threshold == "overdue" {
			body = fmt.Sprintf("🔴 %s: the **%s** sign-off of %s was due %s, %s ago, and is still pending.",
				strings.Join(r.People, " "), r.Stage, strings.Join(posts, ", "), v.summary.WhenString(r.Due), roundDuration(now.Sub(r.Due)))
		} else {
			body = fmt.Sprintf("⏰ %s: the **%s** sign-off of %s is due %s, in %s.",
				strings.Join(r.People, " "), r.Stage, strings.Join(posts, ", "), v.summary.WhenString(r.Due), roundDuration(r.Due.Sub(now)))
		}
		body += "\n\n" + r.marker()
		if err := j.w.Comment(ctx, body); err != nil {
			return sent, notes, fmt.Errorf("#%d: reminder for %s: %s", j.pr.Number, r.Stage, ghapi.Explain(err))
		}
		text := fmt.Sprintf("%s sign-off is due %s.", r.Stage, v.summary.WhenString(r.Due))
		if r.Threshold == "overdue" {
			text = fmt.Sprintf("%s sign-off is overdue: it was due %s.", r.Stage, v.summary.WhenString(r.Due))
		}
		notes = append(notes, j.s.notify(ctx, v.cfg, notify.Event{Kind: "reminder", Key: fmt.Sprintf("reminder/%d/%s/%s/%s", r.PullRequest, r.Stage, r.Threshold, r.Due.UTC().Format(time.RFC3339)),
			PullRequest: r.PullRequest, URL: j.pr.URL, Title: j.pr.Title, Stage: r.Stage, People: r.People, Text: text, At: now})...)
	}
	return sent, notes, nil
}
