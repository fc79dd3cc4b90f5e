package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
)

// Red-team probes of the engine: text a post publishes (posted raw to a
// platform that shows Markdown as text, or rendered and stripped of tags
// by a posting tool) that compliance matching must see. Each case holds
// the compliance token "risk-free", which must require the legal stage;
// and posts Greenlight cannot read, which must be refused rather than
// judged on what could be read. Exact match positions are pinned in
// TestEvasionsStillFireComplianceTriggers, the refusals' messages and
// positions in content's TestPostsThatCannotBeReadAreRefused.

// legalPendingForEach checks that every body, after the front matter and
// head, needs legal's sign-off: each is a place a compliance term must be
// matched in.
func legalPendingForEach(t *testing.T, head string, bodies map[string]string) {
	t.Helper()
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			post := "---\ntitle: Savings\nchannels: [x]\n---\n" + head + body
			if got := legalRequired(t, post); got != "pending" {
				t.Errorf("BYPASS: legal is %q for a post publishing %q", got, body)
			}
		})
	}
}

func legalRequired(t *testing.T, post string) string {
	t.Helper()
	cfg := setup(t, map[string]string{"greenlight.hcl": teamConfig, "posts/a.md": post})
	_, stages := check(t, cfg, engine.Options{})
	return stages["legal"]
}

// Text in HTML is matched: a platform that takes Markdown as text (X,
// Bluesky, Mastodon, LinkedIn's API) posts it verbatim; a tool that renders
// the Markdown and strips tags keeps the text of the elements. So it is
// matched as written (attributes too) and without its tags.
func TestRedTeamBlockedTextInHTMLIsMatched(t *testing.T) {
	bodies := map[string]string{
		"div":                        "<div>\nA risk-free way to grow your savings.\n</div>\n",
		"p":                          "<p>A risk-free way to grow your savings.</p>\n",
		"details without blank line": "<details><summary>More</summary>\nA risk-free way to grow your savings.\n</details>\n",
		"an unknown tag":             "<x-note>\nA risk-free way to grow your savings.\n",
		"a term split by tags":       "<p>A risk-<b>free</b> way.</p>\n",
		"a term split by a comment":  "<p>A risk<!-- greenlight off -->-free way.</p>\n",
		"an attribute":               "<div title=\"A risk-free way\">\nSave.\n</div>\n",
		"an inline tag's attribute":  "Save <abbr title=\"risk-free\">today</abbr>.\n",
		"an HTML image's alt text":   "<img src=\"chart.png\" alt=\"risk-free returns\">\n",
	}
	legalPendingForEach(t, "Open an account today.\n\n", bodies)
}

// An HTML comment holds no published text (and Greenlight's own
// switches): a term in one alone is not a match.
func TestRedTeamBlockedAnHTMLCommentIsNotPublishedText(t *testing.T) {
	post := "---\ntitle: Savings\nchannels: [x]\n---\nOpen an account today.\n\n<!-- not risk-free: ask legal -->\n"
	if got := legalRequired(t, post); got != "not required" {
		t.Errorf("legal is %q for a term only in an HTML comment", got)
	}
}

// media[].alt in the front matter is posted as the image's alt text, like
// ![alt](src) in the body, which SECURITY.md says is matched; the front
// matter's is matched too.
func TestRedTeamBlockedFrontMatterMediaAltTextIsMatched(t *testing.T) {
	post := "---\ntitle: Savings\nchannels: [x]\nmedia:\n  - src: media/chart.png\n    alt: A chart of risk-free returns\n---\nOpen an account today.\n"
	if got := legalRequired(t, post); got != "pending" {
		t.Errorf("BYPASS: legal is %q for alt text in the front matter's media", got)
	}
}

// The body's image alt text is matched (the control for the case above).
func TestRedTeamBlockedBodyImageAltTextIsMatched(t *testing.T) {
	post := "---\ntitle: Savings\nchannels: [x]\n---\nOpen an account today.\n\n![A chart of risk-free returns](media/chart.png)\n"
	if got := legalRequired(t, post); got != "pending" {
		t.Errorf("legal is %q for alt text in the body", got)
	}
}

// A link's title ([text](url "title")), an image's and a link reference
// definition's label and title are neither prose nor copy; rendered, a
// title is a tooltip, and posted raw they are shown. They are matched.
func TestRedTeamBlockedLinkTitlesAreMatched(t *testing.T) {
	bodies := map[string]string{
		"inline link title":           "Read [our guide](https://example.com/g \"A risk-free way to save\").\n",
		"link title over two lines":   "Read [our guide](https://example.com/g \"A way to save,\nrisk-free\").\n",
		"image title":                 "See ![a chart](chart.png 'A risk-free way to save').\n",
		"link reference definition":   "Read [our guide][g].\n\n[g]: https://example.com/g \"A risk-free way to save\"\n",
		"unused reference definition": "Read our guide.\n\n[risk-free]: https://example.com/risk-free\n",
	}
	legalPendingForEach(t, "", bodies)
}

// Places that are matched though they might look hidden: a setext heading,
// a title, a table, a footnote-like line, text after a second front
// matter-like block, and a variant section for a channel.
func TestRedTeamBlockedLookalikeHidingPlacesAreMatched(t *testing.T) {
	bodies := map[string]string{
		"setext heading":           "Open an account today.\n\nA risk-free way\n---\n",
		"second front matter":      "---\nnote: A risk-free way\n---\nOpen an account today.\n",
		"footnote":                 "Open an account today.[^1]\n\n[^1]: A risk-free way to save.\n",
		"table":                    "| a |\n|---|\n| risk-free |\n",
		"variant section":          "Open an account today.\n\n## X\nA risk-free way to save.\n",
		"details with blank lines": "<details>\n\nA risk-free way to save.\n\n</details>\n",
	}
	legalPendingForEach(t, "", bodies)
}

// A post committed in UTF-16 (with its byte order mark) is no UTF-8: its
// "---" is not seen, so it is read as a draft without front matter, with
// no channel, and its text (every other byte a NUL) matches no compliance
// term. Tools that honour the BOM (most editors, .NET, PowerShell,
// Python's utf-16 codec, browsers) read a post for X with a claim. It is
// an input error, as anything Greenlight cannot read is, naming UTF-16.
func TestRedTeamBlockedAPostInUTF16IsRefused(t *testing.T) {
	text := "---\ntitle: Savings\nchannels: [x]\n---\nA risk-free way to grow your savings.\n"
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range text {
		utf16 = append(utf16, byte(r), 0)
	}
	cfg := setup(t, map[string]string{"greenlight.hcl": teamConfig, "posts/a.md": string(utf16)})
	res := checkAll(t, cfg, engine.Options{})
	if !res.Diags.HasErrors() {
		var stages []string
		for _, p := range res.Posts {
			for _, s := range p.Stages {
				stages = append(stages, fmt.Sprintf("%s required=%v", s.Name, s.Required))
			}
			t.Logf("channels %v", p.Channels)
		}
		t.Errorf("BYPASS: a UTF-16 post is judged without an error: stages %v, findings %d", stages, len(res.Findings))
	}
	if len(res.Diags) != 1 || res.Unreadable != 1 || !strings.Contains(res.Diags[0].Detail, "UTF-16") ||
		res.Diags[0].Subject == nil || res.Diags[0].Subject.Start.Line != 1 || res.Diags[0].Subject.Start.Column != 1 {
		t.Errorf("want one error at 1:1 naming UTF-16, and the post unread: %v", res.Diags)
	}
	if len(res.Posts) != 0 {
		t.Errorf("a refused post has a verdict: %+v", res.Posts)
	}
}

// A NUL (shown as nothing by most renderers and dropped by several posting
// APIs), another control or an invalid UTF-8 byte inside a term: normalizing
// removes default-ignorable code points but not controls or invalid bytes,
// so the term would not match; the post is refused at the byte instead.
func TestRedTeamBlockedNULAndInvalidUTF8InsideATermAreRefused(t *testing.T) {
	for name, body := range map[string]string{
		"invalid UTF-8 inside the term": "A risk-\xff-free way to save.\n",
		"NUL inside the term":           "A risk-\x00free way to save.\n",
		"DEL inside the term":           "A risk-\x7ffree way to save.\n",
		"a C1 control inside the term":  "A risk-\u0085free way to save.\n",
	} {
		t.Run(name, func(t *testing.T) {
			post := "---\ntitle: Savings\nchannels: [x]\n---\n" + body
			cfg := setup(t, map[string]string{"greenlight.hcl": teamConfig, "posts/a.md": post})
			eng, _ := engine.New(context.Background(), cfg, engine.Options{})
			files, _ := engine.Discover(cfg, []string{cfg.Dir})
			res := eng.Check(context.Background(), files)
			legal := ""
			for _, p := range res.Posts {
				for _, s := range p.Stages {
					if s.Name == "legal" {
						legal = fmt.Sprint(s.Required)
					}
				}
			}
			t.Logf("diag errors %v, legal required %q, findings %d", res.Diags.HasErrors(), legal, len(res.Findings))
			if !res.Diags.HasErrors() && legal != "true" {
				t.Errorf("BYPASS: %s is neither refused nor matched", name)
			}
			if d := res.Diags; len(d) != 1 || d[0].Subject == nil || d[0].Subject.Start.Line != 5 || d[0].Subject.Start.Column != 8 {
				t.Errorf("want one error at 5:8, the offending byte: %v", d)
			}
		})
	}
}
