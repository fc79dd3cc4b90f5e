package vale_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/greenlighthq/greenlight/engine/style/vale"
)

// TestSameAlertsAsVale loads the Fixture style unchanged and checks the
// fixture posts; every alert Vale v3.20.0 gave on them (vale-alerts.golden)
// must come back with the same rule id, line, column and message.
//
// One known difference is allowed: the readability grade. Vale's syllable
// counter and Greenlight's differ, so the number in the message may too;
// the rule, line and column must still match.
func TestSameAlertsAsVale(t *testing.T) {
	specs, diags := vale.Load("testdata/styles/Fixture")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	linter, err := style.NewLinter(specs)
	if err != nil {
		t.Fatal(err)
	}
	posts, _ := filepath.Glob("testdata/posts/*.md")
	parser := content.NewParser(nil)
	var got []string
	for _, path := range posts {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		p, d := parser.Parse("posts/"+filepath.Base(path), src)
		if d.HasErrors() {
			t.Fatal(d)
		}
		for _, f := range linter.Lint(p) {
			got = append(got, fmt.Sprintf("%s:%d:%d:%s:%s", f.Path, f.Span.Start.Line, f.Span.Start.Col, f.Rule, f.Message))
		}
	}
	slices.Sort(got)
	wantSrc, err := os.ReadFile("testdata/vale-alerts.golden")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(wantSrc)), "\n")
	key := func(line string) string {
		if strings.Contains(line, ":Fixture.Readability:") {
			return line[:strings.Index(line, ":Fixture.Readability:")] + ":Fixture.Readability"
		}
		return line
	}
	gotKeys, wantKeys := map[string]bool{}, map[string]bool{}
	for _, g := range got {
		gotKeys[key(g)] = true
	}
	for _, w := range want {
		wantKeys[key(w)] = true
		if !gotKeys[key(w)] {
			t.Errorf("Vale alert missing: %s", w)
		}
	}
	for _, g := range got {
		if !wantKeys[key(g)] {
			t.Errorf("alert Vale does not give: %s", g)
		}
	}
	t.Logf("%d of %d Vale alerts reproduced", len(want)-countMissing(want, gotKeys, key), len(want))
}

func countMissing(want []string, got map[string]bool, key func(string) string) int {
	n := 0
	for _, w := range want {
		if !got[key(w)] {
			n++
		}
	}
	return n
}
