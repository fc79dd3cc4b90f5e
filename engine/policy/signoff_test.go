package policy_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/policies"
)

// TestSignoffOnItsNarrowInputDecidesAsOnTheWhole checks the sign-off
// shortcut (see narrowInput): the bundled sign-off package, given only the
// part of the input it reads and evaluated once per distinct part, decides
// exactly as when it is evaluated on the whole input for every post. The
// documents vary everything the package reads (stage conditions on
// compliance, channels, post and front-matter fields; reviews with
// stale, self-, role-less and narrowed approvals; require_signoffs; a team
// package's required stage) and much it does not (the text, the title),
// and each is evaluated twice, so that the second answer comes from the
// memo.
func TestSignoffOnItsNarrowInputDecidesAsOnTheWhole(t *testing.T) {
	t.Parallel()
	sources := []policy.Source{
		{Name: "policies", FS: policies.FS, Bundled: true},
		source(map[string]string{"team.rego": `package acme.team

required_stages contains "brand" if input.post.front.topic == "finance"
`}),
	}
	narrow, diags := policy.New(context.Background(), policy.Options{Sources: sources, Inputs: &policy.Inputs{Compliance: true, Stages: true}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	whole, diags := policy.New(context.Background(), policy.Options{Sources: sources})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	stages := []any{
		map[string]any{"name": "copy-edit", "approvers": []any{"copy"}, "after": []any{}, "when": "always", "min_approvals": 1},
		map[string]any{"name": "brand", "approvers": []any{"brand"}, "after": []any{"copy-edit"}, "when": "post.launch", "min_approvals": 2},
		map[string]any{"name": "social", "approvers": []any{"brand", "copy"}, "after": []any{"brand"}, "when": "channel.x", "min_approvals": 1},
		map[string]any{"name": "legal", "approvers": []any{"legal"}, "after": []any{"social"}, "when": "compliance", "min_approvals": 1},
		map[string]any{"name": "privacy", "approvers": []any{"legal"}, "after": []any{}, "when": "compliance.giveaways", "min_approvals": 1},
	}
	triggers := []any{
		map[string]any{"name": "financial-claims", "when": "", "requires": []any{"legal"}, "must_include": []any{}, "level": "error", "message": ""},
		map[string]any{"name": "giveaways", "when": "post.giveaway", "requires": []any{"legal", "privacy"}, "must_include": []any{}, "level": "warning", "message": ""},
	}
	posts := []map[string]any{
		{"channels": []any{"linkedin"}, "text": "Plain news.", "front": map[string]any{}},
		{"channels": []any{"linkedin"}, "text": "Other plain news.", "title": "Another", "front": map[string]any{}},
		{"channels": []any{"x", "linkedin"}, "text": "On X too.", "front": map[string]any{}},
		{"channels": []any{}, "launch": true, "text": "A launch.", "front": map[string]any{}},
		{"channels": []any{"x"}, "text": "A launch, said in the front matter.", "front": map[string]any{"launch": "yes"}},
		{"channels": []any{"x"}, "giveaway": true, "text": "Win one.", "front": map[string]any{}},
		{"channels": []any{"linkedin"}, "text": "Finance.", "front": map[string]any{"topic": "finance"}},
	}
	approval := func(user string, roles []any, stages []any, stale bool) any {
		return map[string]any{"user": user, "roles": roles, "stages": stages, "commit": "abc", "stale": stale}
	}
	reviews := []any{
		nil,
		map[string]any{"pull_request": 7, "author": "amy", "head": "abc", "approvals": []any{}},
		map[string]any{"pull_request": 7, "author": "amy", "head": "abc", "approvals": []any{
			approval("jo", []any{"copy"}, []any{}, false),
			approval("mia", []any{"brand"}, []any{}, false),
			approval("sam", []any{"brand"}, []any{}, true),
			approval("AMY", []any{"brand", "legal"}, []any{}, false),
			approval("lee", []any{"legal"}, []any{"legal"}, false),
			approval("kim", []any{}, []any{}, false),
		}},
		map[string]any{"pull_request": 8, "author": "bo", "head": "def", "approvals": []any{
			approval("mia", []any{"brand"}, []any{"social"}, false),
			approval("sam", []any{"brand"}, []any{}, false),
			approval("lee", []any{"legal"}, []any{}, false),
		}},
	}
	var compared, pending int
	for _, review := range reviews {
		for _, require := range []bool{false, true} {
			for i, post := range posts {
				for _, matches := range [][]any{{}, {map[string]any{"trigger": "financial-claims", "text": "risk-free", "line": 3, "col": 1, "end_line": 3, "end_col": 9}}} {
					doc := document(t, map[string]any{
						"path":     fmt.Sprintf("posts/%d.md", i),
						"post":     post,
						"review":   review,
						"options":  map[string]any{"require_signoffs": require},
						"matches":  map[string]any{"compliance": matches, "embargo": []any{}, "style": []any{}},
						"config":   map[string]any{"stages": stages, "compliance": triggers, "timezone": "UTC"},
						"channels": map[string]any{},
					})
					want := whole.Evaluate(context.Background(), doc)
					if len(want.Errors) > 0 {
						t.Fatal(want.Errors)
					}
					for range 2 {
						got := narrow.Evaluate(context.Background(), doc)
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("post %d, review %v, require_signoffs %v, matches %v:\n got %+v\nwant %+v", i, review, require, matches, got, want)
						}
						// The caller may change what it is given; the memo's
						// copy must not change with it.
						for j := range got.Stages {
							got.Stages[j].Reasons = append(got.Stages[j].Reasons[:0], "changed")
						}
					}
					compared++
					for _, v := range want.Violations {
						if v.Rule == "greenlight.signoff.pending" {
							pending++
						}
					}
				}
			}
		}
	}
	if pending == 0 || pending == compared*len(stages) {
		t.Fatalf("%d pending sign-offs in %d documents: the comparison does not tell satisfied from pending", pending, compared)
	}
}
