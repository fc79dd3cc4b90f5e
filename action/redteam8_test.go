package action_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// Anyone with write access to the repository (the author of a
// same-repository pull request) can edit anyone's comment, and re-run
// any workflow run, which replays the run's original event. Mia, of
// brand, wrote "I will /approve once the claim has a source" on the head
// she read: no command. The author edits her comment into "/approve" and
// re-runs the run her comment started: the event names her comment, so
// its text, as GitHub now lists it, counted as mia's command.
func TestRedTeam8BlockedACommentEditedIntoAnApproveByAnother(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.enableCommands()
	w.gh.PR.Base, w.gh.PR.Head = w.base, w.head
	w.gh.Files = w.files(w.base, w.head)
	at := time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)
	// The pull request's own run sees the head, an hour before mia reads it.
	w.run(t, func(o *action.Options) { o.Now = func() time.Time { return at.Add(-time.Hour) } })
	w.approve("kim", w.head, 1)

	said := fakegithub.Comment{ID: 801, User: "mia", Body: "I will /approve once the claim has a source.", Created: at}
	w.gh.Mu.Lock()
	w.gh.Comments = append(w.gh.Comments, said)
	w.gh.Mu.Unlock()
	event := func(o *action.Options) { o.Env.EventName, o.Env.EventPath = "issue_comment", commentEvent(t, said) }
	if out := w.run(t, event); strings.Join(out.BlockedStages, ",") != "brand" {
		t.Fatalf("before the edit: blocked %v, want brand: mia approved nothing\n%s", out.BlockedStages, out.Markdown)
	}

	// The author edits mia's comment, then re-runs the run it started:
	// the same event, mia's comment as she wrote it.
	w.gh.Mu.Lock()
	for i := range w.gh.Comments {
		if w.gh.Comments[i].ID == said.ID {
			w.gh.Comments[i].Body, w.gh.Comments[i].Updated = "/approve", at.Add(30*time.Minute)
		}
	}
	w.gh.Mu.Unlock()
	if out := w.run(t, event); out.Conclusion == "success" {
		t.Errorf("bypass: mia's comment, edited into /approve by someone else, approves brand in her name:\n%s", out.Markdown)
	}
	// A workflow that also runs on edits: the edit's event carries the
	// edited text, but the edit is the editor's act.
	edited := said
	edited.Body = "/approve"
	editEvent := func(o *action.Options) {
		o.Env.EventName, o.Env.EventPath = "issue_comment", withAction(t, commentEvent(t, edited), "edited")
	}
	if out := w.run(t, editEvent); out.Conclusion == "success" {
		t.Errorf("bypass: the edited event of mia's comment approves brand in her name:\n%s", out.Markdown)
	}
}

// withAction rewrites the event payload at path to another action.
func withAction(t *testing.T, path, act string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	ev["action"] = act
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A post's image may be a symlink, or sit in a linked folder, which a
// posting tool's checkout follows to the file it publishes. The author
// adds the post with media/logo.png linking to media/v1/logo.png (or
// media/art linking to a folder); kim and mia approve; the author swaps
// the file the link points to. The post's text and the path it names did
// not change, so their approvals counted for an image they never saw.
func TestRedTeam8BlockedMediaSwappedBehindASymlink(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		post string
		link func(r *repo)
		swap func(r *repo)
	}{
		"a linked file": {postWithLogo("Dashboards"), func(r *repo) {
			r.write("media/v1/logo.png", "the approved logo")
			r.symlink("v1/logo.png", "media/logo.png")
		}, func(r *repo) { r.write("media/v1/logo.png", "a swapped logo") }},
		"a linked folder": {strings.Replace(postWithLogo("Dashboards"), "media/logo.png", "media/art/logo.png", 1), func(r *repo) {
			r.write("brand/art/logo.png", "the approved logo")
			r.symlink("../brand/art", "media/art")
		}, func(r *repo) { r.write("brand/art/logo.png", "a swapped logo") }},
		"a linked folder pointed elsewhere": {strings.Replace(postWithLogo("Dashboards"), "media/logo.png", "media/art/logo.png", 1), func(r *repo) {
			r.write("brand/art/logo.png", "the approved logo")
			r.write("brand/old/logo.png", "a swapped logo")
			r.symlink("../brand/art", "media/art")
		}, func(r *repo) {
			if err := os.Remove(filepath.Join(r.dir, "media", "art")); err != nil {
				t.Fatal(err)
			}
			r.symlink("../brand/old", "media/art")
		}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, func(r *repo) {
				r.write("posts/b.md", tc.post)
				tc.link(r)
			})
			w.approve("kim", w.head, 1)
			w.approve("mia", w.head, 2)
			if out := w.run(t); out.Conclusion != "success" {
				t.Fatalf("the approved post and image should pass: %s\n%s", out.Conclusion, out.Markdown)
			}
			w.push(tc.swap)
			if out := w.run(t); out.Conclusion == "success" {
				t.Errorf("bypass: the logo posts/b.md publishes through a link was swapped after kim and mia approved it, and their approvals still count:\n%s",
					out.Markdown)
			}
		})
	}
}

// The same link on the publish branch: a post there publishes
// media/logo.png, a link to media/v1/logo.png. A pull request that swaps
// media/v1/logo.png changes what the post publishes, and needs the owners
// as a change of media/logo.png does.
func TestRedTeam8BlockedMediaBehindASymlinkChangedUnderAPost(t *testing.T) {
	t.Parallel()
	w := newWorldOnBase(t, func(r *repo) {
		r.write("posts/a.md", postWithLogo("Dashboards"))
		r.write("media/v1/logo.png", "the approved logo")
		r.symlink("v1/logo.png", "media/logo.png")
	}, func(r *repo) { r.write("media/v1/logo.png", "a swapped logo") })
	if out := w.run(t); out.Conclusion == "success" || !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") {
		t.Errorf("bypass: media/v1/logo.png, which posts/a.md publishes through the link media/logo.png, changes with no approval: %s, blocked %v\n%s",
			out.Conclusion, out.BlockedStages, out.Markdown)
	}
}

// gitlink stages the submodule entry name at commit, as the next commit
// records it.
func (r *repo) gitlink(name, commit string) {
	r.t.Helper()
	// An empty folder, as a checkout without submodules leaves it: git
	// sees the submodule unchanged, not removed.
	if err := os.MkdirAll(filepath.Join(r.dir, filepath.FromSlash(name)), 0o755); err != nil {
		r.t.Fatal(err)
	}
	r.git("update-index", "--add", "--cacheinfo", "160000,"+commit+","+name)
}

// A post's image may sit in a submodule (media/brand, another
// repository of the team's), which a posting tool's checkout with
// submodules reads at the commit the publish branch names. Bumping that
// commit changes the image, but the pull request's diff shows only
// media/brand changed, never the image's own path: an approval of the
// post kept counting, and a bump under a post on the base needed no one.
func TestRedTeam8BlockedMediaInASubmoduleBumped(t *testing.T) {
	t.Parallel()
	const approved, swapped = "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"
	post := strings.Replace(postWithLogo("Dashboards"), "media/logo.png", "media/brand/logo.png", 1)
	onBase := func(r *repo) {
		r.write(".gitmodules", "[submodule \"brand\"]\n\tpath = media/brand\n\turl = https://github.com/Codertocat/brand\n")
		r.gitlink("media/brand", approved)
	}
	t.Run("after the approval", func(t *testing.T) {
		t.Parallel()
		w := newWorldOnBase(t, onBase, func(r *repo) { r.write("posts/b.md", post) })
		w.approve("kim", w.head, 1)
		w.approve("mia", w.head, 2)
		if out := w.run(t); out.Conclusion != "success" {
			t.Fatalf("the approved post should pass: %s\n%s", out.Conclusion, out.Markdown)
		}
		w.push(func(r *repo) { r.gitlink("media/brand", swapped) })
		if out := w.run(t); out.Conclusion == "success" {
			t.Errorf("bypass: the submodule holding posts/b.md's image was bumped after kim and mia approved it, and their approvals still count:\n%s", out.Markdown)
		}
		// The bump changes a file a post uses: the owners' call too.
		w.approve("kim", w.head, 3)
		w.approve("mia", w.head, 4)
		w.approve("root", w.head, 5)
		if out := w.run(t); out.Conclusion != "success" {
			t.Errorf("kim, mia and the owners approved the bumped submodule: %s\n%s", out.Conclusion, out.Markdown)
		}
	})
	t.Run("under a post on the base", func(t *testing.T) {
		t.Parallel()
		w := newWorldOnBase(t, func(r *repo) {
			r.write("posts/a.md", post)
			onBase(r)
		}, func(r *repo) { r.gitlink("media/brand", swapped) })
		if out := w.run(t); out.Conclusion == "success" || !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") {
			t.Errorf("bypass: the submodule holding posts/a.md's image is bumped with no approval: %s, blocked %v\n%s", out.Conclusion, out.BlockedStages, out.Markdown)
		}
		w.approve("root", w.head, 1)
		if out := w.run(t); out.Conclusion != "success" {
			t.Errorf("the owners approved the bump: %s\n%s", out.Conclusion, out.Markdown)
		}
	})
}

// Anyone with write access (the author of a same-repository pull request)
// can edit Greenlight's own summary comment, where the record of which
// head each /approve was seen at lives: re-pointing mia's recorded
// /approve of the old head at the new head approved text she never saw.
// The record now counts only when Greenlight's check run on the head it
// names vouches for the comment as it stands.
func TestRedTeam8BlockedTheSummaryCommentsRecordEditedByTheAuthor(t *testing.T) {
	w := newWorld(t, func(r *repo) { r.write("posts/b.md", postB) })
	w.enableCommands()
	w.gh.PR.Base, w.gh.PR.Head = w.base, w.head
	w.gh.Files = w.files(w.base, w.head)
	at := time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)
	w.run(t, func(o *action.Options) { o.Now = func() time.Time { return at.Add(-time.Hour) } })
	w.approve("kim", w.head, 1)
	c := fakegithub.Comment{ID: 801, User: "mia", Body: "/approve", Created: at}
	w.gh.Mu.Lock()
	w.gh.Comments = append(w.gh.Comments, c)
	w.gh.Mu.Unlock()
	if out := w.run(t, func(o *action.Options) { o.Env.EventName, o.Env.EventPath = "issue_comment", commentEvent(t, c) }); out.Conclusion != "success" {
		t.Fatalf("approved: %s", out.Markdown)
	}
	old := w.head
	w.push(func(r *repo) {
		r.write("posts/b.md", strings.Replace(postB, "Open a savings account today.", "Our competitor's bank is going under: move your savings to us today.", 1))
	})
	w.approve("kim", w.head, 3)
	if out := w.run(t); strings.Join(out.BlockedStages, ",") != "brand" {
		t.Fatalf("after the push: blocked %v, want brand", out.BlockedStages)
	}
	// The author edits the bot's comment: mia's command now names the new head.
	w.gh.Mu.Lock()
	edited := 0
	for i := range w.gh.Comments {
		if strings.Contains(w.gh.Comments[i].Body, "<!-- greenlight:record ") {
			w.gh.Comments[i].Body = regexp.MustCompile(old).ReplaceAllString(w.gh.Comments[i].Body, w.head)
			w.gh.Comments[i].Updated = at.Add(2 * time.Hour)
			edited++
		}
	}
	w.gh.Mu.Unlock()
	if edited == 0 {
		t.Fatal("no summary comment with a record")
	}
	if out := w.run(t); out.Conclusion == "success" {
		t.Errorf("bypass: the record edited by the author approves the new text in mia's name:\n%s", out.Markdown)
	}
}
