package action

import (
	"fmt"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/engine"
)

// candidate is an open pull request and its verdict: what a publishing
// plan is made from.
type candidate struct {
	pr pullreq.PullRequest
	v  *verdict
}

// decisionKind is what a publishing run does with a pull request.
type decisionKind int

const (
	// waits: not due (with when it is), or nothing to publish yet.
	waits decisionKind = iota
	// misses: due, but it cannot go out (with why): it gets a comment
	// and the missed-schedule label.
	misses
	// merges: due and passing, merged at the head judged.
	merges
)

func (k decisionKind) String() string {
	switch k {
	case waits:
		return "waits"
	case misses:
		return "misses"
	case merges:
		return "merges"
	}
	return fmt.Sprintf("decisionKind(%d)", int(k))
}

// decision is what a publishing run does with one open pull request, and
// why.
type decision struct {
	number int
	kind   decisionKind
	// due is when the pull request is due; zero when it has no time (a
	// draft, no post with a publish time). A schedule that cannot be read
	// is due now: it is missed, not waited on.
	due time.Time
	// reason says why it waits or misses; empty when it merges.
	reason string
	// head is the commit judged, the only one a merge may merge: GitHub
	// refuses the merge when the branch moved since.
	head string
}

// plan decides, at now, what a publishing run does with each open pull
// request, in order. It reads nothing but its arguments and writes
// nothing: carrying the plan out (merges, comments, labels, the
// calendar) is Publish's.
func plan(now time.Time, cands []candidate) []decision {
	out := make([]decision, 0, len(cands))
	for _, c := range cands {
		out = append(out, decide(now, c.pr, c.v))
	}
	return out
}

// decide is one pull request's decision. Times are instants: a schedule
// written in the team's zone was read into one already, so an hour that a
// change of clocks repeats or skips is no hour more or less of grace.
func decide(now time.Time, pr pullreq.PullRequest, v *verdict) decision {
	d := decision{number: pr.Number, head: pr.HeadSHA}
	wait := func(due time.Time, reason string) decision { d.kind, d.due, d.reason = waits, due, reason; return d }
	miss := func(due time.Time, reason string) decision { d.kind, d.due, d.reason = misses, due, reason; return d }
	if pr.Draft {
		return wait(time.Time{}, "a draft")
	}
	if v.summary.ScheduleProblem != "" {
		return miss(now, "its schedule cannot be read: "+v.summary.ScheduleProblem)
	}
	at := v.summary.Schedule.At
	if at.IsZero() {
		reason := "no post has a publish time"
		if len(v.summary.Problems) > 0 {
			reason = "it cannot be judged: " + firstLine(v.summary.Problems[0])
		}
		for _, f := range v.findings {
			if f.Rule == engine.RuleInput {
				reason = fmt.Sprintf("%s cannot be read: %s", f.Path, f.Message)
				break
			}
		}
		return wait(time.Time{}, reason)
	}
	if now.Before(at) {
		return wait(at, "not due yet")
	}
	grace := v.cfg.Schedule.Grace
	if late := now.Sub(at); late > grace && !v.cfg.Schedule.PublishLate && !reapprovedSince(v, pr.HeadSHA, at) {
		return miss(at, fmt.Sprintf("it missed its time by %s, more than the %s grace: it is not published late unless someone approves it again or re-schedules it (Merge-After or /schedule)",
			roundDuration(late), roundDuration(grace)))
	}
	if v.summary.Conclusion != "success" {
		reason := "it does not pass: " + v.summary.Title()
		if p := v.summary.PendingStages(); len(p) > 0 {
			reason += fmt.Sprintf(" (sign-off pending: %s)", strings.Join(p, ", "))
		}
		return miss(at, reason)
	}
	d.kind, d.due = merges, at
	return d
}
