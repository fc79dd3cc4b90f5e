package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/spf13/cobra"
)

func newValidate() *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "validate [PATH]",
		Short: "Check greenlight.hcl and the style packages it loads",
		Long: "Validate loads greenlight.hcl (found in PATH or its parents, or given with --config) and every\n" +
			"style package it names, and prints every problem with its file, line, column and source.\n" +
			"Exit status 0 when valid, 2 when not, or when there is no greenlight.hcl to validate.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := append(args, ".")[:1]
			if configPath == "" {
				// The built-in defaults are always valid: calling them so
				// would pass a checkout whose config is missing or misnamed.
				found, err := requireConfig(paths[0])
				if err != nil {
					cmd.PrintErrln("greenlight:", err)
					return exitInput
				}
				configPath = found
			}
			cfg, err := loadConfig(cmd, configPath, paths)
			if err != nil {
				return err
			}
			eng, diags := engine.New(cmd.Context(), cfg, engine.Options{})
			writeDiags(cmd, diags)
			if eng == nil {
				return exitInput
			}
			cmd.Printf("%s is valid: %d roles, %d stages, %d channels, %d style rules, %d policy packages.\n",
				cfg.File, len(cfg.Roles), len(cfg.Stages), len(cfg.Channels), len(eng.Rules()), len(eng.PolicyPackages()))
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	return cmd
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
