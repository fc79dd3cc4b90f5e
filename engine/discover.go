package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/greenlighthq/greenlight/engine/config"
)

// Discover lists the posts to check. A named file is always checked; a
// folder contributes the files under it that match the config's content
// globs and not its ignore globs (both relative to the config's folder).
// Paths are reported relative to the working directory when they can be.
// Links and special files are listed, not followed: ReadPost refuses them.
func Discover(cfg *config.Config, paths []string) ([]File, error) {
	s, err := Survey(cfg, paths)
	return s.Posts, err
}

// Surveyed is what Survey finds under the paths: the posts to check, and
// the files in the content folders that are not posts (see
// config.Unjudged), which the gate needs the config stage for.
type Surveyed struct {
	Posts    []File
	Unjudged []string
}

// Survey lists the posts to check, as Discover does, and the files in the
// content folders that no check reads.
func Survey(cfg *config.Config, paths []string) (Surveyed, error) {
	var out Surveyed
	root, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return out, fmt.Errorf("discover: %w", err)
	}
	cwd, _ := os.Getwd()
	show := func(abs string) string {
		if rel, err := filepath.Rel(cwd, abs); err == nil && cwd != "" && !startsWithDotDot(rel) {
			return filepath.ToSlash(rel)
		}
		return filepath.ToSlash(abs)
	}
	seen := map[string]bool{}
	var files []File
	add := func(abs string) {
		if seen[abs] {
			return
		}
		seen[abs] = true
		files = append(files, File{Path: show(abs), Abs: abs})
	}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return out, fmt.Errorf("discover: %w", err)
		}
		// Lstat, and WalkDir below, which does not follow links either: a
		// link or a special file is listed like any post, so that reading
		// it refuses it with an error instead of a silent skip.
		info, err := os.Lstat(abs)
		if err != nil {
			return out, fmt.Errorf("discover: %w", err)
		}
		if !info.IsDir() {
			add(abs)
			continue
		}
		// A folder that neither lies in the config's folder nor holds it
		// has no post of this config: walking it would judge nothing and
		// pass (a --config from elsewhere, say). That is an error.
		if in, err := filepath.Rel(root, abs); err != nil || startsWithDotDot(in) {
			if up, err := filepath.Rel(abs, root); err != nil || startsWithDotDot(up) {
				return out, fmt.Errorf("%s is outside %s, the folder of the config, whose content globs are relative to it: no file there can be one of its posts; "+
					"run check on a folder inside it, or name the post files themselves", p, root)
			}
		}
		err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != abs && skipDir(cfg, root, path, d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			rel, err := filepath.Rel(root, path)
			if err != nil || startsWithDotDot(rel) {
				return nil // outside the config's folder: not a post of this config
			}
			switch rel := filepath.ToSlash(rel); {
			case cfg.IsPost(rel):
				add(path)
			case cfg.Unjudged(rel):
				out.Unjudged = append(out.Unjudged, show(path))
			}
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("discover: %w", err)
		}
	}
	slices.SortFunc(files, func(a, b File) int {
		switch {
		case a.Path < b.Path:
			return -1
		case a.Path > b.Path:
			return 1
		}
		return 0
	})
	out.Posts = files
	slices.Sort(out.Unjudged)
	return out, nil
}

// skipDir says a folder holds nothing to check: git's own folder (git
// never tracks a path through one), and a node_modules folder that the
// config's ignore globs leave out whole (the default ignores the root's).
// Any other node_modules is walked: the content globs may select a post
// in it, and the gate judges it, so check must too.
func skipDir(cfg *config.Config, root, path, name string) bool {
	if name == ".git" {
		return true
	}
	if name != "node_modules" {
		return false
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || startsWithDotDot(rel) {
		return true // outside the config's folder: holds no post of it
	}
	return config.MatchesAny(cfg.Settings.Ignore, filepath.ToSlash(rel)+"/any.md")
}

func startsWithDotDot(rel string) bool {
	return rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator)
}
