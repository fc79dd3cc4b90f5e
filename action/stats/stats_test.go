package stats

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
)

// now is when the fixture is measured: Friday 13 November 2026, 12:00 UTC.
var now = time.Date(2026, 11, 13, 12, 0, 0, 0, time.UTC)

// members are the fixture team's roles: the legal team (acme/legal) is
// lee, and sam is listed in legal too, so sam holds brand and legal.
var members = map[string][]string{"copy": {"ana", "ben"}, "brand": {"mia", "sam"}, "legal": {"lee", "sam"}}

func loadConfig(t *testing.T) *config.Config {
	t.Helper()
	l := config.Load("testdata/greenlight.hcl")
	if l.Config == nil {
		t.Fatalf("testdata/greenlight.hcl: %s", l.Diags)
	}
	return l.Config
}

func loadHistory(t *testing.T) History {
	t.Helper()
	f, err := os.Open("testdata/history.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := ReadHistory(f)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func fixtureReport(t *testing.T) Report {
	t.Helper()
	return Compute(loadHistory(t), loadConfig(t), members, now)
}

// The roles' members are their listed users and their team's members, as
// the history recorded them.
func TestMembersOfTheRoles(t *testing.T) {
	got := loadConfig(t).Members(loadHistory(t).Teams)
	want := map[string]string{"copy": "[ana ben]", "brand": "[mia sam]", "legal": "[sam lee]"}
	if len(got) != len(want) {
		t.Errorf("members %v, want %v", got, want)
	}
	for role, logins := range want {
		if fmt.Sprint(got[role]) != logins {
			t.Errorf("%s: %v, want %s", role, got[role], logins)
		}
	}
}

func hrs(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

// TestFixtureMetrics pins every figure of testdata/history.json, worked
// out by hand from its timestamps (all UTC, hours after the stage became
// pending).
func TestFixtureMetrics(t *testing.T) {
	r := fixtureReport(t)

	if r.PullRequests != 7 || r.Merged != 5 || r.Open != 1 || r.Closed != 1 {
		t.Errorf("counts %d (%d merged, %d open, %d closed), want 7 (5, 1, 1): #5 is open, #7 closed unmerged",
			r.PullRequests, r.Merged, r.Open, r.Closed)
	}

	t.Run("per stage: count, median and 90th percentile of the time to approve", func(t *testing.T) {
		want := []struct {
			name        string
			count       int
			median, p90 time.Duration
		}{
			// copy-edit is pending from the opening. #1 ana 09:00→10:00 1h
			// (joe's 09:30 approval counts for nothing: joe holds no role);
			// #2 ben 09:00→12:00 3h (his 10:00 review requested changes);
			// #3 ana 14:00→16:00 2h; #4 ben 08:00→14:00 6h; #5 ana
			// 09:00→13:00 4h; #6 ben 09:00→09:30 0.5h; #7 none (ben's
			// review was dismissed). Sorted 0.5 1 2 3 4 6: n=6, median
			// (2+3)/2 = 2.5h; p90 rank ⌈5.4⌉ = 6th = 6h.
			{"copy-edit", 6, hrs(2.5), hrs(6)},
			// brand is pending from copy-edit's approval. #1 10:00→15:00
			// 5h; #2 11-03 12:00→11-04 12:00 24h; #3 sam 16:00→18:00 2h;
			// #4 MIA (any case) 14:00→11-06 00:00 10h; #6 mia 09:30→11-10
			// 15:30 30h; #5 still waits. Sorted 2 5 10 24 30: n=5, median
			// 10h; p90 rank ⌈4.5⌉ = 5th = 30h.
			{"brand", 5, hrs(10), hrs(30)},
			// legal is pending from brand's approval. #1 lee 15:00→16:30
			// 1.5h; #2 lee 11-04 12:00→11-06 12:00 48h; #3 sam's one
			// approval at 18:00 signs off brand and legal: 0h; #4 lee's
			// 14:30 approval came before legal's turn, his 11-06 08:00 one
			// counts: 00:00→08:00 8h. #6 no legal approval (sam is its
			// author). Sorted 0 1.5 8 48: n=4, median (1.5+8)/2 = 4.75h;
			// p90 rank ⌈3.6⌉ = 4th = 48h.
			{"legal", 4, hrs(4.75), hrs(48)},
		}
		if len(r.Stages) != len(want) {
			t.Fatalf("%d stages, want %d", len(r.Stages), len(want))
		}
		for i, w := range want {
			got := r.Stages[i]
			if got.Name != w.name || got.TimeToApprove != (Times{w.count, w.median, w.p90}) {
				t.Errorf("stage %d: %s %+v, want %s {Count:%d Median:%s P90:%s}", i, got.Name, got.TimeToApprove, w.name, w.count, w.median, w.p90)
			}
		}
		// The bottleneck is the highest median: brand's 10h, over legal's
		// 4.75h, though legal's 90th percentile (48h) is higher.
		if r.Bottleneck != "brand" {
			t.Errorf("bottleneck %q, want brand", r.Bottleneck)
		}
		if got := r.Stages[2].TimeToApprove; got.MedianHours() != 4.75 || got.P90Hours() != 48 {
			t.Errorf("legal in hours: %v and %v, want 4.75 and 48", got.MedianHours(), got.P90Hours())
		}
	})

	t.Run("per reviewer: the counting approvals each one gave", func(t *testing.T) {
		want := []struct {
			login       string
			stages      string
			count       int
			median, p90 time.Duration
		}{
			// ana: #1 1h, #3 2h, #5 4h. n=3: median 2h; p90 rank ⌈2.7⌉ = 3rd = 4h.
			{"ana", "copy-edit", 3, hrs(2), hrs(4)},
			// ben: #2 3h, #4 6h, #6 0.5h. Sorted 0.5 3 6: median 3h; p90 6h.
			{"ben", "copy-edit", 3, hrs(3), hrs(6)},
			// lee: #1 1.5h, #2 48h, #4 8h. Sorted 1.5 8 48: median 8h; p90 48h.
			{"lee", "legal", 3, hrs(8), hrs(48)},
			// mia: #1 5h, #2 24h, #4 10h (as MIA), #6 30h. Sorted 5 10 24 30:
			// median (10+24)/2 = 17h; p90 rank ⌈3.6⌉ = 4th = 30h.
			{"mia", "brand", 4, hrs(17), hrs(30)},
			// sam: #3 brand 2h and legal 0h, one review. Sorted 0 2: median
			// (0+2)/2 = 1h; p90 rank ⌈1.8⌉ = 2nd = 2h.
			{"sam", "brand,legal", 2, hrs(1), hrs(2)},
		}
		if len(r.Reviewers) != len(want) {
			t.Fatalf("%d reviewers %+v, want %d (joe approved #1 but holds no role)", len(r.Reviewers), r.Reviewers, len(want))
		}
		for i, w := range want {
			got := r.Reviewers[i]
			if got.Login != w.login || strings.Join(got.Stages, ",") != w.stages || got.TimeToApprove != (Times{w.count, w.median, w.p90}) {
				t.Errorf("reviewer %d: %s %v %+v, want %s %s {Count:%d Median:%s P90:%s}",
					i, got.Login, got.Stages, got.TimeToApprove, w.login, w.stages, w.count, w.median, w.p90)
			}
		}
	})

	t.Run("last stage pending of each merged pull request", func(t *testing.T) {
		// #1 legal (16:30 after brand's 15:00); #2 legal; #3 brand and
		// legal at the same 18:00 approval: the later stage, legal; #4
		// legal (08:00 after brand's 00:00); #6 brand (no legal). #5 is
		// open, #7 closed: 5 merged, legal 4 (80%), brand 1 (20%).
		if r.LastPendingOf != 5 {
			t.Errorf("last pending of %d merged pull requests, want 5", r.LastPendingOf)
		}
		for i, w := range []struct {
			n     int
			share float64
		}{{0, 0}, {1, 0.2}, {4, 0.8}} {
			if got := r.Stages[i]; got.LastPending != w.n || got.LastPendingShare != w.share {
				t.Errorf("%s last pending %d (%v), want %d (%v)", got.Name, got.LastPending, got.LastPendingShare, w.n, w.share)
			}
		}
	})

	t.Run("missed publish times", func(t *testing.T) {
		// Scheduled: #1 #2 #4 #5 #6 (#3 has no time; #7 was closed). The
		// grace is 2h. #1 merged 10 minutes after its time; #2 merged at
		// 13:00 for 08:00: 5h late, missed; #4 merged at 11:00 for 09:00,
		// exactly the grace: not missed; #5 is open at 12:00 for 09:00:
		// 3h, missed; #6 merged two days early. 2 of 5 (40%).
		m := r.Missed
		if m.Scheduled != 5 || m.Count != 2 || m.Share != 0.4 || len(m.PullRequests) != 2 {
			t.Fatalf("missed %+v, want 2 of 5 (0.4)", m)
		}
		if p := m.PullRequests[0]; p.Number != 2 || p.Merged == nil || p.Late != 5*time.Hour {
			t.Errorf("first missed %+v, want #2 merged 5h late", p)
		}
		if p := m.PullRequests[1]; p.Number != 5 || p.Merged != nil || p.Late != 3*time.Hour {
			t.Errorf("second missed %+v, want #5 still open, 3h late", p)
		}
	})

	t.Run("rework: pushes after the first review", func(t *testing.T) {
		// #2: review 10:00, push 11:00: 1. #3: review 16:00, push 19:00:
		// 1. #4: review 14:00, pushes 15:00 and 11-06 10:00: 2. #6: the
		// push at 09:20 follows only its author's own comment (09:10);
		// the first review is ben's at 09:30: 0. The others have no push
		// after a review. Every pull request had a review: 4 pushes in 3
		// of 7, 3/7 = 0.4286.
		w := r.Rework
		if w.Reviewed != 7 || w.WithRework != 3 || w.Pushes != 4 || w.Share != 0.4286 {
			t.Errorf("rework %+v, want 4 pushes in 3 of 7 (0.4286)", w)
		}
		want := []ReworkPullRequest{{2, "joe", 1}, {3, "kim", 1}, {4, "joe", 2}}
		if len(w.PullRequests) != len(want) {
			t.Fatalf("rework pull requests %+v, want %+v", w.PullRequests, want)
		}
		for i := range want {
			if w.PullRequests[i] != want[i] {
				t.Errorf("rework %d: %+v, want %+v", i, w.PullRequests[i], want[i])
			}
		}
	})
}

// TestDefinitions pins each rule of the definitions on a pull request of
// its own, with copy-edit → brand and the fixture's team.
func TestDefinitions(t *testing.T) {
	cfg := loadConfig(t)
	at := func(h float64) time.Time { return time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC).Add(hrs(h)) }
	ptr := func(t time.Time) *time.Time { return &t }
	approve := func(user string, h float64) Review { return Review{User: user, State: "APPROVED", Submitted: at(h)} }
	tests := []struct {
		name string
		pr   PullRequest
		// want is the stages' times to approve in hours, "-" for none.
		want [3]string
		last string // the last stage pending, "" for none
	}{
		{name: "the author's own approval never counts",
			pr:   PullRequest{Author: "ana", Opened: at(0), Reviews: []Review{approve("ana", 1), approve("ben", 2)}},
			want: [3]string{"2.00", "-", "-"}},
		{name: "a stage waits for the stages it comes after",
			pr:   PullRequest{Author: "kim", Opened: at(0), Reviews: []Review{approve("mia", 1)}},
			want: [3]string{"-", "-", "-"}},
		{name: "an approval before the stage's turn does not count, a later one does",
			pr:   PullRequest{Author: "kim", Opened: at(0), Reviews: []Review{approve("mia", 1), approve("ana", 2), approve("mia", 5)}},
			want: [3]string{"2.00", "3.00", "-"}},
		{name: "an approval at the very moment the stage becomes pending counts, for both of someone's roles",
			pr:   PullRequest{Author: "kim", Opened: at(0), Merged: ptr(at(9)), Reviews: []Review{approve("ana", 2), approve("SAM", 2)}},
			want: [3]string{"2.00", "0.00", "0.00"}, last: "legal"},
		{name: "dismissed, changes-requested and commented reviews never approve",
			pr: PullRequest{Author: "kim", Opened: at(0), Reviews: []Review{
				{User: "ana", State: "DISMISSED", Submitted: at(1)}, {User: "ana", State: "CHANGES_REQUESTED", Submitted: at(2)},
				{User: "ana", State: "COMMENTED", Submitted: at(3)}, approve("ben", 4)}},
			want: [3]string{"4.00", "-", "-"}},
		{name: "reviews after the merge are ignored",
			pr:   PullRequest{Author: "kim", Opened: at(0), Merged: ptr(at(3)), Reviews: []Review{approve("ana", 1), approve("mia", 4)}},
			want: [3]string{"1.00", "-", "-"}, last: "copy-edit"},
		{name: "reviews after closing unmerged are ignored",
			pr:   PullRequest{Author: "kim", Opened: at(0), Closed: ptr(at(3)), Reviews: []Review{approve("ana", 4)}},
			want: [3]string{"-", "-", "-"}},
		{name: "reviews arrive in any order",
			pr:   PullRequest{Author: "kim", Opened: at(0), Merged: ptr(at(9)), Reviews: []Review{approve("mia", 5), approve("ana", 1)}},
			want: [3]string{"1.00", "4.00", "-"}, last: "brand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.pr.Number = 1
			r := Compute(History{PullRequests: []PullRequest{tt.pr}}, cfg, members, now)
			var got [3]string
			last := ""
			for i, s := range r.Stages {
				got[i] = "-"
				if s.TimeToApprove.Count > 0 {
					got[i] = hoursText(s.TimeToApprove.Median)
				}
				if s.LastPending > 0 {
					last = s.Name
				}
			}
			if got != tt.want || last != tt.last {
				t.Errorf("times %v, last pending %q; want %v, %q", got, last, tt.want, tt.last)
			}
		})
	}
}

func TestMissedBoundaries(t *testing.T) {
	cfg := loadConfig(t) // grace 2h
	due := now.Add(-3 * time.Hour)
	ptr := func(t time.Time) *time.Time { return &t }
	tests := []struct {
		name   string
		pr     PullRequest
		missed bool
	}{
		{"merged exactly at the grace's end is on time", PullRequest{Merged: ptr(due.Add(2 * time.Hour))}, false},
		{"merged a second past the grace is missed", PullRequest{Merged: ptr(due.Add(2*time.Hour + time.Second))}, true},
		{"open past its time and grace is missed", PullRequest{}, true},
		{"open within the grace is not missed yet", PullRequest{PublishAt: ptr(now.Add(-time.Hour))}, false},
		{"closed without merging never misses", PullRequest{Closed: ptr(now)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pr.PublishAt == nil {
				tt.pr.PublishAt = &due
			}
			r := Compute(History{PullRequests: []PullRequest{tt.pr}}, cfg, members, now)
			if got := r.Missed.Count == 1; got != tt.missed {
				t.Errorf("missed = %v, want %v (%+v)", got, tt.missed, r.Missed)
			}
		})
	}
}

func TestSummarise(t *testing.T) {
	h := func(hs ...float64) []time.Duration {
		var out []time.Duration
		for _, x := range hs {
			out = append(out, hrs(x))
		}
		return out
	}
	tests := []struct {
		name        string
		in          []time.Duration
		median, p90 float64
	}{
		{"one time is its own median and percentile", h(7), 7, 7},
		{"an even count takes the mean of the two middle times", h(4, 1, 3, 2), 2.5, 4},
		// n=10: rank ⌈9⌉ = 9th; n=11: rank ⌈9.9⌉ = 10th.
		{"ten times: the 90th percentile is the 9th", h(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 5.5, 9},
		{"eleven times: the 90th percentile is the 10th", h(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 6, 10},
		// n=20: rank 18 exactly, where ⌈0.9·20⌉ in floating point must not become 19.
		{"twenty times: the 18th", h(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), 10.5, 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(tt.in)
			if got.Count != len(tt.in) || got.MedianHours() != tt.median || got.P90Hours() != tt.p90 {
				t.Errorf("%+v, want median %v and p90 %v", got, tt.median, tt.p90)
			}
		})
	}
	if got := summarise(nil); got != (Times{}) {
		t.Errorf("no times: %+v", got)
	}
}

func TestReadHistoryRejectsUnknownFields(t *testing.T) {
	_, err := ReadHistory(strings.NewReader(`{"repository": "a/b", "pull_request": []}`))
	if err == nil || !strings.Contains(err.Error(), "pull_request") {
		t.Errorf("a misspelt field: %v", err)
	}
}

func TestSpanReadsAsPeopleWriteIt(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0s", 2 * time.Hour: "2h", 90 * time.Minute: "1h30m", 45 * time.Minute: "45m",
		30 * time.Second: "30s", time.Hour + 30*time.Second: "1h0m30s", 48 * time.Hour: "48h"} {
		if got := span(d); got != want {
			t.Errorf("span(%s) = %q, want %q", d, got, want)
		}
	}
}
