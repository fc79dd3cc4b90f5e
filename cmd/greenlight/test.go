package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/spf13/cobra"
)

func newTest() *cobra.Command {
	var configPath, runRegex string
	var coverage, bundled bool
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run the Rego unit tests of the team's policies",
		Long: "Test runs every test_ rule in the _test.rego files of the config's policy folders and of each PATH\n" +
			"(a folder of policies, or one _test.rego file: then only its tests run), as `opa test -v` does, and\n" +
			"prints each result and the coverage of every policy file tested. --bundled runs the tests of\n" +
			"Greenlight's own policies too; --run REGEX runs only the tests whose name it matches, as shown\n" +
			"(pkg.test_name) or in full (data.pkg.test_name, as `opa test --run` takes).\n" +
			"Exit status: 0 all pass, 1 a test fails, 2 a policy does not load or no test ran.",
		Example: "  greenlight test\n  greenlight test examples/policies --run disclaimer\n  greenlight test examples/policies/finance_test.rego\n  greenlight test --bundled",
		RunE: func(cmd *cobra.Command, args []string) error {
			start := "."
			if len(args) > 0 {
				start = args[0]
			}
			if _, err := regexp.Compile(runRegex); err != nil {
				cmd.PrintErrf("greenlight: --run: %v\n", err)
				return exitInput
			}
			cfg, err := loadConfig(cmd, configPath, []string{start})
			if err != nil {
				return err
			}
			if d := cfg.CheckFolders(); d.HasErrors() {
				writeDiags(cmd, d)
				return exitInput
			}
			// The rulebooks' own tests run too, from the cache as the lock
			// pins it.
			books, d := rulebook.Open(cfg, rulebook.DefaultCache(cfg.Dir, os.Getenv))
			if d.HasErrors() {
				writeDiags(cmd, d)
				return exitInput
			}
			opts := policy.TestOptions{Sources: engine.PolicySources(cfg, books), AllowBuiltins: cfg.Settings.AllowBuiltins,
				Bundled: bundled, Run: runRegex}
			for _, a := range args {
				info, err := os.Stat(a)
				switch {
				case err != nil:
					cmd.PrintErrf("greenlight: %v\n", err)
					return exitInput
				case info.IsDir():
					if !hasSource(opts.Sources, a) {
						opts.Sources = append(opts.Sources, policy.Dir(a))
					}
				case strings.HasSuffix(a, "_test.rego"):
					// The file's folder is loaded, for the policies it
					// tests; only the file's own tests run.
					dir := filepath.Dir(a)
					if !hasSource(opts.Sources, dir) {
						opts.Sources = append(opts.Sources, policy.Dir(dir))
					}
					opts.Files = append(opts.Files, testFileName(opts.Sources, a))
				default:
					cmd.PrintErrf("greenlight: %s is neither a folder of policies nor a _test.rego file\n", a)
					return exitInput
				}
			}
			results, cov, diags := policy.RunTests(cmd.Context(), opts)
			writeDiags(cmd, diags)
			if diags.HasErrors() {
				return exitInput
			}
			pass, fail := 0, 0
			for _, r := range results {
				cmd.Println(r.String())
				if len(r.Output) > 0 {
					cmd.Printf("%s", r.Output)
				}
				if r.Err != nil {
					cmd.Printf("  %s:%d: %v\n", r.File, r.Line, r.Err)
				}
				if r.Pass {
					pass++
				} else {
					fail++
				}
			}
			if coverage && len(results) > 0 {
				cmd.Println("\nCoverage:")
				for _, c := range cov {
					cmd.Printf("  %-45s %5.1f%%", c.File, c.Percent)
					if len(c.NotCovered) > 0 {
						cmd.Printf("  not covered: lines %s", lineList(c.NotCovered))
					}
					cmd.Println()
				}
			}
			cmd.Printf("\n%d passed, %d failed\n", pass, fail)
			if fail > 0 {
				return exitFindings
			}
			if pass == 0 {
				msg := "greenlight: no tests found"
				switch {
				case runRegex != "":
					msg += " matching --run " + runRegex
				case !bundled:
					msg += " in the team's policy folders (--bundled runs Greenlight's own)"
				}
				cmd.PrintErrln(msg)
				return exitInput
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in the first PATH or its parents)")
	cmd.Flags().BoolVar(&coverage, "coverage", true, "print the coverage of every policy file tested")
	cmd.Flags().BoolVar(&bundled, "bundled", false, "run the tests of Greenlight's bundled policies too")
	cmd.Flags().StringVar(&runRegex, "run", "", "run only the tests whose full name (data.pkg.test_name) matches this regular expression")
	return cmd
}

// testFileName names a test file as the results do: by the source that
// holds it, then its path inside.
func testFileName(sources []policy.Source, file string) string {
	for _, s := range sources {
		if s.Bundled {
			continue
		}
		if rel, err := filepath.Rel(absPath(s.Name), absPath(file)); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(filepath.Join(s.Name, rel))
		}
	}
	return filepath.ToSlash(file)
}

func hasSource(sources []policy.Source, dir string) bool {
	for _, s := range sources {
		if a, b := absPath(s.Name), absPath(dir); a == b {
			return true
		}
	}
	return false
}

func lineList(lines []int) string {
	out := ""
	for i, l := range lines {
		if i == 8 {
			return out + fmt.Sprintf(" and %d more", len(lines)-i)
		}
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprint(l)
	}
	return out
}
