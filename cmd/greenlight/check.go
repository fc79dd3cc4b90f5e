package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/diagnostic"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/report"
	"github.com/greenlighthq/greenlight/engine/terminal"
	"github.com/hashicorp/hcl/v2"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

func newCheck() *cobra.Command {
	var configPath, format, failOn, nowText string
	var noColor, requireSignoffs bool
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check posts against the style guide, channels and policies",
		Long: "Check finds greenlight.hcl in the first PATH or its parents (or uses --config, or the built-in\n" +
			"defaults), then checks every post under each PATH that the config's content globs select.\n" +
			"A file named on the command line is always checked.\n\n" +
			"Exit status: 0 clean or below --fail-on, 1 a finding at or above --fail-on, 2 a usage, config or input error.",
		Example: "  greenlight check examples/\n  greenlight check --format json posts/launch.md\n  greenlight check --format gitlab . > gl-code-quality.json",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			rep, err := report.New(format, !noColor && isTerminal(cmd))
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			// With --format github, the problems that stop a check are
			// annotations too, not only lines in the log.
			annotate := func(diags hcl.Diagnostics) {
				if format == "github" {
					_ = report.GitHubProblems(cmd.OutOrStdout(), diags)
				}
			}
			cfg, diags, err := loadConfigDiags(cmd, configPath, args)
			annotate(diags)
			if err != nil {
				return err
			}
			threshold := cfg.Settings.FailOn
			if cmd.Flags().Changed("fail-on") {
				threshold = failOn
			}
			level, err := finding.ParseLevel(threshold)
			if err != nil {
				cmd.PrintErrln("greenlight: --fail-on:", err)
				return exitInput
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
			if n := len(found.Unjudged); n > 0 {
				// Not judged here, and the gate asks the config stage for
				// them: say so rather than pass them over in silence.
				cmd.PrintErrf("greenlight: %s in the content folders not checked, since the content globs do not select them: %s. "+
					"A pull request that changes one needs the %s stage; list them in ignore if they are not content.\n",
					plural(n, "file is", "files are"), terminal.Escape(strings.Join(found.Unjudged, ", ")), cfg.Settings.ConfigStage)
			}
			res := eng.Check(cmd.Context(), found.Posts)
			diagnostic.Write(cmd.ErrOrStderr(), res.Diags, diagnostic.Sources(res.Files))
			annotate(res.Diags)
			run := report.Run{Findings: res.Findings, Posts: len(res.Posts) + res.Unreadable, Unreadable: res.Unreadable,
				Version: buildVersion(), Signoffs: engine.Signoffs(cfg, res.Posts, now), FailOn: level, Source: sources(eng, found.Posts)}
			for _, p := range res.Posts {
				run.Paths = append(run.Paths, p.Path)
			}
			m, failing := finding.Max(res.Findings)
			run.Fails = failing && m >= level
			for _, s := range eng.Rules() {
				run.Rules = append(run.Rules, report.Rule{ID: s.ID, Level: s.Level, Description: s.Message, Link: s.Link})
			}
			if err := rep.Report(cmd.OutOrStdout(), run); err != nil {
				return fmt.Errorf("write report: %w", err)
			}
			if res.Diags.HasErrors() {
				return exitInput
			}
			if run.Fails {
				return exitFindings
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	f.StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVar(&failOn, "fail-on", "", "lowest finding level that fails the check: error, warning or info (default: the config's fail_on, which is error unless set)")
	f.BoolVar(&noColor, "no-color", false, "never colour the text output")
	f.StringVar(&nowText, "now", "", "check as of this time (embargoes, deadlines), such as 2026-11-23T12:00:00Z (default: now)")
	f.BoolVar(&requireSignoffs, "require-signoffs", false, "fail while any required sign-off is pending, even without review facts")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(report.Formats(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"error", "warning", "info"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// sources reads a checked post again for a format that counts columns in
// bytes (rdjsonl): the engine keeps no post's text once it is checked.
func sources(eng *engine.Engine, posts []engine.File) func(string) []byte {
	return func(path string) []byte {
		i := slices.IndexFunc(posts, func(f engine.File) bool { return f.Path == path })
		if i < 0 {
			return nil
		}
		src, diags := eng.ReadPost(posts[i])
		if diags.HasErrors() {
			return nil
		}
		return src
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// isTerminal reports whether the command writes to a terminal, and the
// user has not asked for no colour (https://no-color.org).
func isTerminal(cmd *cobra.Command) bool {
	f, ok := cmd.OutOrStdout().(*os.File)
	return ok && os.Getenv("NO_COLOR") == "" && isatty.IsTerminal(f.Fd())
}
