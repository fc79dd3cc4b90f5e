package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestConfigPrintsTheEffectiveConfig pins what `greenlight config` prints
// for examples/ in both formats; the JSON is a contract (fields only
// added), so a change to its golden file must only ever add lines.
func TestConfigPrintsTheEffectiveConfig(t *testing.T) {
	tests := []struct {
		name, format, golden string
	}{
		{"text for people", "text", "cmd/greenlight/testdata/config-examples.txt"},
		{"json for scripts", "json", "cmd/greenlight/testdata/config-examples.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "config", "examples/", "--format", tc.format)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, tc.golden, stdout)
		})
	}
}

func TestConfigJSONMergesTheTeamsChannelLimits(t *testing.T) {
	stdout, stderr, code := run(t, "config", "examples/", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var eff struct {
		Channels []struct {
			Name      string   `json:"name"`
			MaxLength int      `json:"max_length"`
			Overrides []string `json:"overrides"`
		} `json:"channels"`
	}
	if err := json.Unmarshal([]byte(stdout), &eff); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"linkedin": 1300, "x": 280, "facebook": 63206}
	for _, c := range eff.Channels {
		if w, ok := want[c.Name]; ok && c.MaxLength != w {
			t.Errorf("%s max_length = %d, want %d (overrides %v)", c.Name, c.MaxLength, w, c.Overrides)
		}
	}
}

func TestConfigOfABrokenConfigIsExitTwo(t *testing.T) {
	_, stderr, code := run(t, "config", "examples/broken")
	if code != 2 || !strings.Contains(stderr, "Unknown time zone") {
		t.Errorf("exit %d, want 2 with the config's problems:\n%s", code, stderr)
	}
}
