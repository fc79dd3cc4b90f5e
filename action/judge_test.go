package action

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/pullreq"
)

// postB is a post a pull request adds; with "risk-free" in it, legal
// must sign it off too.
const postB = "---\ntitle: Savings\nchannels: [x]\npublish_at: 2026-12-02 09:00\n---\nOpen a savings account today.\n"

// approve is a review of commit, an hour before the run for each
// earlier one.
func approve(user, commit string, hoursAgo int) pullreq.Review {
	return pullreq.Review{User: user, State: "APPROVED", Commit: commit, Submitted: testNow.Add(-time.Duration(hoursAgo) * time.Hour)}
}

// judgeCase is a pull request by ada (#2, into main, adding posts) and
// what GitHub says of it, judged on the fakes.
type judgeCase struct {
	name string
	// posts are the files the pull request adds or changes at its head,
	// head2; nil adds posts/b.md.
	posts map[string]string
	// setup changes the fakes before the run: reviews, comments, other
	// commits, errors.
	setup func(d *desk)
	// conclusion, pending stages, and the people and teams asked next.
	conclusion   string
	pending      []string
	users, teams []string
	// problem is part of the one problem that blocks the verdict, if any.
	problem string
}

// runJudgeCases runs each case as a parallel subtest named by it.
func runJudgeCases(t *testing.T, tests []judgeCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t)
		})
	}
}

func (tc judgeCase) run(t *testing.T) {
	t.Helper()
	d := newDesk()
	posts := tc.posts
	if posts == nil {
		posts = map[string]string{"posts/b.md": postB}
	}
	pr := d.open(t, 2, posts)
	if tc.setup != nil {
		tc.setup(d)
		pr = d.pulls.PullRequests[pr.Number] // as the setup left what GitHub says of it
	}
	var b builds
	v := fakeSession(t, d.pulls, d.repo, &b).judgeOf(pr).judge(context.Background())
	if tc.problem != "" {
		if len(v.summary.Problems) != 1 || !strings.Contains(v.summary.Problems[0], tc.problem) {
			t.Fatalf("problems %q, want one saying %q", v.summary.Problems, tc.problem)
		}
	} else if len(v.summary.Problems) > 0 {
		t.Fatalf("problems: %q", v.summary.Problems)
	}
	if v.summary.Conclusion != tc.conclusion {
		t.Errorf("conclusion %s, want %s (%s)", v.summary.Conclusion, tc.conclusion, v.summary.Title())
	}
	if got := v.summary.PendingStages(); !slices.Equal(got, tc.pending) {
		t.Errorf("pending %q, want %q", got, tc.pending)
	}
	if !slices.Equal(v.nextUsers, tc.users) || !slices.Equal(v.nextTeams, tc.teams) {
		t.Errorf("asks %q and teams %q, want %q and %q", v.nextUsers, v.nextTeams, tc.users, tc.teams)
	}
}

// Who has signed off which stage, and whom to ask next, from the reviews
// GitHub lists: the stages in order, a role's people never the author,
// a team of the organization asked as a team, approvals of text that
// changed since not counted.
func TestJudgeSignOffAndRouting(t *testing.T) {
	t.Parallel()
	claim := map[string]string{"posts/b.md": strings.Replace(postB, "today.", "today, risk-free.", 1)}
	tests := []judgeCase{
		{name: "no approval: copy-edit first, its people asked", conclusion: "failure",
			pending: []string{"copy-edit", "brand"}, users: []string{"kim"}},
		{name: "copy-edit signed off: brand next, mia asked and never ada, the author", conclusion: "failure",
			setup:   func(d *desk) { d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 2)} },
			pending: []string{"brand"}, users: []string{"mia"}},
		{name: "every stage signed off at the head: it passes, no one asked", conclusion: "success",
			setup: func(d *desk) {
				d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 2), approve("mia", "head2", 1)}
			}},
		{name: "the author's own approval does not count, though ada holds brand", conclusion: "failure",
			setup: func(d *desk) {
				d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 2), approve("ada", "head2", 1)}
			},
			pending: []string{"brand"}, users: []string{"mia"}},
		{name: "an approval by someone in no role does not count", conclusion: "failure",
			setup:   func(d *desk) { d.pulls.ReviewsValue = []pullreq.Review{approve("eve", "head2", 1)} },
			pending: []string{"copy-edit", "brand"}, users: []string{"kim"}},
		{name: "an approval of a commit whose post text changed since is stale", conclusion: "failure",
			setup: func(d *desk) {
				d.repo.commit("old2", "main1", map[string]string{"posts/b.md": strings.Replace(postB, "today", "now", 1)})
				d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "old2", 3), approve("mia", "head2", 1)}
			},
			pending: []string{"copy-edit"}, users: []string{"kim"}},
		{name: "an approval of a commit where the post had the same text still counts", conclusion: "success",
			posts: map[string]string{"posts/b.md": postB, "notes/ideas.txt": "later\n"},
			setup: func(d *desk) {
				d.repo.commit("old2", "main1", map[string]string{"posts/b.md": postB})
				d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "old2", 3), approve("mia", "head2", 1)}
			}},
		{name: "a request for changes after an approval takes it back", conclusion: "failure",
			setup: func(d *desk) {
				changes := approve("kim", "head2", 1)
				changes.State = "CHANGES_REQUESTED"
				d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 2), changes, approve("mia", "head2", 1)}
			},
			pending: []string{"copy-edit"}, users: []string{"kim"}},
		{name: "a financial claim needs legal, whose team of the organization is asked as a team", posts: claim, conclusion: "failure",
			setup: func(d *desk) {
				d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 2), approve("mia", "head2", 1)}
			},
			pending: []string{"legal"}, teams: []string{"legal"}},
		{name: "a member of the legal team signs legal off", posts: claim, conclusion: "success",
			setup: func(d *desk) {
				d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 3), approve("mia", "head2", 2), approve("lee", "head2", 1)}
			}},
	}
	runJudgeCases(t, tests)
}

// Whatever GitHub does not answer blocks the pull request with the
// reason: every read the judge makes, failing, fails the verdict.
func TestJudgeFailsClosedOnEveryReadError(t *testing.T) {
	t.Parallel()
	outage := errors.New("GitHub answered 502")
	tests := []judgeCase{
		{name: "the base branch's tip", setup: func(d *desk) { d.pulls.BranchTipErr = outage },
			problem: "Cannot read where main stands, so the rules to judge by are unknown"},
		{name: "the files", setup: func(d *desk) { d.pulls.FilesErr = outage },
			problem: "Cannot list the pull request's files"},
		{name: "the team members", setup: func(d *desk) { d.pulls.TeamMembersErr = outage },
			problem: `Cannot read the members of team Codertocat/legal (role "legal")`},
		{name: "the reviews", setup: func(d *desk) { d.pulls.ReviewsErr = outage },
			problem: "Cannot list the pull request's reviews"},
		{name: "the comments", setup: func(d *desk) { d.pulls.CommentsErr = outage },
			problem: "Cannot list the pull request's comments"},
		{name: "the commits", setup: func(d *desk) { d.pulls.CommitsErr = outage },
			problem: "Cannot list the pull request's commits, so who wrote it is unknown"},
	}
	for i, tc := range tests {
		tests[i].conclusion = "failure"
		tests[i].setup = func(d *desk) {
			// Signed off in full: only the error can block it.
			d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 2), approve("mia", "head2", 1)}
			tc.setup(d)
		}
		tests[i].name = "a read of " + tc.name + " that fails blocks the pull request"
	}
	runJudgeCases(t, tests)
}

// Whoever made a commit of the pull request wrote part of what is
// approved: their approval counts for no stage, as the author's does not,
// and they are not asked. A stage holder who pushes a fix to the post
// needs another holder's sign-off (or suggests the fix, for the author to
// commit). A merge that only brings the base in makes no one a
// contributor; one with an edit of its own does. When GitHub cannot list
// every commit, who wrote the pull request is unknown, and it is blocked.
func TestJudgeContributorsCannotApprove(t *testing.T) {
	t.Parallel()
	kimAndMia := []pullreq.Review{approve("kim", "head2", 2), approve("mia", "head2", 1)}
	// pushed adds a commit of the pull request, made by author and
	// committed by committer, with parents.
	pushed := func(d *desk, sha, author, committer string, parents ...string) {
		d.pulls.CommitsValue = append(d.pulls.CommitsValue, pullreq.Commit{SHA: sha, Author: author, Committer: committer, Parents: parents})
		pr := d.pulls.PullRequests[2]
		pr.Commits = len(d.pulls.CommitsValue)
		d.pulls.PullRequests[2] = pr
	}
	tests := []judgeCase{
		{name: "mia pushed a commit, then approved: brand is pending, and no one is left to ask", conclusion: "failure",
			setup: func(d *desk) {
				pushed(d, "fix2", "mia", "mia", "main1")
				d.pulls.ReviewsValue = kimAndMia
			},
			pending: []string{"brand"}},
		{name: "mia only committed ada's commit (a rebase): mia is a contributor all the same", conclusion: "failure",
			setup: func(d *desk) {
				pushed(d, "fix2", "ada", "MIA", "main1")
				d.pulls.ReviewsValue = kimAndMia
			},
			pending: []string{"brand"}},
		{name: "mia merged the base in, adding nothing (Update branch): mia's approval counts", conclusion: "success",
			setup: func(d *desk) {
				pushed(d, "merge2", "mia", "web-flow", "fix1", "main1")
				d.repo.clean["merge2"] = true
				d.pulls.ReviewsValue = kimAndMia
			}},
		{name: "mia merged the base in with an edit of her own: mia is a contributor", conclusion: "failure",
			setup: func(d *desk) {
				pushed(d, "merge2", "mia", "web-flow", "fix1", "main1")
				d.pulls.ReviewsValue = kimAndMia
			},
			pending: []string{"brand"}},
		{name: "root pushed a change of the config and approved it: the owners stage is pending", conclusion: "failure",
			posts: map[string]string{"posts/b.md": postB, "greenlight.hcl": teamConfig + "\n# reviewed yearly\n"},
			setup: func(d *desk) {
				pushed(d, "fix2", "root", "root", "main1")
				d.pulls.ReviewsValue = append(kimAndMia, approve("root", "head2", 1))
			},
			pending: []string{"owners"}},
		{name: "a commit GitHub ties to no account adds no contributor", conclusion: "success",
			setup: func(d *desk) {
				pushed(d, "fix2", "", "", "main1")
				d.pulls.ReviewsValue = kimAndMia
			}},
		{name: "GitHub counts more commits than it lists: blocked", conclusion: "failure",
			setup: func(d *desk) {
				pr := d.pulls.PullRequests[2]
				pr.Commits = 300
				d.pulls.PullRequests[2] = pr
				d.pulls.ReviewsValue = kimAndMia
			},
			problem: "GitHub lists at most 250 of a pull request's commits, and this one has 300"},
		{name: "GitHub's list lacks the head being judged: blocked", conclusion: "failure",
			setup: func(d *desk) {
				d.pulls.CommitsValue = []pullreq.Commit{{SHA: "head3", Author: "ada", Committer: "ada", Parents: []string{"main1"}}}
				d.pulls.ReviewsValue = kimAndMia
			},
			problem: "does not hold its head head2"},
	}
	runJudgeCases(t, tests)
}

// Reviewers are told why a contributor's approval did not count, in the
// summary and the text report, and the JSON names the contributors.
func TestJudgeSaysWhyAContributorsApprovalDoesNotCount(t *testing.T) {
	t.Parallel()
	d := newDesk()
	pr := d.open(t, 2, map[string]string{"posts/b.md": postB})
	d.pulls.CommitsValue = append(d.pulls.CommitsValue, pullreq.Commit{SHA: "fix2", Author: "mia", Committer: "mia", Parents: []string{"main1"}})
	d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 2), approve("mia", "head2", 1)}
	var b builds
	v := fakeSession(t, d.pulls, d.repo, &b).judgeOf(pr).judge(context.Background())
	if md := v.summary.Markdown(true); !strings.Contains(md, "Not counted, because they made commits of this pull request: @mia.") {
		t.Errorf("the summary does not say why mia's approval does not count:\n%s", md)
	}
	if text := v.summary.Text(); !strings.Contains(text, "not counted, because they made commits of this pull request: @mia") {
		t.Errorf("the text report does not say why mia's approval does not count:\n%s", text)
	}
	if got := v.summary.JSON().Contributors; !slices.Equal(got, []string{"ada", "mia"}) {
		t.Errorf("JSON contributors = %q, want ada and mia", got)
	}
}

// The rules are the base branch's as it stands now, never the pull
// request's: a head that loosens the config is judged by the base's, and
// needs the owners; rules merged since GitHub last computed the pull
// request's base apply.
func TestJudgeByTheBaseBranchsTip(t *testing.T) {
	t.Parallel()
	loose := strings.NewReplacer(`stage "copy-edit" { approvers = [role.copy] }`, "", "after     = [stage.copy-edit]", "").Replace(teamConfig)
	zeroFees := map[string]string{"posts/b.md": strings.Replace(postB, "today.", "with zero fees.", 1)}
	tests := []judgeCase{
		{name: "a head that drops the copy-edit stage is judged by the base's config, and needs the owners", conclusion: "failure",
			posts: map[string]string{"posts/b.md": postB, "greenlight.hcl": loose},
			setup: func(d *desk) {
				d.pulls.ReviewsValue = []pullreq.Review{approve("mia", "head2", 1)}
			},
			pending: []string{"copy-edit", "owners"}, users: []string{"kim"}},
		{name: "a claim the base's tip names since the pull request's base.sha needs legal", posts: zeroFees, conclusion: "failure",
			setup: func(d *desk) {
				d.repo.commit("main2", "main1", map[string]string{"greenlight.hcl": strings.Replace(teamConfig, `["risk-free"]`, `["risk-free", "zero fees"]`, 1)})
				d.pulls.Tips["main"] = "main2" // the pull request's base.sha stays main1
				d.pulls.ReviewsValue = []pullreq.Review{approve("kim", "head2", 2), approve("mia", "head2", 1)}
			},
			pending: []string{"legal"}, teams: []string{"legal"}},
	}
	runJudgeCases(t, tests)
}

// The judge reads each thing once, however many posts the pull request
// has: the files, reviews, comments, each team, the tip.
func TestJudgeReadsConstantInPosts(t *testing.T) {
	t.Parallel()
	calls := func(posts int) map[string]int {
		d := newDesk()
		files := map[string]string{}
		for i := range posts {
			files[fmt.Sprintf("posts/p%03d.md", i)] = postB
		}
		pr := d.open(t, 2, files)
		var b builds
		fakeSession(t, d.pulls, d.repo, &b).judgeOf(pr).judge(context.Background())
		out := map[string]int{}
		for _, m := range []string{"PullRequest", "Open", "WithCommit", "Files", "Reviews", "Comments", "TeamMembers", "BranchTip"} {
			out[m] = d.pulls.Calls(m)
		}
		return out
	}
	want := map[string]int{"Files": 1, "Reviews": 1, "Comments": 1, "TeamMembers": 1, "BranchTip": 1, "PullRequest": 0, "Open": 0, "WithCommit": 0}
	for _, n := range []int{1, 40} {
		if got := calls(n); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%d posts: reads %v, want %v", n, got, want)
		}
	}
}

// The reads that find the pull requests to judge fail closed too: the
// run fails saying which read failed (no check is written, so the
// required check stays missing), and a merge group's check fails.
func TestFlowsFailClosedWhenTheirReadFails(t *testing.T) {
	t.Parallel()
	outage := errors.New("GitHub answered 502")
	tests := []struct {
		name  string
		setup func(d *desk, s *session)
		run   func(ctx context.Context, s *session) (string, error)
		// want is in the error, or else in the failing outcome's text.
		want string
	}{
		{"a pull request's event, when the pull request cannot be read",
			func(d *desk, s *session) { d.pulls.PullRequestErr, s.ev.PullRequest = outage, 2 },
			func(ctx context.Context, s *session) (string, error) {
				o, err := runPullRequest(s, ctx)
				return o.Conclusion, err
			},
			"read pull request #2"},
		{"publishing, when the open pull requests cannot be listed",
			func(d *desk, s *session) { d.pulls.OpenErr = outage },
			func(ctx context.Context, s *session) (string, error) {
				o, err := s.publish(ctx, PublishOptions{Options: s.o})
				return fmt.Sprint(len(o.Published)), err
			},
			"list the open pull requests into main"},
		{"a push of the config, when the open pull requests cannot be listed",
			func(d *desk, s *session) {
				d.repo.commit("main2", "main1", map[string]string{"greenlight.hcl": teamConfig + "\n# changed\n"})
				d.pulls.OpenErr = outage
				s.ev.Push = &event.Push{Ref: "refs/heads/main", Before: "main1", After: "main2"}
			},
			func(ctx context.Context, s *session) (string, error) {
				o, err := s.pushed(ctx)
				return o.Conclusion, err
			},
			"list the open pull requests into main"},
		{"a finished review workflow, when the pull requests of its commit cannot be listed",
			func(d *desk, s *session) {
				d.pulls.WithCommitErr = outage
				s.ev.WorkflowRun = &event.WorkflowRun{Event: "pull_request_review", HeadSHA: "head2"}
			},
			func(ctx context.Context, s *session) (string, error) {
				o, err := s.workflowRun(ctx)
				return o.Conclusion, err
			},
			"find the pull requests of commit head2"},
		{"a merge group, when a pull request of it cannot be read",
			func(d *desk, s *session) {
				d.repo.commit("group", "main1", map[string]string{"posts/b.md": postB})
				d.pulls.PullRequestErr = outage
				s.ev.MergeGroup = &event.MergeGroup{HeadSHA: "group", HeadRef: "refs/heads/gh-readonly-queue/main/pr-2-main1",
					BaseSHA: "main1", BaseRef: "refs/heads/main", PullRequest: 2}
			},
			func(ctx context.Context, s *session) (string, error) {
				o, err := s.mergeGroup(ctx)
				if o.Conclusion != "failure" {
					return o.Conclusion, fmt.Errorf("conclusion %q, want failure", o.Conclusion)
				}
				return o.Markdown, err
			},
			"Cannot read pull request #2 of the merge group"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := newDesk()
			d.open(t, 2, map[string]string{"posts/b.md": postB})
			var b builds
			s := fakeSession(t, d.pulls, d.repo, &b)
			tt.setup(d, s)
			got, err := tt.run(context.Background(), s)
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q (error %v), want it to say %q", got, err, tt.want)
			}
		})
	}
}

// TestSeenHeadsAreBounded checks that the summary's record of heads stays
// within maxHeads however often a pull request is pushed to: the newest
// are kept, the current head always, and a head no run saw is seen now.
func TestSeenHeadsAreBounded(t *testing.T) {
	t.Parallel()
	base := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	prev := map[string]time.Time{}
	for i := range maxHeads + 50 {
		prev[fmt.Sprintf("%040d", i)] = base.Add(time.Duration(i) * time.Minute)
	}
	now := base.Add(time.Hour * 24)
	for _, tc := range []struct {
		name, head string
		// kept and dropped are heads that must and must not be there.
		kept, dropped []string
	}{
		{"a new head", "ffff", []string{"ffff", fmt.Sprintf("%040d", maxHeads+49), fmt.Sprintf("%040d", 51)}, []string{fmt.Sprintf("%040d", 50), fmt.Sprintf("%040d", 0)}},
		{"the oldest head pushed again", fmt.Sprintf("%040d", 0), []string{fmt.Sprintf("%040d", 0), fmt.Sprintf("%040d", 51)}, []string{fmt.Sprintf("%040d", 50), fmt.Sprintf("%040d", 1)}},
	} {
		got := seenHeads(prev, tc.head, now)
		if len(got) != maxHeads {
			t.Errorf("%s: %d heads, want %d", tc.name, len(got), maxHeads)
		}
		for _, h := range tc.kept {
			if _, ok := got[h]; !ok {
				t.Errorf("%s: %s dropped", tc.name, h)
			}
		}
		for _, h := range tc.dropped {
			if _, ok := got[h]; ok {
				t.Errorf("%s: %s kept", tc.name, h)
			}
		}
		if tc.head == "ffff" && !got["ffff"].Equal(now) {
			t.Errorf("a new head seen at %v, want now", got["ffff"])
		}
	}
	if got := seenHeads(map[string]time.Time{"a": base}, "b", now); len(got) != 2 || !got["a"].Equal(base) {
		t.Errorf("under the bound every head stays as seen: %v", got)
	}
}
