package engine_test

import (
	"slices"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
)

// Fourth red team: each test is an attack on what the engine matches, its
// comment saying how it worked before it was closed.

// phraseConfig sends a two-word claim to legal and embargoes a two-word
// name.
const phraseConfig = `
greenlight { content = ["posts/*.md"] }
role "legal" { users = ["lee"] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}
compliance "financial-claims" {
  tokens   = ["guaranteed returns", "risk-free"]
  requires = [stage.legal]
}
embargo "orion" {
  tokens = ["Project Orion"]
  until  = "2099-01-01T00:00:00Z"
}
`

// A term of several words was matched with the single spaces it is
// written with, so two spaces, a tab, or a line break inside a code block
// between its words hid it, though every reader (and every renderer, which
// collapses white space) sees the phrase. Spaces in a term now match any
// run of white space.
func TestRedTeam4BlockedWhiteSpaceInsideATermIsMatched(t *testing.T) {
	phrasePendsLegal(t, map[string]string{
		"two spaces":                   "Enjoy guaranteed  returns.\n",
		"a tab":                        "Enjoy guaranteed\treturns.\n",
		"a no-break and a plain space": "Enjoy guaranteed\u00A0 returns.\n",
		"a line break in a code block": "```\nguaranteed\nreturns\n```\n",
		"spaces in a code span":        "Enjoy `guaranteed   returns`.\n",
	})
	if lines, _ := phraseCheck(t, "Meet Project  Orion.\n"); !slices.Contains(lines, embargoed) {
		t.Errorf("BYPASS: an embargoed name with two spaces is not found: %q", lines)
	}
}

// A Markdown backslash escape (risk\-free, shown as risk-free by every
// renderer) and combining marks that compose with no letter (r̲i̲s̲k̲, the
// underlined and struck-through "fancy text" of social media, read as the
// word beneath) hid a term: normalizing kept both.
func TestRedTeam4BlockedEscapesAndCombiningMarksInsideATermAreMatched(t *testing.T) {
	legalPendingForEach(t, "", map[string]string{
		"a backslash escape":       "A risk\\-free way to save.\n",
		"combining low lines":      "A r\u0332i\u0332s\u0332k\u0332-free way to save.\n",
		"a combining long stroke":  "A r\u0336isk-free way to save.\n",
		"an enclosing circle":      "A risk\u20DD-free way to save.\n",
		"a combining mark in code": "```\nri\u0338sk-free\n```\n",
	})
}

// Small capitals, as social media's "small caps" generators write them
// (ʀɪsᴋ-ꜰʀᴇᴇ), hid a term: TR39's confusables map only some of them (ɪ, ꜱ)
// to ASCII, so ʀ, ᴋ, ꜰ and ᴇ stayed, though every reader reads the word.
func TestRedTeam4BlockedSmallCapitalsAreMatched(t *testing.T) {
	legalPendingForEach(t, "", map[string]string{
		"small capitals":               "A ʀɪsᴋ-ꜰʀᴇᴇ way to save.\n",
		"small capitals among letters": "A Risk-\uA730\u0280\u1D07\u1D07 way to save.\n",
	})
}

// A code span is not prose, so a paragraph's prose held a space where it
// stood and the span was matched alone: `risk`-free and `guaranteed`
// returns were "  -free" and "risk", though every platform posts (and
// every renderer shows) risk-free. The paragraph as posted, code in
// place, is matched too.
func TestRedTeam4BlockedACodeSpanSplittingATermIsMatched(t *testing.T) {
	phrasePendsLegal(t, map[string]string{
		"a code span before a hyphen": "Enjoy `risk`-free returns.\n",
		"a code span inside a word":   "Enjoy ri`sk`-free returns.\n",
		"a code span and a word":      "Enjoy `guaranteed` returns.\n",
		"in a heading":                "# A `risk`-free way\n\nSave.\n",
		"in a list item":              "- A `risk`-free way\n",
		"in a channel's section":      "Save.\n\n## X\nA `risk`-free way.\n",
	})
}

// embargoed is the finding line of an embargoed term.
const embargoed = "error greenlight.embargo.embargoed"

// phraseCheck checks body as a post's under phraseConfig: its finding
// lines, and legal's stage.
func phraseCheck(t *testing.T, body string) (lines []string, legal string) {
	t.Helper()
	post := "---\ntitle: Savings\nchannels: [x]\n---\n" + body
	cfg := setup(t, map[string]string{"greenlight.hcl": phraseConfig, "posts/a.md": post})
	lines, stages := check(t, cfg, engine.Options{})
	return lines, stages["legal"]
}

// phrasePendsLegal checks that each body, as a post's under phraseConfig,
// needs legal's sign-off: the claim is found.
func phrasePendsLegal(t *testing.T, bodies map[string]string) {
	t.Helper()
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			if _, legal := phraseCheck(t, body); legal != "pending" {
				t.Errorf("BYPASS: legal is %q for a post publishing %q", legal, body)
			}
		})
	}
}

// A link's destination was kept as written, while every renderer decodes
// its character references and backslash escapes: a link to
// https://b&#97;d.example went to bad.example, but the channel's
// forbidden_domains saw "b&#97;d.example" and passed it (allowed_domains
// and utm read the same URL).
func TestRedTeam4BlockedALinkSpelledWithReferencesKeepsItsDomain(t *testing.T) {
	for name, link := range map[string]string{
		"a numeric reference": "https://b&#97;d.example/p",
		"a named reference":   "https://bad&period;example/p",
		"a backslash escape":  "https://bad\\.example/p",
	} {
		t.Run(name, func(t *testing.T) {
			cfg := setup(t, map[string]string{
				"greenlight.hcl": "channel \"x\" {\n  forbidden_domains = [\"bad.example\"]\n}\n",
				"posts/a.md":     "---\ntitle: A\nchannels: [x]\n---\nSee [this](" + link + ").\n",
			})
			if lines, _ := check(t, cfg, engine.Options{}); !slices.Contains(lines, "error greenlight.channels.forbidden-domain") {
				t.Errorf("BYPASS: a link to %s is not refused as bad.example: %q", link, lines)
			}
		})
	}
}
