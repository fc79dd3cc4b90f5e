package action

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/approvals"
	"github.com/greenlighthq/greenlight/action/diffhunk"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/ghreport"
	"github.com/greenlighthq/greenlight/action/notify"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/finding"
)

// Options configure a run of the Action.
type Options struct {
	Env   event.Env
	Token string
	// App, when set, authenticates as a GitHub App installation instead
	// of Token (its merges start other workflows; it can read teams).
	App *ghapi.App
	// TeamsToken, when set, is used only to read the members of the teams
	// that roles name, through the same client layer; everything else
	// uses Token or App. GitHub takes check runs only from GitHub Apps,
	// so a personal or machine user's token with read:org (or a
	// fine-grained one with Members: read) belongs here, never in Token.
	// Empty, teams are read with Token or App.
	TeamsToken string
	// ConfigPath is greenlight.hcl's path in the repository; default
	// "greenlight.hcl".
	ConfigPath string
	// FailOn overrides the config's fail_on when set: a level as users
	// write it, read once when the run starts (into failOn).
	FailOn string
	failOn *finding.Level
	// BotLogin is the bot account an installation token writes as:
	// github-actions[bot] for the workflow's GITHUB_TOKEN, <slug>[bot] for
	// a GitHub App's (with App, read from GitHub when it looks up the
	// installation). Only that account's comments are Greenlight's. Empty,
	// with an installation token, any bot's comment bearing Greenlight's
	// marker is taken for Greenlight's, which another workflow or App on
	// the repository could write (see SECURITY.md).
	BotLogin string
	// AllowDefaults lets a base branch without a config be judged by the
	// built-in defaults, which require no sign-off. Without it, such a
	// run fails closed: a missing or misplaced greenlight.hcl must never
	// pass every pull request.
	AllowDefaults bool
	// Report lists what to write to the pull request: "check-run",
	// "review", "comment", "reviewers", "step-summary". Nil means all.
	Report []string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Notifier sends chat notifications (notify blocks); its zero value
	// reads webhook URLs from the environment.
	Notifier notify.Sender
	// Transport and Sleep replace the network and waiting, for tests.
	Transport http.RoundTripper
	Sleep     func(context.Context, time.Duration) error
	// Timeout bounds each attempt of a GitHub API call; 0 means the
	// client layer's default (see ghapi.Options).
	Timeout time.Duration
	// Log receives progress lines; never the token.
	Log io.Writer
	// PullRequest, when set, is the number of the pull request of
	// Env.Repository to judge, with no event (greenlight pr on a laptop):
	// the work tree at Env.Workspace is a clone, and the pull request's
	// base and head commits are fetched from its origin when it lacks
	// them (see local.go).
	PullRequest int
	// ReadOnly judges and writes nothing to GitHub, whatever Report says:
	// no check run, comment, review, review request or notification.
	ReadOnly bool
	// Sources is how the shared rulebooks the base's greenlight.lock pins
	// are fetched: https, with a token for private rulebooks sent only to
	// its server (see rulebooks.Fetcher).
	Sources rulebooks.Fetcher
}

// Reporters are the names Options.Report takes.
func Reporters() []string {
	return []string{"check-run", "review", "comment", "reviewers", "step-summary"}
}

// Outcome is what a run decided, for the step's outputs.
type Outcome struct {
	// Conclusion is "success", "failure", or "skipped" when the event is
	// not about a pull request.
	Conclusion    string
	BlockedStages []string
	Findings      int
	// Markdown is the summary as written to the pull request.
	Markdown string
	// Note says why a run was skipped.
	Note string
	// Summary is the verdict in full (posts, stages, findings), for
	// greenlight pr's formats.
	Summary summary.Report
}

// Run judges the pull request the event is about and reports on it. An
// error means the verdict could not be reported at all; everything the
// judge could not decide is a failing verdict with its reasons instead.
func Run(ctx context.Context, o Options) (Outcome, error) {
	return runOn(ctx, o, runPullRequest)
}

// runPullRequest judges and reports the pull request of the session's
// event (or of Options.PullRequest).
func runPullRequest(s *session, ctx context.Context) (Outcome, error) {
	if s.ev.PullRequest == 0 {
		if strings.HasPrefix(s.ev.Name, "pull_request") {
			// Such an event is always about one; a payload that names none
			// cannot be judged, and a skip would read as a pass.
			return Outcome{}, fmt.Errorf("the %s event's payload (%s) names no pull request: nothing could be judged", s.ev.Name, s.o.Env.EventPath)
		}
		return Outcome{Conclusion: "skipped", Note: fmt.Sprintf("the %s event is not about a pull request: nothing to judge", s.ev.Name)}, nil
	}
	pr, err := s.pulls.PullRequest(ctx, s.ev.PullRequest)
	if err != nil {
		return Outcome{}, fmt.Errorf("read pull request #%d: %s", s.ev.PullRequest, ghapi.Explain(err))
	}
	if s.o.PullRequest != 0 {
		if err := s.fetchPullRequest(ctx, pr); err != nil {
			return Outcome{}, err
		}
	}
	// A comment is judged like any other event, command or not: the
	// workflow starts the job only for comments that mention a command,
	// and that start cancels a judging run of the same pull request, so
	// skipping one that turns out not to be a command would leave the
	// check in progress until the next event.
	// Only the event of a comment's creation is its author's: an edit's
	// may be anyone's with write access, so it approves nothing.
	comment := s.ev.Comment
	if s.ev.Action != "created" {
		comment = nil
	}
	return s.gatePR(ctx, pr, comment)
}

// reports says whether the run writes the named report (see Reporters).
func (o Options) reports(name string) bool {
	return !o.ReadOnly && (o.Report == nil || slices.Contains(o.Report, name))
}

func workspace(env event.Env) string {
	if env.Workspace != "" {
		return env.Workspace
	}
	return "."
}

// judge holds one run's state: the pull request and what was read of it.
type judge struct {
	o    Options
	ev   event.Event
	repo checkout
	pr   pullreq.PullRequest
	w    ghreport.Writer
	// roles are who holds each role, read once per run.
	roles config.Members
	// comments are the pull request's conversation, read once per run.
	comments []pullreq.Comment
	// s is the run the judge belongs to.
	s *session
	// check is the check run as the run found and started it.
	check ghreport.Started
	// pinnedBase says the pull request's base commit is the one to judge
	// by (a merge group's parent); otherwise the rules are read at the
	// base branch's tip, which GitHub's base.sha does not follow.
	pinnedBase bool
}

// verdict is everything judge decided and report writes.
type verdict struct {
	summary  summary.Report
	failOn   finding.Level
	inlines  []ghreport.Inline
	hunks    map[string]diffhunk.Lines
	findings []finding.Finding
	// next are the people and teams of each post's next pending stage.
	nextUsers, nextTeams []string
	// cfg is the base's config; nil when it could not be read.
	cfg *config.Config
	// approvals are the approvals in force, before they meet the posts.
	approvals []approvals.Approval
	// authored reports whether a login wrote the pull request (opened it
	// or made a commit of it), whose approval never counts; nil until the
	// approvals are read.
	authored func(user string) bool
}

// wrote reports whether user wrote the pull request, whose approval then
// never counts; anyone, until the pull request's authors are known.
func (v *verdict) wrote(user string) bool {
	return v.authored == nil || v.authored(user)
}

// report writes the verdict everywhere it was asked to go. Problems
// writing are collected; the check run is written last-but-first: it is
// what branch protection reads, so it is attempted even when others fail.
func (j *judge) report(ctx context.Context, v *verdict) (Outcome, error) {
	on := j.o.reports
	var errs []error
	// Review requests go first so the summary can say who was asked.
	if on("reviewers") && (len(v.nextUsers) > 0 || len(v.nextTeams) > 0) {
		asked, added, err := j.w.RequestReviewers(ctx, v.nextUsers, v.nextTeams, j.pr)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s", ghapi.Explain(err)))
		}
		v.summary.Requested = asked
		if len(added) > 0 {
			stages := v.summary.NextStages()
			v.summary.ConfigNotes = append(v.summary.ConfigNotes, j.s.notify(ctx, v.cfg, notify.Event{Kind: "stage_requested",
				Key:         fmt.Sprintf("stage_requested/%d/%s/%s", j.pr.Number, strings.Join(stages, ","), strings.Join(added, ",")),
				PullRequest: j.pr.Number, URL: j.pr.URL, Title: j.pr.Title, Stage: strings.Join(stages, ", "), People: added,
				Text: fmt.Sprintf("%s asked to sign off (%s).", strings.Join(added, ", "), strings.Join(stages, ", "))})...)
		}
	}
	if on("review") && len(v.inlines) > 0 && len(v.summary.Problems) == 0 {
		res, err := j.w.Review(ctx, v.inlines, v.hunks)
		if err != nil {
			errs = append(errs, fmt.Errorf("inline comments: %s", ghapi.Explain(err)))
		}
		fmt.Fprintf(j.o.Log, "review: %d new inline comments, %d outside the diff, %d already posted\n", res.Posted, res.Outside, res.Repeated)
	}
	out := Outcome{Conclusion: v.summary.Conclusion, BlockedStages: v.summary.PendingStages(), Findings: len(v.findings), Summary: v.summary}
	// The summary comment as this run leaves it, which its check run
	// vouches for: the record of /approve commands in it is trusted only so.
	var comment string
	if on("comment") {
		body := v.summary.Markdown(true)
		if _, err := j.w.UpsertComment(ctx, j.comments, summary.Marker(v.summary.Base), body); err != nil {
			errs = append(errs, fmt.Errorf("summary comment: %s", ghapi.Explain(err)))
		} else {
			comment = body
		}
	}
	out.Markdown = v.summary.Markdown(false)
	if on("check-run") {
		run := ghreport.CheckRun{Title: v.summary.Title(), Summary: out.Markdown, Conclusion: out.Conclusion,
			Annotations: annotations(v.findings), DetailsURL: j.o.Env.RunURL(), Comment: comment}
		if _, err := j.w.PublishCheckRun(ctx, &j.check, run); err != nil {
			errs = append(errs, fmt.Errorf("check run: %s %s", ghapi.Explain(err), j.check.Standing()))
		}
	}
	if on("step-summary") && j.o.Env.StepSummary != "" {
		text := out.Markdown
		if len(errs) > 0 {
			text += "\n\n**Greenlight could not write all of this verdict to the pull request:**\n"
			for _, err := range errs {
				text += "\n- " + strings.ReplaceAll(err.Error(), "\n", " ")
			}
		}
		if err := appendFile(j.o.Env.StepSummary, text); err != nil {
			errs = append(errs, fmt.Errorf("step summary: %w", err))
		}
	}
	return out, errors.Join(errs...)
}

func appendFile(name, text string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, text+"\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// annotations are the findings as check run annotations.
func annotations(fs []finding.Finding) []*github.CheckRunAnnotation {
	out := make([]*github.CheckRunAnnotation, 0, len(fs))
	for _, f := range fs {
		start, end := max(f.Span.Start.Line, 1), max(f.Span.End.Line, f.Span.Start.Line, 1)
		a := &github.CheckRunAnnotation{Path: github.String(f.Path), StartLine: github.Int(start), EndLine: github.Int(end),
			AnnotationLevel: github.String(annotationLevel(f.Level)), Message: github.String(f.Message), Title: github.String(f.Rule)}
		// GitHub takes columns only on single-line annotations.
		if start == end && f.Span.Start.Col > 0 {
			a.StartColumn, a.EndColumn = github.Int(f.Span.Start.Col), github.Int(max(f.Span.End.Col, f.Span.Start.Col))
		}
		if f.Fix != nil {
			a.RawDetails = github.String("Suggested: " + f.Fix.Replacement)
		}
		out = append(out, a)
	}
	return out
}

func annotationLevel(l finding.Level) string {
	switch l {
	case finding.Error:
		return "failure"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}
