package action

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/pullreq"
)

// maxListedCommits is how many commits GitHub lists for a pull request.
const maxListedCommits = 250

// contributors are the logins that made the pull request's commits, as
// authors or committers, sorted: people who wrote what is approved,
// whose approvals then do not count. A merge that only brings another
// branch in (GitHub's "Update branch", conflicts none) adds nothing of its
// own, so whoever made it is no contributor for it; a merge with an edit
// or a hand-resolved conflict is. GitHub names the accounts git's emails
// belong to; a commit whose emails belong to none adds no one.
//
// It is an error, so the run fails closed, when GitHub cannot list every
// commit (it lists at most 250) or lists commits without the head being
// judged (a push while judging): a contributor could be missing.
func (j *judge) contributors(ctx context.Context, head string) ([]string, error) {
	commits, err := j.s.pulls.Commits(ctx, j.pr.Number)
	if err != nil {
		return nil, fmt.Errorf("Cannot list the pull request's commits, so who wrote it is unknown: %s", ghapi.Explain(err))
	}
	if len(commits) < j.pr.Commits || len(commits) >= maxListedCommits && j.pr.Commits == 0 {
		return nil, fmt.Errorf("GitHub lists at most %d of a pull request's commits, and this one has %d: Greenlight cannot tell who wrote all of it, "+
			"so no approval could be trusted. Squash its commits, or split it.", maxListedCommits, max(j.pr.Commits, len(commits)))
	}
	if len(commits) > 0 && !slices.ContainsFunc(commits, func(c pullreq.Commit) bool { return c.SHA == head }) {
		return nil, fmt.Errorf("GitHub's list of the pull request's commits does not hold its head %s (a push while judging?), so who wrote it is unknown; the run for the new head judges it.", short(head))
	}
	var out []string
	for _, c := range commits {
		if len(c.Parents) > 1 && j.repo.CleanMerge(ctx, c.SHA, c.Parents) {
			continue
		}
		for _, login := range []string{c.Author, c.Committer} {
			if login != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, login) }) {
				out = append(out, login)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}
