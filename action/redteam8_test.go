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
