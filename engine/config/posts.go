package config

import (
	"path"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// IsPost reports whether the file at rel (slash-separated, relative to
// the config's folder) is a post: it matches a content glob and no
// ignore glob.
func (c *Config) IsPost(rel string) bool {
	return MatchesAny(c.Settings.Content, rel) && !MatchesAny(c.Settings.Ignore, rel)
}

// MatchesAny reports whether rel matches one of the globs (** included),
// as the config's content, ignore and waiver posts are matched.
func MatchesAny(globs []string, rel string) bool {
	return slices.ContainsFunc(globs, func(g string) bool {
		ok, _ := doublestar.Match(g, rel)
		return ok
	})
}

// ContentRoots are the folders the content globs reach into: each glob's
// part before its first wildcard ("posts" for "posts/**/*.md"; "" for a
// glob that starts with one, such as "**/*.md": the config's folder).
func (c *Config) ContentRoots() []string {
	var roots []string
	for _, g := range c.Settings.Content {
		var dirs []string
		parts := strings.Split(g, "/")
		for _, part := range parts[:len(parts)-1] {
			if strings.ContainsAny(part, "*?[{\\") {
				break
			}
			dirs = append(dirs, part)
		}
		root := path.Join(dirs...)
		if !slices.Contains(roots, root) {
			roots = append(roots, root)
		}
	}
	return roots
}

// Unjudged reports whether the file at rel lies in a content folder
// without being a post: a different extension or case, a README. A
// posting tool may publish it all the same, and Greenlight cannot judge
// it, so it needs the config stage, unless the ignore globs the config
// writes itself (not the defaults) name it.
func (c *Config) Unjudged(rel string) bool {
	if c.IsPost(rel) || (c.Settings.IgnoreDeclared && MatchesAny(c.Settings.Ignore, rel)) {
		return false
	}
	// Folders are compared regardless of case: a posting tool on a
	// case-insensitive file system reads Posts/b.md as posts/b.md.
	lower := strings.ToLower(rel)
	return slices.ContainsFunc(c.ContentRoots(), func(root string) bool {
		root = strings.ToLower(root)
		return root == "" || lower == root || strings.HasPrefix(lower, root+"/")
	})
}
