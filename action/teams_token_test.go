package action_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

const (
	// mainToken is the workflow's GITHUB_TOKEN, the one runErr passes.
	mainToken = "ghs_secret-token"
	// teamsToken is a machine user's fine-grained token with the
	// organization's Members: read: it reads teams, and GitHub refuses
	// it check runs.
	teamsToken = "github_pat_11TEAMSREADER0123456789abcdef"
)

// withTeamsToken gives the run the teams token, and makes it the only
// token the fake lets read teams: the workflow's GITHUB_TOKEN cannot.
func withTeamsToken(w *world) func(*action.Options) {
	w.gh.Mu.Lock()
	w.gh.Tokens = map[string]string{teamsToken: "greenlight-teams"}
	w.gh.TeamReaders = []string{teamsToken}
	w.gh.Mu.Unlock()
	return func(o *action.Options) { o.TeamsToken = teamsToken }
}

// With a teams token, the members of a role's team are read with it, and
// with it alone: every other call (the pull request, its files and
// reviews, the check run, the comments) goes with the action's token. The
// team's approval counts, and the teams token shows nowhere.
func TestTeamsAreReadWithTheTeamsTokenOnly(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", strings.Replace(postB, "today.", "today, risk-free.", 1)) })
	for i, who := range []string{"kim", "mia", "lee"} { // lee signs off legal as a member of Codertocat/legal
		w.approve(who, w.head, i)
	}
	var log bytes.Buffer
	out := w.run(t, withTeamsToken(w), func(o *action.Options) { o.Log = &log })

	if len(out.BlockedStages) != 0 {
		t.Errorf("blocked on %v; want legal approved by lee, whom the teams token reads in Codertocat/legal\n%s", out.BlockedStages, out.Markdown)
	}
	w.gh.Mu.Lock()
	teamReads := 0
	for _, r := range w.gh.Requests {
		want := "Bearer " + mainToken
		if strings.HasPrefix(r.Path, "/orgs/") && strings.Contains(r.Path, "/teams/") {
			teamReads++
			want = "Bearer " + teamsToken
		}
		if r.Auth != want {
			t.Errorf("%s %s went with %q, want %q", r.Method, r.Path, r.Auth, want)
		}
	}
	w.gh.Mu.Unlock()
	if teamReads != 1 {
		t.Errorf("the team was read %d times, want once", teamReads)
	}
	if run := w.checkRun(t); run.Status != "completed" || run.Conclusion != out.Conclusion {
		t.Errorf("check run %s/%s, want the verdict %s written with the action's token", run.Status, run.Conclusion, out.Conclusion)
	}
	step, _ := os.ReadFile(w.summary)
	for where, text := range map[string]string{"the summary": out.Markdown, "the check run": w.checkRun(t).Summary,
		"the step summary": string(step), "the log": log.String(), "the summary comment": w.summaryComments()[0].Body} {
		if strings.Contains(text, teamsToken) || strings.Contains(text, teamsToken[len("github_pat_"):]) {
			t.Errorf("the teams token is in %s", where)
		}
	}
}

// A team that cannot be read fails closed, and the check run (written
// with the action's token all the same) says with which token it was
// read, what GitHub answered, and both ways to a token that can read it.
func TestRefusedTeamReadSaysWhichTokenAndHowToFixIt(t *testing.T) {
	tests := []struct {
		name string
		// teams is the teams token, "" for none; readers are the tokens
		// the fake lets read teams.
		teams   string
		readers []string
		says    []string
	}{
		{"a teams token without read:org is named, with GitHub's 403",
			"github_pat_11NOREADORG0123456789abcdef", []string{teamsToken},
			[]string{"GitHub answered 403 Resource not accessible by personal access token to the teams-token"}},
		{"an installation token given as the teams token is named, with GitHub's 404",
			"ghs_another-installation", []string{teamsToken},
			[]string{"GitHub answered 404 Not Found to the teams-token", "or the team does not exist"}},
		{"without a teams token, the workflow's GITHUB_TOKEN is named",
			"", []string{teamsToken},
			[]string{"GitHub answered 404 Not Found to the action's token, an installation token (the workflow's GITHUB_TOKEN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
			w.gh.Mu.Lock()
			w.gh.Tokens = map[string]string{"github_pat_11NOREADORG0123456789abcdef": "greenlight-teams", "ghs_another-installation": ""}
			w.gh.TeamReaders = tt.readers
			w.gh.Mu.Unlock()
			out := w.run(t, func(o *action.Options) { o.TeamsToken = tt.teams })

			run := w.checkRun(t)
			if out.Conclusion != "failure" || run.Conclusion != "failure" || run.Title != "Blocked: Greenlight could not decide" {
				t.Errorf("conclusion %s, check run %s %q; want the merge blocked: Greenlight could not decide", out.Conclusion, run.Conclusion, run.Title)
			}
			says := append(tt.says, "Cannot read the members of team Codertocat/legal (role \"legal\")",
				"a GitHub App installation token with the organization permission Members: read",
				"a teams-token, used only to read teams, that can: a token with read:org, or a fine-grained one with the organization permission Members: read")
			summary := strings.Join(strings.Fields(run.Summary), " ")
			for _, want := range says {
				if !strings.Contains(summary, want) {
					t.Errorf("the check run does not say %q:\n%s", want, run.Summary)
				}
			}
			if tt.teams != "" && strings.Contains(run.Summary, tt.teams) {
				t.Error("the teams token is in the check run")
			}
		})
	}
}

// GitHub takes check runs only from GitHub Apps: given a machine user's
// token as the action's token, the run cannot write its verdict, exits
// with an error (2), and says which token the action's must be, and where
// a token for teams goes instead.
func TestUserTokenRefusedCheckRunsSaysWhichToken(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.gh.Mu.Lock()
	w.gh.Tokens = map[string]string{teamsToken: "greenlight-teams"}
	w.gh.Mu.Unlock()
	_, err := w.runErr(t, func(o *action.Options) { o.Token = teamsToken })
	if err == nil {
		t.Fatal("the run succeeded; GitHub refuses check runs to a user's token")
	}
	msg := strings.Join(strings.Fields(err.Error()), " ")
	for _, want := range []string{"check run:", "403 You must authenticate via a GitHub App.", "only from GitHub Apps",
		"the workflow's GITHUB_TOKEN (its default) or a GitHub App's installation token", "teams-token"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q:\n%s", want, err)
		}
	}
	if strings.Contains(msg, "lacks a permission") || strings.Contains(msg, teamsToken) {
		t.Errorf("the error blames a permission, or shows the token:\n%s", err)
	}
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	if len(w.gh.CheckRuns) != 0 {
		t.Errorf("%d check runs written with a user's token; GitHub takes none", len(w.gh.CheckRuns))
	}
}

// A teams token stopped by a rate limit lacks no permission: the check run
// says it is a rate limit, of the teams token, and is written all the
// same, since the action's token has a client (and limits) of its own.
// GitHub's secondary limit comes as a 403 too.
func TestRateLimitedTeamsTokenSaysSo(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	use := withTeamsToken(w)
	w.gh.Fail["GET /orgs/Codertocat/teams/legal/members"] = &fakegithub.Failure{Status: 403, Times: 1,
		Body:   `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`,
		Header: map[string]string{"Retry-After": "600"}}
	out := w.run(t, use)

	run := w.checkRun(t)
	if out.Conclusion != "failure" || run.Conclusion != "failure" {
		t.Errorf("conclusion %s, check run %s; want failure", out.Conclusion, run.Conclusion)
	}
	summary := strings.Join(strings.Fields(run.Summary), " ")
	for _, want := range []string{`Cannot read the members of team Codertocat/legal (role "legal") with the teams-token`, "secondary rate limit", "re-run the job after 10m0s"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the check run does not say %q:\n%s", want, run.Summary)
		}
	}
	if strings.Contains(summary, "cannot read the organization's teams") {
		t.Errorf("the check run takes a rate limit for a missing permission:\n%s", run.Summary)
	}
}

// A publishing run reads teams with the teams token too: a due post that
// a member of the legal team signed off is merged, the team read with the
// teams token alone, the merge and everything else with the action's.
func TestPublishReadsTeamsWithTheTeamsToken(t *testing.T) {
	d := newDesk(t)
	d.gh.Tokens = map[string]string{teamsToken: "greenlight-teams"}
	d.gh.TeamReaders = []string{teamsToken}
	d.teamsToken = teamsToken
	d.open(21, "savings.md", post("Savings", "2026-12-01 09:00", "Open a savings account, risk-free."))
	d.approve(21, "kim", "mia", "lee")

	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if len(out.Published) != 1 || out.Published[0].PullRequest != 21 || out.Published[0].MergeSHA == "" {
		t.Errorf("published %+v, missed %+v; want #21 merged, legal signed off by lee of Codertocat/legal", out.Published, out.Missed)
	}
	d.gh.Mu.Lock()
	defer d.gh.Mu.Unlock()
	teamReads := 0
	for _, r := range d.gh.Requests {
		want := "Bearer " + mainToken
		if strings.HasPrefix(r.Path, "/orgs/Codertocat/teams/") {
			teamReads++
			want = "Bearer " + teamsToken
		}
		if r.Auth != want {
			t.Errorf("%s %s went with %q, want %q", r.Method, r.Path, r.Auth, want)
		}
	}
	if teamReads == 0 {
		t.Error("the run never read the legal team")
	}
}
