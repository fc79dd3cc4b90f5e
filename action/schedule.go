package action

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/action/approvals"
	"github.com/greenlighthq/greenlight/action/command"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
)

var (
	// mergeAfter is a "Merge-After: 2026-12-01 09:00" line in a pull
	// request's description.
	mergeAfter = regexp.MustCompile(`(?mi)^[ \t]*Merge-After:[ \t]*(.+?)[ \t]*$`)
)

// schedule decides when a pull request goes out: the latest /schedule
// comment by someone in a role, else a Merge-After line in the
// description, else its posts' publish_at (the earliest, or the latest
// with schedule.due = "latest"). Times without an offset are in the
// config's zone. A schedule that cannot be read is an error: the pull
// request is not merged on a guess.
func schedule(cfg *config.Config, posts []summary.Post, body string, comments []pullreq.Comment, roles config.Members) (summary.Schedule, error) {
	loc := cfg.Settings.Location
	var latest *pullreq.Comment
	var value string
	commands := command.NewParser()
	for i, c := range comments {
		if c.Author.Bot || len(roles.RolesOf(c.Author.Login)) == 0 {
			continue
		}
		if when, ok := commands.Schedule(c.Body); ok {
			if latest == nil || !c.Created.Before(latest.Created) {
				latest, value = &comments[i], when
			}
		}
	}
	if latest != nil {
		t, err := content.ParseTime(value, loc)
		if err != nil {
			return summary.Schedule{}, fmt.Errorf("the /schedule by @%s: %v", latest.Author.Login, err)
		}
		return notBeforePosts(summary.Schedule{At: t, Source: fmt.Sprintf("/schedule by @%s", latest.Author.Login)}, posts, loc)
	}
	if m := mergeAfter.FindAllStringSubmatch(body, -1); m != nil {
		t, err := content.ParseTime(m[len(m)-1][1], loc)
		if err != nil {
			return summary.Schedule{}, fmt.Errorf("Merge-After in the description: %v", err)
		}
		return notBeforePosts(summary.Schedule{At: t, Source: "Merge-After in the description"}, posts, loc)
	}
	var times []time.Time
	for _, p := range posts {
		if p.PublishAt != nil {
			times = append(times, *p.PublishAt)
		}
	}
	if len(times) == 0 {
		return summary.Schedule{}, nil
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	if cfg.Schedule.Due == "latest" {
		return summary.Schedule{At: times[len(times)-1], Source: "the latest post's publish_at"}, nil
	}
	source := "the post's publish_at"
	if len(times) > 1 {
		source = "the earliest post's publish_at"
	}
	return summary.Schedule{At: times[0], Source: source}, nil
}

// notBeforePosts refuses a schedule earlier than a post's publish_at. The
// merge publishes the posts, and each was judged (its embargoes, its
// stages' deadlines) and approved for its own publish_at: going out
// earlier would publish it before a time nobody judged, as a Merge-After
// line that the pull request's author wrote could otherwise make it. To
// publish earlier, change publish_at in the post, which is judged again.
func notBeforePosts(s summary.Schedule, posts []summary.Post, loc *time.Location) (summary.Schedule, error) {
	for _, p := range posts {
		if p.PublishAt != nil && s.At.Before(*p.PublishAt) {
			return summary.Schedule{}, fmt.Errorf("%s says %s, before %s's publish_at (%s): merging publishes the post, which was judged and approved for its own time; "+
				"change publish_at in the post instead", s.Source, s.At.In(loc).Format("Mon 2 Jan 2006, 15:04 MST"), p.Path, p.PublishAt.In(loc).Format("Mon 2 Jan 2006, 15:04 MST"))
		}
	}
	return s, nil
}

// reapprovedSince reports whether someone who signs off this pull request
// approved its current head after t: an overdue post goes out late only
// when a person whose approval it needs looked at it again. Not the
// author, not someone in no role of a stage its posts require, and not an
// approval of an older commit.
func reapprovedSince(v *verdict, head string, t time.Time) bool {
	var roles []string
	for _, p := range v.summary.Posts {
		for _, st := range p.Stages {
			if !st.Required {
				continue
			}
			if s := v.cfg.Stage(st.Name); s != nil {
				for _, r := range s.Approvers {
					roles = append(roles, r.Name)
				}
			}
		}
	}
	return slices.ContainsFunc(v.approvals, func(a approvals.Approval) bool {
		return a.At.After(t) && a.Commit == head && !v.wrote(a.User) &&
			slices.ContainsFunc(a.Roles, func(r string) bool { return slices.Contains(roles, r) })
	})
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
