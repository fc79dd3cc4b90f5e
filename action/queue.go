package action

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/ghreport"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine/finding"
)

// member is a pull request of a merge group and its verdict.
type member struct {
	pr pullreq.PullRequest
	v  *verdict
}

// mergeGroup judges a merge queue's group and concludes the required check
// "greenlight: <base>" on the group's commit (merge_group.head_sha), which
// is what the queue waits for: an earlier green check on a pull request's
// own head never lets a group through unjudged.
//
// The payload lists no pull requests. The group's ref names the one it was
// made for (gh-readonly-queue/<base>/pr-<number>-<parent sha>); the
// commits the group adds to its parent commit (merge_group.base_sha) name
// any other, as the queue writes them ("Title (#N)" squashed, "Merge pull
// request #N" merged). Each is judged exactly as on its pull_request
// event (reviews, stages, staleness against its head), with the config
// and policies of the group's parent commit: the rules in force where
// the group lands. The check fails when any of them fails, when the ref
// names no pull request, and when the group changes a post, a file in a
// content folder or a file that governs judging to a text that no judged
// pull request has at its head.
func (s *session) mergeGroup(ctx context.Context) (Outcome, error) {
	mg := *s.ev.MergeGroup
	base := mg.Base()
	if mg.HeadSHA == "" || base == "" {
		return Outcome{}, fmt.Errorf("the merge_group payload has no merge_group.head_sha or base_ref: nothing to report the check on")
	}
	w := ghreport.Writer{Client: s.client, Self: s.self, PR: ghreport.PullRequest{Owner: s.ev.Owner, Repo: s.ev.Repo, Head: mg.HeadSHA, Base: base}}
	var started ghreport.Started
	if s.o.reports("check-run") {
		started = s.startCheck(ctx, w, "the merge group")
	}
	numbers, problems := s.groupPullRequests(ctx, mg)
	var members []member
	for _, n := range numbers {
		pr, err := s.pulls.PullRequest(ctx, n)
		if err != nil {
			problems = append(problems, fmt.Sprintf("Cannot read pull request #%d of the merge group: %s", n, ghapi.Explain(err)))
			continue
		}
		if got := pr.BaseRef; got != base {
			problems = append(problems, fmt.Sprintf("Pull request #%d merges into %s, not into %s as the merge group does.", n, got, base))
			continue
		}
		if mg.BaseSHA != "" {
			// The rules of the commit the group lands on, not of the
			// base the pull request was last judged against.
			pr.BaseSHA = mg.BaseSHA
		}
		j := s.judgeOf(pr)
		j.pinnedBase = mg.BaseSHA != ""
		members = append(members, member{pr: pr, v: j.judge(ctx)})
	}
	problems = append(problems, s.uncovered(ctx, mg, members)...)

	out := Outcome{Conclusion: "success"}
	if len(problems) > 0 || len(members) == 0 {
		out.Conclusion = "failure"
	}
	var findings []finding.Finding
	for _, m := range members {
		if m.v.summary.Conclusion != "success" {
			out.Conclusion = "failure"
		}
		for _, st := range m.v.summary.PendingStages() {
			if !slices.Contains(out.BlockedStages, st) {
				out.BlockedStages = append(out.BlockedStages, st)
			}
		}
		findings = append(findings, m.v.findings...)
	}
	out.Findings = len(findings)
	title := groupTitle(out.Conclusion, members, problems)
	out.Markdown = groupMarkdown(mg, base, title, out.Conclusion, members, problems, s.o.Env.RunURL())

	var errs []error
	if s.o.reports("check-run") {
		run := ghreport.CheckRun{Title: title, Summary: out.Markdown, Conclusion: out.Conclusion,
			Annotations: annotations(findings), DetailsURL: s.o.Env.RunURL()}
		if _, err := w.PublishCheckRun(ctx, &started, run); err != nil {
			errs = append(errs, fmt.Errorf("check run: %s %s", ghapi.Explain(err), started.Standing()))
		}
	}
	if s.o.reports("step-summary") && s.o.Env.StepSummary != "" {
		text := out.Markdown
		for _, err := range errs {
			text += "\n\n**Greenlight could not write this verdict:** " + strings.ReplaceAll(err.Error(), "\n", " ")
		}
		if err := appendFile(s.o.Env.StepSummary, text); err != nil {
			errs = append(errs, fmt.Errorf("step summary: %w", err))
		}
	}
	if len(errs) > 0 {
		return out, errors.Join(errs...)
	}
	return out, nil
}

// groupPullRequests are the numbers of the pull requests in a merge group:
// the one its ref names, then those the commits it adds name, in order.
// Problems say what could not be found; each fails the group.
func (s *session) groupPullRequests(ctx context.Context, mg event.MergeGroup) ([]int, []string) {
	var out []int
	var problems []string
	if mg.PullRequest == 0 {
		problems = append(problems, fmt.Sprintf("The merge group's ref %q names no pull request into %s (GitHub names a group "+
			"refs/heads/gh-readonly-queue/<branch>/pr-<number>-<sha>), so Greenlight cannot tell what it would merge.", mg.HeadRef, mg.Base()))
	} else {
		out = append(out, mg.PullRequest)
	}
	if mg.BaseSHA == "" {
		return out, append(problems, "The merge_group payload has no base_sha, so Greenlight cannot tell what the group adds to its branch.")
	}
	if err := s.repo.EnsureCommits(ctx, "origin", mg.BaseSHA, mg.HeadSHA); err != nil {
		return out, append(problems, fmt.Sprintf("The checkout lacks the merge group's commits and fetching them failed (%v). "+
			"Check out with actions/checkout and fetch-depth: 0.", err))
	}
	commits, err := s.repo.Between(ctx, mg.BaseSHA, mg.HeadSHA)
	if err != nil {
		return out, append(problems, fmt.Sprintf("Cannot list the commits of the merge group: %v", err))
	}
	for i := len(commits) - 1; i >= 0; i-- { // oldest first: the queue's order
		if n := namedPullRequest(commits[i]); n != 0 && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, problems
}

// queueSubject is the subject line a merge queue gives the commit of a
// pull request: "Title (#N)" when it squashes, "Merge pull request #N
// from …" when it merges.
var queueSubject = regexp.MustCompile(`\(#([1-9][0-9]{0,9})\)$|^Merge pull request #([1-9][0-9]{0,9}) `)

// namedPullRequest is the pull request a commit's subject names; 0 for
// none (a commit the queue rebased, say).
func namedPullRequest(c gitrepo.Commit) int {
	subject, _, _ := strings.Cut(c.Message, "\n")
	m := queueSubject.FindStringSubmatch(strings.TrimSpace(subject))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1] + m[2])
	return n
}

// uncovered are the posts, the files in content folders that are no
// posts, the files posts use (see referencedMedia), and the governing files (greenlight.hcl, the policies, the
// workflows) that the merge group changes from its parent
// commit but that no judged pull request of it has, at that text, at its
// head: a group must merge nothing that was not judged.
func (s *session) uncovered(ctx context.Context, mg event.MergeGroup, members []member) []string {
	i := slices.IndexFunc(members, func(m member) bool { return m.v.cfg != nil })
	if mg.BaseSHA == "" || i < 0 || !s.repo.HasCommit(ctx, mg.BaseSHA) || !s.repo.HasCommit(ctx, mg.HeadSHA) {
		return nil // the group fails already, for the reason given
	}
	changes, err := s.repo.Diff(ctx, mg.BaseSHA, mg.HeadSHA)
	if err != nil {
		return []string{fmt.Sprintf("Cannot compare the merge group with its parent commit: %v", err)}
	}
	var files []pullreq.File
	for p, c := range changes {
		status := map[string]string{"A": "added", "D": "removed", "R": "renamed"}[c.Status]
		if status == "" {
			status = "modified"
		}
		files = append(files, pullreq.File{Path: p, Previous: c.From, Status: status})
	}
	cfg := members[i].v.cfg
	ch := classify(cfg, s.o.ConfigPath, files)
	media, err := s.referencedMedia(ctx, cfg, files, mg.BaseSHA, mg.HeadSHA)
	if err != nil {
		return []string{fmt.Sprintf("Cannot tell which posts use the files the merge group changes: %v", err)}
	}
	heads := map[string]gitrepo.Changes{} // each head against the group
	sameAt := func(m member, p string) bool {
		head := m.pr.HeadSHA
		d, ok := heads[head]
		if !ok {
			if d, err = s.repo.Diff(ctx, head, mg.HeadSHA); err != nil {
				return false
			}
			heads[head] = d
		}
		c, changed := d[p]
		return !changed || (c.Status != "D" && !d.ContentChanged(p))
	}
	judged := func(m member, p string) bool {
		if slices.ContainsFunc(m.v.summary.Posts, func(sp summary.Post) bool { return sp.Path == p }) || slices.Contains(m.v.summary.Removed, p) {
			return true
		}
		g := m.v.summary.Governance
		return g != nil && (slices.Contains(g.Files, p) || slices.Contains(g.Unjudged, p) || slices.Contains(mediaPaths(g.Media), p))
	}
	var out []string
	seen := map[string]bool{}
	// Files in a content folder that are no posts count too: a posting
	// tool may publish them, so a pull request needs the owners for them;
	// and so do the files posts publish with them (an image).
	for _, p := range slices.Concat(ch.posts, ch.removed, ch.governed, ch.unjudged, mediaPaths(media)) {
		if seen[p] {
			continue
		}
		seen[p] = true
		if !slices.ContainsFunc(members, func(m member) bool { return judged(m, p) && sameAt(m, p) }) {
			out = append(out, fmt.Sprintf("The merge group changes %s, and no pull request judged in it has that text there at its head: "+
				"it would merge what was never judged.", summary.Code(p)))
		}
	}
	slices.Sort(out)
	return out
}

// groupTitle is the check run's title for a merge group.
func groupTitle(conclusion string, members []member, problems []string) string {
	var nums []string
	for _, m := range members {
		nums = append(nums, fmt.Sprintf("#%d", m.pr.Number))
	}
	switch {
	case conclusion == "success":
		return "Merge group ready: " + strings.Join(nums, ", ")
	case len(problems) > 0 && len(members) == 0:
		return "Blocked: Greenlight could not tell what the merge group merges"
	}
	var blocked []string
	for _, m := range members {
		if m.v.summary.Conclusion != "success" {
			blocked = append(blocked, fmt.Sprintf("#%d (%s)", m.pr.Number, m.v.summary.Title()))
		}
	}
	if len(blocked) == 0 {
		return "Blocked: the merge group differs from what was judged"
	}
	return "Blocked: " + strings.Join(blocked, "; ")
}

// groupMarkdown is the merge group's verdict: its problems, then each
// pull request's own summary.
func groupMarkdown(mg event.MergeGroup, base, title, conclusion string, members []member, problems []string, runURL string) string {
	var b strings.Builder
	icon := "✅"
	if conclusion != "success" {
		icon = "⛔"
	}
	fmt.Fprintf(&b, "### %s Greenlight → `%s`, merge group: %s\n\n", icon, base, title)
	for _, p := range problems {
		fmt.Fprintf(&b, "> [!CAUTION]\n> %s\n\n", strings.ReplaceAll(p, "\n", "\n> "))
	}
	for _, m := range members {
		fmt.Fprintf(&b, "#### #%d %s\n\n%s\n", m.pr.Number, m.pr.Title, m.v.summary.Markdown(false))
	}
	foot := []string{"merge group commit " + short(mg.HeadSHA), "ref " + mg.HeadRef}
	if runURL != "" {
		foot = append(foot, fmt.Sprintf("[run](%s)", runURL))
	}
	fmt.Fprintf(&b, "\n<sub>%s</sub>\n", strings.Join(foot, " · "))
	return b.String()
}
