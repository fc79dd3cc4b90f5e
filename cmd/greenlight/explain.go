package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/didyoumean"
	"github.com/spf13/cobra"
)

func newExplain() *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:   "explain [ID]",
		Short: "Explain a rule id: what it checks, its level, where it is declared, how to waive it",
		Long: "Explain knows every rule id a finding can carry: Greenlight's built-in ids, the config's rule\n" +
			"blocks, the rules of its Vale style packages, and the bundled and the team's policies (from their\n" +
			"METADATA). With ID it prints what the rule checks, its level, where it is declared and how to waive\n" +
			"it or turn it off; with the start of ids (greenlight.voice.), those ids; with none, every id grouped\n" +
			"by where it comes from. An unknown id is exit status 2, with the closest known id.",
		Example: "  greenlight explain\n  greenlight explain brand-names\n  greenlight explain greenlight.voice.",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, configPath, []string{"."})
			if err != nil {
				return err
			}
			eng, err := buildEngine(cmd, cfg, engine.Options{})
			if err != nil {
				return err
			}
			infos, diags := eng.Explain()
			writeDiags(cmd, diags)
			if diags.HasErrors() {
				return exitInput
			}
			out := cmd.OutOrStdout()
			if len(args) == 0 {
				listRules(out, infos)
				return nil
			}
			id := args[0]
			if i := slices.IndexFunc(infos, func(r engine.RuleInfo) bool { return r.ID == id }); i >= 0 {
				explainRule(out, infos[i], cfg.File)
				return nil
			}
			var under []engine.RuleInfo
			for _, r := range infos {
				if strings.HasPrefix(r.ID, id) {
					under = append(under, r)
				}
			}
			if len(under) > 0 {
				listRules(out, under)
				return nil
			}
			ids := make([]string, len(infos))
			for i, r := range infos {
				ids[i] = r.ID
			}
			msg := fmt.Sprintf("greenlight: no rule id %q", id)
			if m := didyoumean.NameSuggestion(id, ids); m != "" {
				msg += fmt.Sprintf("; did you mean %q?", m)
			}
			cmd.PrintErrln(msg + " (greenlight explain lists every id)")
			return exitInput
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in the current folder or its parents)")
	return cmd
}

// listRules prints ids grouped by where they come from, one a line.
func listRules(w io.Writer, infos []engine.RuleInfo) {
	width := 0
	for _, r := range infos {
		width = max(width, len(r.ID))
	}
	first := true
	for _, src := range engine.Sources() {
		group := slices.DeleteFunc(slices.Clone(infos), func(r engine.RuleInfo) bool { return r.Source != src })
		if len(group) == 0 {
			continue
		}
		if !first {
			fmt.Fprintln(w)
		}
		first = false
		fmt.Fprintf(w, "%s:\n", src)
		for _, r := range group {
			fmt.Fprintf(w, "  %-*s  %s\n", width, r.ID, r.Title)
		}
	}
}

// explainRule prints one id in full, with a waiver a team can paste.
func explainRule(w io.Writer, r engine.RuleInfo, configFile string) {
	fmt.Fprintf(w, "%s: %s\n", r.ID, r.Title)
	if r.Description != "" {
		fmt.Fprintf(w, "  %s\n", strings.ReplaceAll(r.Description, "\n", "\n  "))
	}
	fmt.Fprintf(w, "\n  source:    %s\n", r.Source)
	if r.Level != "" {
		fmt.Fprintf(w, "  level:     %s\n", r.Level)
	}
	fmt.Fprintf(w, "  declared:  %s\n", r.Declared)
	if r.Off != "" {
		fmt.Fprintf(w, "  turn off:  %s\n", r.Off)
	}
	if !r.Waivable {
		fmt.Fprintln(w, "  waive:     no waiver can remove it")
		return
	}
	where := "greenlight.hcl"
	if configFile != "" {
		where = configFile
	}
	name := strings.ToLower(r.ID[strings.LastIndex(r.ID, ".")+1:])
	fmt.Fprintf(w, "  waive:     with a waiver block in %s; every finding it removes is reported as info:\n\n", where)
	fmt.Fprintf(w, "    waiver %q {\n", name+"-exception")
	fmt.Fprintf(w, "      rules  = [%q]\n", r.ID)
	fmt.Fprintln(w, `      posts  = ["posts/2026-12-*.md"]  # globs; every post when absent`)
	fmt.Fprintln(w, `      reason = "Why these posts may break it, and who agreed"`)
	fmt.Fprintln(w, `      until  = "2027-01-31T00:00:00Z"  # optional: the waiver expires`)
	fmt.Fprintln(w, "    }")
}
