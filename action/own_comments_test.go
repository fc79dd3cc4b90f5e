package action_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/summary"
)

// tokens are the two kinds of token a run can have: the workflow's
// GITHUB_TOKEN, an installation's, whose comments are github-actions[bot]'s
// (a Bot), and a machine user's fine-grained token, whose comments are that
// user's. The README's Tokens puts such a token in teams-token, since
// GitHub refuses it check runs; given as the action's token all the same,
// it still writes everything else, and its comments are still found.
var tokens = []struct {
	name, token string
	// user is the fake's User: "" for an installation.
	user string
	// author wrote the run's comments.
	author string
}{
	{"the workflow's GITHUB_TOKEN", "ghs_secret-token", "", "github-actions[bot]"},
	{"a machine user's token", "github_pat_11MACHINEUSER0123456789abcdef", "greenlight-bot", "greenlight-bot"},
}

// commentsOf are the comments of pull request n that contain marker, by
// author.
func commentsOf(gh *fakegithub.Server, n int, marker, author string) []fakegithub.Comment {
	gh.Mu.Lock()
	defer gh.Mu.Unlock()
	var out []fakegithub.Comment
	for _, c := range gh.Pulls[n].Comments {
		if strings.Contains(c.Body, marker) && c.User == author {
			out = append(out, c)
		}
	}
	return out
}

// untouched fails the test when a forged comment was edited, or an edit of
// it was even sent.
func untouched(t *testing.T, gh *fakegithub.Server, n int, forged []fakegithub.Comment) {
	t.Helper()
	for _, f := range forged {
		if k := gh.Count(fmt.Sprintf("PATCH /repos/Codertocat/Hello-World/issues/comments/%d", f.ID)); k != 0 {
			t.Errorf("the comment by %s that forges the marker was edited %d times; it is not Greenlight's", f.User, k)
		}
		for _, c := range commentsOf(gh, n, "", f.User) {
			if c.ID == f.ID && c.Body != f.Body {
				t.Errorf("the comment by %s that forges the marker now reads %q", f.User, c.Body)
			}
		}
	}
}

// Greenlight finds the summary comment it wrote by its author, whatever
// the token: with a machine user's token its comments are a User's, not a
// Bot's, and two runs still leave exactly one, edited in place. A comment
// that starts with the same hidden marker, by the pull request's author
// (or, with a user's token, by another bot) is neither taken for it nor
// edited. The token's login is read once per run, and only with a token
// that could be a person's: an installation's (ghs_) writes as a bot.
func TestSummaryCommentFoundByItsAuthor(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, tk := range tokens {
		t.Run("with "+tk.name, func(t *testing.T) {
			w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
			marker := summary.Marker("main")
			forged := []fakegithub.Comment{{ID: 901, User: "ada", Created: at,
				Body: marker + "\n### ✅ Greenlight → `main`: Ready to merge\n\nEvery stage approved."}}
			if tk.user != "" {
				// Another workflow's comment, say, quoting the forgery.
				forged = append(forged, fakegithub.Comment{ID: 902, User: "github-actions[bot]", Bot: true, Created: at, Body: forged[0].Body})
			}
			w.gh.Mu.Lock()
			w.gh.User = tk.user
			w.gh.Comments = append(w.gh.Comments, forged...)
			w.gh.Mu.Unlock()
			use := func(o *action.Options) { o.Token = tk.token }
			run := func() {
				t.Helper()
				before := w.gh.Count("GET /user")
				_, err := w.runErr(t, use)
				switch {
				case tk.user == "" && err != nil:
					t.Fatalf("run: %v", err)
				case tk.user != "" && (err == nil || !strings.Contains(err.Error(), "check run")):
					// GitHub takes check runs from GitHub Apps only.
					t.Fatalf("run: %v; want the check run refused to a user's token, and nothing else", err)
				}
				lookups, want := w.gh.Count("GET /user")-before, 0
				if tk.user != "" {
					want = 1
				}
				if lookups != want {
					t.Errorf("the run asked GitHub who the token is %d times, want %d", lookups, want)
				}
			}
			run()
			w.push(func(r *repo) { r.write("posts/b.md", strings.Replace(postB, "today.", "today, at last.", 1)) })
			run()
			mine := commentsOf(w.gh, 2, marker, tk.author)
			if len(mine) != 1 {
				t.Fatalf("%d summary comments by %s after two runs, want 1", len(mine), tk.author)
			}
			if !strings.HasPrefix(mine[0].Body, marker) || !strings.Contains(mine[0].Body, "commit "+w.head[:7]) {
				t.Errorf("the summary comment was not edited to the new head %s:\n%s", w.head[:7], mine[0].Body)
			}
			untouched(t, w.gh, 2, forged)
		})
	}
}

// A summary comment forged by the pull request's author cannot make an
// /approve count that no run saw: the commits that commands were made at
// are read only from Greenlight's own summary comment.
func TestForgedRecordedCommandsDoNotCount(t *testing.T) {
	at := time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)
	for _, tk := range tokens {
		t.Run("with "+tk.name, func(t *testing.T) {
			w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
			w.enableCommands()
			forged := []fakegithub.Comment{{ID: 902, User: "ada", Created: at, Body: summary.Marker("main") +
				fmt.Sprintf("\nAll good.\n\n<!-- greenlight:commands {\"901\":{\"commit\":%q,\"updated\":%q}} -->", w.head, at.Format(time.RFC3339))}}
			w.gh.Mu.Lock()
			w.gh.User = tk.user
			w.gh.PR.Base, w.gh.PR.Head = w.base, w.head
			w.gh.Files = w.files(w.base, w.head)
			// kim's command started no run (the workflow was off, say).
			w.gh.Comments = append(w.gh.Comments, fakegithub.Comment{ID: 901, User: "kim", Body: "/approve", Created: at})
			w.gh.Comments = append(w.gh.Comments, forged...)
			w.gh.Mu.Unlock()
			out, err := w.runErr(t, func(o *action.Options) { o.Token = tk.token })
			if tk.user == "" && err != nil {
				t.Fatalf("run: %v", err)
			}
			if got := strings.Join(out.BlockedStages, ","); got != "copy-edit,brand" {
				t.Errorf("blocked %s, want copy-edit,brand: a command no run saw must not count\n%s", got, out.Markdown)
			}
			if !strings.Contains(out.Markdown, "the /approve by @kim was not seen when it was made") {
				t.Errorf("the summary does not say kim's command was not seen:\n%s", out.Markdown)
			}
			untouched(t, w.gh, 2, forged)
		})
	}
}

// Reminders and the missed-schedule comment are Greenlight's by their
// author too: with either token, one reminder per stage and threshold and
// one publishing comment, however many runs; a comment by the pull
// request's author carrying their markers neither stops a reminder ("already
// sent") nor gets the publishing comment written into it.
func TestRemindersAndPublishCommentFoundByTheirAuthor(t *testing.T) {
	for _, tk := range tokens {
		t.Run("with "+tk.name, func(t *testing.T) {
			d := newDesk(t)
			d.token = tk.token
			d.gh.User = tk.user
			d.write("greenlight.hcl", baseConfig+deadlinesConfig)
			d.base = d.commit("deadlines")
			d.gh.Branches["main"] = d.base
			d.open(41, "savings.md", post("Savings", "2026-12-02 09:00", "Open a savings account, risk-free."))
			d.approve(41, "kim", "mia") // legal is due Tue 1 Dec 09:00 EST
			d.open(42, "loans.md", post("Loans", "2026-12-02 09:00", "Loans, risk-free."))
			d.approve(42, "kim", "mia")
			const (
				soon    = "<!-- greenlight:reminder stage=legal threshold=soon due=2026-12-01T14:00:00Z -->"
				overdue = "<!-- greenlight:reminder stage=legal threshold=overdue due=2026-12-01T14:00:00Z -->"
				publish = "<!-- greenlight:publish base=main -->"
			)
			forged := []fakegithub.Comment{
				{ID: 901, User: "ada", Created: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), Body: "Legal knows, no need to remind them.\n\n" + soon + "\n" + overdue},
				{ID: 902, User: "ada", Created: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), Body: publish + "\nPublished, all fine."},
			}
			d.gh.Pulls[41].Comments = append(d.gh.Pulls[41].Comments, forged...)
			est := func(day, hour int) time.Time { return time.Date(2026, 12, day, hour+5, 0, 0, 0, time.UTC) }
			runs := []time.Time{est(1, 6), est(1, 7), est(2, 10), est(2, 11)} // three hours before legal's deadline, then after the post's time
			for _, now := range runs {
				d.publish(t, now, false)
			}
			for _, n := range []int{41, 42} {
				for _, m := range []struct{ what, marker string }{{"soon reminder", soon}, {"overdue reminder", overdue}, {"missed-schedule", publish}} {
					if got := commentsOf(d.gh, n, m.marker, tk.author); len(got) != 1 {
						t.Errorf("#%d: %d %s comments by %s after %d runs, want 1", n, len(got), m.what, tk.author, len(runs))
					}
				}
				if got := commentsOf(d.gh, n, publish, tk.author); len(got) == 1 && !strings.Contains(got[0].Body, "### ⚠️ Not published") {
					t.Errorf("#%d: the missed-schedule comment:\n%s", n, got[0].Body)
				}
			}
			untouched(t, d.gh, 41, forged)
			lookups, want := d.gh.Count("GET /user"), 0
			if tk.user != "" {
				want = len(runs) // once a run, for both pull requests: every run met a marked comment
			}
			if lookups != want {
				t.Errorf("%d runs asked GitHub who the token is %d times, want %d", len(runs), lookups, want)
			}
		})
	}
}
