package main

import (
	"bytes"
	"encoding/json"
	"os"
	"runtime/debug"
	"strings"
	"testing"
)

func TestBOMListsEveryLinkedModuleOnce(t *testing.T) {
	linux := &debug.BuildInfo{GoVersion: "go1.26.8", Path: "github.com/greenlighthq/greenlight/cmd/greenlight",
		Main: debug.Module{Path: "github.com/greenlighthq/greenlight", Version: "(devel)"},
		Deps: []*debug.Module{
			{Path: "github.com/spf13/cobra", Version: "v1.10.2", Sum: "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
			{Path: "golang.org/x/sys", Version: "v0.48.0"},
		}}
	windows := &debug.BuildInfo{GoVersion: "go1.26.8", Path: linux.Path, Main: linux.Main,
		Deps: []*debug.Module{{Path: "github.com/spf13/cobra", Version: "v1.10.2"}, {Path: "github.com/inconshreveable/mousetrap", Version: "v1.1.0"}}}
	doc, err := bom("1.2.3", "2026-12-07T09:00:00Z", []*debug.BuildInfo{linux, windows})
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, c := range doc.Components {
		refs = append(refs, c.BOMRef)
	}
	want := "pkg:golang/github.com/inconshreveable/mousetrap@v1.1.0 pkg:golang/github.com/spf13/cobra@v1.10.2 pkg:golang/golang.org/x/sys@v0.48.0 pkg:golang/stdlib@1.26.8"
	if got := strings.Join(refs, " "); got != want {
		t.Errorf("components %s\nwant %s", got, want)
	}
	if c := doc.Metadata.Component; c.PURL != "pkg:golang/github.com/greenlighthq/greenlight@v1.2.3" || c.Version != "1.2.3" {
		t.Errorf("the described component is %+v", c)
	}
	if len(doc.Dependencies) != 1 || len(doc.Dependencies[0].DependsOn) != 4 {
		t.Errorf("dependencies %+v, want the binary depending on the 4 components", doc.Dependencies)
	}
	if h := doc.Components[1].Hashes; len(h) != 1 || h[0].Content != strings.Repeat("0", 64) {
		t.Errorf("cobra's hash %+v, want go.sum's h1 as hex SHA-256", h)
	}
}

// The SBOM of a real binary (this test's own) is valid JSON and the same
// twice over.
func TestRunIsDeterministic(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := run(&a, "0.0.0-snapshot+abc", "2026-12-07T09:00:00Z", []string{self}); err != nil {
		t.Fatal(err)
	}
	if err := run(&b, "0.0.0-snapshot+abc", "2026-12-07T09:00:00Z", []string{self}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || !json.Valid(a.Bytes()) {
		t.Errorf("two runs differ or are not JSON:\n%s", a.String())
	}
}
