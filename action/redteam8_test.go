package action_test

import (
	"encoding/json"
	"os"
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
		post    string
		link    func(r *repo)
		swapped string
	}{
		"a linked file": {postWithLogo("Dashboards"), func(r *repo) {
			r.write("media/v1/logo.png", "the approved logo")
			r.symlink("v1/logo.png", "media/logo.png")
		}, "media/v1/logo.png"},
		"a linked folder": {strings.Replace(postWithLogo("Dashboards"), "media/logo.png", "media/art/logo.png", 1), func(r *repo) {
			r.write("brand/art/logo.png", "the approved logo")
			r.symlink("../brand/art", "media/art")
		}, "brand/art/logo.png"},
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
			w.push(func(r *repo) { r.write(tc.swapped, "a swapped logo") })
			if out := w.run(t); out.Conclusion == "success" {
				t.Errorf("bypass: %s, which posts/b.md publishes through a link, was swapped after kim and mia approved it, and their approvals still count:\n%s",
					tc.swapped, out.Markdown)
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
