package gitrepo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrNotExist is wrapped by ReadFile's error when the path does not exist
// at the revision. It also matches fs.ErrNotExist.
var ErrNotExist = fmt.Errorf("no such file at this commit: %w", fs.ErrNotExist)

// Repo is a git work tree read with the git binary.
type Repo struct {
	// Dir is the top level of the work tree.
	Dir string
}

// Open returns the repository whose work tree contains dir. It fails when
// dir is not inside a git work tree (or git is not installed).
func Open(ctx context.Context, dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	out, err := run(ctx, abs, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("open %s as a git work tree: %w", dir, err)
	}
	top := strings.TrimRight(string(out), "\r\n")
	if top == "" {
		return nil, fmt.Errorf("open %s as a git work tree: git printed no top level", dir)
	}
	return &Repo{Dir: top}, nil
}

// HasCommit reports whether rev names a commit present in the clone. A
// shallow checkout lacks the commits below its depth.
func (r *Repo) HasCommit(ctx context.Context, rev string) bool {
	if checkRev(rev) != nil {
		return false
	}
	_, err := r.git(ctx, "cat-file", "-e", rev+"^{commit}")
	return err == nil
}

// MergeBase is the best common ancestor of the commits a and b: where a
// pull request's branch left its base.
func (r *Repo) MergeBase(ctx context.Context, a, b string) (string, error) {
	for _, rev := range []string{a, b} {
		if err := checkRev(rev); err != nil {
			return "", fmt.Errorf("merge-base: %w", err)
		}
	}
	out, err := r.git(ctx, "merge-base", a, b, "--")
	if err != nil {
		return "", fmt.Errorf("merge-base %s %s: %w", a, b, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Fetch brings revs (commit ids or ref names) from remote into the
// object store, so a shallow checkout can read a commit it lacked. It
// does not update local refs: refspecs with ":" are refused.
func (r *Repo) Fetch(ctx context.Context, remote string, revs ...string) error {
	if remote == "" || strings.HasPrefix(remote, "-") {
		return fmt.Errorf("fetch: invalid remote %q", remote)
	}
	for _, rev := range revs {
		if err := checkRev(rev); err != nil {
			return fmt.Errorf("fetch from %s: %w", remote, err)
		}
		if strings.Contains(rev, ":") {
			return fmt.Errorf("fetch from %s: %q is a refspec; only revisions are fetched", remote, rev)
		}
	}
	args := append([]string{"fetch", "--no-tags", "--quiet", "--no-recurse-submodules", "--", remote}, revs...)
	if _, err := r.git(ctx, args...); err != nil {
		return fmt.Errorf("fetch %s from %s: %w", strings.Join(revs, " "), remote, err)
	}
	return nil
}

// EnsureCommits fetches from remote those of revs the clone lacks, and
// fails unless every one of them is a commit present afterwards.
func (r *Repo) EnsureCommits(ctx context.Context, remote string, revs ...string) error {
	var missing []string
	for _, rev := range revs {
		if !r.HasCommit(ctx, rev) {
			missing = append(missing, rev)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if err := r.Fetch(ctx, remote, missing...); err != nil {
		return err
	}
	for _, rev := range missing {
		if !r.HasCommit(ctx, rev) {
			return fmt.Errorf("commit %s is not in the clone even after fetching it from %s", rev, remote)
		}
	}
	return nil
}

// ReadFile returns the content of the file at p (repo-relative, slash
// separated) in rev. When p does not exist at rev the error wraps
// ErrNotExist; a folder, a symlink or a submodule at p is an error too,
// since none of them is a file to read.
func (r *Repo) ReadFile(ctx context.Context, rev, p string) ([]byte, error) {
	if err := checkRev(rev); err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	clean, err := cleanPath(p)
	if err != nil {
		return nil, fmt.Errorf("read %s at %s: %w", p, rev, err)
	}
	if clean == "." {
		return nil, fmt.Errorf("read %s at %s: is the top folder, not a file", p, rev)
	}
	entries, err := r.lsTree(ctx, rev, false, clean)
	if err != nil {
		return nil, fmt.Errorf("read %s at %s: %w", clean, rev, err)
	}
	for _, e := range entries {
		if e.path != clean {
			continue
		}
		switch {
		case e.typ == "tree":
			return nil, fmt.Errorf("read %s at %s: is a folder, not a file", clean, rev)
		case e.typ == "commit":
			return nil, fmt.Errorf("read %s at %s: is a submodule, not a file", clean, rev)
		case e.mode == modeSymlink:
			return nil, fmt.Errorf("read %s at %s: is a symlink, not a file", clean, rev)
		}
		out, err := r.git(ctx, "cat-file", "blob", e.object)
		if err != nil {
			return nil, fmt.Errorf("read %s at %s: %w", clean, rev, err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("read %s at %s: %w", clean, rev, ErrNotExist)
}

const modeSymlink = "120000"

// treeEntry is one record of git ls-tree.
type treeEntry struct {
	mode, typ, object, path string
	size                    int64 // a blob's; 0 for a tree or a submodule
}

// regular reports whether the entry is a plain (possibly executable) file.
func (e treeEntry) regular() bool {
	return e.typ == "blob" && strings.HasPrefix(e.mode, "100")
}

// TreeSize counts the blobs of rev under paths (all of them when none)
// and adds up their sizes, from the tree alone: what Extract would write,
// known before it writes it.
func (r *Repo) TreeSize(ctx context.Context, rev string, paths ...string) (files int, bytes int64, err error) {
	if err := checkRev(rev); err != nil {
		return 0, 0, err
	}
	entries, err := r.lsTree(ctx, rev, true, paths...)
	if err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		if e.typ == "blob" {
			files++
			bytes += e.size
		}
	}
	return files, bytes, nil
}

// lsTree lists the entries of rev under paths (all of them when none).
func (r *Repo) lsTree(ctx context.Context, rev string, recursive bool, paths ...string) ([]treeEntry, error) {
	args := []string{"ls-tree", "-z", "-l", "--full-tree"}
	if recursive {
		args = append(args, "-r")
	}
	args = append(append(args, rev, "--"), paths...)
	out, err := r.git(ctx, args...)
	if err != nil {
		return nil, err
	}
	var entries []treeEntry
	for _, rec := range strings.Split(string(out), "\x00") {
		if rec == "" {
			continue
		}
		meta, name, ok := strings.Cut(rec, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 4 {
			return nil, fmt.Errorf("git ls-tree: unexpected record %q", rec)
		}
		e := treeEntry{mode: fields[0], typ: fields[1], object: fields[2], path: name}
		if e.typ == "blob" {
			if e.size, err = strconv.ParseInt(fields[3], 10, 64); err != nil || e.size < 0 {
				return nil, fmt.Errorf("git ls-tree: unexpected size in %q", rec)
			}
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// git runs git in the work tree and returns its standard output.
func (r *Repo) git(ctx context.Context, args ...string) ([]byte, error) {
	return run(ctx, r.Dir, args...)
}

func run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := command(ctx, dir, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, gitError(ctx, args, stderr.String(), err)
	}
	return stdout.Bytes(), nil
}

// command builds a git command: no shell, paths taken literally (no
// pathspec magic or globs), and no prompt for credentials.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", append([]string{"--literal-pathspecs"}, args...)...)
	cmd.Dir = dir
	cmd.Env = environ()
	return cmd
}

// environ is the process environment without the variables that would
// point git at another repository than the one in the command's folder
// (git sets them while running hooks).
func environ() []string {
	env := make([]string, 0, len(os.Environ())+1)
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
			"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX", "GIT_TERMINAL_PROMPT":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GIT_TERMINAL_PROMPT=0")
}

func gitError(ctx context.Context, args []string, stderr string, err error) error {
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	sub := "git"
	if len(args) > 0 {
		sub = "git " + args[lastOption(args)]
	}
	if msg := strings.TrimSpace(stderr); msg != "" {
		return fmt.Errorf("%s: %s: %w", sub, msg, err)
	}
	return fmt.Errorf("%s: %w", sub, err)
}

// checkRev refuses revisions git would read as an option.
func checkRev(rev string) error {
	if rev == "" {
		return errors.New("empty revision")
	}
	if strings.HasPrefix(rev, "-") {
		return fmt.Errorf("invalid revision %q: starts with \"-\"", rev)
	}
	return nil
}

// cleanPath returns p cleaned, refusing paths that leave the work tree.
// "" and "." both name the top folder.
func cleanPath(p string) (string, error) {
	if strings.ContainsRune(p, 0) {
		return "", fmt.Errorf("invalid path %q", p)
	}
	p = filepath.ToSlash(p)
	if path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return "", fmt.Errorf("invalid path %q: absolute; paths are relative to the repository", p)
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return "", fmt.Errorf("invalid path %q: contains \"..\"", p)
		}
	}
	return path.Clean("./" + p), nil
}

// CleanMerge reports whether the merge commit merge holds exactly what
// merging its parents gives, conflicts none: a merge that brings the base
// into a branch and adds nothing of its own. Anything else (one parent,
// more than two, a conflict resolved by hand, an edit made in the merge,
// a git too old to merge without a work tree, an error) is not clean.
func (r *Repo) CleanMerge(ctx context.Context, merge string, parents []string) bool {
	if len(parents) != 2 {
		return false
	}
	for _, rev := range append([]string{merge}, parents...) {
		if checkRev(rev) != nil {
			return false
		}
	}
	merged, err := r.git(ctx, "merge-tree", "--write-tree", "--no-messages", parents[0], parents[1])
	if err != nil {
		return false
	}
	tree, err := r.git(ctx, "rev-parse", "--verify", "--end-of-options", merge+"^{tree}")
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(string(merged), "\n")
	return first != "" && first == strings.TrimSpace(string(tree))
}
