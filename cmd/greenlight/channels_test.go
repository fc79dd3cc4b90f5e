package main

import (
	"strings"
	"testing"
)

func TestChannels(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{"states the limits' version", "Channel limits, version "},
		{"states the Unicode version it counts by", "Graphemes and emoji: Unicode 17.0\n"},
		{"lists X with its weighted limit", "x          280 weighted"},
		{"lists Bluesky with its byte limit", "bluesky    300 graphemes, 3000 bytes"},
	}
	stdout, stderr, code := run(t, "channels")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(stdout, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, stdout)
			}
		})
	}
}
