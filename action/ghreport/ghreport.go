package ghreport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/ghapi"
)

// PullRequest names the pull request a Writer reports on.
type PullRequest struct {
	Owner, Repo string
	Number      int
	Head        string // the commit judged
	Base        string // the branch it merges into
}

// Writer reports on one pull request.
type Writer struct {
	Client *github.Client
	PR     PullRequest
}

// CheckName is the check run's name. It carries the base branch so that a
// pull request retargeted to another branch cannot reuse a green check
// made against the first branch's config.
func CheckName(base string) string { return "greenlight: " + base }

// annotationsPerRequest is GitHub's limit per create or update request;
// further updates append.
const annotationsPerRequest = 50

// summaryLimit is GitHub's limit on a check run summary, in characters.
const summaryLimit = 65535

// CheckRun is the verdict as a check run.
type CheckRun struct {
	Title       string
	Summary     string
	Conclusion  string // success, failure, neutral
	Annotations []*github.CheckRunAnnotation
	DetailsURL  string
}

// digest identifies a verdict, so a re-run of the same verdict on the
// same commit leaves the existing check run alone.
func (c CheckRun) digest() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", c.Title, c.Summary, c.Conclusion)
	for _, a := range c.Annotations {
		fmt.Fprintf(h, "%s:%d:%d:%s:%s\x00", a.GetPath(), a.GetStartLine(), a.GetEndLine(), a.GetAnnotationLevel(), a.GetMessage())
	}
	return "greenlight-" + hex.EncodeToString(h.Sum(nil))[:32]
}

// PublishCheckRun creates the check run on the head commit, sending
// annotations in batches of 50 (the last request completes the run with
// its conclusion). When the latest run of the same name on the commit
// already shows this verdict, nothing is sent.
func (w Writer) PublishCheckRun(ctx context.Context, c CheckRun) (int64, error) {
	name := CheckName(w.PR.Base)
	id := c.digest()
	list, _, err := w.Client.Checks.ListCheckRunsForRef(ctx, w.PR.Owner, w.PR.Repo, w.PR.Head,
		&github.ListCheckRunsOptions{CheckName: github.String(name), Filter: github.String("latest")})
	if err != nil {
		return 0, fmt.Errorf("list check runs of %s: %w", short(w.PR.Head), err)
	}
	for _, run := range list.CheckRuns {
		if run.GetExternalID() == id && run.GetStatus() == "completed" {
			return run.GetID(), nil
		}
	}
	summary := c.Summary
	if len(summary) > summaryLimit {
		summary = summary[:summaryLimit-100] + "\n\n… (truncated: see the summary comment)"
	}
	batches := batch(c.Annotations)
	output := func(anns []*github.CheckRunAnnotation) *github.CheckRunOutput {
		return &github.CheckRunOutput{Title: github.String(c.Title), Summary: github.String(summary), Annotations: anns}
	}
	opts := github.CreateCheckRunOptions{Name: name, HeadSHA: w.PR.Head, ExternalID: github.String(id), Output: output(batches[0])}
	if c.DetailsURL != "" {
		opts.DetailsURL = github.String(c.DetailsURL)
	}
	if len(batches) == 1 {
		opts.Status, opts.Conclusion = github.String("completed"), github.String(c.Conclusion)
	} else {
		opts.Status = github.String("in_progress")
	}
	run, _, err := w.Client.Checks.CreateCheckRun(ctx, w.PR.Owner, w.PR.Repo, opts)
	if err != nil {
		return 0, fmt.Errorf("create check run %q: %w", name, err)
	}
	for i, anns := range batches[1:] {
		upd := github.UpdateCheckRunOptions{Name: name, Output: output(anns)}
		if i == len(batches)-2 {
			upd.Status, upd.Conclusion = github.String("completed"), github.String(c.Conclusion)
		}
		if _, _, err := w.Client.Checks.UpdateCheckRun(ctx, w.PR.Owner, w.PR.Repo, run.GetID(), upd); err != nil {
			return run.GetID(), fmt.Errorf("update check run %q with annotations: %w", name, err)
		}
	}
	return run.GetID(), nil
}

func batch(anns []*github.CheckRunAnnotation) [][]*github.CheckRunAnnotation {
	out := [][]*github.CheckRunAnnotation{nil}
	for i := 0; i < len(anns); i += annotationsPerRequest {
		if i == 0 {
			out[0] = anns[:min(annotationsPerRequest, len(anns))]
			continue
		}
		out = append(out, anns[i:min(i+annotationsPerRequest, len(anns))])
	}
	return out
}

// Comments lists the pull request's conversation comments, once per run:
// the summary comment and /approve commands are found among them.
func (w Writer) Comments(ctx context.Context) ([]*github.IssueComment, error) {
	comments, err := ghapi.All(ctx, func(lo github.ListOptions) ([]*github.IssueComment, *github.Response, error) {
		return w.Client.Issues.ListComments(ctx, w.PR.Owner, w.PR.Repo, w.PR.Number, &github.IssueListCommentsOptions{ListOptions: lo})
	})
	if err != nil {
		return nil, fmt.Errorf("list comments of #%d: %w", w.PR.Number, err)
	}
	return comments, nil
}

// Own finds the comment an earlier run made that starts with marker.
// Comments by people that happen to contain the marker are not it.
func Own(comments []*github.IssueComment, marker string) *github.IssueComment {
	for _, c := range comments {
		if strings.HasPrefix(c.GetBody(), marker) && c.GetUser().GetType() == "Bot" {
			return c
		}
	}
	return nil
}

// UpsertComment keeps one comment starting with marker: it edits the one
// an earlier run made (when its text differs) or creates it. changed says
// whether it wrote.
func (w Writer) UpsertComment(ctx context.Context, comments []*github.IssueComment, marker, body string) (changed bool, err error) {
	if c := Own(comments, marker); c != nil {
		if c.GetBody() == body {
			return false, nil
		}
		if _, _, err := w.Client.Issues.EditComment(ctx, w.PR.Owner, w.PR.Repo, c.GetID(), &github.IssueComment{Body: github.String(body)}); err != nil {
			return false, fmt.Errorf("update the comment: %w", err)
		}
		return true, nil
	}
	if _, _, err := w.Client.Issues.CreateComment(ctx, w.PR.Owner, w.PR.Repo, w.PR.Number, &github.IssueComment{Body: github.String(body)}); err != nil {
		return false, fmt.Errorf("create the comment: %w", err)
	}
	return true, nil
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}
