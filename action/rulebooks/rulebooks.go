package rulebooks

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle"
)

// InsecureEnv is the variable that lets sources be fetched over plain
// http from this machine: for tests' servers only.
const InsecureEnv = "GREENLIGHT_ALLOW_INSECURE_SOURCES"

// ErrRef is wrapped by errors about a source's ref (a branch, a tag the
// server lacks, a tag that moved), so a caller shows them at the ref.
var ErrRef = errors.New("ref")

// ErrMoved is matched (errors.Is) by the error when what greenlight.lock
// pins changed on the server (a tag that moved, a bundle replaced under
// its URL) and the caller did not ask to accept it.
var ErrMoved = errors.New("moved")

type movedError string

func (e movedError) Error() string        { return string(e) }
func (e movedError) Is(target error) bool { return target == ErrMoved }

func moved(format string, args ...any) error { return movedError(fmt.Sprintf(format, args...)) }

// Fetcher fetches sources: git repositories with Transport, bundles and
// OCI registries with HTTP.
type Fetcher struct {
	Transport gitrepo.Transport
	// HTTP fetches bundles; nil is a client with the system's roots.
	// Plain http is allowed only as Transport.AllowHTTP says.
	HTTP *http.Client
	// Getenv reads the variables that source blocks name in token_env;
	// nil reads none.
	Getenv func(string) string
}

// Synced is a source as sync leaves it.
type Synced struct {
	Locked rulebook.Locked
	// Moved says how what the lock pinned changed on the server, when
	// the caller accepted it ("tag v1.2.0 moved from 3f1c0e9 to 8a2d4b1").
	Moved string
}

// Sync resolves s on its server and returns its entry of greenlight.lock,
// fetching it into cache unless the cache holds exactly what prev (the
// lock's entry, or nil) pins. What prev pins that changed on the server
// is an error wrapping ErrMoved, unless update. The error never shows a
// token, even one the server echoed.
func (f Fetcher) Sync(ctx context.Context, s *config.Source, prev *rulebook.Locked, cache string, update bool) (Synced, error) {
	out, err := f.sync(ctx, s, prev, cache, update)
	return out, scrub(err, f.secrets(s))
}

func (f Fetcher) sync(ctx context.Context, s *config.Source, prev *rulebook.Locked, cache string, update bool) (Synced, error) {
	switch s.Kind() {
	case config.KindBundle:
		return f.syncBundle(ctx, s, prev, cache, update)
	case config.KindOCI:
		return f.syncOCI(ctx, s, prev, cache, update)
	}
	var out Synced
	var commit string
	if s.Version != "" {
		tags, err := f.gitTags(ctx, s)
		if err != nil {
			return out, err
		}
		tag, err := pick(s, slices.Sorted(maps.Keys(tags)), prev, update)
		if err != nil {
			return out, err
		}
		s, commit = pinned(s, tag), tags[tag]
	} else {
		c, err := f.Resolve(ctx, s)
		if err != nil {
			return out, err
		}
		commit = c
	}
	if prev != nil && prev.Git == s.Git && prev.Ref == s.Ref && commit != prev.Commit {
		out.Moved = fmt.Sprintf("tag %s moved from %s to %s", s.Ref, rulebook.Short(prev.Commit), rulebook.Short(commit))
		if !update {
			return out, moved("source %s: %s on %s since greenlight.lock pinned it. A release's tag should never move: ask the rulebook's owners why. "+
				"The lock still pins %s; to accept the new commit, run `greenlight sync --update` and review what it prints", s.Name, out.Moved, s.Git, rulebook.Short(prev.Commit))
		}
	}
	if prev != nil && prev.Commit == commit && prev.Matches(s) && cached(*prev, cache) {
		out.Locked = *prev
		return out, nil
	}
	var err error
	out.Locked, err = f.Lock(ctx, s, commit, cache)
	return out, err
}

// pick is the tag a source with a version constraint syncs to: the one
// prev locked while the constraint still allows it, unless update; else
// the newest the constraint allows. A locked tag gone from the server is
// an error unless update: the release the lock names has disappeared.
func pick(s *config.Source, tags []string, prev *rulebook.Locked, update bool) (string, error) {
	if !update && prev != nil && prev.Location() == s.Location() && prev.Constraint == s.Version && s.Allows(prev.Ref) {
		if !slices.Contains(tags, prev.Ref) {
			return "", fmt.Errorf("source %q: %w %s, which greenlight.lock pins, is no longer in %s; to move to the newest release within %q, run `greenlight sync --update`",
				s.Name, ErrRef, prev.Ref, s.Location(), s.Version)
		}
		return prev.Ref, nil
	}
	tag := s.Newest(tags)
	if tag == "" {
		return "", fmt.Errorf("source %q: no %w of %s is a version within %q (it has %d tags)", s.Name, ErrRef, s.Location(), s.Version, len(tags))
	}
	return tag, nil
}

// pinned is a copy of s naming tag as its ref, as a source with a
// version constraint resolves to.
func pinned(s *config.Source, tag string) *config.Source {
	p := *s
	p.Ref = tag
	return &p
}

// gitTags are the tags of a git source's repository and the commit each
// names (an annotated tag's, peeled), from one ls-remote.
func (f Fetcher) gitTags(ctx context.Context, s *config.Source) (map[string]string, error) {
	work, err := os.MkdirTemp("", "greenlight-ls-remote-")
	if err != nil {
		return nil, fmt.Errorf("list the tags of %s: %w", s.Name, err)
	}
	defer os.RemoveAll(work)
	remote, err := gitrepo.InitRemote(ctx, work, f.Transport)
	if err != nil {
		return nil, fmt.Errorf("list the tags of %s: %w", s.Name, err)
	}
	ids, err := remote.LsRemote(ctx, s.Git, "refs/tags/*")
	if err != nil {
		return nil, fmt.Errorf("source %q: %w", s.Name, err)
	}
	tags := map[string]string{}
	for name, id := range ids {
		t, ok := strings.CutPrefix(name, "refs/tags/")
		if !ok {
			continue
		}
		if tag, peeled := strings.CutSuffix(t, "^{}"); peeled {
			tags[tag] = id // the commit an annotated tag points at
		} else if _, seen := tags[t]; !seen {
			tags[t] = id
		}
	}
	return tags, nil
}

// lockEntry is the part of a source's lock entry that every kind has:
// its name, range, folders and the digest of its key file.
func lockEntry(s *config.Source) (rulebook.Locked, error) {
	signer, err := rulebook.KeyDigest(s)
	return rulebook.Locked{Name: s.Name, Constraint: s.Version, Policies: s.Policies, Styles: s.Styles, Vocabularies: s.Vocabularies, Config: s.Config, SignedBy: signer}, err
}

// cached reports whether the cache holds exactly what l pins.
func cached(l rulebook.Locked, cache string) bool {
	d, err := rulebook.Digest(rulebook.Entry(cache, l.Name, l.Key()))
	return err == nil && d == l.Digest
}

// Resolve asks the server which commit the source's ref names: a full
// commit id names itself; a tag its (peeled) commit. A ref that is only
// a branch is refused, since a rulebook is pinned.
func (f Fetcher) Resolve(ctx context.Context, s *config.Source) (string, error) {
	if s.Commit() {
		return s.Ref, nil
	}
	tag := strings.TrimPrefix(s.Ref, "refs/tags/")
	work, err := os.MkdirTemp("", "greenlight-ls-remote-")
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", s.Name, err)
	}
	defer os.RemoveAll(work)
	remote, err := gitrepo.InitRemote(ctx, work, f.Transport)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", s.Name, err)
	}
	ids, err := remote.LsRemote(ctx, s.Git, "refs/tags/"+tag, "refs/tags/"+tag+"^{}", "refs/heads/"+tag)
	if err != nil {
		return "", fmt.Errorf("resolve source %q: %w", s.Name, err)
	}
	if id, ok := ids["refs/tags/"+tag+"^{}"]; ok {
		return id, nil // an annotated tag: the commit it points at
	}
	if id, ok := ids["refs/tags/"+tag]; ok {
		return id, nil
	}
	if _, ok := ids["refs/heads/"+tag]; ok {
		return "", fmt.Errorf("source %q: %w %q is a branch on %s, and a branch moves; a rulebook is pinned: name a tag or a full commit id", s.Name, ErrRef, s.Ref, s.Git)
	}
	return "", fmt.Errorf("source %q: %w: %s has no tag %q", s.Name, ErrRef, s.Git, tag)
}

// Fetch writes the source's folders at commit into the cache entry
// <cache>/<name>/<commit>/ and returns their digest. The entry is written
// beside and renamed into place, so a failed fetch leaves no half entry;
// an entry already there is replaced.
func (f Fetcher) Fetch(ctx context.Context, s *config.Source, commit, cache string) (string, error) {
	digest, err := install(cache, s.Name, commit, func(work, files string) error {
		remote, err := gitrepo.InitRemote(ctx, filepath.Join(work, "git"), f.Transport)
		if err != nil {
			return err
		}
		// A signed release's tag comes with its commit, in one fetch.
		var tags []string
		if s.KeyFile() != "" && !s.Commit() {
			tags = append(tags, strings.TrimPrefix(s.Ref, "refs/tags/"))
		}
		if err := remote.FetchCommit(ctx, s.Git, commit, tags...); err != nil {
			return err
		}
		if s.KeyFile() != "" {
			if err := verifyGit(ctx, remote.Repo(), s, commit); err != nil {
				return err
			}
		}
		// Bounded as a bundle is, before anything is written: a small
		// pack can inflate to gigabytes.
		n, size, err := remote.Repo().TreeSize(ctx, commit, s.Paths()...)
		switch {
		case err != nil:
			return err
		case n > bundle.MaxFiles:
			return fmt.Errorf("its folders hold %d files, over Greenlight's limit of %d", n, bundle.MaxFiles)
		case size > bundle.MaxSize:
			return fmt.Errorf("its folders hold %d bytes, over Greenlight's limit of %d", size, bundle.MaxSize)
		}
		unwritten, err := remote.Repo().Extract(ctx, commit, s.Paths(), files)
		if err != nil {
			return err
		}
		if len(unwritten) > 0 {
			return fmt.Errorf("%s is %s, which Greenlight never follows; commit the file itself in the rulebook", unwritten[0].Path, unwritten[0].Kind)
		}
		return checkPaths(s, files, s.Ref)
	})
	if err != nil {
		return "", fmt.Errorf("fetch source %q at %s: %w", s.Name, commit, err)
	}
	return digest, nil
}

// checkPaths fails unless each of the source's paths was written into
// files as what it should be: a folder, or a config fragment's regular
// file. at names the release, for the message.
func checkPaths(s *config.Source, files, at string) error {
	for _, p := range s.Paths() {
		info, err := os.Lstat(filepath.Join(files, filepath.FromSlash(p)))
		switch {
		case s.IsFile(p) && (err != nil || !info.Mode().IsRegular()):
			return fmt.Errorf("the rulebook has no file %q at %s", p, at)
		case !s.IsFile(p) && (err != nil || !info.IsDir()):
			return fmt.Errorf("the rulebook has no folder %q at %s", p, at)
		}
	}
	return nil
}

// verifyGit checks a git source's signature, in repo: its tag's (fetched
// with the commit), which must still name commit, or, for a commit ref,
// the commit's own.
func verifyGit(ctx context.Context, repo *gitrepo.Repo, s *config.Source, commit string) error {
	if s.Commit() {
		if err := repo.VerifySigned(ctx, "", commit, s.KeyFile()); err != nil {
			return fmt.Errorf("%w: %v", rulebook.ErrSignature, err)
		}
		return nil
	}
	tag := strings.TrimPrefix(s.Ref, "refs/tags/")
	named, err := repo.TagCommit(ctx, tag)
	if err != nil {
		return err
	}
	if named != commit {
		return fmt.Errorf("%w: tag %s names %s on %s, not %s: it moved", rulebook.ErrSignature, tag, rulebook.Short(named), s.Git, rulebook.Short(commit))
	}
	if err := repo.VerifySigned(ctx, tag, "", s.KeyFile()); err != nil {
		return fmt.Errorf("%w: %v", rulebook.ErrSignature, err)
	}
	return nil
}

// install makes the cache entry <cache>/<name>/<key>/: write fills the
// folder files (work is scratch space beside it), whose digest is taken
// before it is renamed into place, replacing any entry there. A failed
// write leaves no entry.
func install(cache, name, key string, write func(work, files string) error) (string, error) {
	if err := os.MkdirAll(filepath.Join(cache, name), 0o755); err != nil {
		return "", err
	}
	work, err := os.MkdirTemp(filepath.Join(cache, name), ".fetch-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	files := filepath.Join(work, "files")
	if err := write(work, files); err != nil {
		return "", err
	}
	digest, err := rulebook.Digest(files)
	if err != nil {
		return "", err
	}
	entry := rulebook.Entry(cache, name, key)
	if err := os.RemoveAll(entry); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.Rename(files, entry); err != nil {
		return "", err
	}
	return digest, nil
}

// Lock fetches the source at commit into cache and returns its entry of
// greenlight.lock.
func (f Fetcher) Lock(ctx context.Context, s *config.Source, commit, cache string) (rulebook.Locked, error) {
	digest, err := f.Fetch(ctx, s, commit, cache)
	if err != nil {
		return rulebook.Locked{}, err
	}
	l, err := lockEntry(s)
	l.Git, l.Ref, l.Commit, l.Digest = s.Git, s.Ref, commit, digest
	return l, err
}

// FetchLocked fetches every source of cfg as greenlight.lock (beside the
// config) pins it (a git source's commit; a bundle whose archive has the
// digest locked) into cache, and fails unless each digest of the files is
// the one the lock names: the GitHub Action's way to fill an empty cache
// with exactly what the base branch locked. The engine verifies the cache
// again when it loads it. An error never shows a token, even one the
// server echoed: the Action writes it into the check run.
func (f Fetcher) FetchLocked(ctx context.Context, cfg *config.Config, cache string) ([]rulebook.Locked, error) {
	if len(cfg.Sources) == 0 {
		return nil, nil
	}
	lock, err := rulebook.ReadLock(filepath.Join(cfg.Dir, rulebook.LockName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("the config names shared rulebooks but there is no %s beside it: run `greenlight sync` and commit %s", rulebook.LockName, rulebook.LockName)
	}
	if err != nil {
		return nil, err
	}
	var out []rulebook.Locked
	for _, s := range cfg.Sources {
		l := lock.Source(s.Name)
		if l == nil || !l.Matches(s) {
			return nil, fmt.Errorf("source %q is not pinned in %s as the config names it: run `greenlight sync` and commit %s", s.Name, rulebook.LockName, rulebook.LockName)
		}
		var digest string
		switch s.Kind() {
		case config.KindBundle:
			digest, err = f.fetchLockedBundle(ctx, s, *l, cache)
		case config.KindOCI:
			digest, err = f.fetchLockedOCI(ctx, s, *l, cache)
		default:
			digest, err = f.Fetch(ctx, pinned(s, l.Ref), l.Commit, cache)
		}
		if err != nil {
			return nil, scrub(err, f.secrets(s))
		}
		if digest != l.Digest {
			return nil, fmt.Errorf("source %q at %s: the files fetched have digest %s, but %s pins %s", s.Name, l.Version(), digest, rulebook.LockName, l.Digest)
		}
		out = append(out, *l)
	}
	return out, nil
}
