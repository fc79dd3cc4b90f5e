package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/diagnostic"
	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
)

func newValidate() *cobra.Command {
	var configPath, format string
	cmd := &cobra.Command{
		Use:   "validate [PATH]",
		Short: "Check greenlight.hcl and the style packages and policies it loads",
		Long: "Validate loads greenlight.hcl (found in PATH or its parents, or given with --config), every\n" +
			"style package and every policy it names, and prints every problem, sorted by file, line and\n" +
			"column, with its source line. --format json prints them as an array of {path, line, col,\n" +
			"end_line, end_col, severity, summary, detail} ([] when valid), for editors and scripts.\n" +
			"Exit status 0 when valid, 2 when not, or when there is no greenlight.hcl to validate.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				cmd.PrintErrf("greenlight: --format %q: want text or json\n", format)
				return exitInput
			}
			// The built-in defaults are always valid: calling them so would
			// pass a checkout whose config is missing or misnamed.
			file, err := requiredConfig(cmd, configPath, args)
			if err != nil {
				return err
			}
			// Every problem is gathered before any is printed, so that
			// they read top to bottom whichever stage found them.
			loaded := config.Load(file)
			diags := loaded.Diags
			var eng *engine.Engine
			if loaded.Config != nil {
				var d hcl.Diagnostics
				eng, d = engine.New(cmd.Context(), loaded.Config, engine.Options{})
				diags = append(diags, d...)
			}
			diagnostic.Sort(diags)
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if err := enc.Encode(diagnostic.Problems(diags)); err != nil {
					return fmt.Errorf("write problems: %w", err)
				}
			} else {
				diagnostic.Write(cmd.ErrOrStderr(), diags, problemSources(diags, loaded.Files))
			}
			if eng == nil || diags.HasErrors() {
				return exitInput
			}
			if format == "text" {
				cfg := loaded.Config
				cmd.Printf("%s is valid: %s, %s, %s, %s, %s.\n", cfg.File, plural(len(cfg.Roles), "role", "roles"),
					plural(len(cfg.Stages), "stage", "stages"), plural(len(cfg.Channels), "channel", "channels"),
					plural(len(eng.Rules()), "style rule", "style rules"), plural(len(eng.PolicyPackages()), "policy package", "policy packages"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// problemSources are the texts of the files problems name, for snippets:
// the config's as loaded, the others (styles, policies) from disk.
func problemSources(diags hcl.Diagnostics, loaded map[string]*hcl.File) map[string][]byte {
	sources := diagnostic.Sources(loaded)
	for _, d := range diags {
		if d.Subject == nil {
			continue
		}
		if _, ok := sources[d.Subject.Filename]; !ok {
			if src, err := os.ReadFile(d.Subject.Filename); err == nil {
				sources[d.Subject.Filename] = src
			}
		}
	}
	return sources
}

// requiredConfig is --config's value, else the greenlight.hcl found for
// the command's PATH argument (default "."); none is an error, printed,
// for a command that has nothing to do without one.
func requiredConfig(cmd *cobra.Command, configPath string, args []string) (string, error) {
	if configPath != "" {
		return configPath, nil
	}
	found, err := requireConfig(append(args, ".")[0])
	if err != nil {
		cmd.PrintErrln("greenlight:", err)
		return "", exitInput
	}
	return found, nil
}

// requireConfig finds greenlight.hcl for path, or says where it looked and
// how to make one.
func requireConfig(path string) (string, error) {
	start := path
	if info, err := os.Lstat(start); err != nil {
		return "", fmt.Errorf("find config: %w", err)
	} else if !info.IsDir() {
		start = filepath.Dir(start)
	}
	found, ok, err := config.Find(start)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("no %s in %s or any folder above it, so there is nothing to validate; "+
			"create one at the root of the content repository (see \"The config\" in the README; examples/greenlight.hcl is a full one), or name one with --config",
			config.FileName, absPath(start))
	}
	return relToCwd(found), nil
}
