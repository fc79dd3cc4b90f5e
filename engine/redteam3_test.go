package engine_test

import (
	"slices"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
)

// Third red team: each test is an attack on what the engine reads, its
// comment saying how it worked before it was closed.

// sponsoredConfig sends sponsored posts to legal and makes them say #ad.
const sponsoredConfig = `
greenlight {
  content           = ["posts/*.md"]
  front_matter_keys = ["topic"]
}
role "legal" { users = ["lee"] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}
compliance "sponsored" {
  when         = "post.sponsored"
  must_include = ["#ad"]
  requires     = [stage.legal]
}
`

// A front matter key was read by its yaml.Node's Value, which for an alias
// is the anchor's name, not the key a YAML reader resolves; and a key
// tagged !!merge is an ordinary key to yaml.v3 but a merge to PyYAML and
// other readers, whatever its name. So `title: &campaign sponsored` with
// `*campaign : true` was campaign "true" to Greenlight and sponsored: true
// to a posting tool, and `!!merge media: [{src: ..., sponsored: true}]`
// (or `!!merge topic: {...}` with a team key) merged sponsored: true for
// the tool while Greenlight saw a media item. Either way the post went out
// sponsored with no #ad and no legal sign-off. A key must now be a plain
// string, or the post is refused.
func TestRedTeam3BlockedFrontMatterKeysThatReadersResolveDifferently(t *testing.T) {
	head := "title: Template\nchannels: [x]\n"
	for name, front := range map[string]string{
		"an alias as a key":             "title: &campaign sponsored\nchannels: [x]\n*campaign : true\n",
		"a merge into a media item":     head + "!!merge media: [{src: a.png, alt: A chart, sponsored: true}]\n",
		"a merge into a team key":       head + "!!merge topic: {sponsored: true}\n",
		"a merge key spelled as a tag":  head + "!!merge <<: {sponsored: true}\n",
		"a key that is a mapping":       head + "? {sponsored: true}\n: x\n",
		"a key that is an alias of one": head + "topic: &k {a: 1}\n*k : true\n",
	} {
		t.Run(name, func(t *testing.T) {
			post := "---\n" + front + "---\nGrab our template today.\n"
			cfg := setup(t, map[string]string{"greenlight.hcl": sponsoredConfig, "posts/a.md": post})
			res := checkAll(t, cfg, engine.Options{})
			if !res.Diags.HasErrors() {
				for _, p := range res.Posts {
					t.Errorf("BYPASS: the post is judged, not refused: stages %+v, findings %d", p.Stages, len(res.Findings))
				}
			}
		})
	}
}

// must_include was checked against the whole post's hashtags and the
// common copy's text, not against what each channel posts: with a section
// of its own for LinkedIn ("## LinkedIn"), #ad written only in the common
// copy (or only in LinkedIn's section) let the other channel post a
// sponsored text without it, and the post passed. Each channel's copy must
// now hold the required text.
func TestRedTeam3BlockedMustIncludeHoldsForEveryChannelsCopy(t *testing.T) {
	head := "---\ntitle: Template\nchannels: [x, linkedin]\nsponsored: true\n---\n"
	for name, body := range map[string]string{
		"only in the common copy":                            "Grab our template today. #ad\n\n## LinkedIn\nGrab our template today, made for small teams.\n",
		"only in LinkedIn's section":                         "Grab our template today.\n\n## LinkedIn\nGrab our template today, made for small teams. #ad\n",
		"in neither of two sections":                         "## X\nGrab it. #ad\n\n## LinkedIn\nGrab our template today.\n",
		"only in a section for X":                            "Grab our template today.\n\n## X\nGrab it. #ad\n",
		"in the common copy and LinkedIn's section, not X's": "Grab our template today. #ad\n\n## LinkedIn\nMade for small teams. #ad\n\n## X\nGrab it.\n",
	} {
		t.Run(name, func(t *testing.T) {
			cfg := setup(t, map[string]string{"greenlight.hcl": sponsoredConfig, "posts/a.md": head + body})
			lines, _ := check(t, cfg, engine.Options{})
			if !slices.Contains(lines, "error greenlight.compliance.must-include") {
				t.Errorf("BYPASS: a channel posts the sponsored text without #ad, and no finding says so: %v", lines)
			}
		})
	}
	t.Run("in every copy", func(t *testing.T) {
		cfg := setup(t, map[string]string{"greenlight.hcl": sponsoredConfig,
			"posts/a.md": head + "Grab our template today. #ad\n\n## LinkedIn\nMade for small teams. #ad\n"})
		if lines, _ := check(t, cfg, engine.Options{}); slices.Contains(lines, "error greenlight.compliance.must-include") {
			t.Errorf("#ad is in every copy, yet: %v", lines)
		}
	})
}

// A file whose first line is not exactly "---" has no front matter to
// Greenlight: it was judged as a draft that targets no channel, its
// would-be front matter as Markdown text. But other front matter readers
// open a block on more: python-frontmatter on any line of three or more
// dashes ("----"), on "+++" (TOML, as Hugo does) and on a "{" (JSON, as
// Hugo does). So a sponsored post written so went out sponsored, without
// #ad and legal, and with no channel's limits checked. Such a first line
// is now refused.
func TestRedTeam3BlockedFrontMatterOtherReadersOpen(t *testing.T) {
	for name, post := range map[string]string{
		"four dashes":            "----\ntitle: Template\nchannels: [x]\nsponsored: true\n----\nGrab our template today.\n",
		"dashes and a space":     "-----  \ntitle: Template\nchannels: [x]\nsponsored: true\n-----\nGrab our template today.\n",
		"TOML":                   "+++\ntitle = \"Template\"\nchannels = [\"x\"]\nsponsored = true\n+++\nGrab our template today.\n",
		"TOML after a BOM":       "\uFEFF+++\r\nsponsored = true\r\n+++\r\nGrab our template today.\r\n",
		"JSON, as Hugo reads it": "{\n  \"title\": \"Template\",\n  \"channels\": [\"x\"],\n  \"sponsored\": true\n}\nGrab our template today.\n",
		"JSON on one line":       "{\"sponsored\": true}\nGrab our template today.\n",
	} {
		t.Run(name, func(t *testing.T) {
			cfg := setup(t, map[string]string{"greenlight.hcl": sponsoredConfig, "posts/a.md": post})
			res := checkAll(t, cfg, engine.Options{})
			if !res.Diags.HasErrors() {
				t.Errorf("BYPASS: the post is judged as a draft with no front matter, not refused: %+v", res.Posts)
			}
		})
	}
	t.Run("a thematic break further down is no front matter", func(t *testing.T) {
		cfg := setup(t, map[string]string{"greenlight.hcl": sponsoredConfig, "posts/a.md": "Grab our template today.\n\n----\n\nMore soon.\n"})
		check(t, cfg, engine.Options{})
	})
}
