package policy_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/policy"
)

// BenchmarkEvaluatorFloor measures what OPA's evaluator charges for the
// shapes the bundled policies are made of, on an input with two channels
// (the generated posts average 1.7): a query alone, ten rules that each
// look at every channel and decide nothing (a bundled rule on a post that
// passes), and ten calls of a one-line function. The difference between
// the cases is the price of a rule or a call; multiplied by the rules a
// config's packages hold, it bounds how fast BenchmarkPolicies can be
// without evaluating fewer rules.
func BenchmarkEvaluatorFloor(b *testing.B) {
	var rules, calls strings.Builder
	for i := range 10 {
		fmt.Fprintf(&rules, "deny contains ch if {\n\tsome ch, c in input.channels\n\tc.length > c.limit + %d\n}\n\n", i)
		fmt.Fprintf(&calls, "warn contains {\"msg\": \"x\"} if inc(%d) < 0\n\n", i)
	}
	for _, tc := range []struct{ name, module string }{
		{"a query alone", "package acme.floor\n"},
		{"ten rules over the channels", "package acme.floor\n\n" + rules.String()},
		{"ten function calls", "package acme.floor\n\ninc(x) := x + 1\n\n" + calls.String()},
	} {
		b.Run(tc.name, func(b *testing.B) {
			e, diags := policy.New(context.Background(), policy.Options{Sources: []policy.Source{source(map[string]string{"floor.rego": tc.module})}})
			if diags.HasErrors() {
				b.Fatal(diags)
			}
			channel := map[string]any{"length": 120, "limit": 280, "bytes": 120, "hashtags": 1, "links": 1}
			in := document(&testing.T{}, map[string]any{"channels": map[string]any{"x": channel, "linkedin": channel}})
			ctx := context.Background()
			for b.Loop() {
				if d := e.Evaluate(ctx, in); len(d.Errors) > 0 || len(d.Violations) > 0 {
					b.Fatal(d)
				}
			}
		})
	}
}
