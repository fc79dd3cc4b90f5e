package langserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Options configure a session.
type Options struct {
	// Version is the server's version, told to the editor.
	Version string
	// Log receives what the server says outside the protocol: never
	// standard output, which is the protocol's channel. Nil discards it.
	Log io.Writer
	// Now is the clock embargoes, deadlines and sign-offs are judged by;
	// nil means time.Now.
	Now func() time.Time
	// AfterFunc schedules the judgement of a changed document once the
	// editor pauses (see debounce), as time.AfterFunc, which nil means:
	// it must not call f before it returns. Tests pass a clock they
	// advance themselves.
	AfterFunc func(d time.Duration, f func()) Timer
}

// Serve answers one editor's session on in and out until the editor says
// exit, the connection closes or ctx ends. It returns nil after an
// orderly shutdown and exit, and an error otherwise: the protocol's exit
// code 1.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	s := newServer(opts)
	stream := jsonrpc2.NewBufferedStream(streams{in, out}, jsonrpc2.VSCodeObjectCodec{})
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(s.log))
	var err error
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		_ = conn.Close()
		err = fmt.Errorf("language server: %w", ctx.Err())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.end()
	switch {
	case err != nil:
		return err
	case !s.exited:
		return errors.New("language server: the editor closed the connection without exit")
	case !s.shutdown:
		return errors.New("language server: the editor said exit without a shutdown request")
	}
	return nil
}

// streams joins the editor's two streams into the connection jsonrpc2
// reads and writes. Closing it closes the input when it can be closed, so
// that the connection's reader stops with the session.
type streams struct {
	io.Reader
	io.Writer
}

func (s streams) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// server is one session's state. jsonrpc2 calls handle from its read loop,
// one message at a time and in order; a judgement that waited for typing
// to pause runs on its timer's goroutine. mu serializes them, and a hover
// first runs any judgement still waiting, so it answers for the text the
// editor shows.
type server struct {
	mu       sync.Mutex
	ctx      context.Context // the message's, while it is handled
	conn     *jsonrpc2.Conn  // the editor's, once it has sent a message
	opts     Options
	log      *log.Logger
	protocol *protocol.Handler

	root     string // the workspace folder, absolute
	watch    bool   // the editor lets us register file watchers
	ws       *workspace
	docs     map[protocol.DocumentUri]*document
	shutdown bool
	exited   bool
	ended    bool // no judgement may run: the editor said exit, or left
}

func newServer(opts Options) *server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.AfterFunc == nil {
		opts.AfterFunc = func(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }
	}
	s := &server{opts: opts, log: log.New(opts.Log, "greenlight lsp: ", 0), docs: map[protocol.DocumentUri]*document{}}
	s.protocol = &protocol.Handler{
		Initialize:                     s.initialize,
		Initialized:                    s.initialized,
		Shutdown:                       s.shutdownRequest,
		SetTrace:                       func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:            s.didOpen,
		TextDocumentDidChange:          s.didChange,
		TextDocumentDidSave:            s.didSave,
		TextDocumentDidClose:           s.didClose,
		WorkspaceDidChangeWatchedFiles: s.didChangeWatchedFiles,
		TextDocumentHover:              s.hover,
		TextDocumentCodeAction:         s.codeAction,
	}
	return s
}

// handle answers one message, through glsp's typed dispatch.
func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.Method == protocol.MethodExit {
		s.exited = true
		s.end()
		return nil, conn.Close()
	}
	s.ctx, s.conn = ctx, conn
	gc := s.glspContext(ctx, conn)
	gc.Method = req.Method
	if req.Params != nil {
		gc.Params = *req.Params
	}
	r, validMethod, validParams, err := s.protocol.Handle(gc)
	switch {
	case !validMethod && req.Notif:
		return nil, nil // a notification the server has no use for, such as $/cancelRequest
	case !validMethod:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams:
		msg := "invalid params"
		if err != nil {
			msg = err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil && req.Notif:
		s.log.Printf("%s: %v", req.Method, err)
		return nil, nil
	case err != nil:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: err.Error()}
	}
	return r, nil
}

// glspContext is how a handler, or a judgement that waited (see
// debounce), speaks to the editor.
func (s *server) glspContext(ctx context.Context, conn *jsonrpc2.Conn) *glsp.Context {
	return &glsp.Context{
		Notify: func(method string, params any) {
			if err := conn.Notify(ctx, method, params); err != nil {
				s.log.Printf("send %s: %v", method, err)
			}
		},
		Call: func(method string, params, _ any) {
			// The handler runs in the connection's read loop: waiting
			// here for the editor's answer would wait forever.
			if _, err := conn.DispatchCall(ctx, method, params); err != nil {
				s.log.Printf("send %s: %v", method, err)
			}
		},
	}
}

// notifier is a context to speak to the editor outside any message.
func (s *server) notifier() *glsp.Context {
	return s.glspContext(s.context(), s.conn)
}

func (s *server) initialize(gc *glsp.Context, p *protocol.InitializeParams) (any, error) {
	s.root = workspaceRoot(p)
	if ws := p.Capabilities.Workspace; ws != nil && ws.DidChangeWatchedFiles != nil && ws.DidChangeWatchedFiles.DynamicRegistration != nil {
		s.watch = *ws.DidChangeWatchedFiles.DynamicRegistration
	}
	s.reload(gc)
	yes, full := true, protocol.TextDocumentSyncKindFull
	var version *string
	if s.opts.Version != "" {
		version = &s.opts.Version
	}
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync:   protocol.TextDocumentSyncOptions{OpenClose: &yes, Change: &full, Save: true},
			HoverProvider:      true,
			CodeActionProvider: protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: "greenlight", Version: version},
	}, nil
}

// initialized asks the editor to tell of changes to the files the engine
// is built from, when it can: a policy edited in another program, or a
// branch switch, must reach the diagnostics too.
func (s *server) initialized(gc *glsp.Context, _ *protocol.InitializedParams) error {
	if !s.watch {
		return nil
	}
	gc.Call(string(protocol.ServerClientRegisterCapability), protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "greenlight-watch", Method: string(protocol.MethodWorkspaceDidChangeWatchedFiles),
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
			{GlobPattern: "**/greenlight.hcl"}, {GlobPattern: "**/*.rego"}, {GlobPattern: "**/*.{yml,yaml}"},
		}},
	}}}, nil)
	return nil
}

func (s *server) shutdownRequest(*glsp.Context) error {
	s.shutdown = true
	return nil
}

// workspaceRoot is the folder the editor opened: its first workspace
// folder, else rootUri, else rootPath, else the working directory.
func workspaceRoot(p *protocol.InitializeParams) string {
	var candidates []string
	for _, f := range p.WorkspaceFolders {
		if path, ok := uriPath(f.URI); ok {
			candidates = append(candidates, path)
		}
	}
	if p.RootURI != nil {
		if path, ok := uriPath(*p.RootURI); ok {
			candidates = append(candidates, path)
		}
	}
	if p.RootPath != nil && *p.RootPath != "" {
		candidates = append(candidates, *p.RootPath)
	}
	if len(candidates) == 0 {
		candidates = append(candidates, ".")
	}
	abs, err := filepath.Abs(candidates[0])
	if err != nil {
		return candidates[0]
	}
	return abs
}

// say tells the editor something worth a line in its log.
func (s *server) say(gc *glsp.Context, typ protocol.MessageType, format string, args ...any) {
	gc.Notify(string(protocol.ServerWindowLogMessage), protocol.LogMessageParams{Type: typ, Message: fmt.Sprintf(format, args...)})
}

// warn tells the user something they must act on.
func (s *server) warn(gc *glsp.Context, format string, args ...any) {
	gc.Notify(string(protocol.ServerWindowShowMessage), protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: fmt.Sprintf(format, args...)})
}
