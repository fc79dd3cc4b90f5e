package action

import (
	"slices"
	"testing"
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
