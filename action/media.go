package action

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
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

// srcReadings are the file paths a local src may mean: as the parser
// reads it (character references and backslash escapes decoded, as a
// Markdown renderer follows it), and as a URL path (decoded, without
// "?query" or "#fragment"); each also with backslashes read as slashes,
// as a tool on Windows would.
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

// mediaCandidates are the files a pull request changes that posts may
// publish with them: neither posts, nor files in the content folders (the
// owners judge those already, or the config's own ignore globs free
// them), nor governing files. existed had a version before (modified,
// removed, a rename's old path); added are new.
func mediaCandidates(cfg *config.Config, configPath string, files []pullreq.File) (existed, added []string) {
	isGoverned := governedBy(cfg, configPath)
	free := func(p string, removed bool) bool {
		if isGoverned(p) {
			return true
		}
		rel, ok := configRelative(configPath, p)
		if !ok {
			return false
		}
		declared := cfg.Settings.IgnoreDeclared && config.MatchesAny(cfg.Settings.Ignore, rel)
		// A file classify counts as unjudged needs the owners already.
		return cfg.IsPost(rel) || declared || (!removed && cfg.Unjudged(rel))
	}
	for _, f := range files {
		switch f.Status {
		case "added", "copied":
			if !free(f.Path, false) {
				added = append(added, f.Path)
			}
		case "renamed":
			if f.Previous != "" && !free(f.Previous, true) {
				existed = append(existed, f.Previous)
			}
			if !free(f.Path, false) {
				added = append(added, f.Path)
			}
		default: // modified, removed, changed (a new type or mode)
			if !free(f.Path, f.Status == "removed") {
				existed = append(existed, f.Path)
			}
		}
	}
	return existed, added
}

// referencedMedia are the changed files that posts use, each with those
// posts: a file that existed before when a post uses it at base or at
// head, a new file when a post at base uses it (one whose reviewers never
// saw it). A new file only the pull request's posts use is theirs to
// review. The posts are found with git alone: a few greps and reads,
// however many posts there are.
func (s *session) referencedMedia(ctx context.Context, cfg *config.Config, files []pullreq.File, base, head string) ([]summary.MediaUse, error) {
	existed, added := mediaCandidates(cfg, s.o.ConfigPath, files)
	if len(existed)+len(added) == 0 {
		return nil, nil
	}
	users := map[string][]string{}
	if err := s.postsUsing(ctx, cfg, base, slices.Concat(existed, added), users); err != nil {
		return nil, err
	}
	if err := s.postsUsing(ctx, cfg, head, existed, users); err != nil {
		return nil, err
	}
	var out []summary.MediaUse
	for _, f := range slices.Sorted(maps.Keys(users)) {
		posts := users[f]
		slices.Sort(posts)
		out = append(out, summary.MediaUse{Path: f, Posts: slices.Compact(posts)})
	}
	return out, nil
}

// postsUsing adds to users, for each of files, the posts at rev whose
// media may be read from it: through its path, or through a symlink to
// it or to a folder above it, which a checkout follows. Only the posts
// that name the base name of one of those (in any case, or URL-escaped),
// or that hold an escape that may spell it otherwise, are read; a post
// that cannot be read whole counts as using it, since what it uses is
// unknown.
func (s *session) postsUsing(ctx context.Context, cfg *config.Config, rev string, files []string, users map[string][]string) error {
	if len(files) == 0 {
		return nil
	}
	// A checkout reads a file through a link to it (or to a folder above
	// it), so a post naming the link uses the file.
	l, err := s.linksAt(ctx, rev)
	if err != nil {
		return err
	}
	names := map[string][]string{}
	// A YAML escape, a Markdown backslash escape, a URL's percent-encoding
	// and a character reference may each spell any letter of a name.
	words := []string{`\`, "%", "&"}
	for _, f := range files {
		if names[f], err = l.namesOf(f); err != nil {
			return fmt.Errorf("cannot tell which posts at %s use %s: %w", short(rev), f, err)
		}
		for _, n := range names[f] {
			name := path.Base(n)
			words = append(words, name, url.PathEscape(name))
		}
	}
	slices.Sort(words)
	hits, err := s.repo.Grep(ctx, rev, slices.Compact(words), contentPathspecs(cfg, s.o.ConfigPath)...)
	if err != nil {
		return fmt.Errorf("cannot search the posts at %s for the files they use: %w", short(rev), err)
	}
	hits = slices.DeleteFunc(hits, func(p string) bool { return !isPostAt(cfg, s.o.ConfigPath, p) })
	media, err := s.readMedia(ctx, cfg, rev, hits)
	if err != nil {
		return err
	}
	for post, m := range media {
		assets := assetPaths(s.o.ConfigPath, post, m.srcs)
		for _, f := range files {
			// Compared regardless of case: a posting tool on a
			// case-insensitive file system reads Logo.PNG as logo.png.
			if m.unsure || slices.ContainsFunc(assets, func(a string) bool {
				// A post uses f also through a file below it: f is a
				// submodule, or a link to a folder.
				return slices.ContainsFunc(names[f], func(n string) bool { _, ok := under(a, n); return ok })
			}) {
				users[f] = append(users[f], post)
			}
		}
	}
	return nil
}

// contentPathspecs are the repository folders the content globs reach
// into; none (the whole tree) when one of them is the root.
func contentPathspecs(cfg *config.Config, configPath string) []string {
	var out []string
	for _, root := range cfg.ContentRoots() {
		p, ok := repoPath(configPath, root)
		if !ok || p == "." {
			return nil
		}
		out = append(out, p)
	}
	return out
}

// postMedia are the media srcs a post names; unsure when the post cannot
// be read whole (no regular file, or errors), so that it may use more.
type postMedia struct {
	srcs   []string
	unsure bool
}

// readMedia reads the media of posts at rev.
func (s *session) readMedia(ctx context.Context, cfg *config.Config, rev string, posts []string) (map[string]postMedia, error) {
	out := map[string]postMedia{}
	if len(posts) == 0 {
		return out, nil
	}
	dir, err := os.MkdirTemp("", "greenlight-media-")
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	unwritten, err := s.repo.Extract(ctx, rev, posts, dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read the posts at %s to tell which files they use: %w", short(rev), err)
	}
	parser := content.NewParser(cfg.Settings.Location, cfg.Settings.FrontMatterKeys...)
	for _, p := range posts {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || slices.ContainsFunc(unwritten, func(u gitrepo.Unwritten) bool { return u.Path == p }) {
			out[p] = postMedia{unsure: true}
			continue
		}
		post, diags := parser.Parse(p, src)
		m := postMedia{unsure: diags.HasErrors()}
		for _, media := range post.Media {
			m.srcs = append(m.srcs, media.Src)
		}
		out[p] = m
	}
	return out, nil
}

// mediaPaths are the paths of the files posts use.
func mediaPaths(uses []summary.MediaUse) []string {
	out := make([]string, len(uses))
	for i, u := range uses {
		out[i] = u.Path
	}
	return out
}
