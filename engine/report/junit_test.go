package report_test

import (
	"bytes"
	"testing"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/report"
	"github.com/joshdk/go-junit"
)

// TestJUnitFailsAsTheCheckDoes: a finding is a <failure> when it is at or
// above the fail-on level, and a passing testcase otherwise, so the CI's
// test view is red exactly when greenlight check exits 1. The report is
// read back with go-junit, as a CI's JUnit reader would.
func TestJUnitFailsAsTheCheckDoes(t *testing.T) {
	findings := []finding.Finding{
		{Path: "posts/a.md", Span: span(3, 14, 3, 19), Rule: "brand-names", Level: finding.Error, Message: "Use 'GitHub'.", Fix: &finding.Fix{Replacement: "GitHub"}},
		{Path: "posts/a.md", Span: span(4, 1, 4, 4), Rule: "hype", Level: finding.Warning, Message: "Hype."},
		{Path: "posts/b.md", Span: span(1, 1, 1, 1), Rule: "tone", Level: finding.Info, Message: "Tone."},
	}
	paths := []string{"posts/a.md", "posts/b.md", "posts/clean.md"}
	for _, tc := range []struct {
		name   string
		failOn finding.Level
		failed int
	}{
		{"with fail-on error only the error fails", finding.Error, 1},
		{"with fail-on warning the warning fails too", finding.Warning, 2},
		{"with fail-on info every finding fails", finding.Info, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := (report.JUnit{}).Report(&b, report.Run{Findings: findings, Paths: paths, Posts: 3, FailOn: tc.failOn}); err != nil {
				t.Fatal(err)
			}
			suites, err := junit.Ingest(b.Bytes())
			if err != nil {
				t.Fatalf("go-junit cannot read it: %v\n%s", err, b.String())
			}
			if len(suites) != 3 {
				t.Fatalf("%d suites, want one per post:\n%s", len(suites), b.String())
			}
			failed, tests := 0, 0
			for _, s := range suites {
				s.Aggregate()
				failed += s.Totals.Failed
				tests += s.Totals.Tests
			}
			if failed != tc.failed || tests != 4 {
				t.Errorf("%d failed of %d tests, want %d of 4 (a finding each, and the clean post)", failed, tests, tc.failed)
			}
			first := suites[0].Tests[0]
			if first.Name != "brand-names at 3:14" || first.Classname != "posts/a" || first.Message != "Use 'GitHub'." {
				t.Errorf("first testcase %q (%q): %q", first.Name, first.Classname, first.Message)
			}
			if body := first.Error.(junit.Error).Body; body != "posts/a.md:3:14: error brand-names: Use 'GitHub'. (fix: GitHub)" {
				t.Errorf("failure text %q, want the position, level, rule, message and fix", body)
			}
			if clean := suites[2]; clean.Name != "posts/clean.md" || len(clean.Tests) != 1 || clean.Tests[0].Status != junit.StatusPassed {
				t.Errorf("the clean post is %+v, want one passing testcase", clean)
			}
		})
	}
}
