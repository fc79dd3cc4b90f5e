package action

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
)

// maxLinkHops bounds how many links a path is followed through, as a
// kernel gives up after 40.
const maxLinkHops = 40

// maxNames bounds the paths that may name one file through links: a
// link to a folder above itself names it in ever longer paths.
const maxNames = 256

// links are a commit's symlinks: each one's path, in lower case (a
// posting tool on a case-insensitive file system reads Media/ as media/),
// and the repository path it points to; "" when it points out of the
// repository (an absolute path, "..", a target no file system follows).
type links map[string]string

// linksAt are the symlinks of the commit rev, read once per run.
func (s *session) linksAt(ctx context.Context, rev string) (links, error) {
	if l, ok := s.links[rev]; ok {
		return l, nil
	}
	raw, err := s.repo.Links(ctx, rev)
	if err != nil {
		return nil, fmt.Errorf("cannot list the symlinks at %s, which a checkout follows: %w", short(rev), err)
	}
	out := links{}
	for p, target := range raw {
		out[strings.ToLower(p)] = linkTarget(p, target)
	}
	if s.links == nil {
		s.links = map[string]links{}
	}
	s.links[rev] = out
	return out, nil
}

// linkTarget is the repository path the link at p holding target points
// to; "" when it points out of the repository.
func linkTarget(p, target string) string {
	if target == "" || path.IsAbs(target) || strings.Contains(target, `\`) {
		return ""
	}
	t := path.Join(path.Dir(p), target)
	if t == ".." || strings.HasPrefix(t, "../") {
		return ""
	}
	return t
}

// readAs are the repository paths a checkout reads when it opens p: p,
// then, while p or a folder above it is a link, the path the link makes
// of it. ok is false when a link points out of the repository or the
// links loop: what p shows is then unknown.
func (l links) readAs(p string) (paths []string, ok bool) {
	paths = []string{p}
	for range maxLinkHops {
		next, linked := l.through(p)
		if !linked {
			return paths, true
		}
		if next == "" {
			return paths, false
		}
		p = next
		paths = append(paths, p)
	}
	return paths, false
}

// through is p with its first component that is a link replaced by the
// link's target; linked is false when none is, next "" when the target
// is out of the repository.
func (l links) through(p string) (next string, linked bool) {
	parts := strings.Split(p, "/")
	for i := range parts {
		target, ok := l[strings.ToLower(strings.Join(parts[:i+1], "/"))]
		if !ok {
			continue
		}
		if target == "" {
			return "", true
		}
		return path.Join(append([]string{target}, parts[i+1:]...)...), true
	}
	return "", false
}

// namesOf are the repository paths a post may name to publish the file
// f: f, and each path a checkout reads as f through links (a link to f,
// or to a folder above it, link after link). It is an error when there
// are more than maxNames: a link to a folder above itself.
func (l links) namesOf(f string) ([]string, error) {
	out := []string{f}
	for i := 0; i < len(out); i++ {
		for link, target := range l {
			rest, ok := under(out[i], target)
			if !ok {
				continue
			}
			name := path.Join(link, rest)
			if slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, name) }) {
				continue
			}
			if out = append(out, name); len(out) > maxNames {
				return nil, fmt.Errorf("more than %d paths lead to %s through symlinks (a link to a folder above itself?)", maxNames, f)
			}
		}
	}
	return out, nil
}

// under reports whether p is target or lies under the folder target,
// regardless of case, and what is left of p below it.
func under(p, target string) (rest string, ok bool) {
	switch {
	case target == "":
		return "", false
	case target == ".":
		return p, true
	case strings.EqualFold(p, target):
		return "", true
	case len(p) > len(target) && p[len(target)] == '/' && strings.EqualFold(p[:len(target)], target):
		return p[len(target)+1:], true
	}
	return "", false
}

// below reports whether p lies in the folder entry, regardless of case.
func below(p, entry string) bool {
	rest, ok := under(p, entry)
	return ok && rest != ""
}
