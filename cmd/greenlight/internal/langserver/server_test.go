package langserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/cmd/greenlight/internal/langserver"
	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

const configText = `greenlight {
  content = ["posts/**/*.md"]
}

role "legal" { users = ["lena"] }

stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}

rule "brand-names" {
  level = "error"
  swap  = { "Github" = "GitHub" }
}

compliance "paid" {
  when     = "post.sponsored"
  requires = [stage.legal]
}
`

// The emoji before the mistake is one code point (Greenlight's column 10)
// and two UTF-16 code units (the editor's character 11).
const postText = "---\ntitle: Launch\nchannels: [x, linkedin]\nsponsored: true\n---\nWe love 🎉 Github, and you will too.\n"

// TestEditorSession drives the server as an editor would, over JSON-RPC
// on pipes: open a post with a brand-name mistake, apply the quick fix,
// hover on the front matter, edit the config, and shut down.
func TestEditorSession(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "greenlight.hcl"), configText)
	post := filepath.Join(dir, "posts", "launch.md")
	write(t, post, postText)
	ed := start(t, dir)

	var init protocol.InitializeResult
	ed.call("initialize", protocol.InitializeParams{RootURI: ptr(uri(dir)), Capabilities: protocol.ClientCapabilities{}}, &init)
	if init.ServerInfo == nil || init.ServerInfo.Name != "greenlight" {
		t.Errorf("serverInfo = %+v, want greenlight", init.ServerInfo)
	}
	if msg := ed.message(func(m string) bool { return strings.Contains(m, "using ") }); !strings.Contains(msg, filepath.Join(dir, "greenlight.hcl")) {
		t.Errorf("log message %q does not name the config", msg)
	}
	ed.notify("initialized", struct{}{})

	postURI := uri(post)
	ed.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: postURI, LanguageID: "markdown", Version: 1, Text: postText}})
	got := ed.diagnostics(postURI)
	if len(got) != 1 {
		t.Fatalf("diagnostics = %+v, want the brand-names mistake alone", got)
	}
	mistake := protocol.Range{Start: protocol.Position{Line: 5, Character: 11}, End: protocol.Position{Line: 5, Character: 17}}
	d := got[0]
	if d.Range != mistake || d.Code != "brand-names" || d.Source != "greenlight" || d.Severity != protocol.DiagnosticSeverityError ||
		d.Message != "Use 'GitHub' instead of 'Github'." {
		t.Errorf("diagnostic = %+v, want brand-names at %+v", d, mistake)
	}

	t.Log("a hover on the mistake explains it")
	if got := ed.hover(postURI, protocol.Position{Line: 5, Character: 12}); !strings.Contains(got,
		"**Error** `brand-names`: Use 'GitHub' instead of 'Github'.\n\nQuick fix: replace with `GitHub`.") {
		t.Errorf("hover on the mistake:\n%s", got)
	}

	t.Log("the quick fix replaces the mistake, and the fixed text has no diagnostics")
	var actions []protocol.CodeAction
	ed.call("textDocument/codeAction", protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: postURI},
		Range: mistake, Context: protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{}}}, &actions)
	if len(actions) != 1 || actions[0].Edit == nil || actions[0].Kind == nil || *actions[0].Kind != protocol.CodeActionKindQuickFix {
		t.Fatalf("code actions = %+v, want one quick fix", actions)
	}
	edits := actions[0].Edit.Changes[postURI]
	if len(edits) != 1 || edits[0].Range != mistake || edits[0].NewText != "GitHub" {
		t.Fatalf("edits = %+v, want GitHub over %+v", edits, mistake)
	}
	fixed := apply(t, postText, edits[0])
	if want := strings.Replace(postText, "Github", "GitHub", 1); fixed != want {
		t.Fatalf("fixed text = %q, want %q", fixed, want)
	}
	ed.notify("textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: postURI}, Version: 2},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: fixed}}})
	ed.settle()
	if got := ed.diagnostics(postURI); len(got) != 0 {
		t.Errorf("diagnostics after the fix = %+v, want none", got)
	}

	t.Log("a hover on the front matter shows the channel counts and the sign-offs")
	hover := ed.hover(postURI, protocol.Position{Line: 2, Character: 3})
	for _, want := range []string{
		"| x | 36 | 280 weighted | 244 left |",
		"| linkedin | 35 | 3000 characters | 2965 left |",
		"- **legal**: pending, required by compliance: paid",
	} {
		if !strings.Contains(hover, want) {
			t.Errorf("hover does not say %q:\n%s", want, hover)
		}
	}

	t.Log("a new rule in the open config reaches the post at once")
	configURI := uri(filepath.Join(dir, "greenlight.hcl"))
	ed.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: configURI, LanguageID: "hcl", Version: 1, Text: configText}})
	if got := ed.diagnostics(postURI); len(got) != 0 {
		t.Errorf("diagnostics after opening the config = %+v, want none", got)
	}
	moreRules := strings.Replace(configText, `"Github" = "GitHub"`, `"Github" = "GitHub", "love" = "adore"`, 1)
	ed.notify("textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: configURI}, Version: 2},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: moreRules}}})
	ed.settle()
	got = ed.diagnostics(postURI)
	love := protocol.Range{Start: protocol.Position{Line: 5, Character: 3}, End: protocol.Position{Line: 5, Character: 7}}
	if len(got) != 1 || got[0].Range != love || got[0].Code != "brand-names" {
		t.Errorf("diagnostics after the new swap = %+v, want brand-names at %+v", got, love)
	}

	t.Log("a mistake in the config is shown at its place, and posts wait for it")
	invalid := strings.Replace(moreRules, `level = "error"`, `level = "fatal"`, 1)
	ed.notify("textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: configURI}, Version: 3},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: invalid}}})
	ed.settle()
	got = ed.diagnostics(configURI)
	level := protocol.Range{Start: protocol.Position{Line: 12, Character: 10}, End: protocol.Position{Line: 12, Character: 17}}
	if len(got) != 1 || got[0].Range != level || !strings.HasPrefix(got[0].Message, "Invalid level") || got[0].Severity != protocol.DiagnosticSeverityError {
		t.Errorf("config diagnostics = %+v, want Invalid level at %+v", got, level)
	}
	if got := ed.diagnostics(postURI); len(got) != 1 || !strings.Contains(got[0].Message, "cannot check this post") {
		t.Errorf("post diagnostics under a broken config = %+v, want one saying it cannot be checked", got)
	}

	ed.call("shutdown", nil, nil)
	ed.notify("exit", nil)
	if err := ed.wait(); err != nil {
		t.Errorf("Serve after shutdown and exit = %v, want nil", err)
	}
}

// TestConfigChangedOnDisk: a config changed by another program (a branch
// switch) reaches open posts when the editor reports the change.
func TestConfigChangedOnDisk(t *testing.T) {
	dir := t.TempDir()
	config := filepath.Join(dir, "greenlight.hcl")
	ed, postURI := openPostIn(t, dir)
	write(t, config, strings.Replace(configText, `"Github" = "GitHub"`, `"Github" = "GitHub", "love" = "adore"`, 1))
	ed.notify("workspace/didChangeWatchedFiles", protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri(config), Type: protocol.FileChangeTypeChanged}}})
	if got := ed.diagnostics(postURI); len(got) != 2 {
		t.Errorf("diagnostics after the config changed = %+v, want the new rule's too", got)
	}
}

// TestExitWithoutShutdown is the protocol's exit code 1.
func TestExitWithoutShutdown(t *testing.T) {
	ed := start(t, t.TempDir())
	ed.call("initialize", protocol.InitializeParams{Capabilities: protocol.ClientCapabilities{}}, nil)
	ed.notify("exit", nil)
	if err := ed.wait(); err == nil {
		t.Error("Serve after exit without shutdown = nil, want an error")
	}
}

// diagnostic is the part of a published diagnostic the tests read. glsp's
// IntegerOrString cannot be decoded (its UnmarshalJSON has a value
// receiver), so the code is read as a string.
type diagnostic struct {
	Range    protocol.Range              `json:"range"`
	Severity protocol.DiagnosticSeverity `json:"severity"`
	Code     string                      `json:"code"`
	Source   string                      `json:"source"`
	Message  string                      `json:"message"`
}

type published struct {
	URI         protocol.DocumentUri `json:"uri"`
	Version     *int                 `json:"version"`
	Diagnostics []diagnostic         `json:"diagnostics"`
}

// editor is the client side of a session.
type editor struct {
	t        *testing.T
	ctx      context.Context
	conn     *jsonrpc2.Conn
	clock    *clock
	done     chan error
	mu       sync.Mutex
	pending  []published
	arrived  chan struct{} // a signal, after every notification
	messages []string
}

// start runs a server on pipes and connects an editor to it. The context
// deadline is a failsafe only: every wait is for a message.
func start(t *testing.T, root string) *editor {
	t.Helper()
	t.Chdir(root)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	t.Cleanup(cancel)
	toServerR, toServerW := io.Pipe()
	toEditorR, toEditorW := io.Pipe()
	ed := &editor{t: t, ctx: ctx, clock: &clock{scheduled: make(chan *timer, 64)}, done: make(chan error, 1), arrived: make(chan struct{}, 1)}
	go func() {
		err := langserver.Serve(ctx, toServerR, toEditorW, langserver.Options{Log: testLog{t}, AfterFunc: ed.clock.afterFunc})
		toEditorW.Close()
		ed.done <- err
	}()
	stream := jsonrpc2.NewBufferedStream(pipe{toEditorR, toServerW}, jsonrpc2.VSCodeObjectCodec{})
	ed.conn = jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(ed.handle))
	t.Cleanup(func() { ed.conn.Close() })
	return ed
}

func (ed *editor) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	ed.mu.Lock()
	switch req.Method {
	case "textDocument/publishDiagnostics":
		var p published
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			ed.t.Errorf("publishDiagnostics: %v", err)
		}
		ed.pending = append(ed.pending, p)
	case "window/logMessage", "window/showMessage":
		var p protocol.LogMessageParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			ed.t.Errorf("%s: %v", req.Method, err)
		}
		ed.messages = append(ed.messages, p.Message)
	}
	ed.mu.Unlock()
	select {
	case ed.arrived <- struct{}{}:
	default:
	}
	return nil, nil
}

// diagnostics waits for the next diagnostics published for uri and
// returns them; the ones for other files published before are dropped.
func (ed *editor) diagnostics(uri protocol.DocumentUri) []diagnostic {
	ed.t.Helper()
	for {
		ed.mu.Lock()
		for i, p := range ed.pending {
			if p.URI == uri {
				ed.pending = ed.pending[i+1:]
				ed.mu.Unlock()
				return p.Diagnostics
			}
		}
		ed.mu.Unlock()
		ed.await("diagnostics for " + uri)
	}
}

// message waits for a log or shown message that match accepts.
func (ed *editor) message(match func(string) bool) string {
	ed.t.Helper()
	for seen := 0; ; {
		ed.mu.Lock()
		for ; seen < len(ed.messages); seen++ {
			if match(ed.messages[seen]) {
				m := ed.messages[seen]
				ed.mu.Unlock()
				return m
			}
		}
		ed.mu.Unlock()
		ed.await("a log message")
	}
}

func (ed *editor) await(what string) {
	ed.t.Helper()
	select {
	case <-ed.arrived:
	case <-ed.ctx.Done():
		ed.t.Fatalf("no %s before the failsafe deadline", what)
	}
}

func (ed *editor) call(method string, params, result any) {
	ed.t.Helper()
	if err := ed.conn.Call(ed.ctx, method, params, result); err != nil {
		ed.t.Fatalf("%s: %v", method, err)
	}
}

func (ed *editor) notify(method string, params any) {
	ed.t.Helper()
	if err := ed.conn.Notify(ed.ctx, method, params); err != nil {
		ed.t.Fatalf("%s: %v", method, err)
	}
}

// timer waits for the server to schedule its next call: the judgement
// of a change, once typing pauses.
func (ed *editor) timer() *timer {
	ed.t.Helper()
	select {
	case t := <-ed.clock.scheduled:
		return t
	case <-ed.ctx.Done():
		ed.t.Fatal("no timer scheduled before the failsafe deadline")
		return nil
	}
}

// settle lets the pause after the last change pass: it fires the timer
// that change scheduled.
func (ed *editor) settle() {
	ed.t.Helper()
	ed.timer().fire()
}

// sync returns once the server has handled every message sent before it,
// and the editor has read every notification the server sent meanwhile
// (each side handles its messages in order): a request for a method no
// server has answers at once, with an error.
func (ed *editor) sync() {
	ed.t.Helper()
	var rpcErr *jsonrpc2.Error
	if err := ed.conn.Call(ed.ctx, "greenlight/sync", nil, nil); !errors.As(err, &rpcErr) {
		ed.t.Fatalf("sync: %v, want the server's error for an unknown method", err)
	}
}

// publishedFor takes the diagnostics published for uri so far, in order.
func (ed *editor) publishedFor(uri protocol.DocumentUri) []published {
	ed.mu.Lock()
	defer ed.mu.Unlock()
	var out, rest []published
	for _, p := range ed.pending {
		if p.URI == uri {
			out = append(out, p)
		} else {
			rest = append(rest, p)
		}
	}
	ed.pending = rest
	return out
}

// clock stands in for the server's timers: nothing it schedules runs
// until the test fires it, so no test waits on the wall clock.
type clock struct {
	scheduled chan *timer
}

func (c *clock) afterFunc(d time.Duration, f func()) langserver.Timer {
	t := &timer{d: d, f: f}
	c.scheduled <- t
	return t
}

type timer struct {
	d  time.Duration
	f  func()
	mu sync.Mutex
	// stopped: Stop was called; fired: the call started.
	stopped, fired bool
}

func (t *timer) Stop() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	was := !t.stopped && !t.fired
	t.stopped = true
	return was
}

func (t *timer) wasStopped() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stopped
}

// fire makes the call, as the timer going off does, even when stopped: a
// stopped timer that fires is one that went off just before Stop, its
// call waiting for the server's lock while the next change was handled.
func (t *timer) fire() {
	t.mu.Lock()
	t.fired = true
	t.mu.Unlock()
	t.f()
}

// hover is the Markdown the server shows on hover at pos.
func (ed *editor) hover(doc protocol.DocumentUri, pos protocol.Position) string {
	ed.t.Helper()
	var hover struct {
		Contents protocol.MarkupContent `json:"contents"`
	}
	ed.call("textDocument/hover", protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: doc}, Position: pos}}, &hover)
	return hover.Contents.Value
}

// wait is Serve's result once the session ends.
func (ed *editor) wait() error {
	ed.t.Helper()
	select {
	case err := <-ed.done:
		return err
	case <-ed.ctx.Done():
		ed.t.Fatal("the server did not stop before the failsafe deadline")
		return nil
	}
}

// apply makes a text edit as the editor does.
func apply(t *testing.T, src string, e protocol.TextEdit) string {
	t.Helper()
	lines := strings.SplitAfter(src, "\n")
	offset := func(p protocol.Position) int {
		off := 0
		for _, l := range lines[:p.Line] {
			off += len(l)
		}
		units := 0
		for i, r := range lines[p.Line] {
			if units >= int(p.Character) {
				return off + i
			}
			units++
			if r >= 0x10000 {
				units++
			}
		}
		return off + len(lines[p.Line])
	}
	return src[:offset(e.Range.Start)] + e.NewText + src[offset(e.Range.End):]
}

type pipe struct {
	io.ReadCloser
	io.WriteCloser
}

func (p pipe) Close() error {
	p.ReadCloser.Close()
	return p.WriteCloser.Close()
}

// testLog is the server's standard error, in the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func uri(path string) protocol.DocumentUri { return "file://" + filepath.ToSlash(path) }

func ptr[T any](v T) *T { return &v }
