package style

import (
	"slices"
	"testing"
)

func TestLiterals(t *testing.T) {
	tests := []struct {
		expr string
		want []string // nil: no filter, the rule always runs
	}{
		{`(?i)(?m)\b(?:synergy|game-changing)\b`, []string{"synergy", "game-changing"}},
		{`(?m)\b(?:(Acme cloud)|(Github))\b`, []string{"acme cloud", "github"}},
		{`[Ee]-mail`, []string{"-mail"}},
		{`\b([A-Z]{3,5})\b`, nil},
		// Simplify factors out the common "e"; any literal every match
		// contains will do.
		{`(?:e\.g\.|eg)(?=[\s,;])`, []string{"e"}},
		{`(?<!\.)\bcom\b`, []string{"com"}},
		{`a*`, nil},
		{`(\w+) \1`, nil},
	}
	for _, tt := range tests {
		got := literals(tt.expr)
		if !slices.Equal(got, tt.want) {
			t.Errorf("literals(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}
