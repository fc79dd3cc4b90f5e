package main

import (
	"strings"
	"testing"
)

// TestTestRunsTheTeamsTests: by default only the team's tests run; the
// bundled ones with --bundled; --run and a test file narrow them.
func TestTestRunsTheTeamsTests(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		want    []string
		notWant []string
	}{
		// examples/ holds the example rulebook too, whose tests a folder walk finds.
		{"the team's tests by default, not Greenlight's", []string{"test", "examples/"}, 0,
			[]string{"acme.finance_test.test_disclaimer_line_passes: PASS", "examples/policies/finance.rego", "examples/rulebook/policies/guarantees.rego", "10 passed, 0 failed"},
			[]string{"greenlight.voice_test", "policies/voice/voice.rego"}},
		{"--bundled adds Greenlight's own", []string{"test", "examples/", "--bundled", "--coverage=false"}, 0,
			[]string{"acme.finance_test.", "greenlight.voice_test."}, nil},
		{"--run selects tests by name, as opa test does", []string{"test", "examples/", "--run", "waiver"}, 0,
			[]string{"test_legal_waiver_is_an_exception: PASS", "2 passed, 0 failed"},
			[]string{"test_disclaimer_line_passes"}},
		{"--run anchored at a name as shown", []string{"test", "examples/", "--run", "^acme.finance_test.test_disclaimer", "--coverage=false"}, 0,
			[]string{"acme.finance_test.test_disclaimer_line_passes: PASS", "1 passed, 0 failed"}, nil},
		{"--run anchored at a full name, as opa test takes", []string{"test", "examples/", "--run", `^data\.acme\.finance_test\.test_disclaimer`, "--coverage=false"}, 0,
			[]string{"acme.finance_test.test_disclaimer_line_passes: PASS", "1 passed, 0 failed"}, nil},
		{"a test file runs its tests alone", []string{"test", "examples/policies/finance_test.rego", "--coverage=false"}, 0,
			[]string{"acme.finance_test.test_disclaimer_line_passes: PASS", "8 passed"}, nil},
		{"--run that matches nothing is exit 2", []string{"test", "examples/", "--run", "no-such-test"}, 2, nil, nil},
		{"an invalid --run is exit 2", []string{"test", "examples/", "--run", "("}, 2, nil, nil},
		{"a file that is no test file is exit 2", []string{"test", "examples/policies/finance.rego"}, 2, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d:\n%s%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("output does not say %q:\n%s", w, stdout)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(stdout, w) {
					t.Errorf("output says %q:\n%s", w, stdout)
				}
			}
		})
	}
}
