package policy_test

import (
	"context"
	"reflect"
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
