package didyoumean_test

import (
	"testing"

	"github.com/greenlighthq/greenlight/engine/didyoumean"
)

func TestNameSuggestion(t *testing.T) {
	keys := []string{"title", "channels", "publish_at", "campaign", "sponsored", "media", "draft"}
	tests := []struct{ name, given, want string }{
		{"a dropped letter is found", "chanels", "channels"},
		{"a hyphen for an underscore is found", "publish-at", "publish_at"},
		{"case does not matter", "Title", "title"},
		{"a transposition is found", "campiagn", "campaign"},
		{"a swap in a short name is one edit", "drfat", "draft"},
		{"a swap in a four-letter name is found", "tilte", "title"},
		{"an unrelated name has no suggestion", "region", ""},
		{"a short name needs a close match", "x", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := didyoumean.NameSuggestion(tc.given, keys); got != tc.want {
				t.Errorf("NameSuggestion(%q) = %q, want %q", tc.given, got, tc.want)
			}
		})
	}
}
