package action_test

import (
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// Red-team cases: each is a way a pull request's author could get a post
// merged unjudged or without the sign-offs it needs, found by attacking the
// gate, each comment saying how the attack worked before it was closed.
// Every test asserts the secure outcome; SECURITY.md lists them.

// newWorldOnBase is newWorld with a change committed to main first (the
// trusted base), then the pull request's change on top.
func newWorldOnBase(t *testing.T, onBase, change func(r *repo)) *world {
	t.Helper()
	r := newRepo(t)
	r.git("checkout", "-q", "main")
	onBase(r)
	r.commit("base change")
	r.git("checkout", "-q", "post")
	r.git("reset", "-q", "--hard", "main")
	base := r.git("rev-parse", "main")
	change(r)
	head := r.commit("change posts")
	gh := fakegithub.New(t, fakegithub.PR{Number: 2, Author: "ada", Head: head, HeadRef: "post", Base: base, BaseRef: "main"})
	gh.Files = r.files(base, head)
	gh.Teams["Codertocat/legal"] = []string{"lee", "mia"}
	return &world{repo: r, gh: gh, base: base, head: head,
		summary: t.TempDir() + "/summary.md", output: t.TempDir() + "/output"}
}

// The staleness check follows renames by blob id: a file that sat at the
// approved commit anywhere in the tree (here a note on the base branch,
// outside every content folder, that no reviewer was ever shown as a post)
// and is then moved into posts/ keeps every approval of that commit, as if
// the reviewers had approved it as a post.
func TestRedTeamBlockedRenameIntoPostsDoesNotInheritApprovals(t *testing.T) {
	t.Parallel()
	smuggled := "---\ntitle: Hot take\nchannels: [x]\npublish_at: 2026-12-03T09:00:00-05:00\n---\nOur competitor's dashboards are a scam and their CEO is a fraud.\n"
	w := newWorldOnBase(t,
		func(r *repo) { r.write("notes/rejected-draft.md", smuggled) }, // never a post: notes/ is no content folder
		func(r *repo) { r.write("posts/b.md", postB) })
	approved := w.head
	w.approve("kim", approved, 1)
	w.approve("mia", approved, 2)
	if out := w.run(t); out.Conclusion != "success" {
		t.Fatalf("the innocuous pull request should pass once approved: %s %v", out.Conclusion, out.BlockedStages)
	}
	// After the approvals, the author moves the note into posts/.
	w.push(func(r *repo) { r.git("mv", "notes/rejected-draft.md", "posts/hot-take.md") })
	out := w.run(t)
	if out.Conclusion == "success" {
		t.Errorf("bypass: posts/hot-take.md, never shown to kim or mia as a post, is merged on their approvals of %s:\n%s", approved[:7], out.Markdown)
	}
	if !strings.Contains(strings.Join(out.BlockedStages, ","), "copy-edit") {
		t.Errorf("blocked %v: copy-edit should wait for someone to read the new post", out.BlockedStages)
	}
}

// The control for the case above: the same text added as a new file (not
// a rename) is blocked on every stage, as it should be.
func TestRedTeamBlockedCopyOfAFileIntoPostsNeedsFreshApprovals(t *testing.T) {
	t.Parallel()
	smuggled := "---\ntitle: Hot take\nchannels: [x]\n---\nOur competitor's dashboards are a scam.\n"
	w := newWorldOnBase(t,
		func(r *repo) { r.write("notes/rejected-draft.md", smuggled) },
		func(r *repo) { r.write("posts/b.md", postB) })
	approved := w.head
	w.approve("kim", approved, 1)
	w.approve("mia", approved, 2)
	w.push(func(r *repo) { r.write("posts/hot-take.md", smuggled) })
	if out := w.run(t); out.Conclusion != "failure" || !strings.HasPrefix(strings.Join(out.BlockedStages, ","), "copy-edit") {
		t.Errorf("a copied (not renamed) file: %s %v", out.Conclusion, out.BlockedStages)
	}
}

// An /approve comment is tied to the head the run it triggered reads,
// not to the head its author read: a push that lands between the comment
// and that run (the workflow's start-up takes seconds to minutes, and the
// author is notified of the comment at once) is approved unseen.
func TestRedTeamBlockedApproveCommentRacingAPush(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) {
		r.write("greenlight.hcl", baseConfig)
		r.write("posts/b.md", postB)
	})
	w.enableCommands()
	w.gh.PR.Base, w.gh.PR.Head = w.base, w.head
	w.gh.Files = w.files(w.base, w.head)
	read := w.head // what kim reads

	at := time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)
	comment := func(id int64, user string) func(*action.Options) {
		c := fakegithub.Comment{ID: id, User: user, Body: "/approve", Created: at}
		w.gh.Mu.Lock()
		w.gh.Comments = append(w.gh.Comments, c)
		w.gh.Mu.Unlock()
		return func(o *action.Options) { o.Env.EventName, o.Env.EventPath = "issue_comment", commentEvent(t, c) }
	}
	// kim and mia comment /approve on what they read; before the runs
	// their comments started begin, the author pushes new text.
	kim := comment(701, "kim")
	mia := comment(702, "mia")
	w.push(func(r *repo) {
		r.write("posts/b.md", strings.Replace(postB, "Open a savings account today.", "Our competitor's bank is going under: move your savings to us today.", 1))
	})
	if w.head == read {
		t.Fatal("the push did not move the head")
	}
	w.run(t, kim)
	out := w.run(t, mia)
	if out.Conclusion == "success" {
		t.Errorf("bypass: text pushed after kim's and mia's /approve comments is approved in their names:\n%s", out.Markdown)
	}
}

// orionDesk is a desk whose main embargoes Project Orion until 3
// December 2026, 09:00 EST.
func orionDesk(t *testing.T) *desk {
	t.Helper()
	d := newDesk(t)
	d.write("greenlight.hcl", baseConfig+`
embargo "orion" {
  tokens = ["Project Orion"]
  until  = "2026-12-03T09:00:00-05:00"
}
`)
	d.base = d.commit("embargo Project Orion until 3 December")
	d.gh.Branches["main"] = d.base
	return d
}

// A Merge-After line in the description moves when the publish run
// merges, but the description belongs to the author, needs no role, and
// editing it stales no approval; the embargo policy judges the post's
// publish_at, not the time it is merged. So an approved post scheduled
// after an embargo lifts can be merged (published) while it still holds.
func TestRedTeamBlockedMergeAfterBeforePublishAt(t *testing.T) {
	t.Parallel()
	d := orionDesk(t)
	// Scheduled the day after the embargo lifts: the embargo policy passes.
	d.open(31, "orion.md", post("Orion", "2026-12-04 09:00", "Meet Project Orion, our new dashboard."))
	d.approve(31, "kim", "mia")
	// After the approvals, the author edits the description.
	d.gh.Pulls[31].Body = "Small wording fixes.\n\nMerge-After: 2026-12-01 08:30\n"

	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false) // 1 Dec, 09:30 EST
	if d.gh.Pulls[31].Merged {
		t.Errorf("bypass: a post naming Project Orion was merged for publishing on 1 December, two days before the embargo lifts, "+
			"because its author wrote Merge-After in the description: %+v", out.Published)
	}
}

// The content globs are matched case-sensitively, and so is the test for
// "a file in a content folder that is no post": a folder spelled Posts/
// is neither, so it needs no stage at all. A posting tool on a
// case-insensitive file system (macOS, Windows) or one that matches
// folders without case reads Posts/x.md as posts/x.md.
func TestRedTeamBlockedContentFolderInAnotherCaseNeedsOwners(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) {
		r.write("Posts/b.md", strings.Replace(postB, "today.", "today, risk-free.", 1))
	})
	out := w.run(t)
	if out.Conclusion == "success" {
		t.Errorf("bypass: Posts/b.md (a risk-free claim) passes with no stage and no judgement:\n%s", out.Markdown)
	}
}

// Only greenlight.hcl, the policy and style folders, .github/workflows/,
// action.yml, .gitattributes and .gitmodules are governed. A local action
// that the base's workflows run (uses: ./.github/actions/...), and the
// CODEOWNERS file that SECURITY.md's step 3 relies on to protect the
// workflows, change with no stage at all: "No posts changed" passes.
func TestRedTeamBlockedLocalActionsAndCodeownersNeedOwners(t *testing.T) {
	t.Parallel()
	for name, file := range map[string]string{
		"a local action":         ".github/actions/setup/action.yml",
		"CODEOWNERS in .github":  ".github/CODEOWNERS",
		"CODEOWNERS at the root": "CODEOWNERS",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := newWorldOnBase(t,
				func(r *repo) { r.write(file, "# protected\n") },
				func(r *repo) { r.write(file, "# changed by the pull request's author\n") })
			out := w.run(t)
			if out.Conclusion == "success" {
				t.Errorf("bypass: a change to %s passes with no owners' approval:\n%s", file, out.Markdown)
			}
		})
	}
}
