package main

import (
	"encoding/json"
	"fmt"

	"github.com/greenlighthq/greenlight/engine/schema"
	"github.com/spf13/cobra"
)

func newSchema() *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "schema front-matter|report [PATH]",
		Short: "Print the JSON Schema of a post's front matter, or of check --format json",
		Long: "Schema prints a JSON Schema (draft-07):\n\n" +
			"  front-matter  the keys a post's front matter may use under the config found from PATH (or\n" +
			"                --config): its channels and its front_matter_keys. Save it and point\n" +
			"                yaml-language-server at it (see the README's Editors) to have the editor\n" +
			"                flag what check would.\n" +
			"  report        the output of greenlight check --format json.",
		Example: "  greenlight schema front-matter > .greenlight/front-matter.schema.json\n  greenlight schema report",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 || len(args) > 2 {
				return fmt.Errorf("name the schema: greenlight schema front-matter [PATH] or greenlight schema report")
			}
			return nil
		},
		ValidArgs: []string{"front-matter", "report"},
		RunE: func(cmd *cobra.Command, args []string) error {
			var s map[string]any
			switch args[0] {
			case "front-matter":
				paths := []string{"."}
				if len(args) > 1 {
					paths = args[1:]
				}
				cfg, err := loadConfig(cmd, configPath, paths)
				if err != nil {
					return err
				}
				s = schema.FrontMatter(cfg)
			case "report":
				s = schema.Report()
			default:
				cmd.PrintErrf("greenlight: no schema %q: front-matter or report\n", args[0])
				return exitInput
			}
			out, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				return fmt.Errorf("schema: %w", err)
			}
			cmd.Println(string(out))
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	return cmd
}
