package canonical_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/cmd/greenlight/canonical"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSource lays out an unformatted config and policy as terraform fmt
// and opa fmt do; the expected layouts are in testdata/*.golden.
func TestSource(t *testing.T) {
	for _, name := range []string{"greenlight.hcl", "policy.rego"} {
		t.Run(name+" takes its canonical layout", func(t *testing.T) {
			path := filepath.Join("testdata", name)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, diags := canonical.Source(path, src)
			if diags.HasErrors() {
				t.Fatalf("diagnostics: %v", diags)
			}
			golden := path + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			again, _ := canonical.Source(path, got)
			if string(again) != string(got) {
				t.Errorf("formatting the canonical layout changes it:\n%s", again)
			}
		})
	}
}

// TestSyntaxErrorsAreLocated: a file that does not parse gives no output
// and a diagnostic at the place of the mistake.
func TestSyntaxErrorsAreLocated(t *testing.T) {
	for _, tc := range []struct {
		name, file, want string
	}{
		{"an unclosed HCL block is reported at its opening brace", "broken.hcl", "testdata/broken.hcl:1:12"},
		{"an incomplete Rego assignment is reported at the closing brace", "broken.rego", "testdata/broken.rego:5:1"},
		{"a file of another language is refused", "README.md", "README.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.ToSlash(filepath.Join("testdata", tc.file))
			if tc.file == "README.md" {
				path = tc.file
			}
			src, _ := os.ReadFile(path)
			out, diags := canonical.Source(path, src)
			if out != nil || !diags.HasErrors() {
				t.Fatalf("out %q, diags %v; want no output and an error", out, diags)
			}
			d := diags[0]
			got := path
			if d.Subject != nil {
				got = fmt.Sprintf("%s:%d:%d", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
			}
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("first diagnostic at %s (%s: %s), want %s", got, d.Summary, d.Detail, tc.want)
			}
		})
	}
}
