package engine_test

import (
	"slices"
	"testing"
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
	if lines, _ := phraseCheck(t, "Meet Project Or-\nion soon.\n"); slices.Contains(lines, embargoed) {
		t.Errorf("a word broken at a hyphen it does not have (Or-ion) should not match Orion: %q", lines)
	}
}

// A term of several words or a hyphenated one, written as a hashtag
// (#RiskFree, #risk_free, #ProjectOrion), was not matched: a hashtag
// cannot hold a space or a hyphen, so the term never appeared as written,
// though the hashtag says it and a platform links it. So was a term's
// hyphen written as an em dash (risk—free), which normalizing leaves as
// it is.
func TestRedTeam8BlockedATermWrittenAsAHashtagOrWithADash(t *testing.T) {
	phrasePendsLegal(t, map[string]string{
		"a hashtag of a hyphenated term":   "Our fund is #RiskFree.\n",
		"a hashtag with an underscore":     "Our fund is #risk_free.\n",
		"a hashtag of a two-word term":     "Enjoy #GuaranteedReturns today.\n",
		"a hashtag in full-width letters":  "Enjoy #ＧｕａｒａｎｔｅｅｄＲｅｔｕｒｎｓ today.\n",
		"an em dash for the term's hyphen": "Our fund is risk\u2014free.\n",
		"a horizontal bar for the hyphen":  "Our fund is risk\u2015free.\n",
	})
	if lines, _ := phraseCheck(t, "Meet #ProjectOrion.\n"); !slices.Contains(lines, embargoed) {
		t.Errorf("BYPASS: an embargoed name as a hashtag is not found: %q", lines)
	}
	for _, body := range []string{"Our fund is #RiskFreeish.\n", "Our fund is riskfree.\n"} {
		if _, legal := phraseCheck(t, body); legal == "pending" {
			t.Errorf("%q should not match the claim", body)
		}
	}
}
