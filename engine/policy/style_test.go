package policy_test

import (
	"context"
	"slices"
	"testing"

	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/policies"
)

// TestStyleIsLeftToTheCallerOnlyWhenBundled checks when Evaluate leaves
// the style package's decisions to the caller (StyleInGo): only with the
// config's inputs and no team module adding to the package; otherwise the
// package's Rego decides, and its violations are reported. The caller's
// reporting is compared with the Rego's in the engine's tests.
func TestStyleIsLeftToTheCallerOnlyWhenBundled(t *testing.T) {
	t.Parallel()
	bundled := policy.Source{Name: "policies", FS: policies.FS, Bundled: true}
	addsToStyle := source(map[string]string{"style.rego": `package greenlight.style

warn contains {"msg": "a team's own style warning"} if count(input.matches.style_by_level.warning) > 0
`})
	readsStyle := source(map[string]string{"count.rego": `package acme.count

warn contains {"msg": sprintf("%d style warnings", [count(input.matches.style_by_level.warning)])} if {
	count(input.matches.style_by_level.warning) > 1
}
`})
	m := func(line int) map[string]any {
		return map[string]any{"line": line, "col": 1, "end_line": line, "end_col": 5, "rule": "Acme.Hype", "level": "warning", "msg": "Avoid it.", "suggestion": ""}
	}
	ms := []any{m(1), m(2)}
	doc := map[string]any{"matches": map[string]any{"style": ms, "style_by_level": map[string]any{"warning": ms}}}
	for _, tc := range []struct {
		name    string
		sources []policy.Source
		inputs  *policy.Inputs
		inGo    bool
		// want are the messages of the violations Evaluate reports.
		want []string
	}{
		{"bundled, with the config's inputs", []policy.Source{bundled}, &policy.Inputs{Stages: true}, true, nil},
		{"a team policy reading the matches", []policy.Source{bundled, readsStyle}, &policy.Inputs{Stages: true}, true, []string{"2 style warnings"}},
		{"a team module adding to the package", []policy.Source{bundled, addsToStyle}, &policy.Inputs{Stages: true}, false,
			[]string{"Avoid it.", "Avoid it.", "a team's own style warning"}},
		{"every package in Rego", []policy.Source{bundled}, nil, false, []string{"Avoid it.", "Avoid it."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, diags := policy.New(context.Background(), policy.Options{Sources: tc.sources, Inputs: tc.inputs})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if e.StyleInGo() != tc.inGo {
				t.Errorf("StyleInGo() = %v, want %v", e.StyleInGo(), tc.inGo)
			}
			d := e.Evaluate(context.Background(), document(t, doc))
			var got []string
			for _, v := range d.Violations {
				got = append(got, v.Msg)
			}
			slices.Sort(got)
			if len(d.Errors) > 0 || !slices.Equal(got, tc.want) {
				t.Errorf("violations %q, errors %q; want %q", got, d.Errors, tc.want)
			}
		})
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
			d := e.Evaluate(context.Background(), document(t, map[string]any{"matches": map[string]any{"compliance": []any{}}, "config": map[string]any{"compliance": []any{}}}))
			if len(d.Errors) > 0 || len(d.Violations) != 1 || d.Violations[0].Msg != "no trigger fired" {
				t.Errorf("decision %+v, want the team's warning", d)
			}
		})
	}
}
