package policy_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/policies"
	"github.com/open-policy-agent/opa/v1/ast"
)

func source(files map[string]string) policy.Source {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return policy.Source{Name: "team", FS: fsys}
}

// document is an input document written as Go maps, as OPA values.
func document(t *testing.T, doc map[string]any) ast.Object {
	t.Helper()
	v, err := ast.InterfaceToValue(doc)
	if err != nil {
		t.Fatal(err)
	}
	return v.(ast.Object)
}

func TestDecisions(t *testing.T) {
	src := source(map[string]string{
		"a.rego": `package acme.a

deny contains {"msg": "too long", "rule": "acme.long", "line": 3, "col": 2} if input.n > 10

warn contains {"msg": "no rule id"} if input.n > 5

required_stages contains "legal" if input.n > 7

exception contains "acme.other" if input.n > 0
`,
		"bad.rego": `package acme.bad

deny contains "a bare string" if input.n > 0

info contains {"message": "wrong key"} if input.n > 0
`,
		"signoff.rego": `package greenlight.signoff

stages["legal"] := {"required": "legal" in input.required_stages, "satisfied": false, "pending": true, "waiting_for": [], "approved_by": [], "reasons": ["compliance"]}

deny contains {"msg": "legal pending"} if "legal" in input.required_stages
`,
	})
	e, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{src}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d := e.Evaluate(context.Background(), document(t, map[string]any{"n": 11}))

	var got []string
	for _, v := range d.Violations {
		got = append(got, strings.Join([]string{v.Level.String(), v.Rule, v.Msg}, " "))
	}
	want := []string{"error acme.long too long", "warning acme.a no rule id", "error greenlight.signoff legal pending"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Violations[0].Line != 3 || d.Violations[0].Col != 2 {
		t.Errorf("position %d:%d, want 3:2", d.Violations[0].Line, d.Violations[0].Col)
	}
	if len(d.RequiredStages) != 1 || d.RequiredStages[0] != "legal" {
		t.Errorf("required stages %v", d.RequiredStages)
	}
	if len(d.Stages) != 1 || !d.Stages[0].Required || d.Stages[0].Name != "legal" {
		t.Errorf("the sign-off package did not see the required stages: %+v", d.Stages)
	}
	if len(d.Exceptions) != 1 || d.Exceptions[0].Rule != "acme.other" {
		t.Errorf("exceptions %v", d.Exceptions)
	}
	if len(d.Errors) != 2 || !strings.Contains(d.Errors[0], "policy acme.bad") {
		t.Errorf("malformed decisions must be named, not ignored: %q", d.Errors)
	}
}

func TestSignoffSeesTheFiredTriggersAndTheSameInput(t *testing.T) {
	src := source(map[string]string{
		"compliance.rego": `package greenlight.compliance

fired contains t if some t in input.triggers

required_stages contains "legal" if count(fired) > 0
`,
		"complete.rego": `package acme.complete

# A complete rule can be undefined; it must not make the query undefined.
deny := {{"msg": "complete"}} if input.never
`,
		"signoff.rego": `package greenlight.signoff

stages["legal"] := {
	"required": "legal" in input.required_stages, "satisfied": false, "pending": true,
	"waiting_for": [], "approved_by": [], "reasons": [sprintf("compliance: %s", [t]) | some t in input.fired_triggers],
}

deny contains {"msg": input.path} if true
`,
	})
	e, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{src}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d := e.Evaluate(context.Background(), document(t, map[string]any{"path": "posts/a.md", "triggers": []any{"sponsored"}, "required_stages": []any{"stale"}}))
	if len(d.Errors) > 0 {
		t.Fatal(d.Errors)
	}
	if len(d.Stages) != 1 || !d.Stages[0].Required || strings.Join(d.Stages[0].Reasons, ",") != "compliance: sponsored" {
		t.Errorf("stages %+v, want legal required for the fired trigger sponsored", d.Stages)
	}
	if len(d.Violations) != 1 || d.Violations[0].Msg != "posts/a.md" {
		t.Errorf("violations %+v, want the sign-off package to see the post's input", d.Violations)
	}
	if strings.Join(d.RequiredStages, ",") != "legal" {
		t.Errorf("required stages %v, want legal (the input's own required_stages are replaced)", d.RequiredStages)
	}
}

func TestSyntaxAndTypeErrorsAreLocated(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"a syntax error": {"package acme\n\ndeny contains x if {\n  x := \n}\n", "team/p.rego:5:"},
		"an unknown ref": {"package acme\n\ndeny contains x if {\n  x := foo(1)\n}\n", "team/p.rego:4:"},
		"a network call": {"package acme\n\ndeny contains x if {\n  x := http.send({\"method\": \"get\", \"url\": \"http://x\"})\n}\n", "team/p.rego:4:"},
		"v0 syntax":      {"package acme\n\ndeny[msg] {\n  msg := \"x\"\n}\n", "team/p.rego:3:"},
	} {
		t.Run(name, func(t *testing.T) {
			_, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{source(map[string]string{"p.rego": tc.src})}})
			if !diags.HasErrors() {
				t.Fatal("no error")
			}
			d := diags[0]
			if d.Subject == nil {
				t.Fatalf("no position: %s", diags)
			}
			at := d.Subject.Filename + ":" + strconv.Itoa(d.Subject.Start.Line) + ":"
			if at != tc.want {
				t.Errorf("at %s (%s), want %s", at, diags, tc.want)
			}
		})
	}
}

func TestAllowBuiltinsWidensCapabilities(t *testing.T) {
	src := source(map[string]string{"p.rego": "package acme\n\ndeny contains {\"msg\": \"inside\"} if net.cidr_contains(\"10.0.0.0/8\", input.ip)\n"})
	_, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{src}})
	if !diags.HasErrors() {
		t.Error("net.* must be refused by default")
	}
	if !strings.Contains(diags.Error(), `allow_builtins = ["net.cidr_contains"]`) {
		t.Errorf("the refusal reads like a typo, without naming allow_builtins: %v", diags)
	}
	if _, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{src}, AllowBuiltins: []string{"net.cidr_contains"}}); diags.HasErrors() {
		t.Errorf("allow_builtins must allow it: %s", diags)
	}
}

func TestRuleIDsAreTheIDsFindingsCanCarry(t *testing.T) {
	src := source(map[string]string{
		"a.rego": `package acme.a

# METADATA
# title: Disclaimer
# custom:
#   id: acme.a.disclaimer
deny contains {"msg": "no disclaimer", "rule": "acme.a.disclaimer"} if input.n > 1

warn contains v if {
	input.n > 2
	v := tone(input.n)
}

# METADATA
# title: Too loud
# custom:
#   id: acme.a.loud
tone(n) := {"msg": "too loud", "rule": "acme.a.loud"}
`,
		"lib.rego": `package acme.lib

# METADATA
# title: Helper
helper(x) := x
`,
	})
	e, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{src}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	tests := []struct {
		name string
		id   string
		want bool
	}{
		{"a decision rule's custom.id is an id", "acme.a.disclaimer", true},
		{"a helper's custom.id is an id: it builds the violation", "acme.a.loud", true},
		{"a package with decisions is an id: a violation without a rule carries it", "acme.a", true},
		{"a package without decisions is no id", "acme.lib", false},
		{"a decision rule's name is no id", "acme.a.deny", false},
	}
	ids := e.RuleIDs()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := slices.Contains(ids, tc.id); got != tc.want {
				t.Errorf("%q in RuleIDs = %v, want %v; RuleIDs are %q", tc.id, got, tc.want, ids)
			}
		})
	}
	t.Run("explain lists a helper's custom.id, which a waiver may name", func(t *testing.T) {
		docs, diags := policy.Explain([]policy.Source{src})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if !slices.ContainsFunc(docs, func(d policy.RuleDoc) bool { return d.ID == "acme.a.loud" }) {
			t.Errorf("explain does not list acme.a.loud: %+v", docs)
		}
	})
}

// TestAFileNamedAsABundledOneIsAnError checks that a team's file shown
// under a bundled file's name (the team's folder "policies", read from
// the config's folder, holding voice/voice.rego) cannot silently replace
// the bundled file, and so drop its package: it is an error naming the
// file, in check, test and explain alike. One file reached through two
// folders is the same module, and loads once.
func TestAFileNamedAsABundledOneIsAnError(t *testing.T) {
	t.Parallel()
	bundled := policy.Source{Name: "policies", FS: policies.FS, Bundled: true}
	team := source(map[string]string{"voice/voice.rego": "package acme.voice\n\nwarn contains {\"msg\": \"team\"} if false\n"})
	team.Name = "policies"
	_, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{bundled, team}})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "policies/voice/voice.rego is the name of a file of Greenlight's bundled policies and of a different file of the policies in policies") {
		t.Errorf("New: %v; want an error naming policies/voice/voice.rego", diags)
	}
	if _, _, diags := policy.RunTests(context.Background(), policy.TestOptions{Sources: []policy.Source{bundled, team}}); !diags.HasErrors() {
		t.Error("RunTests loaded both files under one name")
	}
	if _, diags := policy.Explain([]policy.Source{bundled, team}); !diags.HasErrors() {
		t.Error("Explain loaded both files under one name")
	}
	same := source(map[string]string{"a.rego": "package acme.a\n\ndeny contains {\"msg\": \"a\"} if input.n > 1\n"})
	e, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{bundled, same, same}})
	if diags.HasErrors() {
		t.Fatalf("one file through two folders: %v", diags)
	}
	if d := e.Evaluate(context.Background(), document(t, map[string]any{"n": 2})); len(d.Violations) != 1 {
		t.Errorf("violations %+v, want the one file's one", d.Violations)
	}
}

// A shared rulebook's policy that governs (Greenlight's packages, the
// repository's, an exception) is refused by RunTests as by New, so that
// greenlight test does not pass what check refuses.
func TestRunTestsRefusesASharedRulebookThatGoverns(t *testing.T) {
	t.Parallel()
	bundled := policy.Source{Name: "policies", FS: policies.FS, Bundled: true}
	for name, src := range map[string]string{
		"exception":    "package rulebook.acme.evil\n\nexception contains \"hype\" if input.post.path != \"\"\n",
		"greenlight.*": "package greenlight.signoff\n\nextra contains \"x\" if input.post.path != \"\"\n",
	} {
		shared := source(map[string]string{"evil.rego": src,
			"evil_test.rego": "package rulebook.acme.evil_test\n\ntest_ok if true\n"})
		shared.Name, shared.Shared = "rulebook", true
		if _, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{bundled, shared}}); !diags.HasErrors() {
			t.Errorf("%s: New loaded it", name)
		}
		_, _, diags := policy.RunTests(context.Background(), policy.TestOptions{Sources: []policy.Source{bundled, shared}})
		if !diags.HasErrors() || !strings.Contains(diags.Error(), "A shared rulebook's policy may not govern") {
			t.Errorf("%s: RunTests: %v; want the module refused", name, diags)
		}
	}
}
