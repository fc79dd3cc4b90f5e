package policy

import (
	"context"
	"fmt"
	"regexp"
	"slices"
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

// TestOptions select the tests RunTests runs.
type TestOptions struct {
	// Sources are the policies loaded: the bundled ones and the team's.
	Sources []Source
	// AllowBuiltins names unsafe builtins the team allows.
	AllowBuiltins []string
	// Bundled runs the bundled policies' tests too. Without it their
	// modules are loaded (a team's policy may import their library) but
	// their tests are not run nor their coverage reported: a team tests
	// its own policies.
	Bundled bool
	// Run, when set, is a regular expression a test's name must match:
	// its full name (data.pkg.test_name, as `opa test --run` takes) or
	// its name as results show it (pkg.test_name).
	Run string
	// Files, when set, are the only test files whose tests run, named as
	// results name them (a source's name, then the path in it).
	Files []string
}

// testFilter is the regular expression that selects, by full name, the
// tests whose full name or shown name (without "data.") run matches: "" runs
// every test.
func testFilter(mods map[string]*ast.Module, run string) (string, error) {
	if run == "" {
		return "", nil
	}
	re, err := regexp.Compile(run)
	if err != nil {
		return "", err
	}
	var names []string
	for file, m := range mods {
		if !isTestFile(file) {
			continue
		}
		for _, r := range m.Rules {
			name := r.Head.Name.String()
			if !strings.HasPrefix(name, "test_") {
				continue
			}
			full := m.Package.Path.String() + "." + name
			if re.MatchString(full) || re.MatchString(strings.TrimPrefix(full, "data.")) {
				names = append(names, regexp.QuoteMeta(full))
			}
		}
	}
	if len(names) == 0 {
		return "^$", nil // no test's name is empty: none runs
	}
	slices.Sort(names)
	return "^(?:" + strings.Join(slices.Compact(names), "|") + ")$", nil
}

// RunTests runs the test_ rules of the selected _test.rego files, in
// parallel, as `opa test` does, and reports the coverage of the policy
// files whose tests ran.
func RunTests(ctx context.Context, opts TestOptions) ([]TestResult, []Coverage, hcl.Diagnostics) {
	// A source's tests run when it is the team's, or the bundled
	// policies' with opts.Bundled.
	run := func(src Source) bool { return !src.Bundled || opts.Bundled }
	mods, from, diags := loadModules(opts.Sources, run)
	for name := range mods {
		if isTestFile(name) && len(opts.Files) > 0 && !slices.Contains(opts.Files, name) {
			delete(mods, name)
		}
	}
	if diags.HasErrors() {
		return nil, nil, diags
	}
	filter, err := testFilter(mods, opts.Run)
	if err != nil {
		return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid --run", Detail: err.Error()}}
	}
	cov := cover.New()
	compiler := ast.NewCompiler().WithCapabilities(capabilities(opts.AllowBuiltins)).WithEnablePrintStatements(true)
	runner := tester.NewRunner().SetCompiler(compiler).SetCoverageQueryTracer(cov).
		SetTimeout(10 * time.Second).RaiseBuiltinErrors(true).CapturePrintOutput(true).
		SetDefaultRegoVersion(ast.RegoV1).Filter(filter)
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
		if isTestFile(file) || !run(from[file]) {
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
