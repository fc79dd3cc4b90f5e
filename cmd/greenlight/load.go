package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/diagnostic"
	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
)

// loadConfig finds and loads the config for paths: --config if given, else
// greenlight.hcl in the first path or its parents, else the built-in
// defaults. Diagnostics are printed; an invalid config is exitInput.
func loadConfig(cmd *cobra.Command, configPath string, paths []string) (*config.Config, error) {
	cfg, _, err := loadConfigDiags(cmd, configPath, paths)
	return cfg, err
}

// configProblems are the errors that stop a command before it reads any
// post, and the config file they belong to, for a caller that reports
// them again in its own format.
type configProblems struct {
	File  string
	Diags hcl.Diagnostics
}

// loadConfigDiags is loadConfig, returning the config's problems too.
func loadConfigDiags(cmd *cobra.Command, configPath string, paths []string) (*config.Config, configProblems, error) {
	if configPath == "" {
		start := paths[0]
		// Lstat: a post that is a link is refused when read, not followed
		// here to find a config elsewhere.
		if info, err := os.Lstat(start); err != nil {
			return nil, configProblems{}, fmt.Errorf("%w", err)
		} else if !info.IsDir() {
			start = filepath.Dir(start)
		}
		found, ok, err := config.Find(start)
		if err != nil {
			return nil, configProblems{}, err
		}
		if !ok {
			// One line on stderr, never in the report: a check without a
			// config must say so, as its verdict means less.
			where, err := filepath.Abs(start)
			if err != nil {
				where = start
			}
			cmd.PrintErrf("greenlight: no %s in %s or its parents; using the built-in defaults (every Markdown file is a post, no team rules)\n", config.FileName, where)
			return config.Default(start), configProblems{}, nil
		}
		configPath = relToCwd(found)
	}
	loaded := config.Load(configPath)
	diagnostic.Write(cmd.ErrOrStderr(), loaded.Diags, diagnostic.Sources(loaded.Files))
	problems := configProblems{File: configPath, Diags: loaded.Diags}
	if loaded.Config == nil {
		return nil, problems, exitInput
	}
	return loaded.Config, problems, nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func relToCwd(p string) string {
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, p); err == nil {
			return rel
		}
	}
	return p
}

// buildEngine builds the engine for cfg and prints its problems, with
// their source lines; exitInput when it cannot be built.
func buildEngine(cmd *cobra.Command, cfg *config.Config, opts engine.Options) (*engine.Engine, error) {
	eng, _, err := buildEngineDiags(cmd, cfg, opts)
	return eng, err
}

// buildEngineDiags is buildEngine, returning the problems too for a
// caller that reports them again in its own format.
func buildEngineDiags(cmd *cobra.Command, cfg *config.Config, opts engine.Options) (*engine.Engine, hcl.Diagnostics, error) {
	// Building allocates tens of megabytes that die young (parsed style
	// rules, automaton builders, compiled policies): at the collector's
	// default pace a one-post check spent about a third of its CPU
	// collecting them. A laxer pace while building; the default again for
	// checking, where a large run's peak memory is what counts. A GOGC the
	// user set is left alone.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	eng, diags := engine.New(cmd.Context(), cfg, opts)
	writeDiags(cmd, diags)
	if eng == nil {
		return nil, diags, exitInput
	}
	return eng, diags, nil
}

// openEngine builds the engine for a config and lists the posts under
// paths; problems are printed and returned as exitInput.
func openEngine(cmd *cobra.Command, cfg *config.Config, opts engine.Options, paths []string) (*engine.Engine, engine.Surveyed, error) {
	eng, err := buildEngine(cmd, cfg, opts)
	if err != nil {
		return nil, engine.Surveyed{}, err
	}
	found, err := survey(cmd, cfg, paths)
	return eng, found, err
}

// survey lists the posts under paths; a problem is printed and returned
// as exitInput.
func survey(cmd *cobra.Command, cfg *config.Config, paths []string) (engine.Surveyed, error) {
	found, err := engine.Survey(cfg, paths)
	if err != nil {
		cmd.PrintErrln("greenlight:", err)
		return engine.Surveyed{}, exitInput
	}
	return found, nil
}

// parsePost reads and parses one post, printing any problem; ok is false
// when it cannot be used.
func parsePost(cmd *cobra.Command, eng *engine.Engine, f engine.File) (p *content.Post, ok bool) {
	src, d := eng.ReadPost(f)
	if d.HasErrors() {
		diagnostic.Write(cmd.ErrOrStderr(), d, nil)
		return nil, false
	}
	p, d = eng.Parse(f.Path, src)
	diagnostic.Write(cmd.ErrOrStderr(), d, map[string][]byte{f.Path: src})
	return p, !d.HasErrors()
}

// writeDiags prints problems that name files on disk (the team's Rego
// policies, the styles) with their source lines, read from those files:
// on a checkout the files a diagnostic names are the ones it is about.
func writeDiags(cmd *cobra.Command, diags hcl.Diagnostics) {
	sources := map[string][]byte{}
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
	diagnostic.Write(cmd.ErrOrStderr(), diags, sources)
}
