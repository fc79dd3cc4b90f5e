package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/hashicorp/hcl/v2"
)

// ReadPost reads a post file the way every local command must: only a
// regular file, never through a symbolic link, never from outside the
// repository, never more than the config's max_post_size. The GitHub
// Action judges the committed tree, where a link is only a link and a
// named pipe cannot exist, so a local check that followed them would judge
// something else (or print /proc/self/environ, or hang on a FIFO, or read
// /dev/zero forever). Whatever it refuses is an error diagnostic at the
// post's first line, so the check fails instead of skipping the post.
//
// The repository is the config's folder; a post named on the command line
// outside it is read from its own folder.
func ReadPost(cfg *config.Config, f File) ([]byte, hcl.Diagnostics) {
	rootDir, name, err := postRoot(cfg, f.Abs)
	if err != nil {
		return nil, readError(f, "Cannot read post", err.Error()+".")
	}
	root, err := os.OpenRoot(rootDir)
	if err != nil {
		return nil, readError(f, "Cannot read post", err.Error()+".")
	}
	defer root.Close()
	// Lstat first, so that a FIFO or a device is refused before any open
	// could block on it or start reading it.
	info, err := root.Lstat(name)
	if err != nil {
		return nil, readError(f, "Cannot read post", rootError(err, rootDir))
	}
	if d := notRegular(f, info.Mode()); d != nil {
		return nil, d
	}
	limit := maxPostSize(cfg)
	if info.Size() > int64(limit) {
		return nil, tooLarge(f, info.Size(), limit)
	}
	// O_NONBLOCK: should the file be swapped for a FIFO after the Lstat,
	// opening it must not wait for a writer; os.Root never follows a link
	// out of rootDir.
	fh, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, readError(f, "Cannot read post", rootError(err, rootDir))
	}
	defer fh.Close()
	if info, err = fh.Stat(); err != nil {
		return nil, readError(f, "Cannot read post", err.Error()+".")
	}
	if d := notRegular(f, info.Mode()); d != nil {
		return nil, d
	}
	// Read one byte past the limit to tell "exactly the limit" from "more",
	// whatever Stat said: a file may grow while it is read.
	src, err := io.ReadAll(io.LimitReader(fh, int64(limit)+1))
	if err != nil {
		return nil, readError(f, "Cannot read post", fmt.Sprintf("%s: %s.", f.Path, err))
	}
	if len(src) > limit {
		return nil, tooLarge(f, -1, limit)
	}
	return src, nil
}

// CheckSize refuses a post of size bytes that ReadPost would refuse as too
// large: an editor's unsaved text is held to the same max_post_size as a
// file on disk.
func CheckSize(cfg *config.Config, f File, size int) hcl.Diagnostics {
	if limit := maxPostSize(cfg); size > limit {
		return tooLarge(f, int64(size), limit)
	}
	return nil
}

func maxPostSize(cfg *config.Config) int {
	if cfg.Settings.MaxPostSize > 0 {
		return cfg.Settings.MaxPostSize
	}
	return config.DefaultMaxPostSize
}

// postRoot is the folder a post is read within, and its name there.
func postRoot(cfg *config.Config, abs string) (root, name string, err error) {
	root, err = filepath.Abs(cfg.Dir)
	if err != nil {
		return "", "", fmt.Errorf("read post: %w", err)
	}
	if rel, err := filepath.Rel(root, abs); err == nil && !startsWithDotDot(rel) && rel != "." {
		return root, rel, nil
	}
	return filepath.Dir(abs), filepath.Base(abs), nil
}

// rootError says what went wrong opening a post, in the reader's terms
// rather than os.Root's ("path escapes from parent").
func rootError(err error, root string) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err.Error() == "path escapes from parent" {
		return fmt.Sprintf("The path leads outside %s through a symbolic link; Greenlight reads posts only inside the repository.", root)
	}
	return err.Error() + "."
}

func notRegular(f File, mode fs.FileMode) hcl.Diagnostics {
	var what string
	switch {
	case mode.IsRegular():
		return nil
	case mode&fs.ModeSymlink != 0:
		return readError(f, "Post is a symbolic link",
			fmt.Sprintf("%s is a symbolic link. Greenlight reads only regular files as posts (the GitHub Action never follows links); put the post itself here.", f.Path))
	case mode.IsDir():
		what = "a folder"
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "not a regular file"
	}
	return readError(f, "Post is not a regular file",
		fmt.Sprintf("%s is %s. Greenlight reads only regular files as posts; remove it or exclude it with the config's ignore globs.", f.Path, what))
}

func tooLarge(f File, size int64, limit int) hcl.Diagnostics {
	got := "is larger than"
	if size >= 0 {
		got = fmt.Sprintf("is %d bytes, over", size)
	}
	return readError(f, "Post too large",
		fmt.Sprintf("%s %s max_post_size, %d bytes. A post that long is no post a platform takes; raise max_post_size in the greenlight block if it is one.", f.Path, got, limit))
}

// readError places a problem with a whole file at its first line, so that
// every reporter (text, SARIF, GitHub annotations) can show where it is.
func readError(f File, summary, detail string) hcl.Diagnostics {
	at := hcl.Pos{Line: 1, Column: 1}
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail,
		Subject: &hcl.Range{Filename: f.Path, Start: at, End: at}}}
}

// CheckReader checks one post read from r (standard input) instead of a
// file, named path: the config's globs, waivers and messages see it by
// that name. It reads no more than max_post_size, as ReadPost does.
func (e *Engine) CheckReader(ctx context.Context, path string, r io.Reader) Result {
	res := Result{Files: map[string]*hcl.File{}}
	f := File{Path: path}
	limit := e.cfg.Settings.MaxPostSize
	if limit <= 0 {
		limit = config.DefaultMaxPostSize
	}
	src, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	switch {
	case err != nil:
		res.Diags = readError(f, "Cannot read post", err.Error()+".")
	case len(src) > limit:
		res.Diags = tooLarge(f, -1, limit)
	}
	if res.Diags.HasErrors() {
		res.Unreadable = 1
		return res
	}
	post, diags := e.parser.Parse(path, src)
	res.Diags = diags
	if len(diags) > 0 {
		res.Files[path] = &hcl.File{Bytes: src}
	}
	if diags.HasErrors() {
		res.Unreadable = 1
		return res
	}
	c := e.CheckPost(ctx, post)
	res.Findings, res.Posts = c.Findings, []Post{c.Post}
	finding.Sort(res.Findings)
	return res
}
