package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/facts"
	"github.com/greenlighthq/greenlight/engine/terminal"
	"github.com/spf13/cobra"
)

func newPreview() *cobra.Command {
	var configPath, format string
	cmd := &cobra.Command{
		Use:   "preview POST...",
		Short: "Show each channel's text as it counts, with a meter per channel",
		Long: "Preview shows, for every channel a post targets, the text the channel posts (its own section when\n" +
			"the post has one) and how it counts against the channel's limit. --format json prints\n" +
			"[{\"path\": ..., \"channels\": {\"x\": {\"length\": 231, \"limit\": 280, \"unit\": \"weighted\"}, ...}}].",
		Example: "  greenlight preview examples/posts/2026-12-17-variants.md",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				cmd.PrintErrf("greenlight: unknown format %q (want text or json)\n", format)
				return exitInput
			}
			cfg, err := loadConfig(cmd, configPath, args)
			if err != nil {
				return err
			}
			eng, found, err := openEngine(cmd, cfg, engine.Options{}, args)
			if err != nil {
				return err
			}
			files := found.Posts
			type meter struct {
				Length int    `json:"length"`
				Limit  int    `json:"limit"`
				Unit   string `json:"unit"`
				Fits   bool   `json:"fits"`
				Text   string `json:"text"`
			}
			type entry struct {
				Path     string           `json:"path"`
				Channels map[string]meter `json:"channels"`
			}
			out := []entry{}
			failed := false
			for _, f := range files {
				p, ok := parsePost(cmd, eng, f)
				if !ok {
					failed = true
					continue
				}
				measured := eng.Measure(p)
				if format == "text" {
					writePreview(cmd.OutOrStdout(), f.Path, measured)
					continue
				}
				e := entry{Path: f.Path, Channels: map[string]meter{}}
				for _, m := range measured {
					e.Channels[m.Channel] = meter{Length: m.Count.Length, Limit: m.Count.Limit, Unit: string(m.Count.Unit),
						Fits: m.Count.Length <= m.Count.Limit, Text: m.Copy.Text}
				}
				out = append(out, e)
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if err := enc.Encode(out); err != nil {
					return fmt.Errorf("write: %w", err)
				}
			}
			if failed {
				return exitInput
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in POST's folder or its parents)")
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}

// writePreview prints a post's channels:
//
//	posts/launch.md
//	  X         ████████████████████░░░░░  231/280 weighted
//	            Meet the new dashboard: ...
func writePreview(w io.Writer, path string, measured []facts.Measured) {
	// The copy is the post's text, which may hold control characters:
	// shown escaped, never run by the terminal.
	fmt.Fprintln(w, terminal.Escape(path))
	if len(measured) == 0 {
		fmt.Fprintln(w, "  (no channels)")
	}
	for _, m := range measured {
		const width = 30
		filled := width
		if m.Count.Limit > 0 {
			filled = min(width, m.Count.Length*width/m.Count.Limit)
		}
		bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
		verdict := ""
		if m.Count.Length > m.Count.Limit {
			verdict = fmt.Sprintf("  %d over", m.Count.Length-m.Count.Limit)
		}
		source := ""
		if m.Copy.Channel != "" {
			source = "  (its own section)"
		}
		fmt.Fprintf(w, "  %-10s %s  %d/%d %s%s%s\n", terminal.Escape(m.Channel), bar, m.Count.Length, m.Count.Limit, m.Count.Unit, verdict, source)
		for _, line := range strings.Split(m.Copy.Text, "\n") {
			fmt.Fprintf(w, "  %-10s │ %s\n", "", terminal.Escape(line))
		}
	}
	fmt.Fprintln(w)
}
