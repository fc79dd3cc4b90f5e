package action_test

import (
	"testing"
	"time"
)

// Fourth red team: each test is an attack on the gate or on publishing,
// its comment saying how it worked before it was closed; every test
// asserts the secure outcome, and SECURITY.md lists them.

// A pull request with several posts is due at its earliest post's time
// (schedule { due = "earliest" }, the default), and its merge publishes
// every post in it. The embargo policy judged each post at its own
// publish_at, so a post naming an embargoed term, scheduled the day after
// the embargo lifts, rode along with a harmless post scheduled before it:
// the publish run merged both at the harmless post's time, while the
// embargo still held.
func TestRedTeam4BlockedEmbargoedPostRidingAnEarlierPost(t *testing.T) {
	t.Parallel()
	d := orionDesk(t)
	d.openPosts(41, map[string]string{
		"tip.md":   post("A tip", "2026-12-01 09:00", "Pin a report to find it again."),
		"orion.md": post("Orion", "2026-12-04 09:00", "Meet Project Orion, our new dashboard."),
	})
	d.approve(41, "kim", "mia")

	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC), false) // 1 Dec, 09:00 EST
	if d.gh.Pulls[41].Merged {
		t.Errorf("bypass: a post naming Project Orion was merged for publishing on 1 December, two days before the embargo lifts, "+
			"because a post due earlier shares its pull request: %+v", out.Published)
	}
}
