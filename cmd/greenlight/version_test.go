package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	opa := &debug.Module{Path: opaModule, Version: "v1.22.2"}
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abc"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}}
	tests := []struct {
		name string
		s    stamps
		info *debug.BuildInfo
		want build
	}{
		{
			name: "a release build prints its stamps, without the tag's v",
			s:    stamps{"v1.2.3", "feedface", "2026-12-07T09:00:00Z"},
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Deps: []*debug.Module{opa}, Settings: vcs},
			want: build{"1.2.3", "feedface", "2026-12-07T09:00:00Z", "go1.26.8", "v1.22.2"},
		},
		{
			name: "go install of a tag prints the module version",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.4.0"}, Deps: []*debug.Module{opa}},
			want: build{"1.4.0", "unknown", "unknown", "go1.26.8", "v1.22.2"},
		},
		{
			name: "go build in a dirty checkout prints dev with the revision it started from",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
				Settings: append(vcs, debug.BuildSetting{Key: "vcs.modified", Value: "true"})},
			want: build{"dev", "0123abc-dirty", "2026-12-01T10:00:00Z", "go1.26.8", "unknown"},
		},
		{
			name: "a replaced OPA prints the replacement's version",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Deps: []*debug.Module{{Path: opaModule, Version: "v1.22.2", Replace: &debug.Module{Path: "../opa", Version: "v1.23.0"}}}},
			want: build{"dev", "unknown", "unknown", "go1.26.8", "v1.23.0"},
		},
		{
			name: "no build information at all still prints every line",
			want: build{"dev", "unknown", "unknown", runtime.Version(), "unknown"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(tt.s, tt.info); got != tt.want {
				t.Errorf("describe = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// The command prints one line per fact, the first as before.
func TestVersionCommand(t *testing.T) {
	stdout, _, code := run(t, "version")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != 0 || len(lines) != 5 || !strings.HasPrefix(lines[0], "greenlight ") {
		t.Fatalf("greenlight version: exit %d\n%s", code, stdout)
	}
	for i, prefix := range []string{"commit: ", "built:  ", "go:     go1.", "opa:    v1."} {
		if !strings.HasPrefix(lines[i+1], prefix) {
			t.Errorf("line %d is %q, want it to start with %q", i+2, lines[i+1], prefix)
		}
	}
}
