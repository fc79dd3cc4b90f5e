package policy_test

import (
	"context"
	"testing"

	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/policies"
)

// TestRegoPolicies runs every _test.rego of the bundled policies and of the
// example team policy through OPA's tester, as `greenlight test` does, so
// `go test ./...` fails when a policy test fails. Every bundled policy file
// must be fully covered by its tests.
func TestRegoPolicies(t *testing.T) {
	sources := []policy.Source{{Name: "policies", FS: policies.FS, Bundled: true}, policy.Dir("../../examples/policies"), policy.Dir("../../examples/rulebook/policies")}
	results, coverage, diags := policy.RunTests(context.Background(), policy.TestOptions{Sources: sources, Bundled: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	passed := 0
	for _, r := range results {
		if r.Pass {
			passed++
			continue
		}
		t.Errorf("%s:%d: %s: %v", r.File, r.Line, r, r.Err)
	}
	t.Logf("Rego tests: %d passed, %d failed", passed, len(results)-passed)
	if passed < 50 {
		t.Errorf("only %d Rego tests ran; the bundled policies have more", passed)
	}
	for _, c := range coverage {
		if c.Percent < 100 {
			t.Errorf("%s: %.1f%% covered by its tests (lines %v not covered)", c.File, c.Percent, c.NotCovered)
		}
	}
}
