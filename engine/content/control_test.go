package content_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestSuppressed(t *testing.T) {
	type check struct {
		rule string
		// at is a word of the post; the check is made at its first
		// occurrence in the file.
		at         string
		suppressed bool
	}
	tests := []struct {
		name   string
		src    string
		checks []check
	}{
		{
			name: "greenlight off and on as their own HTML blocks turn every rule off and on again",
			src:  "---\ntitle: Controls\n---\nBefore synergy.\n\n<!-- greenlight off -->\n\nInside synergy.\n\n<!-- greenlight on -->\n\nAfter synergy.\n",
			checks: []check{
				{"hype", "Before", false},
				{"hype", "Inside", true},
				{"Acme.Latin", "Inside", true},
				{"hype", "After", false},
			},
		},
		{
			name: "greenlight off and on inside a paragraph apply from where they are written",
			src:  "Before <!-- greenlight off -->inside<!-- greenlight on --> after.\n\nNext paragraph.\n",
			checks: []check{
				{"hype", "Before", false},
				{"hype", "inside", true},
				{"hype", "after", false},
				{"hype", "Next", false},
			},
		},
		{
			name: "disable names rules and enable turns one of them back on",
			src:  "One.\n\n<!-- greenlight disable=hype, brand-names -->\n\nTwo.\n\n<!-- greenlight enable=hype -->\n\nThree.\n",
			checks: []check{
				{"hype", "One", false},
				{"brand-names", "One", false},
				{"hype", "Two", true},
				{"brand-names", "Two", true},
				{"doubled-words", "Two", false},
				{"hype", "Three", false},
				{"brand-names", "Three", true},
			},
		},
		{
			name: "disable and enable work inline inside a paragraph",
			src:  "Alpha <!-- greenlight disable=a,b --> beta <!-- greenlight enable=a --> gamma.\n",
			checks: []check{
				{"a", "Alpha", false},
				{"a", "beta", true},
				{"b", "beta", true},
				{"a", "gamma", false},
				{"b", "gamma", true},
			},
		},
		{
			name: "Vale's off and on comments work like Greenlight's",
			src:  "Open.\n\n<!-- vale off -->\n\nQuiet.\n\n<!-- vale on -->\n\nLoud.\n",
			checks: []check{
				{"hype", "Open", false},
				{"hype", "Quiet", true},
				{"hype", "Loud", false},
			},
		},
		{
			name: "Vale's Style.Rule = NO and = YES turn one rule off and on",
			src:  "Open.\n\n<!-- vale Acme.Latin = NO -->\n\nQuiet <!-- vale Acme.Latin = YES --> loud.\n",
			checks: []check{
				{"Acme.Latin", "Open", false},
				{"Acme.Latin", "Quiet", true},
				{"Acme.Weasel", "Quiet", false},
				{"Acme.Latin", "loud", false},
			},
		},
		{
			name: "greenlight on turns back on the rules that disable turned off, as Vale's on does",
			src:  "<!-- greenlight disable=hype -->\n\nFirst.\n\n<!-- greenlight off -->\n\nSecond.\n\n<!-- greenlight on -->\n\nThird.\n",
			checks: []check{
				{"hype", "First", true},
				{"other", "First", false},
				{"other", "Second", true},
				{"other", "Third", false},
				{"hype", "Third", false},
			},
		},
		{
			name: "comments in code and other comments do not control anything",
			src:  "```\n<!-- greenlight off -->\n```\n\nStill `<!-- greenlight off -->` on.\n\n<!-- a note -->\n\n<!-- greenlight sometimes -->\n\nEnd.\n",
			checks: []check{
				{"hype", "Still", false},
				{"hype", "on.", false},
				{"hype", "End", false},
			},
		},
		{
			name: "controls in a CRLF file apply as in an LF one",
			src:  "---\r\ntitle: CRLF\r\n---\r\nOne.\r\n\r\n<!-- greenlight off -->\r\n\r\nTwo.\r\n",
			checks: []check{
				{"hype", "One", false},
				{"hype", "Two", true},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := parse(t, tc.src)
			for _, c := range tc.checks {
				off := strings.Index(tc.src, c.at)
				if off < 0 {
					t.Fatalf("%q is not in the post", c.at)
				}
				if got := p.Suppressed(c.rule, off); got != c.suppressed {
					t.Errorf("%s at %q (offset %d): suppressed is %v, want %v", c.rule, c.at, off, got, c.suppressed)
				}
			}
		})
	}
}

func TestSuppressedAtTheComment(t *testing.T) {
	src := "Before <!-- greenlight off --> after.\n"
	p := parse(t, src)
	at := strings.Index(src, "<!--")
	for _, tc := range []struct {
		off  int
		want bool
	}{
		{at - 1, false},
		{at, true},
		{len(src), true},
	} {
		t.Run(fmt.Sprintf("offset %d is suppressed: %v", tc.off, tc.want), func(t *testing.T) {
			if got := p.Suppressed("hype", tc.off); got != tc.want {
				t.Errorf("Suppressed at %d is %v, want %v", tc.off, got, tc.want)
			}
		})
	}
}
