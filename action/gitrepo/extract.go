package gitrepo

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Unwritten is an entry of the tree that Extract did not write, because it
// is no regular file: a symlink or a submodule.
type Unwritten struct {
	Path string
	// Kind says what it is, for a message: "a symlink", "a submodule".
	Kind string
}

// Extract writes the files of rev under paths (repo-relative files or
// folders; none means the whole tree) into dest, keeping their relative
// paths, and returns the entries it did not write. A path that does not
// exist at rev is skipped: a config may name a policies folder that is
// not created yet.
//
// The bytes written are the blobs as committed, read from the object
// store: no .gitattributes conversion (working-tree-encoding, eol, a
// filter) or export-ignore applies, so what is judged is exactly what
// reviewers see in the pull request and what a posting tool reads from
// the repository. Only regular files and folders are written, with mode
// 0644 or 0755. Symlinks and submodules are never materialized, so
// nothing written can point outside dest; they are returned for the
// caller to refuse. An entry with an absolute path or ".." is refused.
func (r *Repo) Extract(ctx context.Context, rev string, paths []string, dest string) ([]Unwritten, error) {
	if err := checkRev(rev); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	var wanted []string
	for _, p := range paths {
		clean, err := cleanPath(p)
		if err != nil {
			return nil, fmt.Errorf("extract from %s: %w", rev, err)
		}
		if clean == "." {
			wanted = nil
			break
		}
		wanted = append(wanted, clean)
	}
	entries, err := r.lsTree(ctx, rev, true, wanted...)
	if err != nil {
		return nil, fmt.Errorf("extract from %s: %w", rev, err)
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return nil, fmt.Errorf("extract from %s: %w", rev, err)
	}
	root, err := os.OpenRoot(dest)
	if err != nil {
		return nil, fmt.Errorf("extract from %s: %w", rev, err)
	}
	defer root.Close()

	var files []treeEntry
	var unwritten []Unwritten
	for _, e := range entries {
		name, err := entryName(e.path)
		if err != nil {
			return nil, fmt.Errorf("extract from %s: %w", rev, err)
		}
		e.path = name
		switch {
		case e.regular():
			files = append(files, e)
		case e.mode == modeSymlink:
			unwritten = append(unwritten, Unwritten{Path: name, Kind: "a symlink"})
		case e.typ == "commit":
			unwritten = append(unwritten, Unwritten{Path: name, Kind: "a submodule"})
		default:
			unwritten = append(unwritten, Unwritten{Path: name, Kind: fmt.Sprintf("a %s of mode %s", e.typ, e.mode)})
		}
	}
	if len(files) > 0 {
		if err := r.writeBlobs(ctx, files, root); err != nil {
			return nil, fmt.Errorf("extract from %s: %w", rev, err)
		}
	}
	return unwritten, nil
}

// writeBlobs streams the entries' blobs out of `git cat-file --batch`,
// which reads the object store and applies no attribute, into root.
func (r *Repo) writeBlobs(ctx context.Context, files []treeEntry, root *os.Root) error {
	return r.catBlobs(ctx, files, func(f treeEntry, body io.Reader, size int64) error {
		var mode os.FileMode = 0o644
		if f.mode == "100755" {
			mode = 0o755
		}
		return writeFile(root, f.path, body, size, mode)
	})
}

// catBlobs reads the entries' blobs with one `git cat-file --batch`, in
// order, handing each body (size bytes; what each leaves unread is
// skipped) to each. An error of each, or a record that is not the blob
// asked for, stops git rather than drain what is refused.
func (r *Repo) catBlobs(ctx context.Context, entries []treeEntry, each func(e treeEntry, body io.Reader, size int64) error) error {
	if len(entries) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	args := []string{"cat-file", "--batch"}
	cmd := command(ctx, r.Dir, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return gitError(ctx, args, "", err)
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, e := range entries {
			fmt.Fprintln(w, e.object)
		}
		w.Flush()
		stdin.Close()
	}()
	readErr := readBlobs(bufio.NewReader(stdout), entries, each)
	if readErr != nil {
		cancel() // stop git rather than drain what we refuse
	} else {
		_, _ = io.Copy(io.Discard, stdout)
	}
	waitErr := cmd.Wait()
	if readErr != nil {
		return readErr
	}
	if waitErr != nil {
		return gitError(ctx, args, stderr.String(), waitErr)
	}
	return nil
}

// readBlobs reads one `<oid> blob <size>` record per entry, in order, and
// hands each body to each.
func readBlobs(br *bufio.Reader, entries []treeEntry, each func(e treeEntry, body io.Reader, size int64) error) error {
	for _, e := range entries {
		header, err := br.ReadString('\n')
		if err != nil {
			return fmt.Errorf("read %s from git cat-file: %w", e.path, err)
		}
		fields := strings.Fields(header)
		if len(fields) != 3 || fields[0] != e.object || fields[1] != "blob" {
			return fmt.Errorf("read %s: git cat-file answered %q for blob %s", e.path, strings.TrimSpace(header), e.object)
		}
		size, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil || size < 0 {
			return fmt.Errorf("read %s: git cat-file gave size %q", e.path, fields[2])
		}
		body := io.LimitReader(br, size)
		if err := each(e, body, size); err != nil {
			return err
		}
		if _, err := io.Copy(io.Discard, body); err != nil {
			return fmt.Errorf("read %s: %w", e.path, err)
		}
		if b, err := br.ReadByte(); err != nil || b != '\n' {
			return fmt.Errorf("read %s: git cat-file's record does not end after %d bytes", e.path, size)
		}
	}
	return nil
}

// entryName returns a tree entry's name cleaned, refusing names that are
// absolute or climb with "..".
func entryName(name string) (string, error) {
	if name == "" || path.IsAbs(name) || filepath.IsAbs(name) || filepath.VolumeName(name) != "" {
		return "", fmt.Errorf("refuse tree entry %q: not a relative path", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", fmt.Errorf("refuse tree entry %q: contains \"..\"", name)
		}
	}
	clean := path.Clean(name)
	if clean == "." || !filepath.IsLocal(filepath.FromSlash(clean)) { // a backslash path on Windows
		return "", fmt.Errorf("refuse tree entry %q: not a relative path", name)
	}
	return clean, nil
}

func writeFile(root *os.Root, name string, content io.Reader, size int64, mode os.FileMode) error {
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
	n, err := io.Copy(f, content)
	if err == nil && n != size {
		err = fmt.Errorf("git cat-file gave %d of %d bytes", n, size)
	}
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
