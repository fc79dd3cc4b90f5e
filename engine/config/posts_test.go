package config_test

import (
	"testing"

	"github.com/greenlighthq/greenlight/engine/config"
)

func TestIsPost(t *testing.T) {
	cfg := &config.Config{}
	cfg.Settings.Content = []string{"posts/**/*.md"}
	cfg.Settings.Ignore = []string{"posts/drafts/**"}
	for rel, want := range map[string]bool{
		"posts/launch.md":         true,
		"posts/2026/12/launch.md": true,
		"posts/drafts/idea.md":    false,
		"posts/launch.txt":        false,
		"README.md":               false,
		"other/posts/launch.md":   false,
	} {
		if got := cfg.IsPost(rel); got != want {
			t.Errorf("IsPost(%q) = %v, want %v", rel, got, want)
		}
	}
}
