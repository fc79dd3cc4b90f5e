package vale

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadRule feeds arbitrary bytes through the YAML parser and the Spec
// builder: neither may panic, and every diagnostic must carry a range in the
// rule's file.
func FuzzLoadRule(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/styles/Fixture/*.yml")
	broken, _ := filepath.Glob("testdata/invalid/Broken/*.yml")
	for _, p := range append(seeds, broken...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("extends: existence\nmessage: m\ntokens: &a [x]\nexceptions: *a\n"))
	f.Add([]byte("extends: Fixture.Hype\ntokens+: [x]\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		const path = "Fuzz/Rule.yml"
		doc, diags := parseDocument(path, text)
		l := &loader{root: "testdata/styles", parsed: map[string]*parsedFile{
			path: {doc: doc, errors: doc == nil || diags.HasErrors()},
		}}
		_, _, ds := l.loadRule("Fuzz.Rule", path)
		for _, d := range append(diags, ds...) {
			if d.Subject == nil || d.Subject.Filename == "" || d.Subject.Start.Line < 1 ||
				d.Subject.Start.Byte > len(text) && d.Subject.Filename == path {
				t.Fatalf("diagnostic %q has a bad range %v", d.Summary, d.Subject)
			}
		}
	})
}
