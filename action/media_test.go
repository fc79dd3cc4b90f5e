package action

import (
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/engine/config"
)

// A src is every repository path a posting tool may read it as; URLs
// and paths out of the repository are none.
func TestAssetPaths(t *testing.T) {
	for _, tc := range []struct {
		name, config, post, src string
		want                    []string
	}{
		{"relative, config at the root", "greenlight.hcl", "posts/a.md", "media/x.png", []string{"media/x.png", "posts/media/x.png"}},
		{"relative, config in a folder", "site/greenlight.hcl", "site/posts/a.md", "media/x.png",
			[]string{"media/x.png", "site/media/x.png", "site/posts/media/x.png"}},
		{"up from the post", "greenlight.hcl", "posts/2026/a.md", "../../media/x.png", []string{"media/x.png"}},
		{"dot segments", "greenlight.hcl", "posts/a.md", "./img/../x.png", []string{"posts/x.png", "x.png"}},
		{"rooted", "site/greenlight.hcl", "site/posts/a.md", "/media/x.png", []string{"media/x.png", "site/media/x.png"}},
		{"out of the repository", "greenlight.hcl", "posts/a.md", "../../x.png", nil},
		{"rooted, out of the repository", "greenlight.hcl", "posts/a.md", "/../x.png", nil},
		{"escaped and with a query", "greenlight.hcl", "a.md", "my%20logo.png?v=2#top",
			[]string{"my logo.png", "my%20logo.png?v=2#top"}},
		{"backslashes", "greenlight.hcl", "a.md", `media\x.png`, []string{"media/x.png", `media\x.png`}},
		{"https", "greenlight.hcl", "posts/a.md", "https://example.com/x.png", nil},
		{"scheme in capitals", "greenlight.hcl", "posts/a.md", "HTTP://example.com/x.png", nil},
		{"protocol-relative", "greenlight.hcl", "posts/a.md", "//cdn.example.com/x.png", nil},
		{"data", "greenlight.hcl", "posts/a.md", "data:image/png;base64,iVBORw0KGgo=", nil},
		{"empty", "greenlight.hcl", "posts/a.md", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := assetPaths(tc.config, tc.post, []string{tc.src}); !slices.Equal(got, tc.want) {
				t.Errorf("assetPaths(%q, %q, %q) = %q, want %q", tc.config, tc.post, tc.src, got, tc.want)
			}
		})
	}
}

// Only files outside what the gate judges already can be media: not
// posts, not content files the owners judge, not governing files, not
// files the config's own ignore globs free. A rename's old path existed;
// its new path, like an added file, is new.
func TestMediaCandidates(t *testing.T) {
	src := strings.Replace(teamConfig, `content        = ["posts/**/*.md"]`,
		`content        = ["posts/**/*.md"]
  ignore         = ["posts/img/**"]`, 1)
	loaded := config.Parse("greenlight.hcl", []byte(src))
	if loaded.Config == nil {
		t.Fatal(loaded.Diags)
	}
	files := []pullreq.File{
		{Path: "media/logo.png", Status: "modified"},
		{Path: "media/old.png", Status: "removed"},
		{Path: "media/b.png", Previous: "media/a.png", Status: "renamed"},
		{Path: "media/new.png", Status: "added"},
		{Path: "media/mode.png", Status: "changed"},
		{Path: "posts/b.md", Status: "modified"},
		{Path: "posts/notes.txt", Status: "modified"},  // unjudged: the owners judge it
		{Path: "posts/gone.txt", Status: "removed"},    // no longer unjudged, but a post may have used it
		{Path: "posts/img/x.png", Status: "modified"},  // ignored by the config itself
		{Path: "greenlight.hcl", Status: "modified"},   // governed
		{Path: ".github/logo.png", Status: "modified"}, // governed
	}
	existed, added := mediaCandidates(loaded.Config, "greenlight.hcl", files)
	if want := "media/logo.png,media/old.png,media/a.png,media/mode.png,posts/gone.txt"; strings.Join(existed, ",") != want {
		t.Errorf("existed = %q, want %s", existed, want)
	}
	if want := "media/b.png,media/new.png"; strings.Join(added, ",") != want {
		t.Errorf("added = %q, want %s", added, want)
	}
}
