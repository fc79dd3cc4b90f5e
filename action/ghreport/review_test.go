package ghreport

import (
	"context"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/diffhunk"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/pullreq"
)

func writer(t *testing.T) (Writer, *fakegithub.Server) {
	t.Helper()
	gh := fakegithub.New(t, fakegithub.PR{Number: 7, Author: "ada", Head: "abc123", Base: "b", BaseRef: "main"})
	c, err := ghapi.New(ghapi.Options{BaseURL: gh.URL, Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	return Writer{Client: c, PR: PullRequest{Owner: "acme", Repo: "posts", Number: 7, Head: "abc123", Base: "main"}}, gh
}

// Only lines inside the diff's hunks become inline comments (GitHub
// rejects the whole review otherwise); the rest go in the body; a finding
// already commented on its line is not commented again.
func TestReviewPlacesCommentsInsideTheDiff(t *testing.T) {
	w, gh := writer(t)
	hunks, err := diffhunk.Parse("@@ -5,2 +5,3 @@\n context\n+added\n context")
	if err != nil {
		t.Fatal(err)
	}
	inlines := []Inline{
		{Path: "posts/a.md", Line: 6, Key: "hype:1", Body: "**Warning** `hype`: synergy"},
		{Path: "posts/a.md", Line: 20, Key: "hype:2", Body: "**Warning** `hype`: outside"},
	}
	res, err := w.Review(context.Background(), inlines, map[string]diffhunk.Lines{"posts/a.md": hunks})
	if err != nil {
		t.Fatal(err)
	}
	if res.Posted != 1 || res.Outside != 1 {
		t.Fatalf("result = %+v, want 1 inline and 1 in the body", res)
	}
	posted := gh.ReviewsPosted[0]
	if posted["event"] != "COMMENT" || posted["commit_id"] != "abc123" || !strings.Contains(posted["body"].(string), "`posts/a.md` line 20: **Warning** `hype`: outside") {
		t.Errorf("review = %v", posted)
	}
	comments := posted["comments"].([]any)
	c := comments[0].(map[string]any)
	if len(comments) != 1 || c["line"] != float64(6) || c["side"] != "RIGHT" || c["path"] != "posts/a.md" {
		t.Errorf("comments = %v", comments)
	}
	// Again: the inline finding is already there; the outside one is
	// listed again only in a new body (there is no line to attach it to).
	res, err = w.Review(context.Background(), inlines[:1], map[string]diffhunk.Lines{"posts/a.md": hunks})
	if err != nil {
		t.Fatal(err)
	}
	if res.Repeated != 1 || res.Posted != 0 || len(gh.ReviewsPosted) != 1 {
		t.Errorf("second review: %+v, %d reviews posted; want none", res, len(gh.ReviewsPosted))
	}
}

// A finding's hidden marker in a comment someone else wrote (the
// author's own review comment) does not count as posted: it would hide the
// finding from the inline review.
func TestReviewCountsOnlyItsOwnComments(t *testing.T) {
	w, gh := writer(t)
	hunks, err := diffhunk.Parse("@@ -5,2 +5,3 @@\n context\n+added\n context")
	if err != nil {
		t.Fatal(err)
	}
	gh.ReviewComments = append(gh.ReviewComments, fakegithub.ReviewComment{Path: "posts/a.md", Line: 6, User: "ada",
		Body: "Looks fine to me.\n\n<!-- greenlight:hype:1 -->"})
	inlines := []Inline{{Path: "posts/a.md", Line: 6, Key: "hype:1", Body: "**Warning** `hype`: synergy"}}
	res, err := w.Review(context.Background(), inlines, map[string]diffhunk.Lines{"posts/a.md": hunks})
	if err != nil {
		t.Fatal(err)
	}
	if res.Posted != 1 || res.Repeated != 0 {
		t.Errorf("result = %+v: the author's marker hid the finding, want it posted", res)
	}
}

// A finding outside the diff is listed in the review's body by its path,
// which the author names: a path with a backtick and a line break cannot
// close its code span and write lines of its own.
func TestReviewBodyPathsCannotCloseTheirCodeSpan(t *testing.T) {
	w, gh := writer(t)
	path := "posts/a`\n## Approved by legal\n`.md"
	inlines := []Inline{{Path: path, Line: 20, Key: "hype:1", Body: "**Warning** `hype`: outside"}}
	if _, err := w.Review(context.Background(), inlines, nil); err != nil {
		t.Fatal(err)
	}
	body := gh.ReviewsPosted[0]["body"].(string)
	if strings.Contains(body, "\n## Approved by legal") {
		t.Errorf("the path wrote a heading of its own into the review body:\n%s", body)
	}
}

func TestRequestReviewersOnlyThoseNotAsked(t *testing.T) {
	w, gh := writer(t)
	gh.PR.RequestedReviewers = []string{"Mia"}
	gh.PR.RequestedTeams = []string{"legal"}
	read := pullreq.New(w.Client, nil, "acme", "posts")
	pr, err := read.PullRequest(context.Background(), 7)
	if err != nil {
		t.Fatal(err)
	}
	who, added, err := w.RequestReviewers(context.Background(), []string{"mia", "sam"}, []string{"legal", "brand"}, pr)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(who, " ") != "@mia @sam @acme/legal @acme/brand" || strings.Join(added, " ") != "@sam @acme/brand" {
		t.Errorf("asked = %v, added = %v", who, added)
	}
	req := gh.ReviewRequests[0]
	if r, tm := req["reviewers"].([]any), req["team_reviewers"].([]any); len(r) != 1 || r[0] != "sam" || len(tm) != 1 || tm[0] != "brand" {
		t.Errorf("request = %v; mia and legal were already asked", req)
	}
	pr, _ = read.PullRequest(context.Background(), 7)
	if _, added, err := w.RequestReviewers(context.Background(), []string{"mia", "sam"}, []string{"legal", "brand"}, pr); err != nil || len(gh.ReviewRequests) != 1 || len(added) != 0 {
		t.Errorf("asked again: %d requests, %v", len(gh.ReviewRequests), err)
	}
}
