package engine_test

import (
	"reflect"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/finding"
)

// TestStyleMatchesAreReportedOnceAsTheyAre checks the style package's
// reporting done in Go: a match keeps its exact span (offsets included),
// level and fix; equal matches are one finding, as in the package's set;
// matches that differ in any of rule, level, message, fix or place stay
// apart. That it decides as the Rego does over many posts is checked by
// TestPackagesThatCannotDecideAreLeftOutUnchanged.
func TestStyleMatchesAreReportedOnceAsTheyAre(t *testing.T) {
	t.Parallel()
	at := func(line, col, off int) finding.Pos { return finding.Pos{Line: line, Col: col, Offset: off} }
	hype := finding.Finding{Path: "posts/a.md", Span: finding.Span{Start: at(3, 5, 40), End: at(3, 9, 44)}, Rule: "Acme.Hype",
		Level: finding.Warning, Message: "Avoid 'synergy'.", Fix: &finding.Fix{Replacement: "teamwork"}}
	with := func(f func(*finding.Finding)) finding.Finding {
		g := hype
		f(&g)
		return g
	}
	errorLevel := with(func(g *finding.Finding) { g.Level = finding.Error })
	noFix := with(func(g *finding.Finding) { g.Fix = nil })
	later := with(func(g *finding.Finding) { g.Span.Start, g.Span.End = at(4, 1, 50), at(4, 5, 54) })
	got := engine.StyleFindings([]finding.Finding{hype, hype, errorLevel, noFix, later, later})
	want := []finding.Finding{hype, errorLevel, noFix, later}
	for i := range want {
		want[i].Source = "style"
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}
