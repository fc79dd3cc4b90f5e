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
		// Simplify factors out the common "e"; the rarer rest is kept.
		{`(?:e\.g\.|eg)(?=[\s,;])`, []string{".g.", "g"}},
		// Digits are rarer in prose than the letters a, p and m.
		{`(?i)\d{1,2} ?[ap]m`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
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
