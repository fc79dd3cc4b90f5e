package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/spf13/cobra"
)

func newInspect() *cobra.Command {
	var configPath, nowText string
	var requireSignoffs bool
	cmd := &cobra.Command{
		Use:   "inspect PATH...",
		Short: "Print the input documents the policies see, as JSON",
		Long: "Inspect measures each post as check does and prints the exact input document every policy\n" +
			"receives (see policies/README.md), as a JSON array, so a policy author can write against real data.",
		Example: "  greenlight inspect examples/posts/2026-12-02-hype.md",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, configPath, args)
			if err != nil {
				return err
			}
			now := time.Now()
			if nowText != "" {
				if now, err = content.ParseTime(nowText, cfg.Settings.Location); err != nil {
					cmd.PrintErrln("greenlight: --now:", err)
					return exitInput
				}
			}
			eng, found, err := openEngine(cmd, cfg, engine.Options{Now: now, RequireSignoffs: requireSignoffs}, args)
			if err != nil {
				return err
			}
			files := found.Posts
			docs := make([]any, 0, len(files))
			failed := false
			for _, f := range files {
				p, ok := parsePost(cmd, eng, f)
				if !ok {
					failed = true
					continue
				}
				in, err := eng.Input(p)
				var doc any
				if err == nil {
					doc, err = ast.JSON(in)
				}
				if err != nil {
					cmd.PrintErrf("greenlight: %s: %v\n", f.Path, err)
					failed = true
					continue
				}
				docs = append(docs, doc)
			}
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			if err := enc.Encode(docs); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			if failed {
				return exitInput
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	cmd.Flags().BoolVar(&requireSignoffs, "require-signoffs", false, "set options.require_signoffs in the input")
	cmd.Flags().StringVar(&nowText, "now", "", "measure as of this time (input.now: embargoes, deadlines), such as 2026-11-23T12:00:00Z (default: now)")
	return cmd
}
