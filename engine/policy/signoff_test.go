package policy_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/policies"
	"github.com/open-policy-agent/opa/v1/ast"
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
	narrow, whole := narrowAndWhole(t, map[string]string{"team.rego": `package acme.team

required_stages contains "brand" if input.post.front.topic == "finance"
`})
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
					want := decideBothWays(t, narrow, whole, doc, fmt.Sprintf("post %d, review %v, require_signoffs %v, matches %v", i, review, require, matches))
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

// narrowAndWhole are two engines on the bundled policies and the team's
// modules: one that takes the sign-off shortcut (the config's Inputs) and
// one that evaluates every package on the whole input.
func narrowAndWhole(t *testing.T, team map[string]string) (narrow, whole *policy.Engine) {
	t.Helper()
	sources := []policy.Source{{Name: "policies", FS: policies.FS, Bundled: true}}
	if team != nil {
		sources = append(sources, source(team))
	}
	narrow, diags := policy.New(context.Background(), policy.Options{Sources: sources, Inputs: &policy.Inputs{Compliance: true, Stages: true}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	whole, diags = policy.New(context.Background(), policy.Options{Sources: sources})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return narrow, whole
}

// compareNarrowWhole evaluates each document with an engine that takes the
// sign-off shortcut (Inputs) and one that does not, twice each, and fails
// on any difference.
func compareNarrowWhole(t *testing.T, team map[string]string, docs []map[string]any) {
	t.Helper()
	narrow, whole := narrowAndWhole(t, team)
	for i, m := range docs {
		decideBothWays(t, narrow, whole, document(t, m), fmt.Sprintf("document %d", i))
	}
}

// decideBothWays is the whole input's decision on doc, after checking
// that the shortcut's is the same, twice (the second from the memo), and
// that changing what the shortcut gave does not change what it gives
// next.
func decideBothWays(t *testing.T, narrow, whole *policy.Engine, doc ast.Object, what string) policy.Decision {
	t.Helper()
	want := whole.Evaluate(context.Background(), doc)
	if len(want.Errors) > 0 {
		t.Fatal(want.Errors)
	}
	for range 2 {
		got := narrow.Evaluate(context.Background(), doc)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
		}
		for j := range got.Stages {
			got.Stages[j].Reasons = append(got.Stages[j].Reasons[:0], "changed")
		}
	}
	return want
}

func signoffDoc(stages []any, post map[string]any) map[string]any {
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
		signoffDoc(stages, map[string]any{"channels": []any{"x"}, "text": "a", "front": map[string]any{}}),
		signoffDoc(stages, map[string]any{"channels": []any{"x"}, "text": "b", "front": map[string]any{"topic": "finance"}}),
		signoffDoc(stages, map[string]any{"channels": []any{"x"}, "text": "c", "front": map[string]any{"front": "yes"}}),
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
		signoffDoc(stages, map[string]any{"channels": []any{"x"}, "text": "plain", "front": map[string]any{}}),
		signoffDoc(stages, map[string]any{"channels": []any{"x"}, "text": "a secret", "front": map[string]any{}}),
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
		signoffDoc(stages, map[string]any{"channels": []any{"x"}, "text": "plain", "front": map[string]any{}}),
		signoffDoc(stages, map[string]any{"channels": []any{"x"}, "text": "guaranteed returns", "front": map[string]any{}}),
	})
}

// A team rule may sit in another package than its module's, by a rule
// head ref (package greenlight, rule embargo.warn): in a package Inputs
// leaves out, in the style package, which Inputs leaves to the caller,
// under a rule name the bundled package itself lacks (embargo has no
// warn), or below the team's own package. It is evaluated and reported
// like any other rule, never dropped.
func TestRefHeadTeamRuleKeepsItsPackage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ pkg, rule string }{
		{"greenlight", "voice.deny"},
		{"greenlight", "embargo.deny"},
		{"greenlight", "style.deny"},
		{"greenlight", "embargo.warn"},
		{"greenlight", "channels.info"},
		{"acme", "checks.deny"},
	} {
		sources := []policy.Source{
			{Name: "policies", FS: policies.FS, Bundled: true},
			source(map[string]string{"team.rego": "package " + tc.pkg + "\n\n" + tc.rule + ` contains {"msg": "team says no", "rule": "acme.no"} if input.post.text == "no"` + "\n"}),
		}
		e, diags := policy.New(context.Background(), policy.Options{Sources: sources, Inputs: &policy.Inputs{}})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		d := e.Evaluate(context.Background(), document(t, signoffDoc([]any{}, map[string]any{"channels": []any{"x"}, "text": "no", "front": map[string]any{}})))
		if !slices.ContainsFunc(d.Violations, func(v policy.Violation) bool { return v.Rule == "acme.no" }) {
			t.Errorf("package %s, rule %s: the team's rule is left out: %+v", tc.pkg, tc.rule, d)
		}
	}
}

// Evaluate is called from several goroutines: the memo must give each
// the decision the whole input gives, under the race detector too.
func TestSignoffMemoConcurrent(t *testing.T) {
	t.Parallel()
	narrow, whole := narrowAndWhole(t, nil)
	stages := []any{
		map[string]any{"name": "copy", "approvers": []any{"copy"}, "after": []any{}, "when": "channel.x", "min_approvals": 1},
		map[string]any{"name": "legal", "approvers": []any{"legal"}, "after": []any{"copy"}, "when": "post.launch", "min_approvals": 2},
	}
	var docs []map[string]any
	for _, ch := range []string{"x", "linkedin"} {
		for _, launch := range []any{true, false, 1, 0, "yes", ""} {
			docs = append(docs, signoffDoc(stages, map[string]any{"channels": []any{ch}, "text": "t", "front": map[string]any{"launch": launch}}))
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
