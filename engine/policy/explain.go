package policy

import (
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
)

// RuleDoc describes a policy rule from its METADATA.
type RuleDoc struct {
	ID          string // custom.id, else package.rule
	Package     string
	Rule        string
	Title       string
	Description string
	File        string
	Line        int
}

// Explain lists every decision rule of the sources with its METADATA, in
// id order.
func Explain(sources []Source) ([]RuleDoc, hcl.Diagnostics) {
	mods, diags := loadModules(sources, false)
	if diags.HasErrors() {
		return nil, diags
	}
	list := make([]*ast.Module, 0, len(mods))
	for _, m := range mods {
		list = append(list, m)
	}
	set, errs := ast.BuildAnnotationSet(list)
	if len(errs) > 0 {
		return nil, regoDiagnostics("", errs)
	}
	seen := map[string]bool{}
	var docs []RuleDoc
	for _, m := range list {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		for _, r := range m.Rules {
			name := r.Head.Name.String()
			if len(r.Head.Reference) > 0 {
				name = r.Head.Reference[0].String()
			}
			doc := RuleDoc{Package: pkg, Rule: name, File: r.Location.File, Line: r.Location.Row}
			for _, a := range set.GetRuleScope(r) {
				doc.Title, doc.Description = a.Title, a.Description
				if id, ok := a.Custom["id"].(string); ok {
					doc.ID = id
				}
			}
			if !slices.Contains(decisionRules(), name) && name != "stages" && doc.ID == "" {
				// A helper, unless it declares the id of the findings it
				// builds (greenlight.voice's breach): that id is one a
				// waiver may name, so it is listed.
				continue
			}
			if doc.Title == "" {
				continue // undocumented rules
			}
			if doc.ID == "" {
				doc.ID = pkg + "." + name
			}
			if seen[doc.ID] {
				continue
			}
			seen[doc.ID] = true
			docs = append(docs, doc)
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, nil
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
