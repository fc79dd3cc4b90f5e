package action

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/ghreport"
	"github.com/greenlighthq/greenlight/action/pullreq"
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
//   - workflow_run: the pull request whose head the finished run ran on
//     (a review's, see event.WorkflowRun) is judged as on its own events;
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
		case s.ev.WorkflowRun != nil && s.ev.PullRequest == 0:
			return s.workflowRun(ctx)
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
	defer s.close()
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
		l, err := finding.ParseLevel(o.FailOn)
		if err != nil {
			return o, fmt.Errorf("fail-on: %w", err)
		}
		o.failOn = &l
	}
	return o, nil
}

// gatePR judges one pull request and writes the verdict to it: the check
// marked in progress first when it passes, then judged, then reported.
// comment is the event's comment, when a comment started the run.
func (s *session) gatePR(ctx context.Context, pr pullreq.PullRequest, comment *event.Comment) (Outcome, error) {
	j := s.judgeOf(pr)
	j.ev.Comment = comment
	if j.o.reports("check-run") {
		j.check = s.startCheck(ctx, j.w, fmt.Sprintf("#%d", pr.Number))
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

// workflowRun judges the pull requests a finished workflow run was about
// when its payload does not name exactly one: GitHub lists none for a
// fork's, so they are the open pull requests whose head is the run's
// commit. A run about no open pull request is skipped, saying so.
func (s *session) workflowRun(ctx context.Context) (Outcome, error) {
	run := s.ev.WorkflowRun
	numbers := run.PullRequests
	if len(numbers) == 0 {
		if run.HeadSHA == "" {
			return Outcome{}, fmt.Errorf("the workflow_run event's payload (%s) names no commit: nothing could be judged", s.o.Env.EventPath)
		}
		prs, err := s.pulls.WithCommit(ctx, run.HeadSHA)
		if err != nil {
			return Outcome{}, fmt.Errorf("find the pull requests of commit %s: %s", short(run.HeadSHA), ghapi.Explain(err))
		}
		for _, pr := range prs {
			if pr.State == "open" && pr.HeadSHA == run.HeadSHA {
				numbers = append(numbers, pr.Number)
			}
		}
	}
	if len(numbers) == 0 {
		return Outcome{Conclusion: "skipped", Note: fmt.Sprintf("the finished %s run is about no open pull request at %s: nothing to judge", run.Event, short(run.HeadSHA))}, nil
	}
	var out Outcome
	var verdicts []string
	for _, n := range numbers {
		pr, err := s.pulls.PullRequest(ctx, n)
		if err != nil {
			return Outcome{}, fmt.Errorf("read pull request #%d: %s", n, ghapi.Explain(err))
		}
		o, err := s.gatePR(ctx, pr, nil)
		if err != nil {
			return o, err
		}
		verdicts = append(verdicts, fmt.Sprintf("#%d %s", n, o.Conclusion))
		if out.Conclusion == "" || o.Conclusion == "failure" {
			out = o
		}
	}
	out.Note = "judged again after the " + run.Event + " run: " + strings.Join(verdicts, ", ")
	return out, nil
}
