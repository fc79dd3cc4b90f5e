package policy_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/policies"
)

// TestStyleDecisionsAreTheStylePackages checks that the style package's
// decisions, computed in Go, are what its Rego decides, on documents with
// every level, equal matches, a match without a message and no
// style_by_level; and that a team policy reading matches.style_by_level
// still sees it.
func TestStyleDecisionsAreTheStylePackages(t *testing.T) {
	bundled := policy.Source{Name: "policies", FS: policies.FS, Bundled: true}
	team := source(map[string]string{"count.rego": `package acme.count

warn contains {"msg": sprintf("%d style warnings", [count(input.matches.style_by_level.warning)])} if {
	count(input.matches.style_by_level.warning) > 1
}
`})
	match := func(line int, level, rule, msg string) map[string]any {
		return map[string]any{"line": line, "col": 1, "end_line": line, "end_col": 5, "rule": rule, "level": level, "msg": msg, "suggestion": ""}
	}
	ms := []any{
		match(3, "warning", "Acme.Hype", "Avoid 'revolutionary'."),
		match(3, "warning", "Acme.Hype", "Avoid 'revolutionary'."), // equal: one violation
		match(2, "warning", "Acme.Hype", "Avoid 'synergy'."),
		match(1, "error", "Acme.Brand", "Use 'GitHub'."),
		match(4, "info", "", "No rule name."),
		match(5, "suggestion", "Vale.Odd", "An unknown level fails closed."),
		match(6, "error", "Acme.Empty", ""),
	}
	byLevel := func(ms []any) map[string]any {
		out := map[string]any{}
		for _, m := range ms {
			l := m.(map[string]any)["level"].(string)
			xs, _ := out[l].([]any)
			out[l] = append(xs, m)
		}
		return out
	}
	docs := map[string]map[string]any{
		"matches by level":  {"matches": map[string]any{"style": ms, "style_by_level": byLevel(ms)}},
		"no style_by_level": {"matches": map[string]any{"style": ms}},
		"no matches":        {"matches": map[string]any{"style": []any{}, "style_by_level": map[string]any{}}},
		"no matches object": {},
	}
	for setup, sources := range map[string][]policy.Source{"bundled only: ": {bundled}, "with a team policy: ": {bundled, team}} {
		rego, diags := policy.New(context.Background(), policy.Options{Sources: sources})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		inGo, _ := policy.New(context.Background(), policy.Options{Sources: sources, Inputs: &policy.Inputs{Stages: true}})
		for name, doc := range docs {
			t.Run(setup+name+" decides the same", func(t *testing.T) {
				want, got := rego.Evaluate(context.Background(), doc), inGo.Evaluate(context.Background(), doc)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("in Go:\n%+v\nin Rego:\n%+v", got, want)
				}
				if name == "matches by level" && len(want.Violations) < 5 {
					t.Errorf("only %d violations: the comparison proves little", len(want.Violations))
				}
			})
		}
	}
}

// TestTeamPoliciesReadPackagesLeftOut checks that a team policy may read
// the rules of a bundled package left out under the config's inputs: the
// package is still compiled when something reads it.
func TestTeamPoliciesReadPackagesLeftOut(t *testing.T) {
	bundled := policy.Source{Name: "policies", FS: policies.FS, Bundled: true}
	for name, src := range map[string]string{
		"an import": `package acme.t

import data.greenlight.compliance

warn contains {"msg": "no trigger fired"} if count(compliance.fired) == 0
`,
		"a reference into data": `package acme.t

warn contains {"msg": "no trigger fired"} if count(data.greenlight.compliance.fired) == 0
`,
		"a variable key": `package acme.t

warn contains {"msg": "no trigger fired"} if {
	some pkg
	pkg == "compliance"
	count(data.greenlight[pkg].fired) == 0
}
`,
	} {
		t.Run("through "+name, func(t *testing.T) {
			e, diags := policy.New(context.Background(), policy.Options{
				Sources: []policy.Source{bundled, source(map[string]string{"t.rego": src})}, Inputs: &policy.Inputs{}})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			d := e.Evaluate(context.Background(), map[string]any{"matches": map[string]any{"compliance": []any{}}, "config": map[string]any{"compliance": []any{}}})
			if len(d.Errors) > 0 || len(d.Violations) != 1 || d.Violations[0].Msg != "no trigger fired" {
				t.Errorf("decision %+v, want the team's warning", d)
			}
		})
	}
}
