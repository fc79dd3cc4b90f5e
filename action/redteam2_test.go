package action_test

import (
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// Second red team: each test is an attack on the gate or on publishing,
// its comment saying how it worked before it was closed; every test
// asserts the secure outcome, and SECURITY.md lists them.

// strictBase is a base config that loads the team's policies folder, and
// its policy, which the owners stage guards.
const strictBase = `
greenlight {
  publish_branch = "main"
  content        = ["posts/**/*.md"]
  timezone       = "America/New_York"
  policies       = ["policies"]
}
role "copy"   { users = ["kim"] }
role "brand"  { users = ["mia", "ada"] }
role "admins" { users = ["root"] }
stage "copy-edit" { approvers = [role.copy] }
stage "brand" {
  after     = [stage.copy-edit]
  approvers = [role.brand]
}
stage "owners" {
  approvers = [role.admins]
  when      = "config"
}
`

const strictPolicy = `package team.strict

deny contains {"msg": "No crypto promotions.", "rule": "team.no-crypto"} if contains(lower(input.post.text), "crypto")
`

// The owners stage is satisfied by an approval of commit C when the
// governed files "did not change" between C and the head, and "change"
// is gitrepo.Changes.ContentChanged, for which a deletion (status D) is no
// change ("nothing at path to be changed"). So the author gets root's
// approval for a harmless edit of a policy, then deletes another policy:
// root's approval still counts for the deletion it never saw, and the
// merge removes a rule from the publish branch for every later pull
// request. The same holds for CODEOWNERS, a workflow, a style rule.
func TestRedTeam2BlockedDeletingAPolicyAfterOwnersApproved(t *testing.T) {
	t.Parallel()
	ownersApprovedThen(t, "deleted", func(r *repo) { r.git("rm", "-q", "policies/strict.rego") })
}

// Renames of a governed file after the owners' approval are stale: the
// old path is no post, so judge.staleness stales the approval (the fix of
// the first red team's rename finding covers this too).
func TestRedTeam2BlockedRenamingAPolicyAfterOwnersApproved(t *testing.T) {
	t.Parallel()
	ownersApprovedThen(t, "renamed out of the .rego set", func(r *repo) { r.git("mv", "policies/strict.rego", "policies/strict.rego.off") })
	ownersApprovedThen(t, "renamed out of the folder", func(r *repo) { r.git("mv", "policies/strict.rego", "notes/strict.rego") })
}

func ownersApprovedThen(t *testing.T, name string, attack func(r *repo)) {
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		w := newWorldOnBase(t,
			func(r *repo) {
				r.write("greenlight.hcl", strictBase)
				r.write("policies/strict.rego", strictPolicy)
				r.write("policies/lib.rego", "package team.lib\n\nname := \"acme\"\n")
				r.write("notes/.keep", "")
			},
			// A harmless edit root is asked to approve.
			func(r *repo) {
				r.write("policies/lib.rego", "package team.lib\n\n# The company's name.\nname := \"acme\"\n")
			})
		approved := w.head
		w.approve("root", approved, 1)
		if out := w.run(t); out.Conclusion != "success" {
			t.Fatalf("the harmless edit, approved by root, should pass: %s\n%s", out.Conclusion, out.Markdown)
		}
		// After root's approval, the author pushes the attack.
		w.push(attack)
		out := w.run(t)
		if out.Conclusion == "success" {
			t.Errorf("bypass: policies/strict.rego %s after root approved %s, and the pull request passes on that approval:\n%s",
				name, approved[:7], out.Markdown)
		}
	})
}

// The control: an edit of the same policy after root's approval stales it.
func TestRedTeam2BlockedEditingAPolicyAfterOwnersApproved(t *testing.T) {
	t.Parallel()
	w := newWorldOnBase(t,
		func(r *repo) {
			r.write("greenlight.hcl", strictBase)
			r.write("policies/strict.rego", strictPolicy)
			r.write("policies/lib.rego", "package team.lib\n\nname := \"acme\"\n")
		},
		func(r *repo) {
			r.write("policies/lib.rego", "package team.lib\n\n# The company's name.\nname := \"acme\"\n")
		})
	w.approve("root", w.head, 1)
	w.push(func(r *repo) { r.write("policies/strict.rego", "package team.strict\n") })
	if out := w.run(t); out.Conclusion == "success" {
		t.Errorf("an edit after root's approval passed:\n%s", out.Markdown)
	}
}

// GitHub sets a pull request's base.sha when it is opened (and when its
// head is pushed), and never moves it as the base branch moves. The gate
// reads the config and policies at pr.base.sha. When the publish branch
// tightens its rules after a pull request is opened (here: an embargo on
// "Project Orion", the typical late rule), the push run judges the open
// pull requests by the pushed commit and fails this one; but the next
// event on the pull request (a review, an /approve, an edit of its
// description) judges it again at the frozen base.sha, by the old rules,
// and writes a passing check. The scheduled publish run reads base.sha
// from the list of pull requests too.
func TestRedTeam2BlockedGateJudgesByTheBaseBranchsTip(t *testing.T) {
	t.Parallel()
	orion := strings.Replace(postB, "Open a savings account today.", "Meet Project Orion, our new savings account.", 1)
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", orion) })
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("approved before the embargo: %s\n%s", out.Conclusion, out.Markdown)
	}

	// main tightens its rules: Project Orion is embargoed past the post's
	// publish time.
	w.git("checkout", "-q", "main")
	w.write("greenlight.hcl", baseConfig+`
embargo "orion" {
  tokens = ["Project Orion"]
  until  = "2027-01-15T09:00:00-05:00"
}
`)
	tightened := w.commit("embargo Project Orion")
	w.git("checkout", "-q", "post")
	w.gh.Mu.Lock()
	w.gh.Branches["main"] = tightened
	w.gh.Mu.Unlock()

	// The control: judged by the tightened rules, the post is blocked.
	w.gh.Mu.Lock()
	w.gh.PR.Base = tightened
	w.gh.Mu.Unlock()
	if out := w.run(t); out.Conclusion != "failure" {
		t.Fatalf("by main's current rules the embargoed post must fail: %s\n%s", out.Conclusion, out.Markdown)
	}

	// GitHub's payload and API still say base.sha is the commit the pull
	// request was opened on: the next event's run judges by it.
	w.gh.Mu.Lock()
	w.gh.PR.Base = w.base
	w.gh.Mu.Unlock()
	if out := w.run(t); out.Conclusion == "success" {
		t.Errorf("bypass: main embargoes Project Orion until 15 January at %s, but the gate judges the pull request at its frozen base.sha %s "+
			"and passes a post naming it for 2 December:\n%s", tightened[:7], w.base[:7], out.Markdown)
	}
}

// A post that missed its time by more than the grace is "not published
// late unless someone approves it again" (publish.go, reapprovedSince).
// Someone is anyone: reapprovedSince looks at every current approval, the
// approvals of people in no role too (on a public repository anyone can
// submit an approving review; GitHub only leaves it out of branch
// protection), and /approve commands of people in no role when
// comment_commands is on. A passer-by's approving review after the time
// publishes a stale, time-bound post days late.
func TestRedTeam2BlockedLatePublishNeedsARoleHoldersReapproval(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.open(41, "sale.md", post("Sale", "2026-11-27 09:00", "Our Black Friday sale ends tonight."))
	d.approve(41, "kim", "mia")
	for i := range d.gh.Pulls[41].Reviews { // kim and mia signed off before its time
		d.gh.Pulls[41].Reviews[i].Submitted = time.Date(2026, 11, 26, 10, i, 0, 0, time.UTC)
	}
	// eve holds no role; she approves four days after the post's time.
	d.gh.Pulls[41].Reviews = append(d.gh.Pulls[41].Reviews, fakegithub.Review{ID: 4199, User: "eve", State: "APPROVED", Commit: d.heads[41],
		Submitted: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)})
	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if d.gh.Pulls[41].Merged {
		t.Errorf("bypass: a post due 27 November was published on 1 December because eve, in no role, approved it again: %+v", out.Published)
	}
}

// The scheduled publish run judges each open pull request at the base.sha
// GitHub lists, which is frozen at the commit the pull request was opened
// on: a rule the publish branch added since (an embargo) is not applied,
// and the post is merged, published, by the old rules.
func TestRedTeam2BlockedPublishJudgesByTheBaseBranchsTip(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.open(51, "orion.md", post("Orion", "2026-12-01 09:00", "Meet Project Orion, our new dashboard."))
	d.approve(51, "kim", "mia")
	// main (checked out, as the scheduled workflow's checkout) embargoes
	// Project Orion after the pull request was opened.
	d.write("greenlight.hcl", baseConfig+`
embargo "orion" {
  tokens = ["Project Orion"]
  until  = "2027-01-15T09:00:00-05:00"
}
`)
	d.gh.Branches["main"] = d.commit("embargo Project Orion")
	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if d.gh.Pulls[51].Merged {
		t.Errorf("bypass: main embargoes Project Orion until 15 January, but the publish run judged #51 by the config at its frozen base.sha "+
			"and merged it on 1 December: %+v", out.Published)
	}
}

// A pull request that only removes a post (here: a scheduled, approved
// post on the publish branch, posts/a.md) needs no stage: removed posts
// are listed in the summary and nothing else. Whoever can open a pull
// request unpublishes the team's scheduled posts (or a correction, or a
// required disclosure) with nobody's approval.
func TestRedTeam2BlockedRemovingAPostNeedsOwners(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) { r.git("rm", "-q", "posts/a.md") })
	out := w.run(t)
	if out.Conclusion == "success" {
		t.Errorf("bypass: removing posts/a.md passes with no approval at all:\n%s", out.Markdown)
	}
}
