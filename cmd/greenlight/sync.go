package main

import (
	"errors"
	"fmt"
	"io/fs"
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
		Long: "Sync fetches every source block's rulebook with git (https only) at the commit its ref names, into\n" +
			".greenlight/sources/<name>/<commit>/ beside the config (or $GREENLIGHT_CACHE), and writes greenlight.lock\n" +
			"beside the config: each source's URL, ref, commit and the digest of the files used. Every other command\n" +
			"loads a rulebook only as the lock pins it, offline. A source the lock already pins keeps its commit: a tag\n" +
			"that moved on the server is an error, unless --update, which re-resolves every ref and prints the rules\n" +
			"added and removed. A private rulebook on GitHub takes a token from GREENLIGHT_TOKEN.",
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
	cmd.Flags().BoolVar(&update, "update", false, "re-resolve every ref, accepting tags that moved, and print the rules that changed")
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
	f := rulebooks.Fetcher{Transport: sourceTransport(os.Getenv("GREENLIGHT_TOKEN"))}
	out := cmd.OutOrStdout()
	var diags hcl.Diagnostics
	at := func(s *config.Source, err error) {
		r := s.DeclRange
		if errors.Is(err, rulebooks.ErrRef) {
			r = s.RefRange
		}
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot sync source " + s.Name, Detail: err.Error() + ".", Subject: r.Ptr()})
	}
	next := &rulebook.Lock{}
	for _, s := range cfg.Sources {
		prev := old.Source(s.Name)
		commit, err := f.Resolve(cmd.Context(), s)
		if err != nil {
			at(s, err)
			continue
		}
		pinned := prev != nil && prev.Git == s.Git && prev.Ref == s.Ref
		if pinned && commit != prev.Commit {
			moved := fmt.Sprintf("tag %s moved from %s to %s", s.Ref, shortCommit(prev.Commit), shortCommit(commit))
			if !update {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Tag moved",
					Detail: fmt.Sprintf("Source %s: %s on %s since greenlight.lock pinned it. A release's tag should never move: ask the rulebook's owners why. "+
						"The lock still pins %s; to accept the new commit, run `greenlight sync --update` and review what it prints.", s.Name, moved, s.Git, shortCommit(prev.Commit)),
					Subject: s.RefRange.Ptr()})
				continue
			}
			fmt.Fprintf(out, "%s: %s\n", s.Name, moved)
		}
		locked, err := cached(s, prev, commit, cache)
		if err != nil {
			locked, err = f.Lock(cmd.Context(), s, commit, cache)
		}
		if err != nil {
			at(s, err)
			continue
		}
		next.Sources = append(next.Sources, locked)
		fmt.Fprintln(out, describeChange(prev, locked, cache))
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
	fmt.Fprintf(out, "wrote %s (%d source(s))\n", relToCwd(lockPath), len(next.Sources))
	return nil
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
// moved to another commit, with the rule ids added and removed.
func describeChange(prev *rulebook.Locked, now rulebook.Locked, cache string) string {
	name := fmt.Sprintf("%s %s (%s)", now.Name, now.Ref, shortCommit(now.Commit))
	if prev == nil {
		return fmt.Sprintf("%s: added, %d rule(s)", name, len(ruleIDs(now, cache)))
	}
	if prev.Commit == now.Commit && slices.Equal(prev.Policies, now.Policies) && slices.Equal(prev.Styles, now.Styles) {
		return name + ": up to date"
	}
	line := fmt.Sprintf("%s: was %s (%s)", name, prev.Ref, shortCommit(prev.Commit))
	if _, err := os.Stat(rulebook.Entry(cache, prev.Name, prev.Commit)); err != nil {
		return line + "; the rules before are not in the cache to compare"
	}
	before, after := ruleIDs(*prev, cache), ruleIDs(now, cache)
	var added, removed []string
	for _, id := range after {
		if !slices.Contains(before, id) {
			added = append(added, id)
		}
	}
	for _, id := range before {
		if !slices.Contains(after, id) {
			removed = append(removed, id)
		}
	}
	if len(added)+len(removed) == 0 {
		return line + "; same rules"
	}
	if len(added) > 0 {
		line += "; rules added: " + strings.Join(added, ", ")
	}
	if len(removed) > 0 {
		line += "; rules removed: " + strings.Join(removed, ", ")
	}
	return line
}

// ruleIDs are the ids of a cached rulebook's policy and style rules,
// sorted; what does not load counts no rule (check reports it).
func ruleIDs(l rulebook.Locked, cache string) []string {
	dir := rulebook.Entry(cache, l.Name, l.Commit)
	var ids []string
	var sources []policy.Source
	for _, p := range l.Policies {
		sources = append(sources, policy.Dir(filepath.Join(dir, filepath.FromSlash(p))))
	}
	if len(sources) > 0 {
		docs, _ := policy.Explain(sources)
		for _, d := range docs {
			if d.Rule != "" {
				ids = append(ids, d.ID)
			}
		}
	}
	for _, p := range l.Styles {
		specs, _ := vale.Load(filepath.Join(dir, filepath.FromSlash(p)))
		for _, s := range specs {
			ids = append(ids, s.ID)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// cached is the lock's entry for s when it pins commit and the cache
// holds exactly what it pins: nothing to fetch.
func cached(s *config.Source, prev *rulebook.Locked, commit, cache string) (rulebook.Locked, error) {
	if prev == nil || prev.Commit != commit || !prev.Matches(s) {
		return rulebook.Locked{}, errors.New("not locked")
	}
	if d, err := rulebook.Digest(rulebook.Entry(cache, s.Name, commit)); err != nil || d != prev.Digest {
		return rulebook.Locked{}, errors.New("not cached")
	}
	return *prev, nil
}

func shortCommit(id string) string { return id[:min(7, len(id))] }
