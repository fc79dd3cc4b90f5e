package langserver

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/hashicorp/hcl/v2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

type docKind int

const (
	kindOther  docKind = iota
	kindPost           // checked as a post
	kindConfig         // greenlight.hcl
)

// document is a file the editor has open, and the outcome of its last
// check, which hovers and code actions answer from.
type document struct {
	uri      protocol.DocumentUri
	path     string // absolute; "" for a document that is not a file
	language string
	version  protocol.Integer
	text     text
	kind     docKind

	post     *content.Post     // nil until a check parsed it
	checked  *engine.Checked   // nil unless the last check ran the policies
	findings []finding.Finding // as published
	pending  *pending          // the judgement waiting for typing to pause; nil when none
}

func (s *server) didOpen(gc *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	d := &document{uri: p.TextDocument.URI, language: p.TextDocument.LanguageID, version: p.TextDocument.Version,
		text: newText([]byte(p.TextDocument.Text))}
	d.path, _ = uriPath(d.uri)
	s.docs[d.uri] = d
	s.update(gc, d)
	return nil
}

func (s *server) didChange(gc *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil // a change to a document never opened: nothing to mirror
	}
	src := d.text.src
	for _, change := range p.ContentChanges {
		switch c := change.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			src = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			// The server asks for whole texts; a client that sends ranges
			// anyway is followed.
			t := newText(src)
			from, to := t.offset(c.Range.Start), t.offset(c.Range.End)
			src = slices.Concat(src[:from], []byte(c.Text), src[max(to, from):])
		}
	}
	d.version, d.text = p.TextDocument.Version, newText(src)
	s.classify(d)
	s.schedule(d)
	return nil
}

func (s *server) didSave(gc *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	path, ok := uriPath(p.TextDocument.URI)
	if ok && s.governs(path) {
		s.reload(gc)
	}
	return nil
}

func (s *server) didClose(gc *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil
	}
	s.cancel(d)
	delete(s.docs, d.uri)
	switch d.kind {
	case kindPost:
		s.publish(gc, d.uri, nil, []protocol.Diagnostic{})
	case kindConfig:
		// The file on disk governs again, unsaved edits are gone.
		s.reload(gc)
	}
	return nil
}

func (s *server) didChangeWatchedFiles(gc *glsp.Context, p *protocol.DidChangeWatchedFilesParams) error {
	for _, c := range p.Changes {
		if path, ok := uriPath(c.URI); ok && s.governs(path) {
			s.reload(gc)
			return nil
		}
	}
	return nil
}

// update classifies an opened document and judges it.
func (s *server) update(gc *glsp.Context, d *document) {
	s.classify(d)
	s.judge(gc, d)
}

// classify says what an opened or changed document is.
func (s *server) classify(d *document) {
	switch {
	case d.path != "" && filepath.Base(d.path) == config.FileName:
		d.kind = kindConfig
	case s.isPost(d):
		d.kind = kindPost
	}
}

// judge judges a document now: a config is reloaded, a post checked.
func (s *server) judge(gc *glsp.Context, d *document) {
	s.cancel(d)
	switch d.kind {
	case kindConfig:
		s.reload(gc)
	case kindPost:
		if !s.fresh(gc) { // a reload checks every open post
			s.check(gc, d)
		}
	}
}

// isPost reports whether a document is checked as a post: a file the
// config's content globs select, or any Markdown file, as `check` always
// checks a file it is given.
func (s *server) isPost(d *document) bool {
	if d.language == "markdown" {
		return true
	}
	switch strings.ToLower(filepath.Ext(d.path)) {
	case ".md", ".markdown":
		return true
	}
	if d.path == "" || s.ws == nil || s.ws.cfg == nil {
		return false
	}
	root, err := filepath.Abs(s.ws.cfg.Dir)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(root, d.path)
	return err == nil && !strings.HasPrefix(rel, "..") && s.ws.cfg.IsPost(filepath.ToSlash(rel))
}

// check judges a post's text as `check` judges the file and publishes
// the outcome.
func (s *server) check(gc *glsp.Context, d *document) {
	d.post, d.checked, d.findings = nil, nil, nil
	eng := s.ws.eng
	if eng == nil {
		at := protocol.Range{}
		s.publish(gc, d.uri, &d.version, []protocol.Diagnostic{{Range: at, Severity: ptr(protocol.DiagnosticSeverityError),
			Source: ptr(source), Message: "Greenlight cannot check this post: greenlight.hcl, or a policy or style it names, has errors."}})
		return
	}
	path := d.path
	if path == "" {
		path = d.uri
	}
	f := engine.File{Path: path, Abs: path}
	if diags := s.refused(eng, f, len(d.text.src)); diags.HasErrors() {
		s.publishInput(gc, d, diags)
		return
	}
	post, diags := eng.Parse(path, d.text.src)
	if diags.HasErrors() {
		s.publishInput(gc, d, diags)
		return
	}
	c := eng.CheckPost(s.context(), post)
	d.post, d.checked, d.findings = post, &c, c.Findings
	out := []protocol.Diagnostic{}
	for _, diag := range diags {
		out = append(out, inputDiagnostic(d.text, diag))
	}
	for _, f := range d.findings {
		out = append(out, s.diagnostic(d, f))
	}
	s.publish(gc, d.uri, &d.version, out)
}

// refused is what `check` would refuse to read: a post on disk that is a
// link or not a regular file (the GitHub Action never follows links), or
// a text over max_post_size.
func (s *server) refused(eng *engine.Engine, f engine.File, size int) hcl.Diagnostics {
	if info, err := os.Lstat(f.Abs); err == nil && !info.Mode().IsRegular() {
		_, diags := eng.ReadPost(f)
		return diags
	}
	return engine.CheckSize(s.ws.cfg, f, size)
}

func (s *server) publishInput(gc *glsp.Context, d *document, diags hcl.Diagnostics) {
	out := []protocol.Diagnostic{}
	for _, diag := range diags {
		out = append(out, inputDiagnostic(d.text, diag))
	}
	s.publish(gc, d.uri, &d.version, out)
}

// inputDiagnostic is a problem reading a post, under the rule id the
// GitHub Action reports it with.
func inputDiagnostic(t text, d *hcl.Diagnostic) protocol.Diagnostic {
	out := hclDiagnostic(t, d)
	out.Code = &protocol.IntegerOrString{Value: engine.RuleInput}
	return out
}

// diagnostic is a finding as an LSP diagnostic.
func (s *server) diagnostic(d *document, f finding.Finding) protocol.Diagnostic {
	sev := protocol.DiagnosticSeverityInformation
	switch f.Level {
	case finding.Error:
		sev = protocol.DiagnosticSeverityError
	case finding.Warning:
		sev = protocol.DiagnosticSeverityWarning
	}
	out := protocol.Diagnostic{Range: d.text.findingRange(f.Span), Severity: &sev,
		Code: &protocol.IntegerOrString{Value: f.Rule}, Source: ptr(source), Message: f.Message}
	if link := s.ws.specs[f.Rule].Link; link != "" {
		out.CodeDescription = &protocol.CodeDescription{HRef: link}
	}
	return out
}

func (s *server) publish(gc *glsp.Context, uri protocol.DocumentUri, version *protocol.Integer, diags []protocol.Diagnostic) {
	p := protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: diags}
	if version != nil && *version >= 0 {
		p.Version = ptr(protocol.UInteger(*version))
	}
	gc.Notify(string(protocol.ServerTextDocumentPublishDiagnostics), p)
}

// docAt is the open document of the file at path, or nil.
func (s *server) docAt(path string) *document {
	for _, d := range s.docs {
		if d.path != "" && d.path == path {
			return d
		}
	}
	return nil
}

// sortedDocs are the open documents in URI order, so that a reload
// publishes in the same order every time.
func (s *server) sortedDocs() []*document {
	out := make([]*document, 0, len(s.docs))
	for _, d := range s.docs {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *document) int { return strings.Compare(a.uri, b.uri) })
	return out
}

func (s *server) context() context.Context {
	if s.ctx == nil {
		return context.Background()
	}
	return s.ctx
}
