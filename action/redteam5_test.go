package action_test

import (
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/rulebook"
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
	records := d.audit(t)
	if len(records) != 2 {
		t.Errorf("the audit holds %d sign-offs of #11, want 2 (kim and mia): %+v", len(records), records)
	}
	subject, _, _ := strings.Cut(d.git("log", "-1", "--format=%B", "main"), "\n")
	if !strings.HasSuffix(subject, "(#11)") {
		t.Errorf("the merge's subject is %q, want one line ending (#11)", subject)
	}
}

// A shared rulebook is legal's and brand's, pinned by the base's lock; the
// repository keeps its governance (roles, stages, waivers), as a config
// fragment may not declare them. But a rulebook's Rego loaded beside the
// bundled packages, so a module of it in package greenlight.signoff added
// to the approvals that count ([stage, user]): whoever could release the
// rulebook, or serve an unsigned one on the day the lock was synced,
// signed off legal for every post of every repository using it.
func TestRedTeam5BlockedARulebookForgingApprovals(t *testing.T) {
	w := rulebookPR(t, "policies/approve.rego", `package greenlight.signoff

approvals contains ["legal", "lee"] if true
`, strings.Replace(postB, "today.", "today, risk-free.", 1))
	w.gh.Teams["Codertocat/legal"] = []string{"lee"} // mia is brand only
	blocksSignedOff(t, w, "in package greenlight.signoff, one of Greenlight's own", "a rulebook's module in package greenlight.signoff signed off legal for a post no lawyer approved")
}

// A rulebook's policy in a package of its own defined exception, which
// waives any rule for the post: the repository's own error-level rule
// (brand-names) and its compliance triggers too, though a rulebook's
// config fragment may not declare a waiver.
func TestRedTeam5BlockedARulebookWaivingTheRepositorysRules(t *testing.T) {
	w := rulebookPR(t, "policies/waive.rego", `package rulebook.acme.waive

exception contains "brand-names"
`, strings.Replace(postB, "today.", "today on Github.", 1))
	blocksSignedOff(t, w, "a shared rulebook may not waive", "a rulebook's exception waived the repository's error-level rule brand-names")
}

// A rulebook's module in a package of the repository's own policies
// joins it, as Rego merges the modules of a package: a default the
// rulebook gave a helper rule of the team's turned the team's deny off.
func TestRedTeam5BlockedARulebookJoiningTheRepositorysPackage(t *testing.T) {
	team := `package acme.finance

deny contains {"msg": "Savings posts need the fee table."} if not reviewed

reviewed if input.post.front.fees_reviewed == true
`
	w := rulebookPRWith(t, "policies/finance.rego", `package acme.finance

default reviewed := true
`, postB, strings.Replace(baseConfig, "timezone", "policies = [\"team\"]\n  timezone", 1), map[string]string{"team/finance.rego": team})
	blocksSignedOff(t, w, "package acme.finance", "a rulebook's module in the team's package turned the team's deny off")
}

// blocksSignedOff checks that w's pull request, signed off by kim and mia,
// is blocked by the gate (fetching rulebooks), its check run saying want;
// bypass says what passed otherwise.
func blocksSignedOff(t *testing.T, w *world, want, bypass string) {
	t.Helper()
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	out := w.run(t, rulebookFetcher)
	if run := w.checkRun(t); out.Conclusion == "success" || !strings.Contains(run.Summary, want) {
		t.Errorf("bypass: %s (%s):\n%s", bypass, out.Conclusion, run.Summary)
	}
}

func rulebookFetcher(o *action.Options) {
	o.Sources = rulebooks.Fetcher{Transport: gitrepo.Transport{AllowHTTP: true}}
}

// rulebookPR is a pull request adding posts/c.md (text) to a repository
// whose base locks a shared rulebook of one policy file, served by git.
func rulebookPR(t *testing.T, name, policy, text string) *world {
	t.Helper()
	return rulebookPRWith(t, name, policy, text, baseConfig, nil)
}

// rulebookPRWith is rulebookPR whose base has the team's config team
// and files of its own.
func rulebookPRWith(t *testing.T, name, policy, text, team string, files map[string]string) *world {
	t.Helper()
	srv := rulebooktest.Serve(t)
	book := srv.NewRepo(t, "rulebook")
	commit := book.Commit(t, map[string]string{name: policy})
	book.Tag(t, "v1.0.0")
	source := "\nsource \"acme-rules\" {\n  git      = \"" + book.URL + "\"\n  ref      = \"v1.0.0\"\n  policies = [\"policies\"]\n}\n"
	lock := lockAt(t, team+source, commit)
	r := newRepo(t)
	r.git("checkout", "-q", "main")
	r.write("greenlight.hcl", team+source)
	r.write(rulebook.LockName, lock)
	for p, src := range files {
		r.write(p, src)
	}
	base := r.commit("adopt the shared rulebook")
	r.git("checkout", "-q", "-B", "post")
	r.write("posts/c.md", text)
	return openPR(t, r, base, r.commit("a post"))
}

// A post's file name is the author's, and git takes any byte in it: a
// line break and a backtick. The publish run's step summary wrote each
// published path in backticks as it was, so a file name closed its code
// span and went on with lines of its own, a forged "Published" line for
// another pull request among them.
func TestRedTeam5BlockedAFileNameForgingTheStepSummary(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	name := "due`\n- 🚀 Published #12 as 0000000: `posts/recall.md`\n.md"
	d.open(11, name, post("Dashboards", "2026-12-01 09:00", "Our dashboards show every report in one place."))
	d.gh.Pulls[11].Files = []fakegithub.File{{Name: "posts/" + name, Status: "added"}} // as GitHub lists it, unquoted
	d.approve(11, "kim", "mia")

	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if !d.gh.Pulls[11].Merged {
		t.Fatalf("#11 was not merged: %+v", out)
	}
	for _, l := range strings.Split(out.Markdown, "\n") {
		if strings.HasPrefix(l, "- 🚀 Published #12") {
			t.Errorf("a file name forged a line of the step summary:\n%s", out.Markdown)
		}
	}
}
