package history

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/stats"
	"github.com/greenlighthq/greenlight/engine/config"
)

// recorded is the stats package's hand-made history.
func recorded(t *testing.T) stats.History {
	t.Helper()
	f, err := os.Open("../stats/testdata/history.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := stats.ReadHistory(f)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// serve puts a history's pull requests into the fake GitHub API, into
// base: reviews as reviews, pushes as commits dated then, the publish
// time as a Merge-After line.
func serve(t *testing.T, h stats.History, base string) (*fakegithub.Server, *github.Client) {
	t.Helper()
	var gh *fakegithub.Server
	for _, p := range h.PullRequests {
		pr := fakegithub.PR{Number: p.Number, Author: p.Author, Head: fmt.Sprintf("%040d", p.Number), BaseRef: base}
		var pl *fakegithub.Pull
		if gh == nil {
			gh = fakegithub.New(t, pr)
			pl = gh.Pull
		} else {
			pl = gh.Add(pr)
		}
		pl.Created = p.Opened
		if p.Merged != nil {
			pl.MergedAt = *p.Merged
		}
		if p.Closed != nil {
			pl.ClosedAt = *p.Closed
		}
		pl.Body = "A post.\n"
		if p.PublishAt != nil {
			pl.Body += "\nMerge-After: " + p.PublishAt.Format(time.RFC3339) + "\n"
		}
		for i, r := range p.Reviews {
			pl.Reviews = append(pl.Reviews, fakegithub.Review{ID: int64(p.Number*100 + i), User: r.User, State: r.State, Submitted: r.Submitted})
		}
		for i, at := range p.Pushes {
			pl.Commits = append(pl.Commits, fakegithub.Commit{SHA: fmt.Sprintf("%038d%02d", p.Number, i), Committed: at})
		}
	}
	c, err := ghapi.New(ghapi.Options{BaseURL: gh.URL, Token: "t", Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return gh, c
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The recorded history, served by the fake GitHub API, comes back from
// Fetch as it was: every pull request with its times, reviews, pushes and
// Merge-After publish time.
func TestFetchReadsBackARecordedHistory(t *testing.T) {
	want := recorded(t)
	want.Teams = nil // Teams reads them, below
	gh, c := serve(t, want, "main")
	got, err := Fetch(context.Background(), c, "acme", "posts", "main", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if g, w := asJSON(t, got), asJSON(t, want); g != w {
		t.Errorf("fetched history differs:\n--- got\n%s\n--- want\n%s", g, w)
	}
	// One listing, then the reviews and the commits of each of the 7.
	if n, want := len(gh.Requests), 1+2*7; n != want {
		t.Errorf("%d requests, want %d", n, want)
	}
	for _, r := range gh.Requests {
		if r.Method != "GET" {
			t.Errorf("a history read wrote: %s %s", r.Method, r.Path)
		}
	}
}

func TestFetch(t *testing.T) {
	t.Run("pull requests opened before since, or into another branch, are left out", func(t *testing.T) {
		h := recorded(t)
		gh, c := serve(t, h, "main")
		gh.Pulls[3].PR.BaseRef = "drafts"
		got, err := Fetch(context.Background(), c, "acme", "posts", "main", time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		var numbers []int
		for _, p := range got.PullRequests {
			numbers = append(numbers, p.Number)
		}
		// #1 to #3 opened before 5 November (and #3 is into drafts).
		if fmt.Sprint(numbers) != "[4 5 6 7]" {
			t.Errorf("pull requests %v, want [4 5 6 7]", numbers)
		}
	})

	t.Run("the listing stops at the first page that reaches back past since", func(t *testing.T) {
		opened := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		var h stats.History
		for n := 1; n <= 250; n++ { // one a day, #250 the newest
			h.PullRequests = append(h.PullRequests, stats.PullRequest{Number: n, Author: "kim", Opened: opened.AddDate(0, 0, n-1)})
		}
		gh, c := serve(t, h, "main")
		since := opened.AddDate(0, 0, 249-30) // the newest 31: #220 to #250
		got, err := Fetch(context.Background(), c, "acme", "posts", "main", since)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.PullRequests) != 31 || got.PullRequests[0].Number != 220 {
			t.Errorf("%d pull requests from #%d, want 31 from #220", len(got.PullRequests), got.PullRequests[0].Number)
		}
		listings := 0
		for _, r := range gh.Requests {
			if r.Path == "/repos/acme/posts/pulls" {
				listings++
			}
		}
		if listings != 1 {
			t.Errorf("%d pages of pull requests read, want 1 (the first page of 100 already reaches back past since)", listings)
		}
		all, err := Fetch(context.Background(), c, "acme", "posts", "main", time.Time{})
		if err != nil || len(all.PullRequests) != 250 {
			t.Errorf("since the beginning: %d pull requests (%v), want all 250 over three pages", len(all.PullRequests), err)
		}
	})

	t.Run("Merge-After without an offset is read in the team's zone; commits from before the opening arrive with it", func(t *testing.T) {
		opened := time.Date(2026, 11, 2, 14, 0, 0, 0, time.UTC)
		gh, c := serve(t, stats.History{PullRequests: []stats.PullRequest{{Number: 1, Author: "kim", Opened: opened}}}, "main")
		gh.Body = "Launch post.\nMerge-After: 2026-11-03 09:00\n"
		gh.Commits = []fakegithub.Commit{{SHA: "b", Committed: opened.Add(2 * time.Hour)}, {SHA: "a", Committed: opened.Add(-48 * time.Hour)}}
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Skip(err)
		}
		got, err := Fetch(context.Background(), c, "acme", "posts", "main", time.Time{}, WithLocation(ny))
		if err != nil {
			t.Fatal(err)
		}
		p := got.PullRequests[0]
		if p.PublishAt == nil || !p.PublishAt.Equal(time.Date(2026, 11, 3, 14, 0, 0, 0, time.UTC)) {
			t.Errorf("publish at %v, want 09:00 in New York (14:00 UTC)", p.PublishAt)
		}
		if fmt.Sprint(p.Pushes) != fmt.Sprint([]time.Time{opened, opened.Add(2 * time.Hour)}) {
			t.Errorf("pushes %v, want the opening and two hours later", p.Pushes)
		}
		if p.Merged != nil || p.Closed != nil {
			t.Errorf("an open pull request merged %v, closed %v", p.Merged, p.Closed)
		}
	})

	t.Run("an API failure names what could not be read", func(t *testing.T) {
		gh, c := serve(t, recorded(t), "main")
		gh.Fail["GET /repos/acme/posts/pulls/2/commits"] = &fakegithub.Failure{Status: 404, Times: 1}
		_, err := Fetch(context.Background(), c, "acme", "posts", "main", time.Time{})
		if err == nil || !strings.Contains(err.Error(), "list the commits of #2") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestTeams(t *testing.T) {
	l := config.Load("../stats/testdata/greenlight.hcl")
	if l.Config == nil {
		t.Fatal(l.Diags)
	}
	h := recorded(t)
	gh, c := serve(t, h, "main")
	gh.Teams["acme/legal"] = []string{"lee"}
	got, err := Teams(context.Background(), c, l.Config, "the token")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(h.Teams) {
		t.Errorf("teams %v, want %v as recorded", got, h.Teams)
	}
	delete(gh.Teams, "acme/legal")
	if _, err := Teams(context.Background(), c, l.Config, "the token"); err == nil || !strings.Contains(err.Error(), "read:org") {
		t.Errorf("an unreadable team: %v", err)
	}
}

// A team that cannot be read is explained as the gate explains it: a
// refusal names the token and the ways to one that can read teams; a
// secondary rate limit is a rate limit, however GitHub words it, and
// never a missing permission.
func TestTeamsSaysWhyATeamCannotBeRead(t *testing.T) {
	l := config.Load("../stats/testdata/greenlight.hcl")
	if l.Config == nil {
		t.Fatal(l.Diags)
	}
	const secondary = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
	tests := []struct {
		name      string
		fail      *fakegithub.Failure // of GET /orgs/acme/teams/legal/members
		want      []string
		wantNoErr []string
	}{
		{"a team the token cannot see is a 404 that names the token and the teams token",
			&fakegithub.Failure{Status: 404, Times: 1, Body: `{"message":"Not Found"}`},
			[]string{"GitHub answered 404 Not Found to the token, which cannot read the organization's teams (or the team does not exist",
				"GREENLIGHT_TEAMS_TOKEN", "read:org"}, nil},
		{"a 403 without a rate limit is a missing permission",
			&fakegithub.Failure{Status: 403, Times: 1, Body: `{"message":"Resource not accessible by personal access token"}`},
			[]string{"GitHub answered 403 Resource not accessible by personal access token to the token", "read:org"}, nil},
		{"a secondary rate limit with its documentation URL is a rate limit",
			&fakegithub.Failure{Status: 403, Times: 1, Body: `{"message":"` + secondary + `",` +
				`"documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`},
			[]string{"with the token: GitHub's secondary rate limit"}, []string{"read:org", "cannot read the organization's teams"}},
		{"a secondary rate limit named only in its message is a rate limit",
			&fakegithub.Failure{Status: 403, Times: 1, Body: `{"message":"` + secondary + `",` +
				`"documentation_url":"https://docs.github.com/rest/teams/members#list-team-members"}`},
			[]string{"with the token: GitHub's secondary rate limit"}, []string{"read:org", "cannot read the organization's teams"}},
		{"a primary rate limit is a rate limit",
			&fakegithub.Failure{Status: 403, Times: 1, Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1"},
				Body: `{"message":"API rate limit exceeded"}`},
			[]string{"with the token: GitHub's API rate limit for this token is used up"}, []string{"read:org"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gh, c := serve(t, recorded(t), "main")
			gh.Teams["acme/legal"] = []string{"lee"}
			gh.Fail["GET /orgs/acme/teams/legal/members"] = tt.fail
			_, err := Teams(context.Background(), c, l.Config, "the token")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			for _, w := range tt.wantNoErr {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error says %q:\n%v", w, err)
				}
			}
		})
	}
}
