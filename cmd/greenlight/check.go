package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
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
	var configPath, format, failOn, nowText, stdinName string
	var noColor, requireSignoffs bool
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check posts against the style guide, channels and policies",
		Long: "Check finds greenlight.hcl in the first PATH or its parents (or uses --config, or the built-in\n" +
			"defaults), then checks every post under each PATH that the config's content globs select.\n" +
			"A file named on the command line is always checked. PATH - reads one post from standard input,\n" +
			"named by --stdin-filename (default stdin.md) for the config's lookup and globs, waivers and messages.\n\n" +
			"Exit status: 0 clean or below --fail-on, 1 a finding at or above --fail-on, 2 a usage, config or input error.",
		Example: "  greenlight check examples/\n  greenlight check --format json posts/launch.md\n  greenlight check --format gitlab . > gl-code-quality.json\n" +
			"  pbpaste | greenlight check - --stdin-filename posts/draft.md",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			stdin := slices.Contains(args, "-")
			if stdin && len(args) > 1 {
				cmd.PrintErrln("greenlight: - (standard input) is one post: name no other PATH with it")
				return exitInput
			}
			if stdin {
				args = []string{existingDir(stdinName)}
			}
			rep, err := report.New(format, !noColor && isTerminal(cmd))
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			// With --format github, a post that cannot be read is an
			// annotation too, not only lines in the log (as the config's
			// problems are: see reportStop).
			annotate := func(diags hcl.Diagnostics) {
				if format == "github" {
					_ = report.GitHubProblems(cmd.OutOrStdout(), diags)
				}
			}
			cfg, problems, err := loadConfigDiags(cmd, configPath, args)
			if err != nil {
				return reportStop(cmd, rep, problems, err)
			}
			level := cfg.Settings.FailOn
			if cmd.Flags().Changed("fail-on") {
				if level, err = finding.ParseLevel(failOn); err != nil {
					cmd.PrintErrln("greenlight: --fail-on:", err)
					return exitInput
				}
			}
			now := time.Now()
			if nowText != "" {
				if now, err = content.ParseTime(nowText, cfg.Settings.Location); err != nil {
					cmd.PrintErrln("greenlight: --now:", err)
					return exitInput
				}
			}
			opts := engine.Options{Now: now, RequireSignoffs: requireSignoffs}
			if stdin {
				return checkStdin(cmd, cfg, opts, rep, level, filepath.Clean(stdinName))
			}
			eng, diags, err := buildEngineDiags(cmd, cfg, opts)
			if err != nil {
				return reportStop(cmd, rep, configProblems{File: cfg.File, Diags: diags}, err)
			}
			found, err := survey(cmd, cfg, args)
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
			return writeReport(cmd, eng, cfg, rep, res, level, now, annotate, sources(eng, found.Posts))
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	f.StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVar(&failOn, "fail-on", "", "lowest finding level that fails the check: error, warning or info (default: the config's fail_on, which is error unless set)")
	f.BoolVar(&noColor, "no-color", false, "never colour the text output")
	f.StringVar(&nowText, "now", "", "check as of this time (embargoes, deadlines), such as 2026-11-23T12:00:00Z (default: now)")
	f.StringVar(&stdinName, "stdin-filename", "stdin.md", "with PATH -, the post's name for the config's globs, waivers and messages")
	f.BoolVar(&requireSignoffs, "require-signoffs", false, "fail while any required sign-off is pending, even without review facts")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(report.Formats(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"error", "warning", "info"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// sources reads a checked post again for a format that counts columns in
// bytes (rdjsonl): the engine keeps no post's text once it is checked.
func sources(eng *engine.Engine, posts []engine.File) func(string) []byte {
	byPath := make(map[string]engine.File, len(posts))
	for _, f := range posts {
		byPath[f.Path] = f
	}
	return func(path string) []byte {
		f, ok := byPath[path]
		if !ok {
			return nil
		}
		src, diags := eng.ReadPost(f)
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

// writeReport writes a check's result in the chosen format and returns its exit
// status; read gives the text of a checked post, for formats that count
// columns in bytes.
func writeReport(cmd *cobra.Command, eng *engine.Engine, cfg *config.Config, rep report.Reporter, res engine.Result,
	level finding.Level, now time.Time, annotate func(hcl.Diagnostics), read func(string) []byte) error {
	diagnostic.Write(cmd.ErrOrStderr(), res.Diags, diagnostic.Sources(res.Files))
	annotate(res.Diags)
	run := report.Run{Findings: res.Findings, Posts: len(res.Posts) + res.Unreadable, Unreadable: res.Unreadable,
		Version: buildVersion(), Signoffs: engine.Signoffs(cfg, res.Posts, now), FailOn: level, Source: read}
	for _, p := range res.Posts {
		run.Paths = append(run.Paths, p.Path)
	}
	for _, b := range eng.Rulebooks() {
		run.Rulebooks = append(run.Rulebooks, terminal.Escape(b.Locked.Name+" "+b.Locked.Version()))
	}
	m, failing := finding.Max(res.Findings)
	run.Fails = failing && m >= level
	for _, s := range eng.Rules() {
		run.Rules = append(run.Rules, report.Rule{ID: s.ID, Level: s.Level, Description: s.Message, Link: s.Link})
	}
	// Buffered: the text reporter writes a score of pieces per finding,
	// each a system call on a pipe or a file.
	out := bufio.NewWriter(cmd.OutOrStdout())
	if err := rep.Report(out, run); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if res.Diags.HasErrors() {
		return exitInput
	}
	if run.Fails {
		return exitFindings
	}
	return nil
}

// reportStop writes the report of a check that its config (or a style or
// policy the config loads) stopped before it read any post, and returns
// err. A program reading a machine format then finds a valid document
// with the problems as error findings at their place, where it would
// otherwise find nothing; the text format has nothing to add to the
// problems already printed on stderr.
func reportStop(cmd *cobra.Command, rep report.Reporter, p configProblems, err error) error {
	switch rep.(type) {
	case report.Text:
		return err
	case report.GitHub:
		// Annotations titled with each problem's summary, as a post that
		// cannot be read is annotated (see writeReport).
		diags := slices.Clone(p.Diags)
		diagnostic.Sort(diags)
		if werr := report.GitHubProblems(cmd.OutOrStdout(), diags); werr != nil {
			return fmt.Errorf("write report: %w", werr)
		}
		return err
	}
	if !p.Diags.HasErrors() {
		return err
	}
	findings := engine.ConfigFindings(p.Diags, p.File)
	finding.Sort(findings)
	sources := problemSources(p.Diags, nil)
	run := report.Run{Findings: findings, Version: buildVersion(), FailOn: finding.Error, Fails: true,
		Source: func(path string) []byte { return sources[path] }}
	if werr := rep.Report(cmd.OutOrStdout(), run); werr != nil {
		return fmt.Errorf("write report: %w", werr)
	}
	return err
}

// checkStdin checks the one post on standard input, under name.
func checkStdin(cmd *cobra.Command, cfg *config.Config, opts engine.Options, rep report.Reporter, level finding.Level, name string) error {
	eng, diags, err := buildEngineDiags(cmd, cfg, opts)
	if err != nil {
		return reportStop(cmd, rep, configProblems{File: cfg.File, Diags: diags}, err)
	}
	var src bytes.Buffer
	res := eng.CheckReader(cmd.Context(), name, io.TeeReader(cmd.InOrStdin(), &src))
	read := func(path string) []byte {
		if path == name {
			return src.Bytes()
		}
		return nil
	}
	return writeReport(cmd, eng, cfg, rep, res, level, opts.Now, func(hcl.Diagnostics) {}, read)
}

// existingDir is the folder of name, or its closest parent that exists: the
// config is found from where the post on standard input would be, and a
// new post's folder may not exist yet.
func existingDir(name string) string {
	dir := filepath.Dir(name)
	for {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "."
		}
		dir = parent
	}
}
