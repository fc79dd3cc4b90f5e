package action_test

import (
	"context"
	"strconv"
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
	resetIn := func(d time.Duration) map[string]string {
		return map[string]string{"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "0", "X-RateLimit-Used": "5000",
			"X-RateLimit-Resource": "core", "X-RateLimit-Reset": strconv.FormatInt(time.Now().Add(d).Unix(), 10)}
	}
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
			fail:       map[string]*fakegithub.Failure{reviews: {Status: 403, Times: 1, Header: resetIn(30 * time.Second), Body: limited}},
			conclusion: "success",
			calls:      map[string]int{reviews: 2},
			slept:      func(d []time.Duration) bool { return len(d) == 1 && d[0] > 25*time.Second && d[0] <= 31*time.Second },
		},
		{
			// go-github then refuses every call of the same quota until
			// the reset without sending it, as GitHub would refuse it:
			// nothing can be written, so the run fails (exit 2).
			name:       "a 403 rate limit that resets in 2 hours is not waited for: no verdict can be written, and the error says when to re-run",
			fail:       map[string]*fakegithub.Failure{reviews: {Status: 403, Times: 1, Header: resetIn(2 * time.Hour), Body: limited}},
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
			out, err := w.runErr(t, func(o *action.Options) { o.Sleep, o.Timeout = rec.sleep, 50*time.Millisecond })

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
