package policy

import (
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
)

// RuleDoc describes, from its METADATA, a rule id a policy's findings can
// carry: a rule's custom.id, or the name of a package with decisions
// (which a violation without a rule id of its own carries).
type RuleDoc struct {
	ID          string // custom.id, or the package for a package's doc
	Package     string
	Rule        string // the Rego rule that declares the id; "" for a package
	Title       string
	Description string
	File        string
	Line        int
	// Bundled is set for Greenlight's own policies, embedded in the
	// binary: their File is no path on disk, and must not read as one
	// in the team's folder of the same name.
	Bundled bool
	// Levels are the levels of the decisions that declare the id (deny
	// is error, warn warning, info info), in that order; empty when the
	// id is declared on a helper whose findings take their level from
	// the config.
	Levels []string
}

// Explain lists every rule id the sources' policies declare, with its
// METADATA, in id order.
func Explain(sources []Source) ([]RuleDoc, hcl.Diagnostics) {
	mods, from, diags := loadModules(sources, nil)
	if diags.HasErrors() {
		return nil, diags
	}
	files := make([]string, 0, len(mods))
	for f := range mods {
		files = append(files, f)
	}
	slices.Sort(files)
	list := make([]*ast.Module, 0, len(mods))
	for _, f := range files {
		list = append(list, mods[f])
	}
	set, errs := ast.BuildAnnotationSet(list)
	if len(errs) > 0 {
		return nil, regoDiagnostics("", errs)
	}
	byID := map[string]*RuleDoc{}
	var docs []*RuleDoc
	add := func(d RuleDoc) *RuleDoc {
		if prev, ok := byID[d.ID]; ok {
			return prev
		}
		docs = append(docs, &d)
		byID[d.ID] = &d
		return &d
	}
	for _, f := range files {
		m := mods[f]
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		for _, r := range m.Rules {
			name := r.Head.Name.String()
			if len(r.Head.Reference) > 0 {
				name = r.Head.Reference[0].String()
			}
			if slices.Contains(decisionRules(), name) && !slices.Contains([]string{"required_stages", "exception"}, name) {
				// A package with decisions is an id of its own.
				d := add(RuleDoc{ID: pkg, Package: pkg, File: f, Line: m.Package.Location.Row, Bundled: from[f].Bundled})
				if a := set.GetPackageScope(m.Package); a != nil && d.Title == "" {
					d.Title, d.Description = a.Title, a.Description
				}
			}
			var id, title, desc string
			for _, a := range set.GetRuleScope(r) {
				title, desc = a.Title, a.Description
				if s, ok := a.Custom["id"].(string); ok {
					id = s
				}
			}
			if id == "" || id == pkg {
				continue
			}
			d := add(RuleDoc{ID: id, Package: pkg, Rule: name, Title: title, Description: desc,
				File: f, Line: r.Location.Row, Bundled: from[f].Bundled})
			if l := decisionLevel(name); l != "" && !slices.Contains(d.Levels, l) {
				d.Levels = append(d.Levels, l)
			}
		}
	}
	out := make([]RuleDoc, 0, len(docs))
	for _, d := range docs {
		if d.Title == "" {
			d.Title = d.ID
		}
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// decisionLevel is the level of a decision rule's findings, or "".
func decisionLevel(rule string) string {
	switch rule {
	case "deny":
		return "error"
	case "warn":
		return "warning"
	case "info":
		return "info"
	}
	return ""
}

// RuleIDs are the rule ids the engine's findings can carry: every
// custom.id the policies' METADATA declares (on a decision rule or on a
// helper that builds violations), and the name of every package with
// decisions, which a violation without a rule id carries. A policy may
// compute other ids at run time; only declared ones can be known here.
func (e *Engine) RuleIDs() []string {
	ids := e.Packages()
	for _, m := range e.modules {
		for _, a := range m.Annotations {
			if id, ok := a.Custom["id"].(string); ok && id != "" && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids
}
