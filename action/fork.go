package action

import (
	"context"
	"fmt"
	"strings"

	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/ghreport"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/engine/report"
)

// readOnlyForForks says whether GitHub runs the event's workflow with a
// read-only token when the pull request comes from a fork: it does for
// pull_request and for reviews and review comments on one, so Greenlight
// can write nothing to such a pull request. pull_request_target and
// issue_comment run in the base repository with its token.
func readOnlyForForks(event string) bool {
	switch event {
	case "pull_request", "pull_request_review", "pull_request_review_comment":
		return true
	}
	return false
}

// fork judges a pull request from a fork, whose event's token cannot write
// a check run, a comment, a review or a review request (GitHub answers
// 403). Nothing is written to GitHub: the verdict goes to the step's log as
// workflow commands (::error file=…,line=…::), which GitHub shows as
// annotations on the pull request's files, and to the step summary, each
// with a note that says why. The conclusion is the verdict's, so the step
// fails when the verdict does.
func (s *session) fork(ctx context.Context) (Outcome, error) {
	pr, err := s.pulls.PullRequest(ctx, s.ev.PullRequest)
	if err != nil {
		return Outcome{}, fmt.Errorf("read pull request #%d: %s", s.ev.PullRequest, ghapi.Explain(err))
	}
	j := s.judgeOf(pr)
	v := j.judge(ctx)
	out := Outcome{Conclusion: v.summary.Conclusion, BlockedStages: v.summary.PendingStages(), Findings: len(v.findings), Summary: v.summary}
	note := forkNote(pr, s.ev.Owner+"/"+s.ev.Repo, s.ev.Name)
	text := note + "\n\n" + v.summary.Markdown(false)
	var commands strings.Builder
	writeCommands(&commands, v, pr, note)
	// The commands go first on stdout, which the runner reads them from;
	// the summary follows for the log.
	out.Markdown = commands.String() + "\n" + text
	if s.o.reports("step-summary") && s.o.Env.StepSummary != "" {
		if err := appendFile(s.o.Env.StepSummary, text); err != nil {
			return out, fmt.Errorf("step summary: %w", err)
		}
	}
	return out, nil
}

// forkNote says, in Markdown, that the pull request is a fork's and why
// its verdict is here and not on the pull request.
func forkNote(pr pullreq.PullRequest, base, event string) string {
	head := pr.HeadRepo
	if head == "" {
		head = "a deleted repository"
	} else {
		head = "`" + head + "`"
	}
	return fmt.Sprintf("> [!WARNING]\n> **This is a pull request from a fork** (%s into `%s`). GitHub runs `%s` workflows of a fork's pull request "+
		"with a read-only token, so Greenlight could not write the check run `%s`, the summary comment, inline suggestions or review requests "+
		"(GitHub answers 403 to each). The verdict is below and in this run's annotations, and the step fails when the verdict fails. "+
		"The required check stays missing on the pull request, so the merge stays blocked until a workflow with a write token judges it: "+
		"see \"Pull requests from forks\" in Greenlight's README.",
		head, base, event, ghreport.CheckName(pr.BaseRef))
}

// writeCommands writes the verdict as GitHub Actions workflow commands: a
// warning with the note, one command per finding on its line (the github
// format of greenlight check), and an error for each reason the pull
// request is blocked that is not a finding (pending stages, problems).
func writeCommands(b *strings.Builder, v *verdict, pr pullreq.PullRequest, note string) {
	title := ghreport.CheckName(pr.BaseRef)
	plain := strings.TrimSpace(strings.NewReplacer("> [!WARNING]\n> ", "", "**", "", "`", "").Replace(note))
	fmt.Fprintf(b, "::warning title=%s::%s\n", report.CommandProperty("Pull request from a fork"), report.CommandData(plain))
	_ = report.GitHub{}.Report(b, report.Run{Findings: v.findings, Posts: len(v.summary.Posts)})
	for _, p := range v.summary.Problems {
		fmt.Fprintf(b, "::error title=%s::%s\n", report.CommandProperty(title), report.CommandData(p))
	}
	if stages := v.summary.PendingStages(); len(stages) > 0 {
		fmt.Fprintf(b, "::error title=%s::Sign-off pending: %s\n", report.CommandProperty(title), report.CommandData(strings.Join(stages, ", ")))
	}
	level := "notice"
	if v.summary.Conclusion != "success" {
		level = "error"
	}
	fmt.Fprintf(b, "::%s title=%s::%s\n", level, report.CommandProperty(title), report.CommandData(v.summary.Title()))
}
