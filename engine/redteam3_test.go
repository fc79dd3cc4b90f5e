package engine_test

import (
	"context"
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
			eng, diags := engine.New(context.Background(), cfg, engine.Options{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			files, err := engine.Discover(cfg, []string{cfg.Dir})
			if err != nil {
				t.Fatal(err)
			}
			res := eng.Check(context.Background(), files)
			if !res.Diags.HasErrors() {
				for _, p := range res.Posts {
					t.Errorf("BYPASS: the post is judged, not refused: stages %+v, findings %d", p.Stages, len(res.Findings))
				}
			}
		})
	}
}
