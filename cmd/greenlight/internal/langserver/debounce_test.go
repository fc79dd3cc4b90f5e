package langserver_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// openPost starts a session on a workspace with configText, opens
// postText and reads its first diagnostics (the brand-names mistake).
func openPost(t *testing.T) (*editor, protocol.DocumentUri) {
	t.Helper()
	return openPostIn(t, t.TempDir())
}

// openPostIn is openPost with the workspace in dir.
func openPostIn(t *testing.T, dir string) (*editor, protocol.DocumentUri) {
	t.Helper()
	write(t, filepath.Join(dir, "greenlight.hcl"), configText)
	post := filepath.Join(dir, "posts", "launch.md")
	write(t, post, postText)
	ed := start(t, dir)
	ed.call("initialize", protocol.InitializeParams{RootURI: ptr(uri(dir)), Capabilities: protocol.ClientCapabilities{}}, nil)
	ed.notify("initialized", struct{}{})
	ed.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri(post), LanguageID: "markdown", Version: 1, Text: postText}})
	if got := ed.diagnostics(uri(post)); len(got) != 1 {
		t.Fatalf("diagnostics on opening = %+v, want one at once", got)
	}
	return ed, uri(post)
}

func (ed *editor) change(doc protocol.DocumentUri, version protocol.Integer, text string) {
	ed.t.Helper()
	ed.notify("textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: doc}, Version: version},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: text}}})
}

// withMistakes is postText with the brand-name mistake n times.
func withMistakes(n int) string {
	return strings.Replace(postText, "Github", strings.TrimSpace(strings.Repeat("Github ", n)), 1)
}

// TestTypingIsJudgedOncePaused: each change waits for 150 ms without a
// change before the post is checked, and restarts that wait, so a burst
// of keystrokes is checked once, at its last version.
func TestTypingIsJudgedOncePaused(t *testing.T) {
	ed, post := openPost(t)
	var timers []*timer
	for v := 2; v <= 4; v++ {
		ed.change(post, protocol.Integer(v), withMistakes(v))
		timers = append(timers, ed.timer())
	}
	ed.sync()
	if got := ed.publishedFor(post); len(got) != 0 {
		t.Fatalf("published %+v while the user types, want nothing before the pause", got)
	}
	for i, tm := range timers {
		if tm.d != 150*time.Millisecond {
			t.Errorf("change %d waits %v, want 150ms", i+2, tm.d)
		}
		if last := i == len(timers)-1; tm.wasStopped() == last {
			t.Errorf("change %d's wait stopped: %v, want %v (each change restarts the wait)", i+2, tm.wasStopped(), !last)
		}
	}
	timers[len(timers)-1].fire()
	ed.sync()
	got := ed.publishedFor(post)
	if len(got) != 1 || got[0].Version == nil || *got[0].Version != 4 || len(got[0].Diagnostics) != 4 {
		t.Errorf("published %+v, want version 4's four mistakes, once", got)
	}
}

// TestAnOlderVersionNeverOverwritesANewerOne: a wait that ran out just as
// the next change arrived (too late to stop) must not publish, neither
// its own version's diagnostics nor, early, the next one's; after the
// newer version's diagnostics, nothing older follows.
func TestAnOlderVersionNeverOverwritesANewerOne(t *testing.T) {
	ed, post := openPost(t)
	ed.change(post, 2, withMistakes(2))
	older := ed.timer()
	ed.change(post, 3, withMistakes(3))
	newer := ed.timer()

	older.fire() // went off before version 3 stopped it
	ed.sync()
	if got := ed.publishedFor(post); len(got) != 0 {
		t.Fatalf("the superseded wait published %+v, want nothing", got)
	}
	newer.fire()
	older.fire() // once more, late: still nothing
	ed.sync()
	got := ed.publishedFor(post)
	if len(got) != 1 || got[0].Version == nil || *got[0].Version != 3 || len(got[0].Diagnostics) != 3 {
		t.Errorf("published %+v, want version 3's three mistakes and nothing after", got)
	}
}

// TestAHoverAnswersForTheTextOnScreen: a hover or a code action during
// the pause answers for the latest text, which it checks at once, and
// the wait that ends later adds nothing.
func TestAHoverAnswersForTheTextOnScreen(t *testing.T) {
	ed, post := openPost(t)
	// Version 2 moves the mistake a line down, after a new first line.
	moved := strings.Replace(postText, "We love", "Hello.\nWe love", 1)
	ed.change(post, 2, moved)
	wait := ed.timer()
	if got := ed.hover(post, protocol.Position{Line: 6, Character: 12}); !strings.Contains(got, "`brand-names`") {
		t.Errorf("hover on the mistake's new place:\n%s\nwant brand-names explained", got)
	}
	got := ed.publishedFor(post)
	if len(got) != 1 || got[0].Version == nil || *got[0].Version != 2 || len(got[0].Diagnostics) != 1 || got[0].Diagnostics[0].Range.Start.Line != 6 {
		t.Errorf("published %+v, want version 2's mistake on line 7, checked for the hover", got)
	}
	if !wait.wasStopped() {
		t.Error("the wait still runs after the hover checked the text")
	}
	wait.fire()
	ed.sync()
	if got := ed.publishedFor(post); len(got) != 0 {
		t.Errorf("the ended wait published %+v again", got)
	}
}

// TestClosingEndsTheWait: a post closed during the pause is cleared and
// never checked again.
func TestClosingEndsTheWait(t *testing.T) {
	ed, post := openPost(t)
	ed.change(post, 2, withMistakes(2))
	wait := ed.timer()
	ed.notify("textDocument/didClose", protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: post}})
	ed.sync() // the close is handled before the timer goes off
	wait.fire()
	ed.sync()
	got := ed.publishedFor(post)
	if len(got) != 1 || len(got[0].Diagnostics) != 0 || !wait.wasStopped() {
		t.Errorf("published %+v (wait stopped: %v), want the post cleared once and the wait stopped", got, wait.wasStopped())
	}
}
