package gitrepo

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Extract writes the files of rev under paths (repo-relative files or
// folders; none means the whole tree) into dest, keeping their relative
// paths. A path that does not exist at rev is skipped: a config may name
// a policies folder that is not created yet.
//
// Only regular files and folders are written, with mode 0644 or 0755.
// Symlinks (and submodules) are not materialized, so nothing written can
// point outside dest, and an archive entry with an absolute path or ".."
// is refused. Extract fails when the archive left out a file of rev (as
// an export-ignore attribute in .gitattributes would), so a policy is
// never silently missing.
func (r *Repo) Extract(ctx context.Context, rev string, paths []string, dest string) error {
	if err := checkRev(rev); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	var wanted []string
	for _, p := range paths {
		clean, err := cleanPath(p)
		if err != nil {
			return fmt.Errorf("extract from %s: %w", rev, err)
		}
		if clean == "." {
			wanted = nil
			break
		}
		wanted = append(wanted, clean)
	}
	entries, err := r.lsTree(ctx, rev, true, wanted...)
	if err != nil {
		return fmt.Errorf("extract from %s: %w", rev, err)
	}
	// git archive fails on a path that matches nothing, so pass only the
	// paths that exist at rev.
	var present []string
	for _, p := range wanted {
		for _, e := range entries {
			if e.path == p || strings.HasPrefix(e.path, p+"/") {
				present = append(present, p)
				break
			}
		}
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return fmt.Errorf("extract from %s: %w", rev, err)
	}
	if len(entries) == 0 || (len(wanted) > 0 && len(present) == 0) {
		return nil
	}

	root, err := os.OpenRoot(dest)
	if err != nil {
		return fmt.Errorf("extract from %s: %w", rev, err)
	}
	defer root.Close()
	written, err := r.archive(ctx, rev, present, root)
	if err != nil {
		return fmt.Errorf("extract from %s: %w", rev, err)
	}
	for _, e := range entries {
		if e.regular() && !written[e.path] {
			return fmt.Errorf("extract from %s: git archive left out %s (export-ignore in .gitattributes?)", rev, e.path)
		}
	}
	return nil
}

// archive streams `git archive` of rev under paths into root and returns
// the files it wrote.
func (r *Repo) archive(ctx context.Context, rev string, paths []string, root *os.Root) (map[string]bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	args := append([]string{"archive", "--format=tar", rev, "--"}, paths...)
	cmd := command(ctx, r.Dir, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, gitError(ctx, args, "", err)
	}
	written, untarErr := untar(tar.NewReader(stdout), root)
	if untarErr != nil {
		cancel() // stop git rather than drain an archive we refuse
	} else {
		_, _ = io.Copy(io.Discard, stdout) // the tar trailer's padding
	}
	waitErr := cmd.Wait()
	if untarErr != nil {
		return nil, untarErr
	}
	if waitErr != nil {
		return nil, gitError(ctx, args, stderr.String(), waitErr)
	}
	return written, nil
}

// untar writes the regular files and folders of an archive into root.
func untar(tr *tar.Reader, root *os.Root) (map[string]bool, error) {
	written := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return written, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read archive: %w", err)
		}
		if h.Typeflag == tar.TypeXGlobalHeader { // git's commit id comment
			continue
		}
		name, err := entryName(h.Name)
		if err != nil {
			return nil, err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if name != "." {
				if err := root.MkdirAll(filepath.FromSlash(name), 0o755); err != nil {
					return nil, err
				}
			}
		case tar.TypeReg:
			if name == "." {
				return nil, fmt.Errorf("refuse archive entry %q: a file with no name", h.Name)
			}
			var mode os.FileMode = 0o644
			if h.Mode&0o111 != 0 {
				mode = 0o755
			}
			if err := writeFile(root, name, tr, mode); err != nil {
				return nil, err
			}
			written[name] = true
		default:
			// Symlinks, links and devices are never materialized.
		}
	}
}

// entryName returns an archive entry's name cleaned, refusing names that
// are absolute or climb with "..".
func entryName(name string) (string, error) {
	if name == "" || path.IsAbs(name) || filepath.IsAbs(name) || filepath.VolumeName(name) != "" {
		return "", fmt.Errorf("refuse archive entry %q: not a relative path", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", fmt.Errorf("refuse archive entry %q: contains \"..\"", name)
		}
	}
	clean := path.Clean(name)
	if clean != "." && !filepath.IsLocal(filepath.FromSlash(clean)) { // a backslash path on Windows
		return "", fmt.Errorf("refuse archive entry %q: not a relative path", name)
	}
	return clean, nil
}

func writeFile(root *os.Root, name string, content io.Reader, mode os.FileMode) error {
	name = filepath.FromSlash(name)
	if dir := filepath.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, content)
	if err == nil {
		err = f.Chmod(mode) // an existing file keeps its mode through O_TRUNC; umask narrows a new one
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
