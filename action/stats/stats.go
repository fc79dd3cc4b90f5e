package stats

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
)

// History is the recorded history of a repository's post pull requests.
type History struct {
	Repository   string        `json:"repository"`
	PullRequests []PullRequest `json:"pull_requests"`
	// Teams are the members of the config's team roles' teams ("org/slug"
	// → logins) when the history was recorded, so that a recorded history
	// is measured without asking GitHub who holds a role; see
	// config.Config.Members.
	Teams map[string][]string `json:"teams,omitempty"`
}

// PullRequest is one pull request as the metrics need it.
type PullRequest struct {
	Number int       `json:"number"`
	Author string    `json:"author"`
	Opened time.Time `json:"opened"`
	// Merged is nil for a pull request that is open or was closed
	// without merging.
	Merged *time.Time `json:"merged,omitempty"`
	Closed *time.Time `json:"closed,omitempty"`
	// PublishAt is when its posts were due (the earliest post); nil when
	// unknown or unscheduled.
	PublishAt *time.Time `json:"publish_at,omitempty"`
	// Pushes are when commits arrived, the first one being the opening.
	Pushes  []time.Time `json:"pushes"`
	Reviews []Review    `json:"reviews"`
}

// Review is one submitted review.
type Review struct {
	User string `json:"user"`
	// State is APPROVED, CHANGES_REQUESTED, COMMENTED or DISMISSED.
	State     string    `json:"state"`
	Submitted time.Time `json:"submitted"`
}

// ReadHistory decodes a recorded history. Unknown fields are an error, so
// that a misspelt field is not silently read as missing.
func ReadHistory(r io.Reader) (History, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var h History
	if err := dec.Decode(&h); err != nil {
		return History{}, fmt.Errorf("read history: %w", err)
	}
	return h, nil
}

// Report is the metrics of a history under a config, at a time.
type Report struct {
	Repository string    `json:"repository"`
	At         time.Time `json:"at"`
	// Location is the team's time zone, for rendering times.
	Location *time.Location `json:"-"`
	// Grace is the config's schedule grace, which Missed allows.
	Grace time.Duration `json:"-"`

	PullRequests int `json:"pull_requests"`
	Merged       int `json:"merged"`
	Open         int `json:"open"`
	Closed       int `json:"closed"` // closed without merging

	// Stages are in the config's order.
	Stages []Stage `json:"stages"`
	// Reviewers are those who gave a counting approval, by login.
	Reviewers []Reviewer `json:"reviewers"`
	// Bottleneck is the stage with the highest median time to approve;
	// empty when no stage has an approval.
	Bottleneck string `json:"bottleneck"`
	// LastPendingOf is the number of merged pull requests with a counting
	// approval: the whole that Stage.LastPendingShare is a share of.
	LastPendingOf int    `json:"last_pending_of"`
	Missed        Missed `json:"missed"`
	Rework        Rework `json:"rework"`
}

// Stage is one sign-off stage's metrics.
type Stage struct {
	Name string `json:"name"`
	// Approvers are the names of the roles that approve it.
	Approvers     []string `json:"approvers"`
	TimeToApprove Times    `json:"time_to_approve"`
	// LastPending is how many merged pull requests this stage was the last
	// one pending of; LastPendingShare is that of Report.LastPendingOf,
	// from 0 to 1, rounded to four decimals.
	LastPending      int     `json:"last_pending"`
	LastPendingShare float64 `json:"last_pending_share"`
}

// Reviewer is one person's counting approvals.
type Reviewer struct {
	Login string `json:"login"`
	// Stages are those they signed off, in the config's order.
	Stages        []string `json:"stages"`
	TimeToApprove Times    `json:"time_to_approve"`
}

// Times summarises times to approve.
type Times struct {
	Count  int
	Median time.Duration
	P90    time.Duration // the 90th percentile, by nearest rank
}

// MedianHours is the median in hours, rounded to two decimals.
func (t Times) MedianHours() float64 { return hours(t.Median) }

// P90Hours is the 90th percentile in hours, rounded to two decimals.
func (t Times) P90Hours() float64 { return hours(t.P90) }

// MarshalJSON writes the times in hours and as Go durations; they are
// null when there is no time to summarise.
func (t Times) MarshalJSON() ([]byte, error) {
	out := struct {
		Count       int      `json:"count"`
		MedianHours *float64 `json:"median_hours"`
		P90Hours    *float64 `json:"p90_hours"`
		Median      *string  `json:"median"`
		P90         *string  `json:"p90"`
	}{Count: t.Count}
	if t.Count > 0 {
		mh, ph, m, p := t.MedianHours(), t.P90Hours(), t.Median.String(), t.P90.String()
		out.MedianHours, out.P90Hours, out.Median, out.P90 = &mh, &ph, &m, &p
	}
	return json.Marshal(out)
}

// Missed are the pull requests that missed their publish time.
type Missed struct {
	// Scheduled is the number of pull requests with a publish time, not
	// counting those closed without merging.
	Scheduled int `json:"scheduled"`
	Count     int `json:"count"`
	// Share is Count of Scheduled, from 0 to 1, rounded to four decimals.
	Share        float64             `json:"share"`
	PullRequests []MissedPullRequest `json:"pull_requests"`
}

// MissedPullRequest is a pull request that missed its time.
type MissedPullRequest struct {
	Number    int
	Author    string
	PublishAt time.Time
	// Merged is when it merged; nil while it is still open.
	Merged *time.Time
	// Late is how long after its publish time it merged, or, still open,
	// how long ago its publish time was.
	Late time.Duration
}

// MarshalJSON writes Late in hours and as a Go duration.
func (m MissedPullRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Number    int        `json:"number"`
		Author    string     `json:"author"`
		PublishAt time.Time  `json:"publish_at"`
		Merged    *time.Time `json:"merged"`
		LateHours float64    `json:"late_hours"`
		Late      string     `json:"late"`
	}{m.Number, m.Author, m.PublishAt, m.Merged, hours(m.Late), m.Late.String()})
}

// Rework is the pushes that came after a review.
type Rework struct {
	// Reviewed is the number of pull requests with a review by someone
	// other than their author.
	Reviewed int `json:"reviewed"`
	// WithRework is how many of them had pushes after their first review,
	// Pushes how many such pushes there were in all.
	WithRework int `json:"with_rework"`
	Pushes     int `json:"pushes"`
	// Share is WithRework of Reviewed, from 0 to 1, rounded to four decimals.
	Share        float64             `json:"share"`
	PullRequests []ReworkPullRequest `json:"pull_requests"`
}

// ReworkPullRequest is a pull request that changed after its first review.
type ReworkPullRequest struct {
	Number int    `json:"number"`
	Author string `json:"author"`
	Pushes int    `json:"pushes"`
}

// approval is a stage's counting approval on one pull request.
type approval struct {
	user string
	at   time.Time
	wait time.Duration
}

// Compute measures the history under cfg's stages and schedule grace.
// members are the logins holding each role (role name → logins; a team
// role's are its team's members); now is when open pull requests are
// judged late.
func Compute(h History, cfg *config.Config, members config.Members, now time.Time) Report {
	loc := cfg.Settings.Location
	if loc == nil {
		loc = time.UTC
	}
	r := Report{Repository: h.Repository, At: now, Location: loc, Grace: cfg.Schedule.Grace,
		Stages: []Stage{}, Reviewers: []Reviewer{}}
	r.Missed.PullRequests, r.Rework.PullRequests = []MissedPullRequest{}, []ReworkPullRequest{}

	index := map[*config.Stage]int{}
	for i, s := range cfg.Stages {
		index[s] = i
	}
	stageTimes := make([][]time.Duration, len(cfg.Stages))
	lastPending := make([]int, len(cfg.Stages))
	type person struct {
		login  string
		times  []time.Duration
		stages map[int]bool
	}
	people := map[string]*person{}

	prs := slices.Clone(h.PullRequests)
	slices.SortStableFunc(prs, func(a, b PullRequest) int { return cmp.Compare(a.Number, b.Number) })
	for _, pr := range prs {
		r.PullRequests++
		switch {
		case pr.Merged != nil:
			r.Merged++
		case pr.Closed != nil:
			r.Closed++
		default:
			r.Open++
		}
		approvals := stageApprovals(pr, cfg, index, members)
		last := -1
		for i, a := range approvals {
			if a == nil {
				continue
			}
			stageTimes[i] = append(stageTimes[i], a.wait)
			key := strings.ToLower(a.user)
			p := people[key]
			if p == nil {
				p = &person{login: a.user, stages: map[int]bool{}}
				people[key] = p
			}
			p.times = append(p.times, a.wait)
			p.stages[i] = true
			if last < 0 || !a.at.Before(approvals[last].at) {
				last = i // on a tie, the later stage in the config's order
			}
		}
		if pr.Merged != nil && last >= 0 {
			lastPending[last]++
			r.LastPendingOf++
		}
		r.missed(pr, now)
		r.rework(pr)
	}

	bottleneck := -1
	for i, s := range cfg.Stages {
		st := Stage{Name: s.Name, Approvers: []string{}, TimeToApprove: summarise(stageTimes[i]),
			LastPending: lastPending[i], LastPendingShare: share(lastPending[i], r.LastPendingOf)}
		for _, role := range s.Approvers {
			st.Approvers = append(st.Approvers, role.Name)
		}
		if st.TimeToApprove.Count > 0 && (bottleneck < 0 || st.TimeToApprove.Median > r.Stages[bottleneck].TimeToApprove.Median) {
			bottleneck = i
		}
		r.Stages = append(r.Stages, st)
	}
	if bottleneck >= 0 {
		r.Bottleneck = r.Stages[bottleneck].Name
	}
	for _, p := range people {
		rv := Reviewer{Login: p.login, Stages: []string{}, TimeToApprove: summarise(p.times)}
		for i, s := range cfg.Stages {
			if p.stages[i] {
				rv.Stages = append(rv.Stages, s.Name)
			}
		}
		r.Reviewers = append(r.Reviewers, rv)
	}
	slices.SortFunc(r.Reviewers, func(a, b Reviewer) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Login), strings.ToLower(b.Login)), cmp.Compare(a.Login, b.Login))
	})
	r.Missed.Share = share(r.Missed.Count, r.Missed.Scheduled)
	r.Rework.Share = share(r.Rework.WithRework, r.Rework.Reviewed)
	return r
}

// stageApprovals finds each stage's counting approval on pr, by the
// stage's index in cfg.Stages; nil where there is none. cfg.Stages come
// after the stages they follow, so each stage's predecessors are decided
// before it.
func stageApprovals(pr PullRequest, cfg *config.Config, index map[*config.Stage]int, members config.Members) []*approval {
	reviews := slices.Clone(pr.Reviews)
	slices.SortStableFunc(reviews, func(a, b Review) int { return a.Submitted.Compare(b.Submitted) })
	end := pr.Merged
	if end == nil {
		end = pr.Closed
	}
	out := make([]*approval, len(cfg.Stages))
	for i, s := range cfg.Stages {
		pending, ready := pr.Opened, true
		for _, after := range s.After {
			a := out[index[after]]
			if a == nil {
				ready = false
				break
			}
			if a.at.After(pending) {
				pending = a.at
			}
		}
		if !ready {
			continue
		}
		for _, rv := range reviews {
			if end != nil && rv.Submitted.After(*end) {
				break
			}
			if strings.EqualFold(rv.State, "APPROVED") && !rv.Submitted.Before(pending) &&
				!strings.EqualFold(rv.User, pr.Author) && holds(members.RolesOf(rv.User), s) {
				out[i] = &approval{user: rv.User, at: rv.Submitted, wait: rv.Submitted.Sub(pending)}
				break
			}
		}
	}
	return out
}

// holds reports whether someone with roles may approve stage s.
func holds(roles []string, s *config.Stage) bool {
	return slices.ContainsFunc(s.Approvers, func(r *config.Role) bool { return slices.Contains(roles, r.Name) })
}

// missed counts pr among the scheduled pull requests, and among the missed
// ones when it merged, or is still open at now, past its time and grace.
func (r *Report) missed(pr PullRequest, now time.Time) {
	if pr.PublishAt == nil || (pr.Merged == nil && pr.Closed != nil) {
		return
	}
	r.Missed.Scheduled++
	due := pr.PublishAt.Add(r.Grace)
	m := MissedPullRequest{Number: pr.Number, Author: pr.Author, PublishAt: *pr.PublishAt, Merged: pr.Merged}
	switch {
	case pr.Merged != nil && pr.Merged.After(due):
		m.Late = pr.Merged.Sub(*pr.PublishAt)
	case pr.Merged == nil && now.After(due):
		m.Late = now.Sub(*pr.PublishAt)
	default:
		return
	}
	r.Missed.Count++
	r.Missed.PullRequests = append(r.Missed.PullRequests, m)
}

// rework counts the pushes after pr's first review by someone other than
// its author.
func (r *Report) rework(pr PullRequest) {
	var first *time.Time
	for _, rv := range pr.Reviews {
		if !strings.EqualFold(rv.User, pr.Author) && (first == nil || rv.Submitted.Before(*first)) {
			first = &rv.Submitted
		}
	}
	if first == nil {
		return
	}
	r.Rework.Reviewed++
	n := 0
	for _, p := range pr.Pushes {
		if p.After(*first) {
			n++
		}
	}
	if n == 0 {
		return
	}
	r.Rework.WithRework++
	r.Rework.Pushes += n
	r.Rework.PullRequests = append(r.Rework.PullRequests, ReworkPullRequest{Number: pr.Number, Author: pr.Author, Pushes: n})
}

// summarise gives the count, median and nearest-rank 90th percentile.
func summarise(ds []time.Duration) Times {
	n := len(ds)
	if n == 0 {
		return Times{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	t := Times{Count: n, P90: s[(9*n+9)/10-1]} // rank ⌈0.9·n⌉, in integers
	if n%2 == 1 {
		t.Median = s[n/2]
	} else {
		t.Median = (s[n/2-1] + s[n/2]) / 2
	}
	return t
}

// hours is d in hours, rounded to two decimals.
func hours(d time.Duration) float64 { return math.Round(d.Hours()*100) / 100 }

// share is part of whole, from 0 to 1, rounded to four decimals; 0 of none.
func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(float64(part)/float64(whole)*10000) / 10000
}
