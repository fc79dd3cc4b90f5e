package config

import (
	"slices"

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
