package config

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Source is a shared rulebook: a git repository, pinned to a tag or a
// commit, whose policy and style folders load beside the repository's
// own. Only what greenlight.lock names is ever loaded (engine/rulebook).
type Source struct {
	Name string
	// Git is the repository's https URL.
	Git string
	// Ref is a tag or a full commit id; Commit reports which.
	Ref string
	// Policies and Styles are folders inside the rulebook, slash
	// separated and cleaned.
	Policies []string
	Styles   []string
	// RefRange is where ref is written (the block when it is missing).
	RefRange  hcl.Range
	DeclRange hcl.Range

	policyRanges, styleRanges []hcl.Range
}

// PolicyRange is where the i-th entry of policies is written.
func (s *Source) PolicyRange(i int) *hcl.Range {
	if r := rangeAt(s.policyRanges, i); r != nil {
		return r
	}
	return s.DeclRange.Ptr()
}

// StyleRange is where the i-th entry of styles is written.
func (s *Source) StyleRange(i int) *hcl.Range {
	if r := rangeAt(s.styleRanges, i); r != nil {
		return r
	}
	return s.DeclRange.Ptr()
}

// Commit reports whether Ref is a full commit id rather than a tag.
func (s *Source) Commit() bool { return commitID.MatchString(s.Ref) }

// Paths are the rulebook's folders the config uses, sorted: what is
// fetched, cached and digested.
func (s *Source) Paths() []string {
	p := append(slices.Clone(s.Policies), s.Styles...)
	slices.Sort(p)
	return slices.Compact(p)
}

// Source returns the source with the name, or nil.
func (c *Config) Source(name string) *Source {
	for _, s := range c.Sources {
		if s.Name == name {
			return s
		}
	}
	return nil
}

var (
	sourceSchema = &hcl.BodySchema{Attributes: append([]hcl.AttributeSchema{{Name: "git", Required: true}, {Name: "ref", Required: true}},
		optional("policies", "styles")...)}
	// sourceName is also a folder name in the cache.
	sourceName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
	// commitID is a full SHA-1 or SHA-256 object id: an abbreviated one
	// could come to name another commit.
	commitID = regexp.MustCompile(`^([0-9a-f]{40}|[0-9a-f]{64})$`)
	shortID  = regexp.MustCompile(`^[0-9a-f]{4,39}$`)
)

// branchNames are refs that are almost surely branches; any other branch
// is refused by greenlight sync, which asks the server.
var branchNames = []string{"HEAD", "main", "master", "trunk", "develop", "development"}

func decodeSource(b *hcl.Block) (*Source, hcl.Diagnostics) {
	s := &Source{Name: b.Labels[0], DeclRange: b.DefRange, RefRange: b.DefRange}
	content, diags := b.Body.Content(sourceSchema)
	a := attrs{m: content.Attributes, diags: diags}
	if !sourceName.MatchString(s.Name) {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid source name",
			Detail:  fmt.Sprintf("%q: a source's name is also a folder of the cache; use lower-case letters, digits, \".\", \"_\" and \"-\", like \"acme-rules\".", s.Name),
			Subject: b.LabelRanges[0].Ptr()})
	}
	a.str("git", &s.Git)
	if a.has("git") && s.Git != "" {
		if msg := checkGitURL(s.Git); msg != "" {
			a.errorAt("git", "Invalid rulebook URL", msg)
		}
	}
	a.str("ref", &s.Ref)
	if at, ok := a.m["ref"]; ok {
		s.RefRange = at.Expr.Range()
		if summary, msg := checkRef(s.Ref); msg != "" {
			a.errorAt("ref", summary, msg)
		}
	}
	a.strs("policies", &s.Policies)
	a.strs("styles", &s.Styles)
	s.policyRanges = a.itemRanges("policies")
	s.styleRanges = a.itemRanges("styles")
	for _, f := range []struct {
		name  string
		paths []string
		at    func(int) *hcl.Range
	}{{"policies", s.Policies, s.PolicyRange}, {"styles", s.Styles, s.StyleRange}} {
		for i, p := range f.paths {
			clean, msg := sourcePath(p)
			if msg != "" {
				a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid rulebook path",
					Detail:  fmt.Sprintf("%q: %s; %s are folders inside the rulebook, like \"%s\".", p, msg, f.name, map[string]string{"policies": "policies", "styles": "styles/Acme"}[f.name]),
					Subject: f.at(i)})
				continue
			}
			f.paths[i] = clean
		}
	}
	if len(s.Policies) == 0 && len(s.Styles) == 0 && !a.diags.HasErrors() {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Source provides no rules",
			Detail:  fmt.Sprintf("source %q names no folder; add policies = [\"policies\"] or styles = [\"styles/Acme\"], the rulebook's folders to load.", s.Name),
			Subject: b.DefRange.Ptr()})
	}
	return s, a.diags
}

// checkGitURL refuses every transport but https (and plain http to this
// machine, which only tests use and sync allows only when told): ssh,
// git:// and file:// would each bring their own trust and credentials,
// and ext:: runs a command.
func checkGitURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || strings.HasPrefix(raw, "-") {
		return fmt.Sprintf("%q is not a URL; write the rulebook's https address, like \"https://github.com/acme/rulebook.git\".", raw)
	}
	switch {
	case u.User != nil:
		return "the URL holds credentials, which would be committed; a private rulebook takes a token from GREENLIGHT_TOKEN instead."
	case u.RawQuery != "" || u.Fragment != "":
		return "the URL has a query or a fragment; write the repository's address alone."
	case u.Scheme == "https":
		return ""
	case u.Scheme == "http" && loopback(u.Hostname()):
		return "" // tests' servers; sync still asks for GREENLIGHT_ALLOW_INSECURE_SOURCES=1
	default:
		return fmt.Sprintf("%q uses %q; rulebooks are fetched over https only.", raw, u.Scheme)
	}
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkRef refuses refs that are not pinned: a branch moves under the
// rulebook's users, and so does an abbreviated commit id, which another
// commit can come to share.
func checkRef(ref string) (summary, detail string) {
	const pin = "a rulebook is pinned: name a tag, like \"v1.2.0\", or a full commit id."
	name := strings.TrimPrefix(ref, "refs/tags/")
	switch {
	case ref == "":
		return "Invalid ref", pin
	case strings.HasPrefix(ref, "refs/heads/") || slices.Contains(branchNames, ref):
		return "Branch ref", fmt.Sprintf("%q is a branch, and a branch moves; %s", ref, pin)
	case shortID.MatchString(ref):
		return "Abbreviated commit", fmt.Sprintf("%q is an abbreviated commit id, which another commit can come to share; write all of it, or name a tag.", ref)
	case commitID.MatchString(ref):
		return "", ""
	case strings.HasPrefix(ref, "refs/") && !strings.HasPrefix(ref, "refs/tags/"),
		strings.HasPrefix(name, "-"), strings.HasPrefix(name, "/"), strings.HasSuffix(name, "/"), strings.HasSuffix(name, ".lock"),
		strings.Contains(name, ".."), strings.Contains(name, "@{"), strings.ContainsAny(name, " ~^:?*[\\\x7f"),
		strings.IndexFunc(name, func(r rune) bool { return r < 0x20 }) >= 0:
		return "Invalid ref", fmt.Sprintf("%q is not a tag name; %s", ref, pin)
	}
	return "", ""
}

// sourcePath cleans a folder inside a rulebook, refusing one that climbs
// out of it.
func sourcePath(p string) (string, string) {
	if p == "" || strings.ContainsRune(p, 0) || strings.Contains(p, "\\") {
		return "", "not a folder name"
	}
	if path.IsAbs(p) {
		return "", "an absolute path"
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return "", "it climbs out of the rulebook"
		}
	}
	return path.Clean(p), ""
}
