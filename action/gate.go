package action

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/ghreport"
	"github.com/greenlighthq/greenlight/engine/finding"
)

// Gate is what `greenlight action` runs: it judges the event's pull
// request as Run does, and the events that are not about one pull request
// the way each needs:
//
//   - merge_group: the pull requests of the merge queue's group are judged
//     again and the required check concluded on the group's commit
//     (see mergeGroup);
//   - push to the publish branch that changes the config, the policies or
//     the workflows: the open pull requests into it are judged again and
//     their checks written again (see pushed);
//   - pull_request and pull_request_review of a fork, whose token is
//     read-only: the verdict goes to workflow annotations and the step
//     summary instead of the pull request (see fork).
func Gate(ctx context.Context, o Options) (Outcome, error) {
	return runOn(ctx, o, func(s *session, ctx context.Context) (Outcome, error) {
		switch {
		case s.ev.MergeGroup != nil:
			return s.mergeGroup(ctx)
		case s.ev.Push != nil:
			return s.pushed(ctx)
		case s.ev.Fork && readOnlyForForks(s.ev.Name):
			return s.fork(ctx)
		}
		return runPullRequest(s, ctx)
	})
}

// runOn checks the options as Run does and runs f on a session.
func runOn(ctx context.Context, o Options, f func(*session, context.Context) (Outcome, error)) (Outcome, error) {
	o, err := o.checked()
	if err != nil {
		return Outcome{}, err
	}
	s, err := start(ctx, o)
	if err != nil {
		return Outcome{}, err
	}
	return f(s, ctx)
}

// checked is o with its config path cleaned, or the error Run gives for
// a config path, a reporter or a fail-on level it does not take.
func (o Options) checked() (Options, error) {
	o.ConfigPath = path.Clean(filepath.ToSlash(o.ConfigPath))
	if o.ConfigPath == "." {
		o.ConfigPath = "greenlight.hcl"
	}
	if path.IsAbs(o.ConfigPath) || strings.HasPrefix(o.ConfigPath, "../") {
		return o, fmt.Errorf("config path %q must be relative to the repository's root", o.ConfigPath)
	}
	for _, r := range o.Report {
		if !slices.Contains(Reporters(), r) {
			return o, fmt.Errorf("unknown reporter %q (want %s)", r, strings.Join(Reporters(), ", "))
		}
	}
	if o.FailOn != "" {
		if _, err := finding.ParseLevel(o.FailOn); err != nil {
			return o, fmt.Errorf("fail-on: %w", err)
		}
	}
	return o, nil
}

// gatePR judges one pull request and writes the verdict to it: the check
// marked in progress first when it passes, then judged, then reported.
// comment is the event's comment, when a comment started the run.
func (s *session) gatePR(ctx context.Context, pr *github.PullRequest, comment *event.Comment) (Outcome, error) {
	j := s.judgeOf(pr)
	j.ev.Comment = comment
	if j.o.reports("check-run") {
		j.check = s.startCheck(ctx, j.w, fmt.Sprintf("#%d", pr.GetNumber()))
	}
	return j.report(ctx, j.judge(ctx))
}

// startCheck marks the check in progress on w's head before anything
// slow, so that an earlier pass on that commit cannot stand in for a
// verdict this run might never write. Failing that, the run judges
// anyway and says so; what it is about names it in the log.
func (s *session) startCheck(ctx context.Context, w ghreport.Writer, about string) ghreport.Started {
	started, err := w.StartCheckRun(ctx, s.o.Env.RunURL())
	if err != nil {
		fmt.Fprintf(s.o.Log, "check run of %s: could not mark it in progress before judging (%s); judging anyway\n", about, ghapi.Explain(err))
	}
	return started
}
