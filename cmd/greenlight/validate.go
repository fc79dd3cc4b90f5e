package main

import (
	"github.com/greenlighthq/greenlight/engine"
	"github.com/spf13/cobra"
)

func newValidate() *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "validate [PATH]",
		Short: "Check greenlight.hcl and the style packages it loads",
		Long: "Validate loads greenlight.hcl (found in PATH or its parents, or given with --config) and every\n" +
			"style package it names, and prints every problem with its file, line, column and source.\n" +
			"Exit status 0 when valid, 2 when not.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := append(args, ".")[:1]
			cfg, err := loadConfig(cmd, configPath, paths)
			if err != nil {
				return err
			}
			eng, diags := engine.New(cmd.Context(), cfg, engine.Options{})
			writeDiags(cmd, diags)
			if eng == nil {
				return exitInput
			}
			where := cfg.File
			if where == "" {
				where = "built-in defaults"
			}
			cmd.Printf("%s is valid: %d roles, %d stages, %d channels, %d style rules, %d policy packages.\n",
				where, len(cfg.Roles), len(cfg.Stages), len(cfg.Channels), len(eng.Rules()), len(eng.PolicyPackages()))
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	return cmd
}
