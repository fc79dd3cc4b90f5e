package action_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/summary"
)

// These are the gate's fail-closed cases: each is a way a pull request's
// author could get a post to the publish branch unjudged, and each must
// end in a blocked verdict that says why (SECURITY.md lists them).

// A post committed as a symlink is never followed, never skipped: it is an
// error on the post, whatever it points to.
func TestGateBlocksAPostCommittedAsASymlink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change func(r *repo)
	}{
		{"to a text file holding a compliance claim", func(r *repo) {
			r.write("notes/claim.txt", "---\ntitle: Returns\n---\nGuaranteed returns, risk-free.\n")
			r.symlink("../notes/claim.txt", "posts/new.md")
		}},
		{"to another post", func(r *repo) { r.symlink("a.md", "posts/new.md") }},
		{"replacing an approved post", func(r *repo) {
			r.write("notes/claim.txt", "---\ntitle: Returns\n---\nRisk-free returns.\n")
			r.git("rm", "-q", "posts/a.md")
			r.symlink("../notes/claim.txt", "posts/a.md")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, tc.change)
			out := w.run(t)
			if out.Conclusion != "failure" {
				t.Fatalf("conclusion = %s, want failure", out.Conclusion)
			}
			run := w.checkRun(t)
			if run.Conclusion != "failure" || !strings.Contains(run.Summary, "is a symlink") {
				t.Errorf("check run %s does not say the post is a symlink:\n%s", run.Conclusion, run.Summary)
			}
			if strings.Contains(run.Summary, "No posts changed") {
				t.Errorf("the summary calls a symlinked post no change:\n%s", run.Summary)
			}
		})
	}
}

// .gitattributes in the head cannot change the bytes Greenlight judges:
// re-encoded to UTF-16 on checkout, the claim is still read as committed,
// and legal is still required.
func TestGateJudgesTheCommittedBytesWhateverGitattributesSay(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) {
		r.write("posts/b.md", strings.Replace(postB, "today.", "today, risk-free.", 1))
		// An old modification time keeps git from hashing the post again
		// once the attribute exists: its blob stays the UTF-8 text.
		old := time.Now().Add(-time.Hour)
		if err := os.Chtimes(filepath.Join(r.dir, "posts", "b.md"), old, old); err != nil {
			t.Fatal(err)
		}
		r.commit("the post, in UTF-8 as reviewers see it")
		r.write(".gitattributes", "posts/*.md working-tree-encoding=UTF-16LE\n")
	})
	if blob := w.git("cat-file", "blob", w.head+":posts/b.md"); !strings.Contains(blob, "risk-free") {
		t.Fatalf("the committed post is not the UTF-8 text: %q", blob)
	}
	if archived := w.git("archive", w.head, "posts/b.md"); strings.Contains(archived, "risk-free") {
		t.Fatal("git archive does not re-encode the post; this test would prove nothing")
	}
	out := w.run(t)
	if out.Conclusion != "failure" || !strings.Contains(strings.Join(out.BlockedStages, ","), "legal") {
		t.Errorf("conclusion %s, blocked %v: want legal required by the claim", out.Conclusion, out.BlockedStages)
	}
}

// symlink commits a symlink at name pointing to target.
func (r *repo) symlink(target, name string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		r.t.Skipf("symlinks: %v", err)
	}
}

// A changed post's file name that spells the record of seen commands does
// not make an /approve count that no run saw.
func TestGateRecordCannotBeForgedThroughAFileName(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.enableCommands()
	forged := `posts/x <!-- greenlight:commands {"901":{"commit":"` + w.head + `","updated":"` + at.Format(time.RFC3339) + `"}} -->.md`
	w.gh.Mu.Lock()
	w.gh.PR.Base, w.gh.PR.Head = w.base, w.head
	w.gh.Files = append(w.files(w.base, w.head), fakegithub.File{Name: forged, Status: "added"})
	// kim's command started no run (the workflow was off, say).
	w.gh.Comments = append(w.gh.Comments, fakegithub.Comment{ID: 901, User: "kim", Body: "/approve", Created: at})
	w.gh.Mu.Unlock()
	w.run(t)
	if own := w.summaryComments(); len(own) != 1 || !strings.Contains(own[0].Body, "greenlight:commands") {
		t.Fatalf("the summary comment does not show the forged file name; this test would prove nothing")
	}
	out := w.run(t)
	if got := strings.Join(out.BlockedStages, ","); !strings.HasPrefix(got, "copy-edit") {
		t.Errorf("blocked %s: kim's unseen /approve counted through the record a file name spelled\n%s", got, out.Markdown)
	}
}

// Files in a content folder that the content globs do not select (another
// extension or case, a README) may still be published by a posting tool:
// they need the owners stage, as a config change does.
func TestGateFilesInAContentFolderThatAreNoPostsNeedOwners(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) {
		r.write("posts/c.MD", "---\ntitle: Shouting\n---\nRisk-free returns!\n")
		r.write("posts/d.markdown", "Risk-free returns.\n")
		r.write("posts/README.md", "Risk-free returns.\n")
		r.write("notes/plan.txt", "not in a content folder\n")
	})
	out := w.run(t)
	if out.Conclusion != "failure" || strings.Join(out.BlockedStages, ",") != "owners" {
		t.Fatalf("conclusion %s, blocked %v; want failure waiting for owners", out.Conclusion, out.BlockedStages)
	}
	for _, want := range []string{"`posts/c.MD`", "`posts/d.markdown`", "`posts/README.md`", "list them in `ignore`"} {
		if !strings.Contains(out.Markdown, want) {
			t.Errorf("the summary does not name %s:\n%s", want, out.Markdown)
		}
	}
	if strings.Contains(out.Markdown, "notes/plan.txt") {
		t.Errorf("a file outside the content folders is listed:\n%s", out.Markdown)
	}
	w.approve("root", w.head, 5)
	if out := w.run(t); out.Conclusion != "success" {
		t.Errorf("after the owners' approval: %s %v\n%s", out.Conclusion, out.BlockedStages, out.Markdown)
	}
}

// A change to .gitattributes changes what a checkout reads from the
// committed bytes: it needs the owners stage.
func TestGateGitattributesNeedOwners(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) { r.write(".gitattributes", "*.md text eol=crlf\n") })
	if out := w.run(t); strings.Join(out.BlockedStages, ",") != "owners" {
		t.Errorf("blocked %v, want owners for .gitattributes", out.BlockedStages)
	}
}

// GitHub lists at most 3,000 of a pull request's files: past that a post
// could go unjudged, so the pull request is blocked with the reason.
func TestGateBlocksPastGitHubsListOfFiles(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.gh.Mu.Lock()
	for i := range 3001 {
		w.gh.Files = append(w.gh.Files, fakegithub.File{Name: fmt.Sprintf("notes/%04d.txt", i), Status: "added"})
	}
	w.gh.Mu.Unlock()
	out := w.run(t)
	if out.Conclusion != "failure" || !strings.Contains(out.Markdown, "GitHub lists at most 3000 of a pull request's files") {
		t.Errorf("conclusion %s:\n%s", out.Conclusion, out.Markdown)
	}
}

// A base branch without greenlight.hcl blocks every pull request, with the
// fix, unless the workflow opts into the built-in defaults.
func TestGateWithoutAConfigFailsClosed(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.git("checkout", "-q", "main")
	w.git("rm", "-q", "greenlight.hcl")
	w.base = w.commit("no config")
	w.git("checkout", "-q", "post")
	w.git("rebase", "-q", "main")
	w.head = w.git("rev-parse", "HEAD")
	w.gh.Mu.Lock()
	w.gh.PR.Base, w.gh.PR.Head = w.base, w.head
	w.gh.Files = w.files(w.base, w.head)
	w.gh.Mu.Unlock()
	out := w.run(t)
	if out.Conclusion != "failure" || !strings.Contains(out.Markdown, "there is no greenlight.hcl at") || !strings.Contains(out.Markdown, "allow-defaults") {
		t.Errorf("without a config: %s\n%s", out.Conclusion, out.Markdown)
	}
	out = w.run(t, func(o *action.Options) { o.AllowDefaults = true })
	if strings.Contains(out.Markdown, "there is no greenlight.hcl") || !strings.Contains(out.Markdown, "built-in defaults") {
		t.Errorf("with allow-defaults the defaults do not apply:\n%s", out.Markdown)
	}
}

// With the workflow's token Greenlight writes as github-actions[bot]: a
// comment of another App's bot bearing the summary marker and a record of
// seen commands is neither taken for Greenlight's nor edited.
func TestGateOnlyItsOwnBotsCommentsAreItsOwn(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.enableCommands()
	forged := fakegithub.Comment{ID: 902, User: "evil-app[bot]", Bot: true, Created: at, Body: summary.Marker("main") +
		fmt.Sprintf("\n<!-- greenlight:commands {\"901\":{\"commit\":%q,\"updated\":%q}} -->\nAll good.", w.head, at.Format(time.RFC3339))}
	w.gh.Mu.Lock()
	w.gh.PR.Base, w.gh.PR.Head = w.base, w.head
	w.gh.Files = w.files(w.base, w.head)
	w.gh.Comments = append(w.gh.Comments, fakegithub.Comment{ID: 901, User: "kim", Body: "/approve", Created: at}, forged)
	w.gh.Mu.Unlock()
	out := w.run(t, func(o *action.Options) { o.BotLogin = "github-actions[bot]" })
	if got := strings.Join(out.BlockedStages, ","); got != "copy-edit,brand" {
		t.Errorf("blocked %s, want copy-edit,brand: another bot's record counted kim's unseen command\n%s", got, out.Markdown)
	}
	untouched(t, w.gh, 2, []fakegithub.Comment{forged})
	if mine := commentsOf(w.gh, 2, summary.Marker("main"), "github-actions[bot]"); len(mine) != 1 {
		t.Errorf("%d summary comments by github-actions[bot], want its own one", len(mine))
	}
	// Not knowing its bot, it says so.
	if out := w.run(t); !strings.Contains(out.Markdown, "give the action its app-slug") {
		t.Errorf("without the bot's login the summary does not say records could be forged:\n%s", out.Markdown)
	}
}

// A waiver in the base's config applies in the gate exactly as it does in
// greenlight check: its post globs are relative to the config's folder,
// whatever folder the run extracted the config and the posts to.
func TestGateAppliesWaiversByTheConfigsGlobs(t *testing.T) {
	t.Parallel()
	w := newWorldOnBase(t,
		func(r *repo) {
			r.write("greenlight.hcl", baseConfig+`
waiver "legacy-spelling" {
  rules  = ["brand-names"]
  posts  = ["posts/a.md"]
  reason = "The quote keeps the customer's spelling."
}
`)
		},
		func(r *repo) {
			r.write("posts/a.md", strings.Replace(postA, "one place.", "one place on Github.", 1))
			r.write("posts/b.md", strings.Replace(postB, "today.", "today on Github.", 1))
		})
	w.run(t)
	run := w.checkRun(t)
	if hasAnnotation(run, "posts/a.md", 6, "failure", "GitHub") {
		t.Errorf("the waiver of brand-names for posts/a.md does not apply in the gate:\n%s", run.Summary)
	}
	if !hasAnnotation(run, "posts/b.md", 6, "failure", "GitHub") {
		t.Errorf("the waiver applies beyond its posts glob:\n%s", run.Summary)
	}
	if !strings.Contains(run.Summary, "legacy-spelling") {
		t.Errorf("the summary does not report the waiver used:\n%s", run.Summary)
	}
}
