package policy

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	Package  string
	Name     string
	File     string
	Line     int
	Pass     bool
	Err      error // an error while evaluating, not a failure
	Duration time.Duration
	Output   []byte // print() output
}

// Coverage is the share of a file's expressions the tests evaluated.
type Coverage struct {
	File       string
	Percent    float64
	NotCovered []int // lines
}

// RunTests runs every test_ rule of the sources' _test.rego files, in
// parallel, as `opa test` does, and reports coverage of the non-test files.
func RunTests(ctx context.Context, sources []Source, allow []string) ([]TestResult, []Coverage, hcl.Diagnostics) {
	mods, diags := loadModules(sources, true)
	if diags.HasErrors() {
		return nil, nil, diags
	}
	cov := cover.New()
	compiler := ast.NewCompiler().WithCapabilities(capabilities(allow)).WithEnablePrintStatements(true)
	runner := tester.NewRunner().SetCompiler(compiler).SetCoverageQueryTracer(cov).
		SetTimeout(10 * time.Second).RaiseBuiltinErrors(true).CapturePrintOutput(true).
		SetDefaultRegoVersion(ast.RegoV1)
	ch, err := runner.Run(ctx, mods)
	if err != nil {
		return nil, nil, regoDiagnostics("", err)
	}
	var results []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass(), Err: r.Error, Duration: r.Duration, Output: r.Output}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Pass = false
		}
		results = append(results, tr)
	}
	sort.Slice(results, func(i, j int) bool {
		if results[i].File != results[j].File {
			return results[i].File < results[j].File
		}
		return results[i].Line < results[j].Line
	})
	report := cov.Report(mods)
	var coverage []Coverage
	for file, fr := range report.Files {
		if isTestFile(file) {
			continue
		}
		c := Coverage{File: file, Percent: fr.Coverage}
		for _, r := range fr.NotCovered {
			for l := r.Start.Row; l <= r.End.Row; l++ {
				c.NotCovered = append(c.NotCovered, l)
			}
		}
		coverage = append(coverage, c)
	}
	sort.Slice(coverage, func(i, j int) bool { return coverage[i].File < coverage[j].File })
	return results, coverage, nil
}

func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// String formats a result as `opa test -v` does.
func (r TestResult) String() string {
	status := "PASS"
	switch {
	case r.Err != nil:
		status = "ERROR"
	case !r.Pass:
		status = "FAIL"
	}
	return fmt.Sprintf("%s.%s: %s (%s)", strings.TrimPrefix(r.Package, "data."), r.Name, status, r.Duration.Round(time.Microsecond))
}
