package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// statsFixture is the stats package's recorded history and its team.
var statsFixture = []string{"stats", "--from", "action/stats/testdata/history.json",
	"--config", "action/stats/testdata/greenlight.hcl", "--now", "2026-11-13T12:00:00Z"}

// TestStatsFromARecordedHistory runs the command on the hand-made history
// whose figures action/stats' tests work out by hand: the same medians and
// percentiles come out, with no network.
func TestStatsFromARecordedHistory(t *testing.T) {
	t.Setenv("GITHUB_REPOSITORY", "") // --from never needs GitHub
	stdout, stderr, code := run(t, append(statsFixture, "--format", "json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Bottleneck string
		Stages     []struct {
			Name          string
			TimeToApprove struct {
				Count       int
				MedianHours float64 `json:"median_hours"`
				P90Hours    float64 `json:"p90_hours"`
			} `json:"time_to_approve"`
			LastPending int `json:"last_pending"`
		}
		Missed struct{ Count, Scheduled int }
		Rework struct {
			Pushes   int
			Reviewed int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	want := []struct {
		name        string
		count       int
		median, p90 float64
		last        int
	}{
		{"copy-edit", 6, 2.5, 6, 0}, // 0.5 1 2 3 4 6
		{"brand", 5, 10, 30, 1},     // 2 5 10 24 30
		{"legal", 4, 4.75, 48, 4},   // 0 1.5 8 48, lee's from the recorded acme/legal team
	}
	for i, w := range want {
		s := got.Stages[i]
		if s.Name != w.name || s.TimeToApprove.Count != w.count || s.TimeToApprove.MedianHours != w.median || s.TimeToApprove.P90Hours != w.p90 || s.LastPending != w.last {
			t.Errorf("stage %d: %+v, want %+v", i, s, w)
		}
	}
	if got.Bottleneck != "brand" || got.Missed.Count != 2 || got.Missed.Scheduled != 5 || got.Rework.Pushes != 4 || got.Rework.Reviewed != 7 {
		t.Errorf("bottleneck %q, missed %+v, rework %+v", got.Bottleneck, got.Missed, got.Rework)
	}
}

// The Markdown report and its chart are written as files, the report
// linking to the chart beside it; they are the stats package's golden
// files byte for byte.
func TestStatsWritesTheMarkdownReportAndChart(t *testing.T) {
	dir := t.TempDir()
	md, svg := filepath.Join(dir, "stats.md"), filepath.Join(dir, "stats.svg")
	stdout, stderr, code := run(t, append(statsFixture, "--format", "markdown", "--output", md, "--chart", svg)...)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, stdout, stderr)
	}
	for file, golden := range map[string]string{md: "action/stats/testdata/report.md", svg: "action/stats/testdata/stats.svg"} {
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s:\n%s", filepath.Base(file), golden, got)
		}
	}
	if !strings.Contains(stderr, "Wrote "+md) || !strings.Contains(stderr, "Wrote "+svg) {
		t.Errorf("stderr does not say what was written: %q", stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the folder, want the 2 (no temporary file left)", len(entries))
	}
}

func TestStatsRefusals(t *testing.T) {
	t.Run("an unknown format is a usage error", func(t *testing.T) {
		if _, _, code := run(t, append(statsFixture, "--format", "csv")...); code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
	})
	t.Run("a missing history file is an input error", func(t *testing.T) {
		_, stderr, code := run(t, "stats", "--from", "no/such.json", "--config", "action/stats/testdata/greenlight.hcl")
		if code != 2 || !strings.Contains(stderr, "no/such.json") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("without --from it needs the repository", func(t *testing.T) {
		t.Setenv("GITHUB_REPOSITORY", "")
		_, stderr, code := run(t, "stats", "--config", "action/stats/testdata/greenlight.hcl")
		if code != 2 || !strings.Contains(stderr, "GITHUB_REPOSITORY") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("a config without stages is pointed out", func(t *testing.T) {
		_, stderr, code := run(t, "stats", "--from", "action/stats/testdata/history.json", "--now", "2026-11-13T12:00:00Z")
		if code != 0 || !strings.Contains(stderr, "the config declares no sign-off stages") || !strings.Contains(stderr, "--config") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
	t.Run("a chart file that cannot be written leaves the report unwritten too", func(t *testing.T) {
		dir := t.TempDir()
		md := filepath.Join(dir, "stats.md")
		_, _, code := run(t, append(statsFixture, "--format", "markdown", "--output", md, "--chart", filepath.Join(dir, "missing", "stats.svg"))...)
		if _, err := os.Stat(md); code != 2 || err == nil {
			t.Errorf("exit %d, report written: %v", code, err == nil)
		}
	})
}

// Without --from the command reads GitHub (here a stand-in serving one
// merged pull request) and --record keeps what it read, teams included.
func TestStatsReadsGitHub(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer t0ken" {
			w.WriteHeader(401)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/repos/acme/posts/pulls":
			if q := r.URL.Query(); q.Get("state") != "all" || q.Get("base") != "main" {
				t.Errorf("listing %s, want every state into main", r.URL.RawQuery)
			}
			w.Write([]byte(`[{"number": 9, "user": {"login": "kim"}, "created_at": "2026-11-10T09:00:00Z",
				"merged_at": "2026-11-10T15:00:00Z", "closed_at": "2026-11-10T15:00:00Z", "body": "Merge-After: 2026-11-10 08:00"}]`))
		case "/repos/acme/posts/pulls/9/reviews":
			w.Write([]byte(`[{"user": {"login": "ana"}, "state": "APPROVED", "submitted_at": "2026-11-10T10:00:00Z"},
				{"user": {"login": "lee"}, "state": "APPROVED", "submitted_at": "2026-11-10T11:00:00Z"},
				{"user": {"login": "mia"}, "state": "APPROVED", "submitted_at": "2026-11-10T14:00:00Z"}]`))
		case "/repos/acme/posts/pulls/9/commits":
			w.Write([]byte(`[{"sha": "a", "commit": {"committer": {"date": "2026-11-10T08:00:00Z"}}},
				{"sha": "b", "commit": {"committer": {"date": "2026-11-10T12:00:00Z"}}}]`))
		case "/orgs/acme/teams/legal/members":
			w.Write([]byte(`[{"login": "lee"}]`))
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			w.WriteHeader(404)
		}
	}))
	defer srv.Close()
	t.Setenv("GITHUB_REPOSITORY", "acme/posts")
	t.Setenv("GITHUB_API_URL", srv.URL)
	t.Setenv("GREENLIGHT_TOKEN", "t0ken")
	t.Setenv("GREENLIGHT_TEAMS_TOKEN", "")
	t.Setenv("GREENLIGHT_APP_ID", "")
	t.Setenv("GREENLIGHT_APP_PRIVATE_KEY", "")
	record := filepath.Join(t.TempDir(), "history.json")
	stdout, stderr, code := run(t, "stats", "--config", "action/stats/testdata/greenlight.hcl", "--since", "2026-11-01",
		"--now", "2026-11-13T12:00:00Z", "--record", record)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// copy-edit 09:00→10:00 1h; brand 10:00→14:00 4h (lee's 11:00 approval
	// came before legal's turn); no legal. Due 08:00 New York = 13:00 UTC,
	// merged 15:00: within the 2h grace. The 12:00 push follows ana's review.
	for _, want := range []string{
		"copy-edit  1          1.00        1.00     0 of 1 (0%)",
		"brand      1          4.00        4.00     1 of 1 (100%)",
		"Missed: 0 of 1 scheduled pull request (0%)",
		"Rework: 1 push after a first review, in 1 of 1 reviewed pull request (100%).",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}
	raw, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"acme/legal": [`) || !strings.Contains(string(raw), `"publish_at": "2026-11-10T13:00:00Z"`) {
		t.Errorf("the record lacks the team or the publish time:\n%s", raw)
	}
	again, stderr, code := run(t, "stats", "--from", record, "--config", "action/stats/testdata/greenlight.hcl", "--now", "2026-11-13T12:00:00Z")
	if code != 0 || again != stdout {
		t.Errorf("the recorded history gives another report (exit %d, %s):\n%s", code, stderr, again)
	}
}

// GREENLIGHT_TEAMS_TOKEN, when set, reads the teams and nothing else, as
// the action's teams-token does; a team a token cannot read is explained
// naming that token (never showing it).
func TestStatsReadsTeamsWithTheTeamsToken(t *testing.T) {
	tests := []struct {
		name       string
		teamsToken string
		readers    string // the tokens that can read the team
		wantCode   int
		wantErr    string
	}{
		{"the teams token reads the teams, the token everything else", "te4ms", "te4ms", 0, ""},
		{"without a teams token the token reads the teams", "", "t0ken", 0, ""},
		{"a teams token that cannot read a team is named", "te4ms", "t0ken", 2,
			"GitHub answered 404 Not Found to GREENLIGHT_TEAMS_TOKEN, which cannot read the organization's teams"},
		{"a token that cannot read a team is named, and the teams token suggested", "", "none", 2,
			"GitHub answered 404 Not Found to GREENLIGHT_TOKEN, which cannot read the organization's teams (or the team does not exist: check its slug); set GREENLIGHT_TEAMS_TOKEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var seen []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				auth := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
				mu.Lock()
				seen = append(seen, fmt.Sprintf("%s %s", auth, r.URL.Path))
				mu.Unlock()
				w.Header().Set("Content-Type", "application/json")
				switch r.URL.Path {
				case "/orgs/acme/teams/legal/members":
					if auth != tt.readers {
						w.WriteHeader(404)
						w.Write([]byte(`{"message": "Not Found", "documentation_url": "https://docs.github.com/rest/teams/members#list-team-members"}`))
						return
					}
					w.Write([]byte(`[{"login": "lee"}]`))
				case "/repos/acme/posts/pulls":
					w.Write([]byte(`[]`))
				default:
					w.WriteHeader(404)
				}
			}))
			defer srv.Close()
			t.Setenv("GITHUB_REPOSITORY", "acme/posts")
			t.Setenv("GITHUB_API_URL", srv.URL)
			t.Setenv("GREENLIGHT_TOKEN", "t0ken")
			t.Setenv("GREENLIGHT_TEAMS_TOKEN", tt.teamsToken)
			t.Setenv("GREENLIGHT_APP_ID", "")
			t.Setenv("GREENLIGHT_APP_PRIVATE_KEY", "")
			_, stderr, code := run(t, "stats", "--config", "action/stats/testdata/greenlight.hcl", "--since", "2026-11-01",
				"--now", "2026-11-13T12:00:00Z")
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, want %d with %q in stderr:\n%s", code, tt.wantCode, tt.wantErr, stderr)
			}
			if strings.Contains(stderr, "t0ken") || strings.Contains(stderr, "te4ms") {
				t.Errorf("stderr shows a token:\n%s", stderr)
			}
			teamsBy := "t0ken"
			if tt.teamsToken != "" {
				teamsBy = tt.teamsToken
			}
			mu.Lock()
			defer mu.Unlock()
			for _, s := range seen {
				auth, path, _ := strings.Cut(s, " ")
				want := "t0ken"
				if path == "/orgs/acme/teams/legal/members" {
					want = teamsBy
				}
				if auth != want {
					t.Errorf("%s was sent %q, want %q", path, auth, want)
				}
			}
		})
	}
}
