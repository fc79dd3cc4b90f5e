package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/style/vale"
	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
)

func newSync() *cobra.Command {
	var configPath string
	var update bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Fetch the config's shared rulebooks and pin them in greenlight.lock",
		Long: "Sync fetches every source block's rulebook (https only): a git repository at the commit its ref names, an\n" +
			"OPA bundle, or one in an OCI registry, into .greenlight/sources/<name>/<commit or digest>/ beside the config\n" +
			"(or $GREENLIGHT_CACHE), and writes greenlight.lock beside the config: each source's URL or reference,\n" +
			"version, commit or digest, and the digest of the files used. Every other command loads a rulebook only as\n" +
			"the lock pins it, offline. A source the lock already pins keeps its version (a source with a version range\n" +
			"keeps its locked release): a tag that moved, or a bundle replaced on the server, is an error, unless\n" +
			"--update, which re-resolves every source, moves each range to its newest release, and prints the rules\n" +
			"added, removed and re-levelled. A private rulebook on GitHub takes a token from GREENLIGHT_TOKEN; a private\n" +
			"bundle or registry from the variable its token_env names.",
		Example: "  greenlight sync\n  greenlight sync --update",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd, configPath, []string{"."})
			if err != nil {
				return err
			}
			if cfg.File == "" {
				cmd.PrintErrln("greenlight: sync needs a greenlight.hcl with source blocks")
				return exitInput
			}
			return syncSources(cmd, cfg, update)
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "config file (default: greenlight.hcl in this folder or its parents)")
	cmd.Flags().BoolVar(&update, "update", false, "re-resolve every source, moving version ranges to their newest release and accepting tags that moved, and print the rules that changed")
	return cmd
}

func syncSources(cmd *cobra.Command, cfg *config.Config, update bool) error {
	lockPath := filepath.Join(cfg.Dir, rulebook.LockName)
	old, err := rulebook.ReadLock(lockPath)
	switch {
	case errors.Is(err, fs.ErrNotExist) && len(cfg.Sources) == 0:
		// Nothing to lock, and no lock to empty: write no file.
		cmd.Printf("%s names no source: nothing to lock\n", relToCwd(cfg.File))
		return nil
	case errors.Is(err, fs.ErrNotExist):
		old = &rulebook.Lock{}
	case err != nil:
		cmd.PrintErrf("greenlight: %v\n", err)
		return exitInput
	}
	cache := rulebook.DefaultCache(cfg.Dir, os.Getenv)
	f, err := sourceFetcher(os.Getenv("GREENLIGHT_TOKEN"))
	if err != nil {
		cmd.PrintErrf("greenlight: %v\n", err)
		return exitInput
	}
	out := cmd.OutOrStdout()
	var diags hcl.Diagnostics
	next := &rulebook.Lock{}
	for _, s := range cfg.Sources {
		prev := old.Source(s.Name)
		synced, err := f.Sync(cmd.Context(), s, prev, cache, update)
		if err != nil {
			diags = append(diags, syncDiagnostic(s, err))
			continue
		}
		if synced.Moved != "" {
			fmt.Fprintf(out, "%s: %s\n", s.Name, synced.Moved)
		}
		next.Sources = append(next.Sources, synced.Locked)
		fmt.Fprintln(out, describeChange(prev, synced.Locked, cache))
	}
	if diags.HasErrors() {
		writeDiags(cmd, diags)
		cmd.PrintErrln("greenlight: greenlight.lock is unchanged")
		return exitInput
	}
	for _, l := range old.Sources {
		if cfg.Source(l.Name) == nil {
			fmt.Fprintf(out, "%s: removed (no longer in %s)\n", l.Name, config.FileName)
		}
	}
	if err := next.Write(lockPath); err != nil {
		cmd.PrintErrf("greenlight: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(out, "wrote %s (%s)\n", relToCwd(lockPath), plural(len(next.Sources), "source", "sources"))
	return nil
}

// syncDiagnostic places a source's sync error: at its ref (or its bundle
// URL) when that is what moved or cannot be resolved, else at the block.
func syncDiagnostic(s *config.Source, err error) *hcl.Diagnostic {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot sync source " + s.Name, Detail: err.Error() + ".", Subject: s.DeclRange.Ptr()}
	ref := s.RefRange // where the version is written: an OCI tag is in its reference
	if s.Kind() != config.KindGit && s.Version == "" {
		ref = s.LocationRange
	}
	switch {
	case errors.Is(err, rulebooks.ErrMoved) && s.Kind() == config.KindBundle:
		d.Summary, d.Subject = "Bundle changed on the server", ref.Ptr()
	case errors.Is(err, rulebooks.ErrMoved):
		d.Summary, d.Subject = "Tag moved", ref.Ptr()
	case errors.Is(err, rulebooks.ErrRef):
		d.Subject = ref.Ptr()
	case errors.Is(err, rulebook.ErrSignature):
		d.Summary, d.Subject = "Rulebook signature refused", s.KeyRange.Ptr()
		if s.KeyFile() == "" {
			d.Subject = s.LocationRange.Ptr()
		}
	}
	return d
}

// sourceFetcher is how sync and the Action reach rulebooks: git as
// sourceTransport says; bundles over https with the system's roots and
// those in $GREENLIGHT_SOURCES_CA, with the tokens that source blocks name
// in token_env.
func sourceFetcher(token string) (rulebooks.Fetcher, error) {
	client, err := rulebooks.HTTPClient(os.Getenv(rulebooks.CAEnv))
	if err != nil {
		return rulebooks.Fetcher{}, err
	}
	return rulebooks.Fetcher{Transport: sourceTransport(token), HTTP: client, Getenv: os.Getenv}, nil
}

// sourceTransport is how rulebooks are reached: https; plain http to this
// machine only when GREENLIGHT_ALLOW_INSECURE_SOURCES=1 (tests); token,
// when set, sent only to GitHub's host ($GITHUB_SERVER_URL), as basic
// authentication in git's environment, never on its command line. sync
// takes GREENLIGHT_TOKEN; the Action the token it runs with.
func sourceTransport(token string) gitrepo.Transport {
	t := gitrepo.Transport{AllowHTTP: os.Getenv(rulebooks.InsecureEnv) == "1", Token: token}
	if t.Token != "" {
		t.TokenURL = "https://github.com/"
		if s := os.Getenv("GITHUB_SERVER_URL"); strings.HasPrefix(s, "https://") {
			t.TokenURL = strings.TrimSuffix(s, "/") + "/"
		}
	}
	return t
}

// describeChange says what a sync did to a source: added, unchanged, or
// moved to another version, with the rule ids added, removed and
// re-levelled (a rule whose level changed: a warning that now blocks).
func describeChange(prev *rulebook.Locked, now rulebook.Locked, cache string) string {
	name := now.Name + " " + now.Version()
	if prev == nil {
		return fmt.Sprintf("%s: added, %s", name, plural(len(ruleLevels(now, cache)), "rule", "rules"))
	}
	if prev.Key() == now.Key() && slices.Equal(prev.Policies, now.Policies) && slices.Equal(prev.Styles, now.Styles) &&
		slices.Equal(prev.Vocabularies, now.Vocabularies) && slices.Equal(prev.Config, now.Config) {
		return name + ": up to date"
	}
	line := fmt.Sprintf("%s: was %s", name, prev.Version())
	if _, err := os.Stat(rulebook.Entry(cache, prev.Name, prev.Key())); err != nil {
		return line + "; the rules before are not in the cache to compare"
	}
	before, after := ruleLevels(*prev, cache), ruleLevels(now, cache)
	var added, removed, relevelled []string
	for _, id := range slices.Sorted(maps.Keys(after)) {
		was, ok := before[id]
		switch {
		case !ok:
			added = append(added, id)
		case was != after[id]:
			relevelled = append(relevelled, fmt.Sprintf("%s (%s → %s)", id, was, after[id]))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(before)) {
		if _, ok := after[id]; !ok {
			removed = append(removed, id)
		}
	}
	if len(added)+len(removed)+len(relevelled) == 0 {
		return line + "; same rules"
	}
	for _, c := range []struct {
		what string
		ids  []string
	}{{"added", added}, {"removed", removed}, {"re-levelled", relevelled}} {
		if len(c.ids) > 0 {
			line += "; rules " + c.what + ": " + strings.Join(c.ids, ", ")
		}
	}
	return line
}

// ruleLevels are the ids of a cached rulebook's policy and style rules,
// each with its level as the rulebook declares it ("error", "warning",
// "info"; "from the config" for a policy helper without a decision of
// its own), and the addresses of its config fragments' blocks
// (compliance.NAME, rule.ID, ...) with theirs; what does not load counts
// no rule (check reports it).
func ruleLevels(l rulebook.Locked, cache string) map[string]string {
	dir := rulebook.Entry(cache, l.Name, l.Key())
	levels := map[string]string{}
	var sources []policy.Source
	for _, p := range l.Policies {
		sources = append(sources, policy.Dir(filepath.Join(dir, filepath.FromSlash(p))))
	}
	if len(sources) > 0 {
		docs, _ := policy.Explain(sources)
		for _, d := range docs {
			if d.Rule == "" {
				continue
			}
			levels[d.ID] = "from the config"
			if len(d.Levels) > 0 {
				levels[d.ID] = strings.Join(d.Levels, "/")
			}
		}
	}
	for _, p := range l.Styles {
		specs, _ := vale.Load(filepath.Join(dir, filepath.FromSlash(p)))
		for _, s := range specs {
			levels[s.ID] = s.Level.String()
		}
	}
	for _, p := range l.Config {
		path := filepath.Join(dir, filepath.FromSlash(p))
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		f, _ := config.ParseFragment(&config.Source{Name: l.Name}, p, path, data)
		if f == nil {
			continue
		}
		for _, c := range f.Compliance {
			levels[config.Address("compliance", c.Name)] = cmp.Or(c.Level, "error")
		}
		for _, e := range f.Embargoes {
			levels[config.Address("embargo", e.Name)] = "error"
		}
		for _, r := range f.Rules {
			levels[config.Address("rule", r.ID)] = r.Level.String()
		}
		for _, c := range f.Channels {
			levels[config.Address("channel", c.Name)] = "limits"
		}
		if f.Voice != nil {
			levels["voice"] = cmp.Or(f.Voice.Level, "warning")
		}
	}
	return levels
}
