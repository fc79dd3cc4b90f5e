package action

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

// scheme is a URL's scheme ("https:", "data:"): a src that starts with
// one names no file of the repository.
var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// assetPaths are the repository paths a post's media (front matter
// media and the body's images) may be read from, for the post at the
// repository path post of the config at configPath. Posting tools differ
// in what a relative src is relative to, so every reading counts: the
// post's folder, the config's folder and the repository root (a src
// starting with "/" is read from the root and from the config's folder,
// a site's root). A src is also read URL-decoded without its query or
// fragment, as a browser would fetch it. URLs (a scheme, or "//host")
// are no files; a path that climbs out of the repository is dropped.
func assetPaths(configPath, post string, srcs []string) []string {
	var out []string
	add := func(p string) {
		p = path.Clean(p)
		if p == "." || p == ".." || strings.HasPrefix(p, "../") || slices.Contains(out, p) {
			return
		}
		out = append(out, p)
	}
	for _, src := range srcs {
		if src == "" || scheme.MatchString(src) || strings.HasPrefix(src, "//") {
			continue
		}
		for _, s := range srcReadings(src) {
			if rooted, ok := strings.CutPrefix(s, "/"); ok {
				add(rooted)
				add(path.Join(path.Dir(configPath), rooted))
				continue
			}
			add(path.Join(path.Dir(post), s))
			add(path.Join(path.Dir(configPath), s))
			add(s)
		}
	}
	slices.Sort(out)
	return out
}

// srcReadings are the file paths a local src may mean: as written, and
// as a URL path (decoded, without "?query" or "#fragment"); each also
// with backslashes read as slashes, as a tool on Windows would.
func srcReadings(src string) []string {
	out := []string{src}
	if u, err := url.Parse(src); err == nil && u.Path != "" && u.Path != src {
		out = append(out, u.Path)
	}
	for _, s := range out {
		if b := strings.ReplaceAll(s, `\`, "/"); b != s {
			out = append(out, b)
		}
	}
	return out
}
