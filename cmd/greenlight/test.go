package main

import (
	"fmt"
	"os"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/spf13/cobra"
)

func newTest() *cobra.Command {
	var configPath string
	var coverage bool
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run the Rego unit tests of the bundled and the team's policies",
		Long: "Test runs every test_ rule in the _test.rego files of the bundled policies, of the config's policy\n" +
			"folders, and of each PATH, as `opa test -v` does, and prints each result and the coverage of every\n" +
			"policy file. Exit status: 0 all pass, 1 a test fails, 2 a policy does not load.",
		Example: "  greenlight test\n  greenlight test examples/policies",
		RunE: func(cmd *cobra.Command, args []string) error {
			start := "."
			if len(args) > 0 {
				start = args[0]
			}
			cfg, err := loadConfig(cmd, configPath, []string{start})
			if err != nil {
				return err
			}
			if d := cfg.CheckFolders(); d.HasErrors() {
				writeDiags(cmd, d)
				return exitInput
			}
			sources := engine.PolicySources(cfg)
			for _, a := range args {
				if info, err := os.Stat(a); err != nil || !info.IsDir() {
					cmd.PrintErrf("greenlight: %s is not a folder of policies\n", a)
					return exitInput
				}
				if !hasSource(sources, a) {
					sources = append(sources, policy.Dir(a))
				}
			}
			results, cov, diags := policy.RunTests(cmd.Context(), sources, cfg.Settings.AllowBuiltins)
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
			if coverage {
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
				cmd.PrintErrln("greenlight: no tests found")
				return exitInput
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in the first PATH or its parents)")
	cmd.Flags().BoolVar(&coverage, "coverage", true, "print the coverage of every policy file")
	return cmd
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
