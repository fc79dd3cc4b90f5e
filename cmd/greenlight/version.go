package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Stamped at build time by release/build.sh:
//
//	-ldflags "-X main.version=1.2.3 -X main.commit=<sha> -X main.date=<RFC 3339>"
//
// version is declared in main.go.
var (
	commit = ""
	date   = ""
)

// opaModule is the module whose version `greenlight version` reports, since
// it decides what the policies' Rego may use.
const opaModule = "github.com/open-policy-agent/opa"

func newVersion() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print Greenlight's version, commit, build date, and its Go and OPA versions",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			info, _ := debug.ReadBuildInfo()
			describe(stamps{version, commit, date}, info).write(cmd.OutOrStdout())
		},
	}
}

// stamps are the values -ldflags -X set; empty when the build did not.
type stamps struct{ version, commit, date string }

// build describes the running binary.
type build struct {
	Version, Commit, Date, Go, OPA string
}

func (b build) write(w io.Writer) {
	fmt.Fprintf(w, "greenlight %s\ncommit: %s\nbuilt:  %s\ngo:     %s\nopa:    %s\n", b.Version, b.Commit, b.Date, b.Go, b.OPA)
}

// describe prefers the stamps, then what the Go toolchain recorded (the
// module version `go install …@v1.2.3` sets; the VCS revision and time a
// `go build` in a git checkout sets), then "dev" and "unknown".
func describe(s stamps, info *debug.BuildInfo) build {
	b := build{Version: s.version, Commit: s.commit, Date: s.date, Go: runtime.Version(), OPA: "unknown"}
	if info == nil {
		info = &debug.BuildInfo{}
	}
	if info.GoVersion != "" {
		b.Go = info.GoVersion
	}
	if b.Version == "" {
		b.Version = "dev"
		if v := info.Main.Version; v != "" && v != "(devel)" {
			b.Version = v
		}
	}
	b.Version = strings.TrimPrefix(b.Version, "v")
	setting := func(key string) string {
		for _, s := range info.Settings {
			if s.Key == key {
				return s.Value
			}
		}
		return ""
	}
	if b.Commit == "" {
		b.Commit = setting("vcs.revision")
		if b.Commit != "" && setting("vcs.modified") == "true" {
			b.Commit += "-dirty"
		}
	}
	if b.Date == "" {
		b.Date = setting("vcs.time")
	}
	for _, d := range info.Deps {
		if d.Path == opaModule {
			if d.Replace != nil {
				d = d.Replace
			}
			b.OPA = d.Version
		}
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.Date == "" {
		b.Date = "unknown"
	}
	return b
}

// buildVersion is the version alone, as reports (the SARIF driver, the
// JSON report) carry it.
func buildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return describe(stamps{version: version}, info).Version
}
