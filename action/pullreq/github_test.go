package pullreq_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/pullreq"
)

func client(t *testing.T, gh *fakegithub.Server, token string) *github.Client {
	t.Helper()
	c, err := ghapi.New(ghapi.Options{BaseURL: gh.URL, Token: token, Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// GitHub's answers (its own example payloads, as the fake serves them)
// come back as the plain values the Action judges by: every field the
// judge reads, every page of a list.
func TestGitHubReadsPlainValues(t *testing.T) {
	t.Parallel()
	gh := fakegithub.New(t, fakegithub.PR{Number: 7, Author: "ada", Head: "h7", HeadRef: "post", Base: "b7", BaseRef: "main",
		RequestedReviewers: []string{"kim"}, RequestedTeams: []string{"legal"}, HeadRepo: "ada/Hello-World"})
	gh.Body, gh.Draft, gh.Labels = "Merge-After: 2026-12-01 09:00", true, []string{"greenlight: missed schedule"}
	for i := range 101 { // two pages
		gh.Files = append(gh.Files, fakegithub.File{Name: fmt.Sprintf("posts/p%03d.md", i), Status: "added", Patch: "@@ -0,0 +1 @@\n+x"})
	}
	gh.Files[0] = fakegithub.File{Name: "posts/new.md", Previous: "drafts/old.md", Status: "renamed"}
	submitted := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	gh.Reviews = []fakegithub.Review{{ID: 1, User: "kim", State: "APPROVED", Commit: "h6", Submitted: submitted}}
	created := time.Date(2026, 11, 30, 11, 0, 0, 0, time.UTC)
	gh.Comments = []fakegithub.Comment{{ID: 5, User: "kim", Body: "/approve", Created: created},
		{ID: 6, User: "github-actions[bot]", Bot: true, Body: "<!-- greenlight:summary base=main -->", Created: created, Updated: created.Add(time.Hour)}}
	gh.Teams["Codertocat/legal"] = []string{"lee", "mia"}
	gh.Branches["main"] = "tip"
	gh.Add(fakegithub.PR{Number: 8, Author: "bob", Head: "h8", Base: "b8", BaseRef: "main"})
	gh.Add(fakegithub.PR{Number: 9, Author: "cy", Head: "h9", Base: "b9", BaseRef: "dev"})

	r := pullreq.New(client(t, gh, "ghs_run"), nil, "Codertocat", "Hello-World")
	ctx := context.Background()

	pr, err := r.PullRequest(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Number != 7 || pr.Author != "ada" || pr.HeadSHA != "h7" || pr.BaseSHA != "b7" || pr.BaseRef != "main" || pr.State != "open" ||
		!pr.Draft || pr.Body != gh.Body || pr.HeadRepo != "ada/Hello-World" || pr.ChangedFiles != 101 || pr.URL == "" || pr.Title == "" ||
		!slices.Equal(pr.Labels, gh.Labels) || !slices.Equal(pr.RequestedReviewers, []string{"kim"}) || !slices.Equal(pr.RequestedTeams, []string{"legal"}) {
		t.Errorf("pull request = %+v", pr)
	}
	open, err := r.Open(ctx, "main")
	if err != nil {
		t.Fatal(err)
	}
	var numbers []int
	for _, p := range open {
		numbers = append(numbers, p.Number)
	}
	if !slices.Equal(numbers, []int{7, 8}) {
		t.Errorf("open into main: %v, want 7 and 8", numbers)
	}
	if with, err := r.WithCommit(ctx, "h8"); err != nil || len(with) != 1 || with[0].Number != 8 {
		t.Errorf("with commit h8: %+v, %v", with, err)
	}
	files, err := r.Files(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 101 || files[0] != (pullreq.File{Path: "posts/new.md", Previous: "drafts/old.md", Status: "renamed"}) ||
		files[100].Path != "posts/p100.md" || files[100].Patch == "" {
		t.Errorf("%d files, first %+v, last %+v", len(files), files[0], files[len(files)-1])
	}
	reviews, err := r.Reviews(ctx, 7)
	if err != nil || len(reviews) != 1 || reviews[0] != (pullreq.Review{User: "kim", State: "APPROVED", Commit: "h6", Submitted: submitted}) {
		t.Errorf("reviews = %+v, %v", reviews, err)
	}
	comments, err := r.Comments(ctx, 7)
	if err != nil || len(comments) != 2 {
		t.Fatalf("comments = %+v, %v", comments, err)
	}
	if c := comments[0]; c.ID != 5 || c.Author != (pullreq.User{Login: "kim"}) || c.Body != "/approve" || !c.Created.Equal(created) {
		t.Errorf("a person's comment = %+v", c)
	}
	if c := comments[1]; c.Author != (pullreq.User{Login: "github-actions[bot]", Bot: true}) || !c.Updated.Equal(created.Add(time.Hour)) {
		t.Errorf("a bot's comment = %+v", c)
	}
	if tip, err := r.BranchTip(ctx, "main"); err != nil || tip != "tip" {
		t.Errorf("tip of main = %q, %v", tip, err)
	}
	if members, err := r.TeamMembers(ctx, "Codertocat/legal"); err != nil || !slices.Equal(members, []string{"lee", "mia"}) {
		t.Errorf("members = %v, %v", members, err)
	}
}

// Teams are read with the teams client alone, everything else with the
// run's; and an error says which read failed, keeping GitHub's answer for
// ghapi to explain.
func TestGitHubReadsTeamsWithTheTeamsClient(t *testing.T) {
	t.Parallel()
	gh := fakegithub.New(t, fakegithub.PR{Number: 7, Author: "ada", Head: "h7", Base: "b7", BaseRef: "main"})
	gh.Teams["Codertocat/legal"] = []string{"lee"}
	gh.TeamReaders = []string{"ghp_teams"}
	r := pullreq.New(client(t, gh, "ghs_run"), client(t, gh, "ghp_teams"), "Codertocat", "Hello-World")
	ctx := context.Background()
	if _, err := r.TeamMembers(ctx, "Codertocat/legal"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Reviews(ctx, 7); err != nil {
		t.Fatal(err)
	}
	for _, req := range gh.Requests {
		team := strings.HasPrefix(req.Path, "/orgs/")
		if want := map[bool]string{true: "Bearer ghp_teams", false: "Bearer ghs_run"}[team]; req.Auth != want {
			t.Errorf("%s %s sent %q, want %q", req.Method, req.Path, req.Auth, want)
		}
	}

	_, err := pullreq.New(client(t, gh, "ghs_run"), nil, "Codertocat", "Hello-World").TeamMembers(ctx, "Codertocat/legal")
	if code, _, ok := ghapi.Refused(err); !ok || code != 404 || !strings.Contains(err.Error(), "members of team Codertocat/legal") {
		t.Errorf("the run's token reading the team: %v; want GitHub's 404, said of the team", err)
	}
	if _, err := r.TeamMembers(ctx, "legal"); err == nil {
		t.Error("a team without its organization was read")
	}
}
