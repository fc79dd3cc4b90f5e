package style

import (
	"errors"
	"time"

	"github.com/dlclark/regexp2"
)

// DefaultBudget is how long one post may take across all of a Linter's
// rules. A social post is a few hundred words: the rules of four public
// Vale styles judge one in about a millisecond, so 1.5 seconds is only
// ever reached by a pathological pattern, and then the gate must fail
// closed rather than hang (one backtracking pattern once took 43 s over 20
// paragraphs).
const DefaultBudget = 1500 * time.Millisecond

// errBudgetSpent is the failure of a match stopped because the post's
// budget ran out.
var errBudgetSpent = errors.New("the post's matching budget is spent")

// budget is one post's time across all rules, and the matches that could
// not finish. Matchers check it between matches; the Linter between rules.
type budget struct {
	now      func() time.Time
	deadline time.Time
	spent    bool
	failures []failure
}

// failure is a match that did not finish on text (a unit's text, or the
// part of it an exception is checked on).
type failure struct {
	text string
	err  error
}

// expired reports whether the deadline has passed; once it has, it stays
// passed, whatever the clock says.
func (b *budget) expired() bool {
	if b == nil {
		return false
	}
	if !b.spent && !b.now().Before(b.deadline) {
		b.spent = true
	}
	return b.spent
}

// limit is how long the next backtracking match may run: what is left of
// the budget, never more than matchTimeout, and false when too little is
// left to start one. regexp2 checks its timeout against a clock that
// ticks every DefaultClockPeriod and adds a period to be safe, so a match
// may overrun by up to two periods: that much is kept back, so a post ends
// within its budget.
func (b *budget) limit() (time.Duration, bool) {
	if b == nil {
		return matchTimeout, true
	}
	left := b.deadline.Sub(b.now()) - 2*regexp2.DefaultClockPeriod
	if left <= 0 {
		b.spent = true
		return 0, false
	}
	return min(left, matchTimeout), true
}

// fail records a match that could not finish: never the same as no match.
func (b *budget) fail(text string, err error) {
	if b == nil {
		return
	}
	if errors.Is(err, errBudgetSpent) {
		b.spent = true
		return
	}
	b.failures = append(b.failures, failure{text: text, err: err})
}

// mark is how many matches have failed so far, for failedSince.
func (b *budget) mark() int {
	if b == nil {
		return 0
	}
	return len(b.failures)
}

// failedSince reports whether a match may have failed since mark was
// taken: one failed, or the budget is spent.
func (b *budget) failedSince(mark int) bool {
	return b != nil && (b.spent || len(b.failures) > mark)
}
