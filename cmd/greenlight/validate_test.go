package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/diagnostic"
)

// TestValidateSortsProblemsByPosition: the five mistakes of
// examples/broken read top to bottom, whichever stage found them, in both
// formats; the JSON is pinned by a golden file.
func TestValidateSortsProblemsByPosition(t *testing.T) {
	t.Run("json is an array of located problems, in file order", func(t *testing.T) {
		stdout, stderr, code := run(t, "validate", "examples/broken", "--format", "json")
		if code != 2 {
			t.Fatalf("exit %d, want 2: %s", code, stderr)
		}
		var probs []diagnostic.Problem
		if err := json.Unmarshal([]byte(stdout), &probs); err != nil {
			t.Fatalf("not a JSON array of problems: %v\n%s", err, stdout)
		}
		if len(probs) != 5 {
			t.Errorf("%d problems, want the 5 mistakes", len(probs))
		}
		if !slices.IsSortedFunc(probs, func(a, b diagnostic.Problem) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return a.Col - b.Col
		}) {
			t.Errorf("problems are not in file order: %+v", probs)
		}
		golden(t, "cmd/greenlight/testdata/validate-broken.json", stdout)
	})
	t.Run("text prints them in the same order", func(t *testing.T) {
		_, stderr, _ := run(t, "validate", "examples/broken")
		var lines []int
		for _, l := range strings.Split(stderr, "\n") {
			if rest, ok := strings.CutPrefix(l, "examples/broken/greenlight.hcl:"); ok {
				n := 0
				for _, c := range rest {
					if c < '0' || c > '9' {
						break
					}
					n = n*10 + int(c-'0')
				}
				lines = append(lines, n)
			}
		}
		if len(lines) != 5 || !slices.IsSorted(lines) {
			t.Errorf("lines %v, want 5 in order:\n%s", lines, stderr)
		}
	})
	t.Run("a valid config is an empty array", func(t *testing.T) {
		stdout, stderr, code := run(t, "validate", "examples", "--format", "json")
		if code != 0 || strings.TrimSpace(stdout) != "[]" {
			t.Errorf("exit %d, output %q, want 0 and []: %s", code, stdout, stderr)
		}
	})
}
