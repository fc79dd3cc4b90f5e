package ghreport

import (
	"context"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// Vouched trusts a summary comment only as the newest check run of
// Greenlight's on the head names it (its digest after the colon of the
// external id): an edited comment, a check run of another App's when the
// bot is known, or no check run at all vouch for nothing; a check run
// left in progress, with no digest, is passed over.
func TestVouched(t *testing.T) {
	const body = "<!-- greenlight:summary base=main -->\n<!-- greenlight:record {} -->\n…"
	ours := func(id int64, external string) *fakegithub.CheckRun {
		return &fakegithub.CheckRun{ID: id, Name: "greenlight: main", HeadSHA: "abc123", ExternalID: external, App: "github-actions"}
	}
	tests := []struct {
		name   string
		runs   []*fakegithub.CheckRun
		bot    string
		body   string
		want   bool
		errors bool
	}{
		{name: "the newest check run names the comment", runs: []*fakegithub.CheckRun{ours(1, "greenlight-x:"+commentDigest(body))}, want: true},
		{name: "the comment edited since", runs: []*fakegithub.CheckRun{ours(1, "greenlight-x:"+commentDigest(body))}, body: body + " edited"},
		{name: "a newer check run names another text", runs: []*fakegithub.CheckRun{ours(1, "greenlight-x:"+commentDigest(body)), ours(2, "greenlight-y:"+commentDigest("older"))}},
		{name: "a check run in progress, newer, names nothing: passed over", runs: []*fakegithub.CheckRun{ours(1, "greenlight-x:"+commentDigest(body)), ours(2, "")}, want: true},
		{name: "no check run vouches", runs: []*fakegithub.CheckRun{ours(1, "greenlight-x")}},
		{name: "another App's check run, the bot known", bot: "github-actions[bot]",
			runs: []*fakegithub.CheckRun{{ID: 1, Name: "greenlight: main", HeadSHA: "abc123", ExternalID: "greenlight-x:" + commentDigest(body), App: "mallory"}}},
		{name: "Greenlight's App's check run, the bot known", bot: "github-actions[bot]", runs: []*fakegithub.CheckRun{ours(1, "greenlight-x:"+commentDigest(body))}, want: true},
		{name: "another check's run", runs: []*fakegithub.CheckRun{{ID: 1, Name: "lint", HeadSHA: "abc123", ExternalID: "x:" + commentDigest(body)}}},
		{name: "the check runs cannot be read", errors: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gh := fakegithub.New(t, fakegithub.PR{Number: 7, Author: "ada", Head: "abc123", Base: "b", BaseRef: "main"})
			gh.CheckRuns = tt.runs
			if tt.errors {
				gh.Fail["GET /repos/Codertocat/Hello-World/commits/abc123/check-runs"] = &fakegithub.Failure{Status: 502, Times: 100}
			}
			c, err := ghapi.New(ghapi.Options{BaseURL: gh.URL, Token: "t", Sleep: func(context.Context, time.Duration) error { return nil }})
			if err != nil {
				t.Fatal(err)
			}
			w := Writer{Client: c, Self: NewSelf(c, true, tt.bot), PR: PullRequest{Owner: "Codertocat", Repo: "Hello-World", Number: 7, Head: "abc123", Base: "main"}}
			b := body
			if tt.body != "" {
				b = tt.body
			}
			got, err := w.Vouched(context.Background(), "abc123", b)
			if (err != nil) != tt.errors || got != tt.want {
				t.Errorf("Vouched = %v, %v; want %v (an error: %v)", got, err, tt.want, tt.errors)
			}
		})
	}
}
