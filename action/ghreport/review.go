package ghreport

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/diffhunk"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/summary"
)

// Inline is a review comment on one line of a post at the head commit.
type Inline struct {
	Path string
	Line int
	// Key identifies the finding (rule and message) so the same finding
	// is never commented on the same line twice.
	Key  string
	Body string
}

func keyMarker(key string) string { return "<!-- greenlight:" + key + " -->" }

// ReviewResult says what Review did.
type ReviewResult struct {
	Posted   int // new inline comments
	Outside  int // findings on lines outside the diff, listed in the review body
	Repeated int // findings already commented on the same line
}

// Review posts one review with an inline comment per new finding. GitHub
// rejects a whole review when one comment is outside the diff, so only
// lines inside the patch hunks get inline comments; the rest are listed
// in the review's body. No review is posted when nothing is new.
func (w Writer) Review(ctx context.Context, inlines []Inline, hunks map[string]diffhunk.Lines) (ReviewResult, error) {
	var res ReviewResult
	existing, err := ghapi.All(ctx, func(lo github.ListOptions) ([]*github.PullRequestComment, *github.Response, error) {
		return w.Client.PullRequests.ListComments(ctx, w.PR.Owner, w.PR.Repo, w.PR.Number, &github.PullRequestListCommentsOptions{ListOptions: lo})
	})
	if err != nil {
		return res, fmt.Errorf("list review comments of #%d: %w", w.PR.Number, err)
	}
	done := map[string]bool{}
	for _, c := range existing {
		keys := markers(c.GetBody())
		if len(keys) == 0 {
			continue
		}
		// Only Greenlight's own comments say a finding was posted: a
		// marker anyone else wrote (the author's own review comment,
		// hiding a finding from the inline review) is only text. When it
		// cannot tell, it posts again: a repeated comment hides nothing.
		u := c.GetUser()
		if mine, err := w.Self.Wrote(ctx, pullreq.User{Login: u.GetLogin(), Bot: u.GetType() == "Bot"}); err != nil || !mine {
			continue
		}
		line := c.GetLine()
		if line == 0 {
			line = c.GetOriginalLine()
		}
		for _, key := range keys {
			done[fmt.Sprintf("%s:%d:%s", c.GetPath(), line, key)] = true
		}
	}
	var comments []*github.DraftReviewComment
	var outside []string
	for _, in := range inlines {
		if done[fmt.Sprintf("%s:%d:%s", in.Path, in.Line, in.Key)] {
			res.Repeated++
			continue
		}
		done[fmt.Sprintf("%s:%d:%s", in.Path, in.Line, in.Key)] = true
		body := in.Body + "\n\n" + keyMarker(in.Key)
		if h, ok := hunks[in.Path]; ok && h.Contains(in.Line) {
			comments = append(comments, &github.DraftReviewComment{Path: github.String(in.Path), Line: github.Int(in.Line),
				Side: github.String("RIGHT"), Body: github.String(body)})
			continue
		}
		// The path is the author's to name: a code span it cannot close.
		outside = append(outside, fmt.Sprintf("- %s line %d: %s", summary.Code(in.Path), in.Line, firstLine(in.Body)))
	}
	res.Posted, res.Outside = len(comments), len(outside)
	if len(comments) == 0 && len(outside) == 0 {
		return res, nil
	}
	body := "Greenlight found style issues in the changed posts."
	if len(outside) > 0 {
		body += " These are on lines this pull request does not change, so they cannot be inline comments:\n\n" + strings.Join(outside, "\n")
	}
	_, _, err = w.Client.PullRequests.CreateReview(ctx, w.PR.Owner, w.PR.Repo, w.PR.Number, &github.PullRequestReviewRequest{
		CommitID: github.String(w.PR.Head), Event: github.String("COMMENT"), Body: github.String(body), Comments: comments})
	if err != nil {
		return res, fmt.Errorf("post the review of #%d: %w", w.PR.Number, err)
	}
	return res, nil
}

// markers are the finding keys hidden in a comment's body.
func markers(body string) []string {
	var keys []string
	for {
		i := strings.Index(body, "<!-- greenlight:")
		if i < 0 {
			return keys
		}
		body = body[i+len("<!-- greenlight:"):]
		j := strings.Index(body, " -->")
		if j < 0 {
			return keys
		}
		keys = append(keys, body[:j])
		body = body[j:]
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// RequestReviewers asks users and teams (slugs in the repository's
// organization) to review, leaving out those already asked. It returns
// everyone now asked, as "@login" or "@org/slug", whether on this run or an
// earlier one, so the summary says the same on every run; and those this
// run asked.
func (w Writer) RequestReviewers(ctx context.Context, users, teams []string, pr pullreq.PullRequest) (asked, added []string, err error) {
	already := map[string]bool{}
	for _, u := range pr.RequestedReviewers {
		already[strings.ToLower(u)] = true
	}
	for _, t := range pr.RequestedTeams {
		already["team:"+strings.ToLower(t)] = true
	}
	var req github.ReviewersRequest
	var who []string
	for _, u := range users {
		who = append(who, "@"+u)
		if !already[strings.ToLower(u)] {
			req.Reviewers = append(req.Reviewers, u)
			added = append(added, "@"+u)
		}
	}
	for _, t := range teams {
		who = append(who, "@"+w.PR.Owner+"/"+t)
		if !already["team:"+strings.ToLower(t)] {
			req.TeamReviewers = append(req.TeamReviewers, t)
			added = append(added, "@"+w.PR.Owner+"/"+t)
		}
	}
	if len(added) == 0 {
		return who, nil, nil
	}
	if _, _, err := w.Client.PullRequests.RequestReviewers(ctx, w.PR.Owner, w.PR.Repo, w.PR.Number, req); err != nil {
		return nil, nil, fmt.Errorf("request reviews from %s: %w", strings.Join(added, ", "), err)
	}
	return who, added, nil
}
