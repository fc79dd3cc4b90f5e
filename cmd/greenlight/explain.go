package main

import (
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/spf13/cobra"
)

func newExplain() *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "explain [RULE]",
		Short: "List every policy rule with its title and description",
		Long: "Explain lists the rules of the bundled and the team's policies from their METADATA: id, title,\n" +
			"description and where the rule is written. With RULE, only the rules whose id starts with it.",
		Example: "  greenlight explain\n  greenlight explain greenlight.signoff",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, configPath, []string{"."})
			if err != nil {
				return err
			}
			docs, diags := policy.Explain(engine.PolicySources(cfg))
			writeDiags(cmd, diags)
			if diags.HasErrors() {
				return exitInput
			}
			shown := 0
			for _, d := range docs {
				if len(args) == 1 && !strings.HasPrefix(d.ID, args[0]) {
					continue
				}
				shown++
				cmd.Printf("%s\n  %s\n", d.ID, d.Title)
				if d.Description != "" {
					cmd.Printf("  %s\n", strings.ReplaceAll(strings.TrimSpace(d.Description), "\n", "\n  "))
				}
				cmd.Printf("  %s:%d\n\n", d.File, d.Line)
			}
			if shown == 0 {
				cmd.PrintErrln("greenlight: no rule matches", strings.Join(args, " "))
				return exitInput
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in the current folder or its parents)")
	return cmd
}
