// Command sbom writes a CycloneDX 1.6 JSON software bill of materials for
// Greenlight's release binaries, from the module list the Go toolchain
// embeds in each binary (what `go version -m` prints): exactly the modules
// linked in, with their go.sum hashes, and nothing that varies between two
// builds of the same commit.
//
//	go run ./release/sbom -version 1.2.3 -date 2026-12-07T09:00:00Z dist/*/greenlight*
//
// It uses only the standard library, so that the release needs no tool
// outside the Go toolchain and go.mod stays as it is.
package main

import (
	"debug/buildinfo"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
)

func main() {
	version := flag.String("version", "", "the release's version, without the tag's v")
	date := flag.String("date", "", "the source commit's time, RFC 3339 (never now, so two builds agree)")
	flag.Parse()
	if err := run(os.Stdout, *version, *date, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "sbom:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, version, date string, binaries []string) error {
	if version == "" || date == "" || len(binaries) == 0 {
		return errors.New("usage: sbom -version V -date RFC3339 BINARY...")
	}
	var infos []*debug.BuildInfo
	for _, b := range binaries {
		info, err := buildinfo.ReadFile(b)
		if err != nil {
			return fmt.Errorf("read %s: %w", b, err)
		}
		infos = append(infos, info)
	}
	doc, err := bom(version, date, infos)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// document is the part of CycloneDX 1.6 this writes.
type document struct {
	BOMFormat    string       `json:"bomFormat"`
	SpecVersion  string       `json:"specVersion"`
	Version      int          `json:"version"`
	Metadata     metadata     `json:"metadata"`
	Components   []component  `json:"components"`
	Dependencies []dependency `json:"dependencies"`
}

type metadata struct {
	Timestamp string    `json:"timestamp"`
	Component component `json:"component"`
}

type component struct {
	Type     string    `json:"type"`
	BOMRef   string    `json:"bom-ref"`
	Name     string    `json:"name"`
	Version  string    `json:"version"`
	PURL     string    `json:"purl"`
	Hashes   []hash    `json:"hashes,omitempty"`
	Licenses []license `json:"licenses,omitempty"`
}

type hash struct {
	Alg     string `json:"alg"`
	Content string `json:"content"`
}

type license struct {
	License struct {
		ID string `json:"id"`
	} `json:"license"`
}

type dependency struct {
	Ref       string   `json:"ref"`
	DependsOn []string `json:"dependsOn"`
}

// bom lists the union of the binaries' modules, sorted, with the Go
// standard library as one more component.
func bom(version, date string, infos []*debug.BuildInfo) (document, error) {
	main := infos[0].Main.Path
	if main == "" {
		main = infos[0].Path
	}
	self := component{Type: "application", Name: main, Version: version, PURL: purl(main, "v"+strings.TrimPrefix(version, "v"))}
	self.BOMRef = self.PURL
	var apache license
	apache.License.ID = "Apache-2.0"
	self.Licenses = []license{apache}

	seen := map[string]component{}
	for _, info := range infos {
		if info.Main.Path != main && info.Path != main {
			return document{}, fmt.Errorf("%s is not a build of %s", info.Path, main)
		}
		std := strings.TrimPrefix(info.GoVersion, "go")
		c := component{Type: "library", Name: "stdlib", Version: info.GoVersion, PURL: purl("stdlib", std)}
		c.BOMRef = c.PURL
		seen[c.PURL] = c
		for _, d := range info.Deps {
			if d.Replace != nil {
				d = d.Replace
			}
			c := component{Type: "library", Name: d.Path, Version: d.Version, PURL: purl(d.Path, d.Version)}
			c.BOMRef = c.PURL
			if h, ok := strings.CutPrefix(d.Sum, "h1:"); ok {
				if raw, err := base64.StdEncoding.DecodeString(h); err == nil {
					c.Hashes = []hash{{Alg: "SHA-256", Content: hex.EncodeToString(raw)}}
				}
			}
			if old, ok := seen[c.PURL]; !ok || len(old.Hashes) == 0 {
				seen[c.PURL] = c
			}
		}
	}
	doc := document{BOMFormat: "CycloneDX", SpecVersion: "1.6", Version: 1,
		Metadata: metadata{Timestamp: date, Component: self}}
	deps := dependency{Ref: self.BOMRef, DependsOn: []string{}}
	for _, ref := range slices.Sorted(func(yield func(string) bool) {
		for k := range seen {
			if !yield(k) {
				return
			}
		}
	}) {
		doc.Components = append(doc.Components, seen[ref])
		deps.DependsOn = append(deps.DependsOn, ref)
	}
	doc.Dependencies = []dependency{deps}
	return doc, nil
}

// purl is a Go module's package URL (a version's + is escaped).
func purl(path, version string) string {
	return "pkg:golang/" + path + "@" + strings.ReplaceAll(version, "+", "%2B")
}
