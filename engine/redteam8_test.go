package engine_test

import (
	"slices"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
)

// Eighth red team: attacks on what the engine matches, each comment saying
// how it worked before it was closed.

// A hyphenated term broken at its hyphen across two lines (risk-⏎free) was
// not matched: the term's hyphen met a line break, though a platform posts
// the line break as written and every reader reads the word across it,
// as in print. White space after a term's hyphen is now read through.
func TestRedTeam8BlockedAHyphenatedTermBrokenAcrossLines(t *testing.T) {
	legalPendingForEach(t, "", map[string]string{
		"a line break after the hyphen":           "Our fund is totally risk-\nfree and fun.\n",
		"spaces around the line break":            "Our fund is totally risk- \n  free and fun.\n",
		"a soft hyphen and a line break":          "Our fund is totally risk\u00AD-\nfree.\n",
		"a no-break hyphen and a line break":      "Our fund is totally risk\u2011\nfree.\n",
		"a hard line break after the hyphen":      "Our fund is totally risk-\\\nfree.\n",
		"in a list item's continuation":           "- Our fund is totally risk-\n  free.\n",
		"in a channel's section":                  "Save.\n\n## X\nA risk-\nfree fund.\n",
		"the hyphen then a space on one line too": "Our fund is totally risk- free.\n",
	})
	post := "---\ntitle: Soon\nchannels: [x]\n---\nMeet Project Or-\nion soon.\n"
	cfg := setup(t, map[string]string{"greenlight.hcl": phraseConfig, "posts/a.md": post})
	if lines, _ := check(t, cfg, engine.Options{}); slices.Contains(lines, "error greenlight.embargo.embargoed") {
		t.Errorf("a word broken at a hyphen it does not have (Or-ion) should not match Orion: %q", lines)
	}
}
