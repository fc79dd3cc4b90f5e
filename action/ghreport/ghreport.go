package ghreport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/pullreq"
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
	// Self tells the comments Client's token wrote; nil knows only that
	// it writes as a bot.
	Self *Self
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
	// Comment is the summary comment's text as the run left it ("" when
	// it is unknown): the check run vouches for it (see Vouched).
	Comment string
}

// commentDigest is the digest of a comment's text that a check run's
// external id carries after a colon.
func commentDigest(body string) string {
	h := sha256.Sum256([]byte(body))
	return hex.EncodeToString(h[:16])
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

// Started is what StartCheckRun found on the head commit and did there,
// for PublishCheckRun to finish. Its zero value means nothing was read.
type Started struct {
	name, head string
	read       bool
	// latest is the newest check run of the name on the head before this
	// run; nil when there was none.
	latest *github.CheckRun
	// id is the check run this run left in progress (StartCheckRun's, or
	// the one PublishCheckRun created before its annotations were all
	// sent); 0 when there is none.
	id int64
}

// StartCheckRun is called before a run reads or judges anything. It
// reads the newest check run of the name on the head commit and, when
// that one passes (success, neutral or skipped: what satisfies a required
// check), creates a check run in progress over it, which does not. The
// run's verdict is not known yet, and an earlier pass must not stand in
// for it: should the run never write its verdict (GitHub failing or
// refusing the write, the job stopped), the commit's check stays in
// progress and the merge blocked. A failing or missing check blocks
// already, so nothing is written then: a re-run that comes to the same
// failing verdict writes nothing at all.
//
// When the newest check run cannot be read it may be a pass, so the
// check run in progress is created all the same, and only an error of
// that creation is returned.
//
// PublishCheckRun finishes what StartCheckRun returns, also when err is
// not nil (then the newest check run could not be read, nor the one in
// progress created).
func (w Writer) StartCheckRun(ctx context.Context, detailsURL string) (Started, error) {
	s := Started{name: CheckName(w.PR.Base), head: w.PR.Head}
	readErr := s.readLatest(ctx, w)
	if readErr == nil && (s.latest == nil || !passes(s.latest)) {
		return s, nil
	}
	earlier := "which could not be read"
	if s.latest != nil {
		earlier = s.latest.GetConclusion()
	}
	opts := github.CreateCheckRunOptions{Name: s.name, HeadSHA: s.head, Status: github.String("in_progress"),
		Output: &github.CheckRunOutput{Title: github.String("Judging again"), Summary: github.String(fmt.Sprintf(
			"Greenlight is judging commit %s again, so the earlier verdict on it (%s) no longer counts. "+
				"Should this check stay in progress, the run could not write its verdict: its log says why; re-run the job.",
			short(s.head), earlier))}}
	if detailsURL != "" {
		opts.DetailsURL = github.String(detailsURL)
	}
	run, _, err := w.Client.Checks.CreateCheckRun(ctx, w.PR.Owner, w.PR.Repo, opts)
	if err != nil {
		return s, errors.Join(readErr, fmt.Errorf("create check run %q in progress: %w", s.name, err))
	}
	s.id = run.GetID()
	return s, nil
}

// readLatest reads the newest check run of s's name on its head commit.
func (s *Started) readLatest(ctx context.Context, w Writer) error {
	list, _, err := w.Client.Checks.ListCheckRunsForRef(ctx, w.PR.Owner, w.PR.Repo, s.head,
		&github.ListCheckRunsOptions{CheckName: github.String(s.name), Filter: github.String("latest"),
			ListOptions: github.ListOptions{PerPage: 100}})
	if err != nil {
		return fmt.Errorf("list check runs of %s: %w", short(s.head), err)
	}
	s.read = true
	for _, run := range list.CheckRuns {
		// "latest" may still list one per check suite, in no documented
		// order: the newest is the one with the highest id.
		if run.GetName() == s.name && (s.latest == nil || run.GetID() > s.latest.GetID()) {
			s.latest = run
		}
	}
	return nil
}

// Vouched reports whether the newest check run of the name on the commit
// head that vouches for a summary comment (its external id carries the
// comment's digest) was written by Greenlight's account, when that is
// known, and vouches for body. Anyone with write access to the repository
// can edit Greenlight's summary comment, and with it the record of which
// head each /approve was seen at; only an App writes check runs, and only
// Greenlight its own. The check runs are read in one page of 100, the
// newest first among them.
func (w Writer) Vouched(ctx context.Context, head, body string) (bool, error) {
	if head == "" {
		return false, nil
	}
	name := CheckName(w.PR.Base)
	list, _, err := w.Client.Checks.ListCheckRunsForRef(ctx, w.PR.Owner, w.PR.Repo, head,
		&github.ListCheckRunsOptions{CheckName: github.String(name), Filter: github.String("all"),
			ListOptions: github.ListOptions{PerPage: 100}})
	if err != nil {
		return false, fmt.Errorf("list check runs of %s: %w", short(head), err)
	}
	var newest *github.CheckRun
	var vouched string
	for _, run := range list.CheckRuns {
		_, digest, ok := strings.Cut(run.GetExternalID(), ":")
		if !ok || run.GetName() != name || !w.Self.ran(run) || newest != nil && run.GetID() < newest.GetID() {
			continue
		}
		newest, vouched = run, digest
	}
	return newest != nil && vouched == commentDigest(body), nil
}

// passes reports whether a check run satisfies a required check: GitHub
// accepts success, neutral and skipped.
func passes(run *github.CheckRun) bool {
	switch run.GetConclusion() {
	case "success", "neutral", "skipped":
		return run.GetStatus() == "completed"
	}
	return false
}

// Standing says, as a sentence, what the head commit's check shows when
// PublishCheckRun could not write the verdict: what branch protection
// goes by until a run writes one.
func (s Started) Standing() string {
	at := fmt.Sprintf("%q on %s", s.name, short(s.head))
	switch {
	case s.id != 0:
		return fmt.Sprintf("The check run %s stays in progress, which blocks the merge until a run writes its verdict.", at)
	case !s.read:
		return fmt.Sprintf("What the check run %s shows could not be read either; re-run the job.", at)
	case s.latest == nil:
		return fmt.Sprintf("The commit has no check run %s, so the required check is missing and the merge stays blocked.", at)
	case passes(s.latest):
		return fmt.Sprintf("The check run %s still shows an earlier run's %s, which lets the merge through: re-run the job before anyone merges.", at, s.latest.GetConclusion())
	case s.latest.GetStatus() != "completed":
		return fmt.Sprintf("The check run %s stays %s, which blocks the merge until a run writes its verdict.", at, strings.ReplaceAll(s.latest.GetStatus(), "_", " "))
	default:
		return fmt.Sprintf("The check run %s still shows an earlier run's %s, which blocks the merge.", at, s.latest.GetConclusion())
	}
}

// PublishCheckRun writes the verdict as the check run on the head commit,
// the one s names: it completes the check run StartCheckRun left in
// progress, or else creates one, sending annotations in batches of 50
// (the last request completes the run with its conclusion). When nothing
// was started and the newest check run of the name on the commit already
// shows this verdict, nothing is sent. With a zero s (nothing read yet) it
// reads the newest check run first. It records in s a check run it
// leaves in progress, for Standing.
func (w Writer) PublishCheckRun(ctx context.Context, s *Started, c CheckRun) (int64, error) {
	if s.name == "" {
		*s = Started{name: CheckName(w.PR.Base), head: w.PR.Head}
	}
	if !s.read && s.id == 0 {
		// The newest check run is read only to leave the same verdict
		// alone: one that cannot be read may be an earlier pass, which
		// this verdict must replace, so it is written all the same.
		_ = s.readLatest(ctx, w)
	}
	name := s.name
	id := c.digest()
	if c.Comment != "" {
		id += ":" + commentDigest(c.Comment)
	}
	if s.id == 0 && s.latest != nil && s.latest.GetExternalID() == id && s.latest.GetStatus() == "completed" {
		return s.latest.GetID(), nil
	}
	summary := c.Summary
	if len(summary) > summaryLimit {
		summary = summary[:summaryLimit-100] + "\n\n… (truncated: see the summary comment)"
	}
	batches := batch(c.Annotations)
	output := func(anns []*github.CheckRunAnnotation) *github.CheckRunOutput {
		return &github.CheckRunOutput{Title: github.String(c.Title), Summary: github.String(summary), Annotations: anns}
	}
	var details *string
	if c.DetailsURL != "" {
		details = github.String(c.DetailsURL)
	}
	// The first request carries the first batch, and completes the run
	// when it is the only one.
	status, conclusion := github.String("in_progress"), (*string)(nil)
	if len(batches) == 1 {
		status, conclusion = github.String("completed"), github.String(c.Conclusion)
	}
	run := s.id
	if run == 0 {
		created, _, err := w.Client.Checks.CreateCheckRun(ctx, w.PR.Owner, w.PR.Repo, github.CreateCheckRunOptions{Name: name, HeadSHA: s.head,
			ExternalID: github.String(id), DetailsURL: details, Status: status, Conclusion: conclusion, Output: output(batches[0])})
		if err != nil {
			return 0, fmt.Errorf("create check run %q: %w", name, err)
		}
		run = created.GetID()
	} else if _, _, err := w.Client.Checks.UpdateCheckRun(ctx, w.PR.Owner, w.PR.Repo, run, github.UpdateCheckRunOptions{Name: name,
		ExternalID: github.String(id), DetailsURL: details, Status: status, Conclusion: conclusion, Output: output(batches[0])}); err != nil {
		return run, fmt.Errorf("complete check run %q: %w", name, err)
	}
	s.id = run // in progress until the last batch completes it
	for i, anns := range batches[1:] {
		upd := github.UpdateCheckRunOptions{Name: name, Output: output(anns)}
		if i == len(batches)-2 {
			upd.Status, upd.Conclusion = github.String("completed"), github.String(c.Conclusion)
		}
		if _, _, err := w.Client.Checks.UpdateCheckRun(ctx, w.PR.Owner, w.PR.Repo, run, upd); err != nil {
			return run, fmt.Errorf("update check run %q with annotations: %w", name, err)
		}
	}
	s.id = 0
	return run, nil
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

// Own finds the comment an earlier run made that starts with marker: the
// first that the token's account wrote (see Self). Comments by anyone
// else that start with the marker are not it.
func (w Writer) Own(ctx context.Context, comments []pullreq.Comment, marker string) (*pullreq.Comment, error) {
	return w.Self.Find(ctx, comments, func(body string) bool { return strings.HasPrefix(body, marker) })
}

// UpsertComment keeps one comment starting with marker: it edits the one
// an earlier run made (when its text differs) or creates it. changed says
// whether it wrote. When it cannot tell which comment an earlier run
// made, it writes nothing rather than risk a second one.
func (w Writer) UpsertComment(ctx context.Context, comments []pullreq.Comment, marker, body string) (changed bool, err error) {
	c, err := w.Own(ctx, comments, marker)
	if err != nil {
		return false, fmt.Errorf("find the comment an earlier run made: %w", err)
	}
	if c != nil {
		if c.Body == body {
			return false, nil
		}
		if _, _, err := w.Client.Issues.EditComment(ctx, w.PR.Owner, w.PR.Repo, c.ID, &github.IssueComment{Body: github.String(body)}); err != nil {
			return false, fmt.Errorf("update the comment: %w", err)
		}
		return true, nil
	}
	if err := w.Comment(ctx, body); err != nil {
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
