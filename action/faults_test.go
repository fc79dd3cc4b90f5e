package action_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// sleeps records the waits of a run instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// GitHub failing in each way the README names, on a pull request that
// passes when GitHub answers: a fault GitHub recovers from within the
// retries gives the normal verdict (green); one it does not gives a red
// check saying why, or, when not even the check run can be written, an
// error (the step's exit 2) and no check run at all. Never a green check.
func TestAPIFaults(t *testing.T) {
	const (
		reviews = "GET /repos/Codertocat/Hello-World/pulls/2/reviews"
		files   = "GET /repos/Codertocat/Hello-World/pulls/2/files"
		members = "GET /orgs/Codertocat/teams/legal/members"
		checks  = "POST /repos/Codertocat/Hello-World/check-runs"
	)
	const limited = `{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}`
	tests := []struct {
		name string
		// fail are the faults injected, by "METHOD /path" prefix.
		fail map[string]*fakegithub.Failure
		// conclusion is the verdict.
		conclusion string
		// unwritten: Run fails (the step's exit 2) and no check run is
		// written.
		unwritten bool
		// says is in the check run's summary, or Run's error when unwritten.
		says []string
		// calls is how many requests reached the faulty endpoint.
		calls map[string]int
		// slept checks the waits; nil means any.
		slept func([]time.Duration) bool
	}{
		{
			name:       "three 500s on the reviews, then an answer, give the normal verdict",
			fail:       map[string]*fakegithub.Failure{reviews: {Status: 500, Times: 3}},
			conclusion: "success",
			calls:      map[string]int{reviews: 4},
			slept:      func(d []time.Duration) bool { return len(d) == 3 },
		},
		{
			name:       "500s on the files that outlast the retries fail closed, naming the call",
			fail:       map[string]*fakegithub.Failure{files: {Status: 500, Times: 100}},
			conclusion: "failure",
			says:       []string{"Cannot list the pull request's files", "GitHub's API failed (500", "GET /repos/Codertocat/Hello-World/pulls/2/files", "after retrying"},
			calls:      map[string]int{files: 5},
		},
		{
			name:       "a 403 rate limit that resets in 30s is waited out, then the normal verdict",
			fail:       map[string]*fakegithub.Failure{reviews: {Status: 403, Times: 1, ResetIn: 30 * time.Second, Body: limited}},
			conclusion: "success",
			calls:      map[string]int{reviews: 2},
			slept:      func(d []time.Duration) bool { return len(d) == 1 && d[0] > 25*time.Second && d[0] <= 31*time.Second },
		},
		{
			// go-github then refuses every call of the same quota until
			// the reset without sending it, as GitHub would refuse it:
			// nothing can be written, so the run fails (exit 2).
			name:       "a 403 rate limit that resets in 2 hours is not waited for: no verdict can be written, and the error says when to re-run",
			fail:       map[string]*fakegithub.Failure{reviews: {Status: 403, Times: 1, ResetIn: 2 * time.Hour, Body: limited}},
			conclusion: "failure",
			unwritten:  true,
			says:       []string{"check run:", "rate limit for this token is used up", "re-run the job after"},
			calls:      map[string]int{reviews: 1, checks: 0},
			slept:      func(d []time.Duration) bool { return len(d) == 0 },
		},
		{
			name:       "a 404 on the legal team's members fails closed with how to grant the permission",
			fail:       map[string]*fakegithub.Failure{members: {Status: 404, Times: 1, Body: `{"message":"Not Found","documentation_url":"https://docs.github.com/rest/teams/members#list-team-members"}`}},
			conclusion: "failure",
			says:       []string{"Cannot read the members of team Codertocat/legal", "answered 404", "Members: read", "read:org"},
			calls:      map[string]int{members: 1},
		},
		{
			name:       "reviews that never come time out on every attempt and fail closed, saying so",
			fail:       map[string]*fakegithub.Failure{reviews: {Hang: true, Times: 100}},
			conclusion: "failure",
			says:       []string{"Cannot list the pull request's reviews", "GitHub did not answer GET /repos/Codertocat/Hello-World/pulls/2/reviews within 50ms, even after retrying"},
			calls:      map[string]int{reviews: 5},
		},
		{
			// A second check run of the same name only hides the first,
			// so check run writes are retried like reads.
			name:       "a check run write that times out once is tried again, and the verdict lands",
			fail:       map[string]*fakegithub.Failure{checks: {Hang: true, Times: 1}},
			conclusion: "success",
			calls:      map[string]int{checks: 2},
			slept:      func(d []time.Duration) bool { return len(d) == 1 },
		},
		{
			name:       "a check run write that never answers fails after every attempt, and the run fails (exit 2)",
			fail:       map[string]*fakegithub.Failure{checks: {Hang: true, Times: 100}},
			conclusion: "success",
			unwritten:  true,
			says:       []string{"check run:", "GitHub did not answer POST /repos/Codertocat/Hello-World/check-runs within 50ms, even after retrying."},
			calls:      map[string]int{checks: 5},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
			w.approve("kim", w.head, 1)
			w.approve("mia", w.head, 2)
			w.gh.Fail = tt.fail
			rec := &sleeps{}
			out, err := w.runErr(t, func(o *action.Options) {
				// Attempts the fake hangs time out at once, as after 50ms;
				// no real timer runs, so load cannot time out the others.
				o.Sleep, o.Timeout, o.Transport = rec.sleep, time.Hour, w.gh.Transport(50*time.Millisecond)
			})

			var said string
			switch {
			case tt.unwritten && err == nil:
				t.Fatalf("Run succeeded (%s), want an error: the verdict cannot be written", out.Conclusion)
			case tt.unwritten:
				said = err.Error()
				t.Logf("Run: %v", err)
				if out.Conclusion != tt.conclusion {
					t.Errorf("verdict %s, want %s", out.Conclusion, tt.conclusion)
				}
				w.gh.Mu.Lock()
				if n := len(w.gh.CheckRuns); n != 0 {
					t.Errorf("%d check runs written, want none", n)
				}
				w.gh.Mu.Unlock()
			case err != nil:
				t.Fatalf("run: %v", err)
			default:
				run := w.checkRun(t)
				if out.Conclusion != tt.conclusion || run.Conclusion != tt.conclusion {
					t.Errorf("conclusion %s, check run %s; want %s\n%s", out.Conclusion, run.Conclusion, tt.conclusion, run.Summary)
				}
				if tt.conclusion == "success" && strings.Contains(run.Summary, "Cannot") {
					t.Errorf("a recovered fault is in the summary:\n%s", run.Summary)
				}
				said = run.Summary
			}
			for _, want := range tt.says {
				if !strings.Contains(said, want) {
					t.Errorf("%q does not say %q", said, want)
				}
			}
			if strings.Contains(said, "ghs_secret-token") {
				t.Error("the token is in the report")
			}
			for call, want := range tt.calls {
				if got := w.gh.Count(call); got != want {
					t.Errorf("%d requests of %s, want %d", got, call, want)
				}
			}
			if tt.slept != nil && !tt.slept(rec.all()) {
				t.Errorf("slept %v", rec.all())
			}
		})
	}
}

// latestCheckRun is the newest "greenlight: main" check run on commit,
// the one GitHub shows and branch protection reads; nil when none. Call
// it with w.gh.Mu held.
func latestCheckRun(w *world, commit string) *fakegithub.CheckRun {
	var latest *fakegithub.CheckRun
	for _, c := range w.gh.CheckRuns {
		if c.Name == "greenlight: main" && c.HeadSHA == commit && (latest == nil || c.ID > latest.ID) {
			latest = c
		}
	}
	return latest
}

func state(c *fakegithub.CheckRun) string {
	if c == nil {
		return "none"
	}
	if c.Status != "completed" {
		return c.Status
	}
	return c.Conclusion
}

// A pull request green on a commit, then an event on the same commit that
// turns its verdict red (a review dismissed) while GitHub fails the check
// run writes: the commit's latest check run is never the earlier green
// once the run has started. It is in progress while the run reads and
// judges, the red verdict lands when GitHub takes the write within the
// retries, and otherwise it stays in progress and the step fails (exit 2)
// saying so. Only when GitHub takes no check run write at all does the
// green stand, and the step fails saying that the merge is open.
func TestGreenCommitTurnedRedFailsClosed(t *testing.T) {
	const (
		create  = "POST /repos/Codertocat/Hello-World/check-runs"
		update  = "PATCH /repos/Codertocat/Hello-World/check-runs/"
		reviews = "GET /repos/Codertocat/Hello-World/pulls/2/reviews"
	)
	const limited = `{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}`
	tests := []struct {
		name string
		fail map[string]*fakegithub.Failure
		// latest is the commit's latest check run after the run: its
		// conclusion, or its status while not completed.
		latest string
		// says is in Run's error and the step summary; nil means Run
		// succeeds.
		says []string
		// calls is how many requests reached each endpoint in the run.
		calls map[string]int
	}{
		{
			name:   "GitHub takes every write: in progress while judging, then the red verdict",
			latest: "failure",
			calls:  map[string]int{create: 1, update: 1},
		},
		{
			name:   "the verdict's write answers 502 once, is tried again, and the red verdict lands",
			fail:   map[string]*fakegithub.Failure{update: {Status: 502, Times: 1}},
			latest: "failure",
			calls:  map[string]int{create: 1, update: 2},
		},
		{
			name:   "the verdict's write answers 500 twice, which is retried for check runs, and the red verdict lands",
			fail:   map[string]*fakegithub.Failure{update: {Status: 500, Times: 2}},
			latest: "failure",
			calls:  map[string]int{create: 1, update: 3},
		},
		{
			name:   "the verdict's write answers 502 every time: the check stays in progress, and the step fails saying why",
			fail:   map[string]*fakegithub.Failure{update: {Status: 502, Times: 100}},
			latest: "in_progress",
			says: []string{"check run:", "GitHub's API failed (502", "PATCH /repos/Codertocat/Hello-World/check-runs/", "after retrying",
				"stays in progress, which blocks the merge until a run writes its verdict"},
			calls: map[string]int{create: 1, update: 5},
		},
		{
			// go-github then refuses every call until the reset without
			// sending it: the verdict cannot be written at all.
			name:   "the token's rate limit runs out mid-run for two hours: the check stays in progress, and the step says when to re-run",
			fail:   map[string]*fakegithub.Failure{reviews: {Status: 403, Times: 1, Body: limited, ResetIn: 2 * time.Hour}},
			latest: "in_progress",
			says:   []string{"check run:", "rate limit for this token is used up", "re-run the job after", "stays in progress"},
			calls:  map[string]int{create: 1, update: 0},
		},
		{
			name:   "GitHub takes no check run write at all: the earlier green stands, and the step fails saying the merge is open",
			fail:   map[string]*fakegithub.Failure{create: {Status: 502, Times: 100}, update: {Status: 502, Times: 100}},
			latest: "success",
			says:   []string{"check run:", "GitHub's API failed (502", "still shows an earlier run's success, which lets the merge through: re-run the job"},
			calls:  map[string]int{create: 10, update: 0}, // the mark and the verdict, 5 attempts each
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := passedWorld(t)
			// kim's approval is dismissed: copy-edit is pending again.
			w.gh.Mu.Lock()
			w.gh.Reviews[0].State = "DISMISSED"
			w.gh.Fail = tt.fail
			while := "not read"
			w.gh.OnRequest = func(method, path string) {
				if method+" "+path == reviews {
					while = state(latestCheckRun(w, w.head))
				}
			}
			w.gh.Mu.Unlock()
			before := map[string]int{}
			for call := range tt.calls {
				before[call] = w.gh.Count(call)
			}

			out, err := w.runErr(t, func(o *action.Options) {
				o.Sleep, o.Timeout, o.Transport = (&sleeps{}).sleep, time.Hour, w.gh.Transport(50*time.Millisecond)
			})

			if out.Conclusion != "failure" {
				t.Errorf("verdict %s, want failure", out.Conclusion)
			}
			w.gh.Mu.Lock()
			latest := state(latestCheckRun(w, w.head))
			w.gh.Mu.Unlock()
			if latest != tt.latest {
				t.Errorf("the commit's latest check run is %s, want %s", latest, tt.latest)
			}
			if want := "in_progress"; tt.latest != "success" && while != want {
				t.Errorf("while the run read the reviews, the commit's latest check run was %s, want %s", while, want)
			}
			switch {
			case tt.says == nil && err != nil:
				t.Fatalf("run: %v", err)
			case tt.says != nil && err == nil:
				t.Fatal("Run succeeded, want an error (exit 2): the verdict was not written")
			case err != nil:
				t.Logf("Run: %v", err)
				step, _ := os.ReadFile(w.summary)
				for _, want := range tt.says {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("the error does not say %q", want)
					}
					if !strings.Contains(string(step), want) {
						t.Errorf("the step summary does not say %q", want)
					}
				}
			}
			for call, want := range tt.calls {
				if got := w.gh.Count(call) - before[call]; got != want {
					t.Errorf("%d requests of %s, want %d", got, call, want)
				}
			}
		})
	}
}

// A verdict can come back to exactly an earlier one: red, then green, then
// red as at first once an approval is dismissed. The red check run of the
// first run must not count as already written: the green one is newer.
func TestVerdictBackToAnEarlierOneIsWrittenAgain(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.approve("kim", w.head, 1)
	if out := w.run(t); out.Conclusion != "failure" {
		t.Fatalf("kim approved: %s, want failure (brand pending)", out.Conclusion)
	}
	first := *w.checkRun(t)
	w.approve("mia", w.head, 2)
	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("mia approved: %s %v, want success", out.Conclusion, out.BlockedStages)
	}
	w.gh.Mu.Lock()
	w.gh.Reviews[1].State = "DISMISSED"
	w.gh.Mu.Unlock()
	if out := w.run(t); out.Conclusion != "failure" {
		t.Fatalf("mia's approval dismissed: %s, want failure", out.Conclusion)
	}
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	latest := latestCheckRun(w, w.head)
	if state(latest) != "failure" {
		t.Errorf("the commit's latest check run is %s, want failure", state(latest))
	}
	// What this test is about: the first run's check run, still listed,
	// shows the very verdict this run came to.
	if latest.ExternalID != first.ExternalID {
		t.Errorf("the verdict differs from the first run's, so this test no longer shows a verdict coming back:\n%s\n---\n%s", latest.Summary, first.Summary)
	}
}

// A re-run on a green commit that comes to the same verdict writes the
// check run only: it marks it in progress, then completes that check run
// with the same verdict, which is the latest. Nothing else is written
// again.
func TestReRunOnAGreenCommitWritesOnlyTheCheckRun(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("first run: %s %v, want success", out.Conclusion, out.BlockedStages)
	}
	first := *w.checkRun(t)
	const checks = "/repos/Codertocat/Hello-World/check-runs"
	others := func() int {
		return w.gh.Count("POST") + w.gh.Count("PATCH") - w.gh.Count("POST "+checks) - w.gh.Count("PATCH "+checks)
	}
	creates, updates, before := w.gh.Count("POST "+checks), w.gh.Count("PATCH "+checks), others()

	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("re-run: %s, want success", out.Conclusion)
	}
	if n := w.gh.Count("POST "+checks) - creates; n != 1 {
		t.Errorf("re-run: %d check runs created, want 1 (in progress)", n)
	}
	if n := w.gh.Count("PATCH "+checks) - updates; n != 1 {
		t.Errorf("re-run: %d check run updates, want 1 (its verdict)", n)
	}
	if n := others() - before; n != 0 {
		t.Errorf("re-run: %d other writes, want none", n)
	}
	w.gh.Mu.Lock()
	defer w.gh.Mu.Unlock()
	latest := latestCheckRun(w, w.head)
	if state(latest) != "success" || latest.ExternalID != first.ExternalID || latest.Title != first.Title || latest.Summary != first.Summary {
		t.Errorf("re-run: the latest check run is %s %q, want the first run's verdict, %s %q", state(latest), latest.Title, state(&first), first.Title)
	}
}

// passedWorld is a world whose pull request (posts/b.md) passed with kim's
// and mia's approvals: a green check run stands on its head.
func passedWorld(t *testing.T) *world {
	t.Helper()
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("before: %s %v, want success", out.Conclusion, out.BlockedStages)
	}
	return w
}
