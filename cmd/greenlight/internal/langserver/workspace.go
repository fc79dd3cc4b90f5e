package langserver

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// maxEngineAge is how long one engine judges posts. An engine judges
// embargoes and deadlines as of the time it was built; an editor session
// lasts hours, so the engine is rebuilt once it is this old.
const maxEngineAge = 10 * time.Minute

// workspace is the config and the engine built from it, with what hovers
// and diagnostics need to know about its rules.
type workspace struct {
	configPath string // absolute; "" with the built-in defaults
	cfg        *config.Config
	eng        *engine.Engine // nil while the config, a policy or a style has errors
	built      time.Time
	docs       map[string]policy.RuleDoc // the policies' rules, by id
	specs      map[string]style.Spec     // the style rules, by id
	// problems are the files the last load published diagnostics on,
	// to clear when they are fixed.
	problems []protocol.DocumentUri
}

// reload finds greenlight.hcl in the workspace folder or its parents,
// builds the engine from it (from the editor's text when the config is
// open there), publishes the config's problems at their ranges and checks
// every open post again.
func (s *server) reload(gc *glsp.Context) {
	// Every open document is judged below, with its latest text: none
	// need wait any longer.
	for _, d := range s.docs {
		s.cancel(d)
	}
	ws := &workspace{built: s.opts.Now()}
	var old []protocol.DocumentUri
	if s.ws != nil {
		old = s.ws.problems
	}
	diags := s.loadConfig(gc, ws)
	if ws.cfg != nil {
		eng, d := engine.New(s.context(), ws.cfg, engine.Options{Now: ws.built})
		diags = append(diags, d...)
		if eng != nil {
			ws.eng = eng
			ws.specs = map[string]style.Spec{}
			for _, spec := range eng.Rules() {
				ws.specs[spec.ID] = spec
			}
			// New has loaded the same policies without error, so Explain
			// has nothing new to say.
			docs, _ := policy.Explain(eng.PolicySources())
			ws.docs = map[string]policy.RuleDoc{}
			for _, d := range docs {
				ws.docs[d.ID] = d
			}
		}
	}
	s.ws = ws
	s.publishProblems(gc, diags, old)
	if ws.eng == nil {
		where := "greenlight.hcl"
		if ws.configPath != "" {
			where = ws.configPath
		}
		s.warn(gc, "Greenlight: %s, or a policy or style it names, has errors; posts are not checked until they are fixed.", where)
	}
	for _, d := range s.sortedDocs() {
		if d.kind == kindPost {
			s.check(gc, d)
		}
	}
}

// loadConfig fills ws.configPath and ws.cfg, and returns the config's
// diagnostics.
func (s *server) loadConfig(gc *glsp.Context, ws *workspace) hcl.Diagnostics {
	path, found, err := config.Find(s.root)
	if err != nil {
		s.say(gc, protocol.MessageTypeError, "Greenlight: %v", err)
	}
	if !found {
		s.say(gc, protocol.MessageTypeInfo, "Greenlight: no %s in %s or its parents; using the built-in defaults (every Markdown file is a post, no team rules).", config.FileName, s.root)
		ws.cfg = config.Default(s.root)
		return nil
	}
	ws.configPath = path
	var loaded config.Loaded
	if d := s.docAt(path); d != nil {
		// The editor's text, saved or not, is the config being written.
		loaded = config.Parse(path, d.text.src)
	} else {
		loaded = config.Load(path)
	}
	ws.cfg = loaded.Config
	if ws.cfg != nil {
		s.say(gc, protocol.MessageTypeInfo, "Greenlight: using %s.", path)
	}
	for _, d := range loaded.Diags {
		if d.Subject == nil {
			// "Cannot read config" has no place: put it at the file's start.
			d.Subject = &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}
		}
	}
	return loaded.Diags
}

// publishProblems publishes the diagnostics of a load on the files they
// name (the config, a policy, a style rule) and clears the files of the
// previous load that have none now.
func (s *server) publishProblems(gc *glsp.Context, diags hcl.Diagnostics, old []protocol.DocumentUri) {
	byFile := map[string]hcl.Diagnostics{}
	var files []string
	for _, d := range diags {
		file := ""
		if d.Subject != nil {
			file = d.Subject.Filename
		}
		if file == "" {
			// Nowhere to show it in a file: the editor's log has it.
			s.say(gc, protocol.MessageTypeError, "Greenlight: %s: %s", d.Summary, d.Detail)
			continue
		}
		if !filepath.IsAbs(file) {
			file = filepath.Join(s.root, file)
		}
		if _, ok := byFile[file]; !ok {
			files = append(files, file)
		}
		byFile[file] = append(byFile[file], d)
	}
	var now []protocol.DocumentUri
	for _, file := range files {
		uri, src := pathURI(file), []byte(nil)
		if d := s.docAt(file); d != nil {
			uri, src = d.uri, d.text.src
		} else if b, err := os.ReadFile(file); err == nil {
			src = b
		}
		t := newText(src)
		out := []protocol.Diagnostic{}
		for _, d := range byFile[file] {
			out = append(out, hclDiagnostic(t, d))
		}
		s.publish(gc, uri, nil, out)
		now = append(now, uri)
	}
	for _, uri := range old {
		if !slices.Contains(now, uri) {
			s.publish(gc, uri, nil, []protocol.Diagnostic{})
		}
	}
	s.ws.problems = now
}

// fresh rebuilds an engine that has judged long enough (see
// maxEngineAge) and reports whether it did.
func (s *server) fresh(gc *glsp.Context) bool {
	if s.ws == nil || s.opts.Now().Sub(s.ws.built) >= maxEngineAge {
		s.reload(gc)
		return true
	}
	return false
}

// governs reports whether a change to the file at path changes the
// engine: the config, a policy or a style rule.
func (s *server) governs(path string) bool {
	if filepath.Base(path) == config.FileName || filepath.Base(path) == rulebook.LockName {
		return true
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".rego":
		return true
	case ".yml", ".yaml":
		if s.ws == nil || s.ws.cfg == nil {
			return false
		}
		for _, dir := range s.ws.cfg.Settings.Styles {
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(s.ws.cfg.Dir, dir)
			}
			if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
				return true
			}
		}
	}
	return false
}

// uriPath is the file a file: URI names.
func uriPath(uri protocol.DocumentUri) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // "/C:/posts" is C:\posts
	}
	return filepath.Clean(filepath.FromSlash(p)), true
}

// pathURI is the file: URI of an absolute path.
func pathURI(path string) protocol.DocumentUri {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// hclDiagnostic is a config, policy or post-reading problem as an LSP
// diagnostic.
func hclDiagnostic(t text, d *hcl.Diagnostic) protocol.Diagnostic {
	sev := protocol.DiagnosticSeverityError
	if d.Severity == hcl.DiagWarning {
		sev = protocol.DiagnosticSeverityWarning
	}
	msg := d.Summary
	if d.Detail != "" {
		msg = fmt.Sprintf("%s: %s", d.Summary, d.Detail)
	}
	var r protocol.Range
	if d.Subject != nil {
		r = t.hclRange(*d.Subject)
	}
	return protocol.Diagnostic{Range: r, Severity: &sev, Source: ptr(source), Message: msg}
}

const source = "greenlight"

func ptr[T any](v T) *T { return &v }
