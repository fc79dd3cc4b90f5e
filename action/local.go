package action

import (
	"context"
	"fmt"
	"strings"

	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/pullreq"
)

// event is what the run is about: the event GitHub Actions hands the
// step, or, for greenlight pr (Options.PullRequest), the pull request
// named, judged as a pull_request event would judge it.
func (o Options) event() (event.Event, error) {
	if o.PullRequest == 0 {
		return event.Load(o.Env)
	}
	owner, repo, ok := strings.Cut(o.Env.Repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return event.Event{}, fmt.Errorf("repository %q: want OWNER/NAME", o.Env.Repository)
	}
	if o.PullRequest < 0 {
		return event.Event{}, fmt.Errorf("pull request number %d: want a positive number", o.PullRequest)
	}
	return event.Event{Name: "pull_request", Owner: owner, Repo: repo, PullRequest: o.PullRequest}, nil
}

// fetchPullRequest makes sure the local clone greenlight pr runs in has
// the pull request's base and head commits. It fetches them from origin
// with the user's own git credentials: by commit, then, since a fork's
// head may be reachable only from it, by refs/pull/N/head with the base
// branch. Without them nothing can be judged, so it is an error that
// says what to run, not a failing verdict.
func (s *session) fetchPullRequest(ctx context.Context, pr pullreq.PullRequest) error {
	base, head := pr.BaseSHA, pr.HeadSHA
	missing := func() []string {
		var out []string
		for _, c := range []string{base, head} {
			if !s.repo.HasCommit(ctx, c) {
				out = append(out, c)
			}
		}
		return out
	}
	lacking := missing()
	if len(lacking) == 0 {
		return nil
	}
	pull := fmt.Sprintf("refs/pull/%d/head", pr.Number)
	fmt.Fprintf(s.o.Log, "fetching the pull request's commits %s from origin\n", strings.Join(shorts(lacking), ", "))
	err := s.repo.Fetch(ctx, "origin", lacking...)
	if err != nil || len(missing()) > 0 {
		revs := []string{pull}
		if ref := pr.BaseRef; ref != "" {
			revs = append(revs, "refs/heads/"+ref)
		}
		err = s.repo.Fetch(ctx, "origin", revs...)
	}
	if lacking = missing(); len(lacking) == 0 {
		return nil
	}
	why := "origin does not have them"
	if err != nil {
		why = err.Error()
	}
	return fmt.Errorf("the clone at %s lacks the pull request's commits %s and fetching them from origin failed (%s). "+
		"Run greenlight pr in a clone of %s/%s, fetch them with credentials that can read it, and run it again:\n\n    git fetch origin %s %s\n",
		s.clone, strings.Join(shorts(lacking), ", "), why, s.ev.Owner, s.ev.Repo, base, pull)
}
