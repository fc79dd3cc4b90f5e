package pullreq

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/ghapi"
)

// GitHub reads one repository's pull requests through go-github clients
// of the client layer (ghapi.New), whose retries and limits every read
// gets.
type GitHub struct {
	client      *github.Client
	teams       *github.Client
	owner, repo string
}

var _ Reader = (*GitHub)(nil)

// New reads the repository owner/repo with client, and team members with
// teams: a client of its own when a token other than the run's reads the
// organization's teams, or nil to read them with client too.
func New(client, teams *github.Client, owner, repo string) *GitHub {
	if teams == nil {
		teams = client
	}
	return &GitHub{client: client, teams: teams, owner: owner, repo: repo}
}

func (g *GitHub) PullRequest(ctx context.Context, number int) (PullRequest, error) {
	pr, _, err := g.client.PullRequests.Get(ctx, g.owner, g.repo, number)
	if err != nil {
		return PullRequest{}, fmt.Errorf("read pull request #%d: %w", number, err)
	}
	// The files, reviews and comments are read, and the verdict written,
	// by the number GitHub answers: another pull request's answer (a
	// proxy's mix-up) would judge the wrong one on this one's behalf.
	if pr.GetNumber() != number {
		return PullRequest{}, fmt.Errorf("read pull request #%d: GitHub answered with pull request #%d", number, pr.GetNumber())
	}
	return pullRequest(pr), nil
}

func (g *GitHub) Open(ctx context.Context, base string) ([]PullRequest, error) {
	return list(ctx, "the open pull requests into "+base, func(lo github.ListOptions) ([]*github.PullRequest, *github.Response, error) {
		return g.client.PullRequests.List(ctx, g.owner, g.repo, &github.PullRequestListOptions{State: "open", Base: base, ListOptions: lo})
	}, pullRequest)
}

func (g *GitHub) WithCommit(ctx context.Context, sha string) ([]PullRequest, error) {
	return list(ctx, "the pull requests of commit "+sha, func(lo github.ListOptions) ([]*github.PullRequest, *github.Response, error) {
		return g.client.PullRequests.ListPullRequestsWithCommit(ctx, g.owner, g.repo, sha, &lo)
	}, pullRequest)
}

func (g *GitHub) Files(ctx context.Context, number int) ([]File, error) {
	return list(ctx, fmt.Sprintf("the files of #%d", number), func(lo github.ListOptions) ([]*github.CommitFile, *github.Response, error) {
		return g.client.PullRequests.ListFiles(ctx, g.owner, g.repo, number, &lo)
	}, func(f *github.CommitFile) File {
		return File{Path: f.GetFilename(), Previous: f.GetPreviousFilename(), Status: f.GetStatus(), Patch: f.GetPatch()}
	})
}

func (g *GitHub) Reviews(ctx context.Context, number int) ([]Review, error) {
	return list(ctx, fmt.Sprintf("the reviews of #%d", number), func(lo github.ListOptions) ([]*github.PullRequestReview, *github.Response, error) {
		return g.client.PullRequests.ListReviews(ctx, g.owner, g.repo, number, &lo)
	}, func(r *github.PullRequestReview) Review {
		return Review{User: r.GetUser().GetLogin(), State: r.GetState(), Commit: r.GetCommitID(), Submitted: r.GetSubmittedAt().Time}
	})
}

func (g *GitHub) Comments(ctx context.Context, number int) ([]Comment, error) {
	return list(ctx, fmt.Sprintf("the comments of #%d", number), func(lo github.ListOptions) ([]*github.IssueComment, *github.Response, error) {
		return g.client.Issues.ListComments(ctx, g.owner, g.repo, number, &github.IssueListCommentsOptions{ListOptions: lo})
	}, func(c *github.IssueComment) Comment {
		u := c.GetUser()
		return Comment{ID: c.GetID(), Author: User{Login: u.GetLogin(), Bot: u.GetType() == "Bot"}, Body: c.GetBody(),
			Created: c.GetCreatedAt().Time, Updated: c.GetUpdatedAt().Time}
	})
}

func (g *GitHub) Commits(ctx context.Context, number int) ([]Commit, error) {
	return list(ctx, fmt.Sprintf("the commits of #%d", number), func(lo github.ListOptions) ([]*github.RepositoryCommit, *github.Response, error) {
		return g.client.PullRequests.ListCommits(ctx, g.owner, g.repo, number, &lo)
	}, func(c *github.RepositoryCommit) Commit {
		out := Commit{SHA: c.GetSHA(), Author: c.GetAuthor().GetLogin(), Committer: c.GetCommitter().GetLogin()}
		for _, p := range c.Parents {
			out.Parents = append(out.Parents, p.GetSHA())
		}
		return out
	})
}

// TeamMembers reads with the teams client: the one token that may read
// the organization's teams, when there is one.
func (g *GitHub) TeamMembers(ctx context.Context, team string) ([]string, error) {
	org, slug, ok := strings.Cut(team, "/")
	if !ok {
		return nil, fmt.Errorf("team %q: want org/slug", team)
	}
	return list(ctx, "the members of team "+team, func(lo github.ListOptions) ([]*github.User, *github.Response, error) {
		return g.teams.Teams.ListTeamMembersBySlug(ctx, org, slug, &github.TeamListTeamMembersOptions{ListOptions: lo})
	}, (*github.User).GetLogin)
}

func (g *GitHub) BranchTip(ctx context.Context, branch string) (string, error) {
	b, _, err := g.client.Repositories.GetBranch(ctx, g.owner, g.repo, branch, 1)
	if err != nil {
		return "", fmt.Errorf("read branch %s: %w", branch, err)
	}
	sha := b.GetCommit().GetSHA()
	if sha == "" {
		return "", fmt.Errorf("GitHub named no commit for branch %s", branch)
	}
	return sha, nil
}

// list reads every page of a list (see ghapi.All) and converts each
// item; what names the list for an error.
func list[T, U any](ctx context.Context, what string, page func(github.ListOptions) ([]T, *github.Response, error), convert func(T) U) ([]U, error) {
	items, err := ghapi.All(ctx, page)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	out := make([]U, 0, len(items))
	for _, it := range items {
		out = append(out, convert(it))
	}
	return out, nil
}

func pullRequest(pr *github.PullRequest) PullRequest {
	out := PullRequest{Number: pr.GetNumber(), Title: pr.GetTitle(), Body: pr.GetBody(), URL: pr.GetHTMLURL(),
		Author: pr.GetUser().GetLogin(), State: pr.GetState(), Draft: pr.GetDraft(),
		BaseRef: pr.GetBase().GetRef(), BaseSHA: pr.GetBase().GetSHA(), HeadSHA: pr.GetHead().GetSHA(),
		HeadRepo: pr.GetHead().GetRepo().GetFullName(), ChangedFiles: pr.GetChangedFiles(),
		Commits: pr.GetCommits(),
		Merged:  pr.GetMerged(), MergeSHA: pr.GetMergeCommitSHA()}
	for _, l := range pr.Labels {
		out.Labels = append(out.Labels, l.GetName())
	}
	for _, u := range pr.RequestedReviewers {
		out.RequestedReviewers = append(out.RequestedReviewers, u.GetLogin())
	}
	for _, t := range pr.RequestedTeams {
		out.RequestedTeams = append(out.RequestedTeams, t.GetSlug())
	}
	return out
}
