package rulebooks

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
)

// InsecureEnv is the variable that lets sources be fetched over plain
// http from this machine: for tests' servers only.
const InsecureEnv = "GREENLIGHT_ALLOW_INSECURE_SOURCES"

// ErrRef is wrapped by errors about a source's ref (a branch, a tag the
// server lacks, a tag that moved), so a caller shows them at the ref.
var ErrRef = errors.New("ref")

// Fetcher fetches sources with one transport.
type Fetcher struct {
	Transport gitrepo.Transport
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
	fail := func(err error) (string, error) {
		return "", fmt.Errorf("fetch source %q at %s: %w", s.Name, commit, err)
	}
	if err := os.MkdirAll(filepath.Join(cache, s.Name), 0o755); err != nil {
		return fail(err)
	}
	work, err := os.MkdirTemp(filepath.Join(cache, s.Name), ".fetch-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(work)
	remote, err := gitrepo.InitRemote(ctx, filepath.Join(work, "git"), f.Transport)
	if err != nil {
		return fail(err)
	}
	if err := remote.FetchCommit(ctx, s.Git, commit); err != nil {
		return fail(err)
	}
	files := filepath.Join(work, "files")
	unwritten, err := remote.Repo().Extract(ctx, commit, s.Paths(), files)
	if err != nil {
		return fail(err)
	}
	if len(unwritten) > 0 {
		return fail(fmt.Errorf("%s is %s, which Greenlight never follows; commit the file itself in the rulebook", unwritten[0].Path, unwritten[0].Kind))
	}
	for _, p := range s.Paths() {
		if info, err := os.Lstat(filepath.Join(files, filepath.FromSlash(p))); err != nil || !info.IsDir() {
			return fail(fmt.Errorf("the rulebook has no folder %q at %s", p, s.Ref))
		}
	}
	digest, err := rulebook.Digest(files)
	if err != nil {
		return fail(err)
	}
	entry := rulebook.Entry(cache, s.Name, commit)
	if err := os.RemoveAll(entry); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail(err)
	}
	if err := os.Rename(files, entry); err != nil {
		return fail(err)
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
	return rulebook.Locked{Name: s.Name, Git: s.Git, Ref: s.Ref, Commit: commit, Policies: s.Policies, Styles: s.Styles, Digest: digest}, nil
}

// FetchLocked fetches every source of cfg at the commit greenlight.lock
// (beside the config) pins into cache, and fails unless each digest is the
// one the lock names: the GitHub Action's way to fill an empty cache with
// exactly what the base branch locked. The engine verifies the cache again
// when it loads it.
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
		digest, err := f.Fetch(ctx, s, l.Commit, cache)
		if err != nil {
			return nil, err
		}
		if digest != l.Digest {
			return nil, fmt.Errorf("source %q at %s: the files fetched have digest %s, but %s pins %s", s.Name, l.Commit, digest, rulebook.LockName, l.Digest)
		}
		out = append(out, *l)
	}
	return out, nil
}
