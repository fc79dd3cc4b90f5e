package action

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/diagnostic"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/hashicorp/hcl/v2"
)

// rules are what the pull requests into one base commit are judged by:
// its config, the policies and styles the config names, and the shared
// rulebooks its lock pins, all read from that commit in the clone (never
// from a pull request's head). A run reads and compiles them once for
// every pull request they judge: publishing and a push of the config
// judge every open pull request, mostly into one tip.
type rules struct {
	sha string
	cfg *config.Config
	// found says the commit has a config; without one, cfg is the
	// built-in defaults.
	found bool
	// books are notes naming the rulebooks fetched as the lock pins them.
	books []string
	// sources is the folder they were fetched into; root the folder the
	// commit's repository root was extracted to, from which waivers'
	// globs match repository paths.
	sources, root string
	// problem says why no post can be judged by these rules, naming the
	// branch, which the cache does not key on (two branches may stand at
	// one commit); nil when they can judge.
	problem func(branch string) string
	// eng is the compiled engine and diags its problems, once built (see
	// session.compiled): a pull request that changes no post needs none.
	eng   *engine.Engine
	diags hcl.Diagnostics
	built bool
}

// rulesKey names the rules of one config file at one commit.
type rulesKey struct{ sha, configPath string }

// rulesAt are the rules of the base commit sha, read on the first call
// of the run for that commit and config path. What could not be read is
// kept too: every pull request into the commit fails for the same
// reason, without reading it again.
func (s *session) rulesAt(ctx context.Context, sha string) *rules {
	key := rulesKey{sha: sha, configPath: s.o.ConfigPath}
	if r, ok := s.rules[key]; ok {
		return r
	}
	r := s.readRules(ctx, sha)
	if s.rules == nil {
		s.rules = map[rulesKey]*rules{}
	}
	s.rules[key] = r
	return r
}

// compiled is the engine of r, built by the first pull request that has a
// post to judge; the others judge on it with their own review facts
// (engine.WithReview). Its clock is the run's, read when it is built; in
// a publish run, posts are judged as going out then.
func (s *session) compiled(ctx context.Context, r *rules) (*engine.Engine, hcl.Diagnostics) {
	if !r.built {
		r.eng, r.diags = s.build(ctx, r.cfg, engine.Options{Now: s.o.Now(), Publishing: s.publishing, PathRoot: r.root, SourceCache: r.sources})
		r.built = true
	}
	return r.eng, r.diags
}

// note says, for the summary, where the rules come from.
func (r *rules) note(branch, configPath string) string {
	if !r.found {
		return fmt.Sprintf("no %s on %s: built-in defaults", configPath, branch)
	}
	return fmt.Sprintf("config and policies from %s at %s", branch, short(r.sha))
}

// readRules extracts greenlight.hcl and the folders it names from the
// commit sha into a folder of the run, loads it and fetches the
// rulebooks its lock pins. Without a greenlight.hcl the built-in defaults
// apply, when the run allows them.
func (s *session) readRules(ctx context.Context, sha string) *rules {
	r := &rules{sha: sha}
	fail := func(format string, args ...any) *rules {
		msg := fmt.Sprintf(format, args...)
		r.problem = func(string) string { return msg }
		return r
	}
	tmp, err := s.tempDir("base-")
	if err != nil {
		return fail("cannot make a temporary folder: %v", err)
	}
	dir := filepath.Join(tmp, "base")
	loaded, found, err := s.configAt(ctx, sha, dir)
	if err != nil {
		return fail("Cannot read %s from the base branch: %v", s.o.ConfigPath, err)
	}
	if found && loaded.Config == nil {
		var b bytes.Buffer
		diagnostic.Write(&b, relabel(loaded, dir), nil)
		r.problem = func(branch string) string {
			return fmt.Sprintf("The config on %s is invalid, so no post can be judged:\n\n```\n%s```", branch, b.String())
		}
		return r
	}
	cfg := loaded.Config
	if found {
		var dirs []string
		if len(cfg.Sources) > 0 {
			dirs = append(dirs, lockPath(s.o.ConfigPath))
		}
		for _, d := range cfg.ReadPaths() {
			rel, ok := repoPath(s.o.ConfigPath, d)
			if !ok {
				return fail("%s names %q, outside the repository: the Action reads the rules' files (policies, styles, vocabularies, dictionaries, key files) from the base branch only", s.o.ConfigPath, d)
			}
			dirs = append(dirs, rel)
		}
		if len(dirs) > 0 {
			unwritten, err := s.repo.Extract(ctx, sha, dirs, dir)
			if err != nil {
				return fail("Cannot read the policies and styles from the base branch: %v", err)
			}
			if len(unwritten) > 0 {
				return fail("Cannot read the policies and styles from the base branch: %s is %s, which Greenlight never follows, "+
					"so a rule could be missing; commit the file itself", unwritten[0].Path, unwritten[0].Kind)
			}
		}
	}
	// Shared rulebooks come as the base's greenlight.lock pins them,
	// fetched afresh into this run's folder: never the head's lock, and
	// never a cache a pull request could have filled.
	if len(cfg.Sources) > 0 {
		r.sources = filepath.Join(tmp, "sources")
		locked, err := s.o.Sources.FetchLocked(ctx, cfg, r.sources)
		if err != nil {
			r.problem = func(branch string) string {
				return fmt.Sprintf("Cannot fetch the shared rulebooks %s pins on %s, so no post can be judged: %v", rulebook.LockName, branch, err)
			}
			return r
		}
		for _, l := range locked {
			r.books = append(r.books, fmt.Sprintf("rulebook %s %s", l.Name, l.Version()))
		}
	}
	// The config was written to its repository path under a folder of its
	// own; posts are named by repository path: waivers' globs match them
	// from that folder.
	r.root = cfg.Dir
	if d := path.Dir(s.o.ConfigPath); d != "." {
		r.root = strings.TrimSuffix(filepath.Clean(cfg.Dir), string(filepath.Separator)+filepath.FromSlash(d))
	}
	r.cfg, r.found = cfg, found
	return r
}

// tempDir makes a folder for what the run extracts, inside the run's own
// folder, which close removes.
func (s *session) tempDir(pattern string) (string, error) {
	if s.dir == "" {
		d, err := os.MkdirTemp("", "greenlight-")
		if err != nil {
			return "", err
		}
		s.dir = d
	}
	return os.MkdirTemp(s.dir, pattern)
}

// close removes what the run extracted.
func (s *session) close() {
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// configAt extracts the config file at rev into dir and loads it; a rev
// without one has the built-in defaults (found is false).
func (s *session) configAt(ctx context.Context, rev, dir string) (loaded config.Loaded, found bool, err error) {
	unwritten, err := s.repo.Extract(ctx, rev, []string{s.o.ConfigPath}, dir)
	if err != nil {
		return config.Loaded{}, false, err
	}
	if len(unwritten) > 0 {
		return config.Loaded{}, false, fmt.Errorf("%s is %s at %s, which Greenlight never follows: commit the config itself", unwritten[0].Path, unwritten[0].Kind, short(rev))
	}
	file := filepath.Join(dir, filepath.FromSlash(s.o.ConfigPath))
	if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
		if !s.o.AllowDefaults {
			return config.Loaded{}, false, fmt.Errorf("there is no %s at %s, so Greenlight has no rules to judge by and blocks every pull request. "+
				"Commit the team's config (greenlight init writes one), or check the action's config input; to judge by the built-in defaults, "+
				"which require no sign-off, set the action's allow-defaults input to true", s.o.ConfigPath, short(rev))
		}
		return config.Loaded{Config: config.Default(filepath.Join(dir, filepath.FromSlash(path.Dir(s.o.ConfigPath))))}, false, nil
	}
	return config.Load(file), true, nil
}

// relabel shows the config's diagnostics under its repository path rather
// than the temporary folder it was extracted to.
func relabel(loaded config.Loaded, dir string) hcl.Diagnostics {
	out := make(hcl.Diagnostics, 0, len(loaded.Diags))
	for _, d := range loaded.Diags {
		c := *d
		if c.Subject != nil {
			s := *c.Subject
			if rel, err := filepath.Rel(dir, s.Filename); err == nil {
				s.Filename = filepath.ToSlash(rel)
			}
			c.Subject = &s
		}
		out = append(out, &c)
	}
	return out
}

// lockPath is greenlight.lock's repository path: beside the config.
func lockPath(configPath string) string {
	return path.Join(path.Dir(configPath), rulebook.LockName)
}

// repoPath is a folder the config names, relative to the repository root.
func repoPath(configPath, dir string) (string, bool) {
	if filepath.IsAbs(dir) {
		return "", false
	}
	p := path.Clean(path.Join(path.Dir(configPath), filepath.ToSlash(dir)))
	return p, p != ".." && !strings.HasPrefix(p, "../")
}
