package action

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine/config"
)

// pushed judges the open pull requests into the publish branch again when
// a push to it changes how posts are judged: greenlight.hcl, the policy
// or style folders it names, .github/workflows/ or action.yml. Each is
// judged with the config and policies of the pushed commit and its
// verdict written as on its own events (the check run on its head, the
// summary comment, ...), so no green check stands on rules that changed
// under it. A push that changes none of those does nothing. The calls it
// makes are those of judging each pull request, and one list of them per
// 100.
//
// Its conclusion is "skipped": the push is about no one pull request, and
// each one's check carries its own verdict; Note lists them.
func (s *session) pushed(ctx context.Context) (Outcome, error) {
	p := *s.ev.Push
	skip := func(format string, args ...any) (Outcome, error) {
		return Outcome{Conclusion: "skipped", Note: fmt.Sprintf(format, args...)}, nil
	}
	branch := p.Branch()
	if branch == "" {
		return skip("the push is to %s, not to a branch: nothing to judge", p.Ref)
	}
	if zeroSHA(p.After) {
		return skip("the push deleted %s: nothing to judge", branch)
	}
	if err := s.repo.EnsureCommits(ctx, "origin", p.After); err != nil {
		return Outcome{}, fmt.Errorf("the checkout lacks the pushed commit %s and fetching it failed (%v): check out with actions/checkout and fetch-depth: 0", short(p.After), err)
	}
	cfg, err := s.pushedConfig(ctx, p.After)
	if err != nil {
		fmt.Fprintf(s.o.Log, "push: %v; judging the open pull requests into %s again, which shows it\n", err, branch)
	}
	if cfg != nil && cfg.Settings.PublishBranch != branch {
		return skip("the push is to %s, not to the publish branch %s: nothing to judge", branch, cfg.Settings.PublishBranch)
	}
	why := s.governingChanges(ctx, cfg, p.Before, p.After)
	if why == "" {
		return skip("the push to %s changes neither %s, its policies and styles, nor the workflows: the open pull requests' verdicts stand", branch, s.o.ConfigPath)
	}
	prs, err := s.pulls.Open(ctx, branch)
	if err != nil {
		return Outcome{}, fmt.Errorf("list the open pull requests into %s: %s", branch, ghapi.Explain(err))
	}
	slices.SortFunc(prs, func(a, b pullreq.PullRequest) int { return a.Number - b.Number })
	var verdicts []string
	var errs []error
	// The rules just pushed: the branch stands at the pushed commit, so
	// every pull request is judged by it, without asking GitHub again.
	if s.tips == nil {
		s.tips = map[string]string{}
	}
	s.tips[branch] = p.After
	for _, pr := range prs {
		out, err := s.gatePR(ctx, pr, nil)
		verdicts = append(verdicts, fmt.Sprintf("#%d %s", pr.Number, out.Conclusion))
		if err != nil {
			errs = append(errs, fmt.Errorf("#%d: %w", pr.Number, err))
		}
	}
	note := fmt.Sprintf("the push to %s changes %s: judged the %d open pull requests into it again", branch, why, len(prs))
	if len(verdicts) > 0 {
		note += ": " + strings.Join(verdicts, ", ")
	}
	if len(errs) > 0 {
		return Outcome{Note: note}, errors.Join(errs...)
	}
	return Outcome{Conclusion: "skipped", Note: note}, nil
}

// zeroSHA says a push event's commit is none: GitHub sends all zeros for
// the before of a created ref and the after of a deleted one.
func zeroSHA(sha string) bool { return strings.Trim(sha, "0") == "" }

// pushedConfig loads the config at the pushed commit: the defaults when
// it has none, nil and the error when it is invalid.
func (s *session) pushedConfig(ctx context.Context, rev string) (*config.Config, error) {
	dir, err := os.MkdirTemp("", "greenlight-push-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	loaded, _, err := s.configAt(ctx, rev, dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s at %s: %v", s.o.ConfigPath, short(rev), err)
	}
	if loaded.Config == nil {
		return nil, fmt.Errorf("%s at %s is invalid", s.o.ConfigPath, short(rev))
	}
	return loaded.Config, nil
}

// governingChanges names the files between two commits that govern how
// posts are judged (as a pull request changing them needs the config
// stage), or says why they cannot be told apart; "" when there are none.
func (s *session) governingChanges(ctx context.Context, cfg *config.Config, before, after string) string {
	if cfg == nil {
		return "an invalid " + s.o.ConfigPath
	}
	if zeroSHA(before) {
		return "everything (it creates the branch)"
	}
	if err := s.repo.EnsureCommits(ctx, "origin", before); err != nil {
		return fmt.Sprintf("what it changes cannot be told (the commit before it, %s, cannot be fetched), so everything", short(before))
	}
	changes, err := s.repo.Diff(ctx, before, after)
	if err != nil {
		return fmt.Sprintf("what it changes cannot be told (%v), so everything", err)
	}
	var files []pullreq.File
	for p, c := range changes {
		files = append(files, pullreq.File{Path: p, Previous: c.From})
	}
	governed := classify(cfg, s.o.ConfigPath, files).governed
	if len(governed) == 0 {
		return ""
	}
	slices.Sort(governed)
	for i, g := range governed {
		governed[i] = summary.Code(g)
	}
	if len(governed) > 5 {
		governed = append(governed[:5], fmt.Sprintf("%d more", len(governed)-5))
	}
	return strings.Join(governed, ", ")
}
