package style_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/style"
)

// TestValeOnlyRuleTypes pins the four rule types that come from Vale
// styles only, on the cases the Fixture comparison does not reach.
func TestValeOnlyRuleTypes(t *testing.T) {
	tests := []struct {
		name string
		spec style.Spec
		post string
		want []string
	}{
		{
			name: "consistency waits until both spellings appear, then reports every unit using either",
			spec: style.Spec{Kind: style.Consistency, Either: map[string]string{"advisor": "adviser"}, Message: "Pick one: '%s'."},
			post: "An advisor.\n\nAn adviser and an adviser.\n\nThe advisor again.\n",
			want: []string{"3:19-25 r Pick one: 'adviser'.", "5:5-11 r Pick one: 'advisor'."},
		},
		{
			name: "consistency remembers each pair's spellings across paragraphs that use neither, and pairs apart",
			spec: style.Spec{Kind: style.Consistency, Either: map[string]string{"advisor": "adviser", "colour": "color"}, IgnoreCase: true, Message: "'%s'."},
			post: "An Advisor.\n\nNo colour here.\n\nNothing at all.\n\nAn adviser in color.\n",
			want: []string{"7:4-10 r 'adviser'.", "7:15-19 r 'color'."},
		},
		{
			name: "consistency is case-sensitive unless ignorecase",
			spec: style.Spec{Kind: style.Consistency, Either: map[string]string{"advisor": "adviser"}, Message: "'%s'."},
			post: "Advisor.\n\nadviser.\n",
			want: nil,
		},
		{
			name: "metric reports at the start of the file with two decimals",
			spec: style.Spec{Kind: style.Metric, Formula: "words / sentences", Condition: "> 3", Message: "%s words a sentence."},
			post: "One two three four five. Six seven.\n",
			want: []string{"1:1-1 r 3.50 words a sentence."},
		},
		{
			name: "metric names headings as Vale does, heading.h2",
			spec: style.Spec{Kind: style.Metric, Formula: "heading.h2 + list", Condition: ">= 3", Message: "%s."},
			post: "## A\n\n## B\n\n- item one\n",
			want: []string{"1:1-1 r 3.00."},
		},
		{
			name: "a script's match is reported on its bytes, with its own message",
			spec: style.Spec{Kind: style.Script, Message: "'%s'.", Script: `
text := import("text")
matches := []
for m in text.re_find("\\bvery\\b", scope, -1) {
  matches = append(matches, {begin: m[0].begin, end: m[0].end, message: "Cut '%s'."})
}`},
			post: "Naïve and very good.\n",
			want: []string{"1:11-14 r Cut 'very'."},
		},
		{
			name: "a script that returns a span outside its text does not pass the post",
			spec: style.Spec{Kind: style.Script, Message: "x", Script: `matches := [{begin: 0, end: 999}]`},
			post: "Short.\n",
			want: []string{"greenlight.match-timeout"},
		},
		{
			name: "a script that never ends is stopped and the post is not passed",
			spec: style.Spec{Kind: style.Script, Message: "x", Script: `for { }`},
			post: "Short.\n",
			want: []string{"greenlight.match-timeout"},
		},
		{
			name: "sequence matches a tag then a pattern",
			spec: style.Spec{Kind: style.Sequence, Message: "'%s %s'.", Sequence: []style.SequenceToken{{Tag: "JJ"}, {Pattern: "data"}}},
			post: "We keep big data here.\n",
			want: []string{"1:9-16 r 'big data'."},
		},
		{
			name: "sequence skips words and honours negate",
			spec: style.Spec{Kind: style.Sequence, Message: "'%s'.", Sequence: []style.SequenceToken{
				{Pattern: "make"}, {Pattern: "sure", Negate: true}}},
			post: "Make sure it works. We make progress.\n",
			want: []string{"1:24-36 r 'make'."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lint(t, tt.spec, tt.post)
			if len(tt.want) == 1 && strings.HasPrefix(tt.want[0], "greenlight.") {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, tt.want[0]) }) {
					t.Errorf("got %q, want a %s finding", got, tt.want[0])
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestValeOnlyRuleTypesRefuseBrokenRules(t *testing.T) {
	tests := []struct {
		name string
		spec style.Spec
	}{
		{"a metric formula of two statements", style.Spec{Kind: style.Metric, Formula: "1) ; x := (2", Condition: "> 1"}},
		{"a metric without a condition", style.Spec{Kind: style.Metric, Formula: "words"}},
		{"a script that does not compile", style.Spec{Kind: style.Script, Script: "matches := ["}},
		{"a script that imports os", style.Spec{Kind: style.Script, Script: `os := import("os")`}},
		{"a sequence token with both tag and upos", style.Spec{Kind: style.Sequence, Sequence: []style.SequenceToken{{Tag: "NN", UPOS: "NOUN"}}}},
		{"an unknown universal tag", style.Spec{Kind: style.Sequence, Sequence: []style.SequenceToken{{UPOS: "NOPE"}}}},
		{"a consistency pattern that does not compile", style.Spec{Kind: style.Consistency, Either: map[string]string{"(": "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.spec.ID = "r"
			if _, err := style.Compile(tt.spec); err == nil {
				t.Error("compiled")
			}
		})
	}
}
