package action_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/audit"
	"github.com/greenlighthq/greenlight/action/gitrepo"
)

// Fifth red team: each test is an attack on the gate or on publishing,
// its comment saying how it worked before it was closed; every test
// asserts the secure outcome, and SECURITY.md lists them.

// A post's title is the author's, and YAML's escapes put a line break in
// it that no byte of the file shows ("Tips (#99)\n\nnotes"). The publish
// run wrote the titles into the merge commit's subject as they were, so
// the subject git keeps was "Publish: Tips (#99)": `greenlight audit`
// reads the pull request's number from the subject, found 99 there and
// 11 in the trailers, and dropped the merge's sign-offs from the record
// regulated teams keep.
func TestRedTeam5BlockedATitleBreakingTheMergeSubject(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.open(11, "due.md", post(`"Tips (#99)\n\nnotes"`, "2026-12-01 09:00", "Our dashboards show every report in one place."))
	d.approve(11, "kim", "mia")

	d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if !d.gh.Pulls[11].Merged {
		t.Fatal("#11 was not merged")
	}
	repo, err := gitrepo.Open(context.Background(), d.dir)
	if err != nil {
		t.Fatal(err)
	}
	records, err := audit.History(context.Background(), repo, "main")
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 2 {
		t.Errorf("the audit holds %d sign-offs of #11, want 2 (kim and mia): %+v", len(records), records)
	}
	subject, _, _ := strings.Cut(d.git("log", "-1", "--format=%B", "main"), "\n")
	if !strings.HasSuffix(subject, "(#11)") {
		t.Errorf("the merge's subject is %q, want one line ending (#11)", subject)
	}
}
