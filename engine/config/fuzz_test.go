package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/greenlighthq/greenlight/engine/config"
)

// FuzzConfig feeds the loader arbitrary files. Whatever the input, Parse
// must not panic, must return a config exactly when there are no errors,
// and every diagnostic must point into the file it was given.
//
//	go test -run '^$' -fuzz FuzzConfig -fuzztime 20s ./engine/config/
func FuzzConfig(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "invalid", "*.hcl"))
	paths = append(paths, examplePath)
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"",
		"{",
		"role {}",
		`role "a" "b" {}`,
		`role "" { users = [] }`,
		`stage "s" { approvers = [role.a[0], role, role.a.b, 1] }`,
		`stage "s" { approvers = [for r in [] : r] }`,
		`stage "s" {` + "\n" + `approvers = []` + "\n" + `after = null` + "\n}",
		`rule "r" { swap = { a = null } }`,
		`rule "r" { tokens = [null] }`,
		`rule "r" { max = 1e400 }`,
		`rule "r" { grade = -1e400 }`,
		`channel "c" { max_length = 99999999999999999999 }`,
		`voice { min_sentiment = "x" }`,
		`greenlight { timezone = "" }`,
		`greenlight { content = ["{"] }`,
		`embargo "e" { until = upper("x") }`,
		`rule "r" { type = role.a }`,
		"role \"a\" { team = \"${x}\" }",
		"rule \"r\" {\n  first = \"(\"\n  second = \"[\"\n}",
	} {
		f.Add([]byte(s))
	}
	const path = "fuzz/greenlight.hcl"
	f.Fuzz(func(t *testing.T, src []byte) {
		l := config.Parse(path, src)
		if (l.Config == nil) != l.Diags.HasErrors() {
			t.Fatalf("config is nil: %v, but diagnostics have errors: %v\n%s", l.Config == nil, l.Diags.HasErrors(), diagLines(l.Diags))
		}
		for _, d := range l.Diags {
			if d.Subject == nil {
				t.Fatalf("%s has no subject", d.Summary)
			}
			if d.Subject.Filename != path {
				t.Fatalf("%s: %s is in %q, want %q", d.Subject, d.Summary, d.Subject.Filename, path)
			}
			if s, e := d.Subject.Start, d.Subject.End; s.Byte < 0 || s.Byte > e.Byte || e.Byte > len(src) || s.Line < 1 {
				t.Fatalf("%s: %s has subject bytes %d-%d outside the file of %d bytes", d.Subject, d.Summary, s.Byte, e.Byte, len(src))
			}
		}
		if c := l.Config; c != nil {
			// A valid config's stages come after the stages they wait for.
			seen := map[*config.Stage]bool{}
			for _, s := range c.Stages {
				for _, a := range s.After {
					if !seen[a] {
						t.Fatalf("stage %s comes before %s, which it is after", s.Name, a.Name)
					}
				}
				seen[s] = true
			}
		}
	})
}
