package policy_test

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/policies"
)

// compareNarrowWhole evaluates each document with an engine that takes the
// sign-off shortcut (Inputs) and one that does not, twice each, and fails
// on any difference.
func compareNarrowWhole(t *testing.T, team map[string]string, docs []map[string]any) {
	t.Helper()
	sources := []policy.Source{{Name: "policies", FS: policies.FS, Bundled: true}}
	if team != nil {
		sources = append(sources, source(team))
	}
	narrow, diags := policy.New(context.Background(), policy.Options{Sources: sources, Inputs: &policy.Inputs{Compliance: true, Stages: true}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	whole, diags := policy.New(context.Background(), policy.Options{Sources: sources})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for i, m := range docs {
		doc := document(t, m)
		want := whole.Evaluate(context.Background(), doc)
		if len(want.Errors) > 0 {
			t.Fatal(want.Errors)
		}
		for range 2 {
			got := narrow.Evaluate(context.Background(), doc)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("document %d:\n got %+v\nwant %+v", i, got, want)
			}
		}
	}
}

func redteamDoc(stages []any, post map[string]any) map[string]any {
	return map[string]any{
		"path":     "posts/a.md",
		"post":     post,
		"review":   map[string]any{"pull_request": 7, "author": "amy", "head": "abc", "approvals": []any{}},
		"options":  map[string]any{"require_signoffs": true},
		"matches":  map[string]any{"compliance": []any{}, "embargo": []any{}, "style": []any{}},
		"config":   map[string]any{"stages": stages, "compliance": []any{}, "timezone": "UTC"},
		"channels": map[string]any{},
	}
}

// A stage's when may name the post's front matter itself ("post.front",
// which the config accepts): the stage is required when the post has any
// front-matter field of its own.
func TestSignoffNarrowWhenPostFront(t *testing.T) {
	t.Parallel()
	stages := []any{map[string]any{"name": "legal", "approvers": []any{"legal"}, "after": []any{}, "when": "post.front", "min_approvals": 1}}
	compareNarrowWhole(t, nil, []map[string]any{
		redteamDoc(stages, map[string]any{"channels": []any{"x"}, "text": "a", "front": map[string]any{}}),
		redteamDoc(stages, map[string]any{"channels": []any{"x"}, "text": "b", "front": map[string]any{"topic": "finance"}}),
		redteamDoc(stages, map[string]any{"channels": []any{"x"}, "text": "c", "front": map[string]any{"front": "yes"}}),
	})
}

// A team module outside the package may add rules to it with a rule head
// ref (package greenlight, rule signoff.deny), reading any of the input.
func TestSignoffNarrowRefHeadTeamRule(t *testing.T) {
	t.Parallel()
	stages := []any{map[string]any{"name": "copy", "approvers": []any{"copy"}, "after": []any{}, "when": "always", "min_approvals": 1}}
	compareNarrowWhole(t, map[string]string{"team.rego": `package greenlight

signoff.deny contains {"msg": "no secrets", "rule": "acme.secret"} if contains(input.post.text, "secret")
`}, []map[string]any{
		redteamDoc(stages, map[string]any{"channels": []any{"x"}, "text": "plain", "front": map[string]any{}}),
		redteamDoc(stages, map[string]any{"channels": []any{"x"}, "text": "a secret", "front": map[string]any{}}),
	})
}

// A team module adding to greenlight.lib, which the sign-off package
// imports, may make its functions read any of the input.
func TestSignoffNarrowTeamLibRule(t *testing.T) {
	t.Parallel()
	stages := []any{map[string]any{"name": "legal", "approvers": []any{"legal"}, "after": []any{}, "when": "post.risky", "min_approvals": 1}}
	compareNarrowWhole(t, map[string]string{"team.rego": `package greenlight.lib

post_condition(_, cond) if {
	cond == "post.risky"
	contains(input.post.text, "guaranteed")
}
`}, []map[string]any{
		redteamDoc(stages, map[string]any{"channels": []any{"x"}, "text": "plain", "front": map[string]any{}}),
		redteamDoc(stages, map[string]any{"channels": []any{"x"}, "text": "guaranteed returns", "front": map[string]any{}}),
	})
}

// The same rule head refs may add to a package Inputs leaves out or to
// the style package, which Inputs leaves to the caller: the team's rule
// must still be evaluated.
func TestRefHeadTeamRuleKeepsItsPackage(t *testing.T) {
	t.Parallel()
	for _, pkg := range []string{"voice", "embargo", "style"} {
		sources := []policy.Source{
			{Name: "policies", FS: policies.FS, Bundled: true},
			source(map[string]string{"team.rego": "package greenlight\n\n" + pkg + `.deny contains {"msg": "team says no", "rule": "acme.no"} if input.post.text == "no"` + "\n"}),
		}
		e, diags := policy.New(context.Background(), policy.Options{Sources: sources, Inputs: &policy.Inputs{}})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		d := e.Evaluate(context.Background(), document(t, redteamDoc([]any{}, map[string]any{"channels": []any{"x"}, "text": "no", "front": map[string]any{}})))
		if !slices.ContainsFunc(d.Violations, func(v policy.Violation) bool { return v.Rule == "acme.no" }) {
			t.Errorf("greenlight.%s: the team's rule is left out: %+v", pkg, d)
		}
	}
}

// Evaluate is called from several goroutines: the memo must give each
// the decision the whole input gives, under the race detector too.
func TestSignoffMemoConcurrent(t *testing.T) {
	t.Parallel()
	sources := []policy.Source{{Name: "policies", FS: policies.FS, Bundled: true}}
	narrow, diags := policy.New(context.Background(), policy.Options{Sources: sources, Inputs: &policy.Inputs{Compliance: true, Stages: true}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	whole, diags := policy.New(context.Background(), policy.Options{Sources: sources})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	stages := []any{
		map[string]any{"name": "copy", "approvers": []any{"copy"}, "after": []any{}, "when": "channel.x", "min_approvals": 1},
		map[string]any{"name": "legal", "approvers": []any{"legal"}, "after": []any{"copy"}, "when": "post.launch", "min_approvals": 2},
	}
	var docs []map[string]any
	for _, ch := range []string{"x", "linkedin"} {
		for _, launch := range []any{true, false, 1, 0, "yes", ""} {
			docs = append(docs, redteamDoc(stages, map[string]any{"channels": []any{ch}, "text": "t", "front": map[string]any{"launch": launch}}))
		}
	}
	want := make([]policy.Decision, len(docs))
	for i, m := range docs {
		want[i] = whole.Evaluate(context.Background(), document(t, m))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 3 * len(docs) {
				i := (k + g) % len(docs)
				got := narrow.Evaluate(context.Background(), document(t, docs[i]))
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("document %d:\n got %+v\nwant %+v", i, got, want[i])
					return
				}
				for j := range got.Stages {
					got.Stages[j].ApprovedBy = append(got.Stages[j].ApprovedBy[:0], "changed")
				}
			}
		})
	}
	wg.Wait()
}
