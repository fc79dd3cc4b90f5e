package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"

	goversion "github.com/hashicorp/go-version"
	"github.com/hashicorp/hcl/v2"
	"oras.land/oras-go/v2/registry"
)

// Source is a shared rulebook whose policy and style folders load beside
// the repository's own: a git repository pinned to a tag or a commit, an
// OPA bundle served over https, or one in an OCI registry. Only what
// greenlight.lock names is ever loaded (engine/rulebook).
type Source struct {
	Name string
	// Git is a git repository's https URL; Bundle an OPA bundle's https
	// URL; OCI an OPA bundle's reference in an OCI registry
	// ("registry.example/acme/rulebook:v1.2.0", or "@sha256:…"). A source
	// sets exactly one; Kind says which.
	Git    string
	Bundle string
	OCI    string
	// Ref is a tag or a full commit id of a git source; Commit reports
	// which.
	Ref string
	// Version is a constraint on release tags ("~> 1.2", ">= 1.2, < 2"),
	// in place of ref (git) or of a tag in the reference (oci): sync picks
	// the newest tag within it, and sync --update moves to a newer one.
	Version string
	version goversion.Constraints
	// TokenEnv names the environment variable whose value is sent as a
	// bearer token to a bundle's host, or as the password to an OCI
	// registry; "" sends none.
	TokenEnv string
	// PublicKey (a bundle's) and AllowedSigners (a git source's) name a
	// key file, relative to the config's folder, that the rulebook must
	// be signed by; at most one is set, and KeyFile is it resolved.
	PublicKey      string
	AllowedSigners string
	keyFile        string
	// Policies, Styles and Vocabularies are folders inside the rulebook,
	// slash separated and cleaned.
	Policies     []string
	Styles       []string
	Vocabularies []string
	// Config are config fragments inside the rulebook (HCL files, slash
	// separated and cleaned) whose compliance, embargo, channel, rule and
	// voice blocks are added to the repository's config (see
	// Config.WithShared); they are locked and verified as the folders are.
	Config []string
	// LocationRange is where git, bundle or oci is written; RefRange
	// where ref or version is; KeyRange where public_key or
	// allowed_signers is (each the block when it is missing).
	LocationRange hcl.Range
	RefRange      hcl.Range
	KeyRange      hcl.Range
	DeclRange     hcl.Range

	policyRanges, styleRanges, vocabRanges, configRanges []hcl.Range
}

// ConfigRange is where the i-th entry of config is written.
func (s *Source) ConfigRange(i int) *hcl.Range {
	if r := rangeAt(s.configRanges, i); r != nil {
		return r
	}
	return s.DeclRange.Ptr()
}

// IsFile reports whether p, one of Paths, is a file (a config fragment)
// rather than a folder: sync and the cache check each is what it should
// be.
func (s *Source) IsFile(p string) bool { return slices.Contains(s.Config, p) }

// PolicyRange is where the i-th entry of policies is written.
func (s *Source) PolicyRange(i int) *hcl.Range {
	if r := rangeAt(s.policyRanges, i); r != nil {
		return r
	}
	return s.DeclRange.Ptr()
}

// VocabularyRange is where the i-th entry of vocabularies is written.
func (s *Source) VocabularyRange(i int) *hcl.Range {
	if r := rangeAt(s.vocabRanges, i); r != nil {
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

// Allows reports whether the source's version constraint takes the tag
// (a leading "v" is allowed: "v1.2.0" is version 1.2.0). A tag that is no
// version is never allowed; without a constraint nothing is.
func (s *Source) Allows(tag string) bool {
	if s.version == nil {
		return false
	}
	v, err := goversion.NewVersion(tag)
	return err == nil && s.version.Check(v)
}

// Newest is the newest of the tags that the source's version constraint
// allows, "" when none is.
func (s *Source) Newest(tags []string) string {
	var best string
	var bestV *goversion.Version
	for _, t := range tags {
		if !s.Allows(t) {
			continue
		}
		v, _ := goversion.NewVersion(t)
		if bestV == nil || v.GreaterThan(bestV) {
			best, bestV = t, v
		}
	}
	return best
}

// Commit reports whether Ref is a full commit id rather than a tag.
func (s *Source) Commit() bool { return commitID.MatchString(s.Ref) }

// The kinds of source, as Kind returns them.
const (
	KindGit    = "git"
	KindBundle = "bundle"
	KindOCI    = "oci"
)

// Kind is the attribute that names where the rulebook is: "git",
// "bundle" or "oci".
func (s *Source) Kind() string {
	switch {
	case s.Bundle != "":
		return KindBundle
	case s.OCI != "":
		return KindOCI
	}
	return KindGit
}

// KeyFile is the path of the key file the source names (public_key or
// allowed_signers), joined to the config's folder; "" when it names none,
// and so accepts an unsigned rulebook.
func (s *Source) KeyFile() string { return s.keyFile }

// KeyName is the key file the source names (public_key or
// allowed_signers) as written; "" when it names none.
func (s *Source) KeyName() string { return s.PublicKey + s.AllowedSigners }

// Location is the rulebook's URL or reference, whichever kind it is.
func (s *Source) Location() string {
	return s.Git + s.Bundle + s.OCI
}

// Paths are the rulebook's folders and config fragments the config
// uses, sorted: what is fetched, cached and digested.
func (s *Source) Paths() []string {
	p := append(append(append(slices.Clone(s.Policies), s.Styles...), s.Vocabularies...), s.Config...)
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
	sourceSchema = &hcl.BodySchema{Attributes: optional("git", "bundle", "oci", "ref", "version", "policies", "styles", "vocabularies", "config", "token_env", "public_key", "allowed_signers")}
	// envName is an environment variable's name.
	envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
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
	s := &Source{Name: b.Labels[0], DeclRange: b.DefRange, RefRange: b.DefRange, LocationRange: b.DefRange, KeyRange: b.DefRange}
	content, diags := b.Body.Content(sourceSchema)
	a := attrs{m: content.Attributes, diags: diags}
	if !sourceName.MatchString(s.Name) {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid source name",
			Detail:  fmt.Sprintf("%q: a source's name is also a folder of the cache; use lower-case letters, digits, \".\", \"_\" and \"-\", like \"acme-rules\".", s.Name),
			Subject: b.LabelRanges[0].Ptr()})
	}
	decodeLocation(&a, s, b)
	a.str("token_env", &s.TokenEnv)
	if a.has("token_env") && !envName.MatchString(s.TokenEnv) {
		a.errorAt("token_env", "Invalid token_env", fmt.Sprintf("%q is not an environment variable's name; write the name alone, like \"ACME_RULES_TOKEN\", never the token.", s.TokenEnv))
	}
	a.strs("policies", &s.Policies)
	a.strs("styles", &s.Styles)
	a.strs("vocabularies", &s.Vocabularies)
	s.policyRanges = a.itemRanges("policies")
	s.styleRanges = a.itemRanges("styles")
	s.vocabRanges = a.itemRanges("vocabularies")
	a.strs("config", &s.Config)
	s.configRanges = a.itemRanges("config")
	for _, f := range []struct {
		name, what, like string
		paths            []string
		at               func(int) *hcl.Range
	}{
		{"policies", "folders", "policies", s.Policies, s.PolicyRange},
		{"styles", "folders", "styles/Acme", s.Styles, s.StyleRange},
		{"vocabularies", "folders", "styles/config/vocabularies/Acme", s.Vocabularies, s.VocabularyRange},
		{"config", "HCL files", "config/compliance.hcl", s.Config, s.ConfigRange},
	} {
		for i, p := range f.paths {
			clean, msg := sourcePath(p)
			if msg == "" && f.name == "config" && path.Ext(clean) != ".hcl" {
				msg = "not an HCL file"
			}
			if msg != "" {
				a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid rulebook path",
					Detail:  fmt.Sprintf("%q: %s; %s are %s inside the rulebook, like \"%s\".", p, msg, f.name, f.what, f.like),
					Subject: f.at(i)})
				continue
			}
			f.paths[i] = clean
		}
	}
	if len(s.Paths()) == 0 && !a.diags.HasErrors() {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Source provides no rules",
			Detail:  fmt.Sprintf("source %q names no folder; add policies = [\"policies\"] or styles = [\"styles/Acme\"], the rulebook's folders to load, or config = [\"config/compliance.hcl\"], its config fragments.", s.Name),
			Subject: b.DefRange.Ptr()})
	}
	return s, a.diags
}

// decodeLocation reads where the rulebook is (git and ref, or bundle):
// exactly one kind, with the attributes that kind takes.
func decodeLocation(a *attrs, s *Source, b *hcl.Block) {
	var kinds []string
	for _, k := range []string{KindGit, KindBundle, KindOCI} {
		if a.has(k) {
			kinds = append(kinds, k)
		}
	}
	switch len(kinds) {
	case 0:
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Source names no rulebook",
			Detail:  fmt.Sprintf("source %q says nowhere to fetch its rulebook from: add git = \"https://…/rulebook.git\" with a ref, bundle = \"https://…/rulebook.tar.gz\", or oci = \"registry.example/acme/rulebook:v1.2.0\".", s.Name),
			Subject: b.DefRange.Ptr()})
		return
	case 1:
	default:
		a.errorAt(kinds[1], "Source names two rulebooks", fmt.Sprintf("source %q sets both %s and %s; a source is one rulebook, so set one (or write two source blocks).", s.Name, kinds[0], kinds[1]))
		return
	}
	s.LocationRange = a.m[kinds[0]].Expr.Range()
	switch kinds[0] {
	case KindGit:
		a.str("git", &s.Git)
		if msg := checkURL(s.Git, "https://github.com/acme/rulebook.git"); msg != "" {
			a.errorAt("git", "Invalid rulebook URL", msg)
		}
		if a.has("version") {
			decodeVersion(a, s)
			if a.has("ref") {
				a.errorAt("ref", "Both ref and version", fmt.Sprintf("source %q sets ref, one tag, and version, a range of tags: keep ref to pin one release, or version to move within a range with greenlight sync --update.", s.Name))
			}
			return
		}
		if !a.has("ref") {
			a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing ref",
				Detail:  fmt.Sprintf("source %q is a git repository, which is pinned: add ref = \"v1.2.0\" (a tag) or a full commit id, or version = \"~> 1.2\" for the newest tag within a range.", s.Name),
				Subject: b.DefRange.Ptr()})
			return
		}
		a.str("ref", &s.Ref)
		s.RefRange = a.m["ref"].Expr.Range()
		if summary, msg := checkRef(s.Ref); msg != "" {
			a.errorAt("ref", summary, msg)
		}
	case KindBundle:
		a.str("bundle", &s.Bundle)
		if msg := checkURL(s.Bundle, "https://rules.acme.example/rulebook-v1.2.0.tar.gz"); msg != "" {
			a.errorAt("bundle", "Invalid rulebook URL", msg)
		}
		for _, attr := range []string{"ref", "version"} {
			if a.has(attr) {
				a.errorAt(attr, "A bundle has no "+attr, fmt.Sprintf("source %q is an OPA bundle: its URL names one file, and greenlight.lock pins that file's digest and revision. Drop %s, and put the version in the URL (or publish to a git repository or an OCI registry, whose tags version takes).", s.Name, attr))
			}
		}
	case KindOCI:
		a.str("oci", &s.OCI)
		if msg := checkOCI(s.OCI, a.has("version")); msg != "" {
			a.errorAt("oci", "Invalid OCI reference", msg)
		}
		if a.has("version") {
			decodeVersion(a, s)
		}
		if a.has("ref") {
			a.errorAt("ref", "An OCI source has no ref", fmt.Sprintf("source %q is in an OCI registry: write the tag in the reference (…/rulebook:v1.2.0), or pin a digest (…/rulebook@sha256:…). Drop ref.", s.Name))
		}
	}
	if a.has("token_env") && kinds[0] == KindGit {
		a.errorAt("token_env", "A git source takes no token_env", "a private git rulebook on GitHub takes its token from GREENLIGHT_TOKEN (see the README's Tokens for private rulebooks); token_env is for bundle servers.")
	}
	decodeKey(a, s, kinds[0])
}

// decodeKey reads the key file a signed rulebook is verified with: an
// OPA bundle's public_key (PEM), a git tag's or commit's allowed_signers
// (git's SSH allowed-signers file).
func decodeKey(a *attrs, s *Source, kind string) {
	own, other := "public_key", "allowed_signers"
	if kind == KindGit {
		own, other = other, own
	}
	if a.has(other) {
		why := map[string]string{
			"public_key":      "public_key verifies an OPA bundle's .signatures.json; a git source is verified by its signed tag or commit: name an SSH allowed-signers file in allowed_signers.",
			"allowed_signers": "allowed_signers verifies a git tag's signature; a bundle (over https or in a registry) is verified by OPA's .signatures.json: name the PEM public key in public_key.",
		}[other]
		a.errorAt(other, "Wrong key attribute for a "+kind+" source", why)
	}
	if !a.has(own) {
		return
	}
	var p string
	a.str(own, &p)
	s.KeyRange = a.m[own].Expr.Range()
	if p == "" || strings.ContainsRune(p, 0) {
		a.errorAt(own, "Invalid key file", fmt.Sprintf("%s names a file relative to the config's folder, like \"keys/rulebook.pem\".", own))
		return
	}
	if kind == KindGit {
		s.AllowedSigners = p
	} else {
		s.PublicKey = p
	}
}

// setDir resolves the source's key file against the config's folder.
func (s *Source) setDir(c *Config) {
	if k := s.KeyName(); k != "" {
		s.keyFile = c.Path(k)
	}
}

// checkKeyFile reports a key file the source names that is not a regular
// file (missing, a folder, a symbolic link), at its attribute: a signed
// source must never be taken for an unsigned one.
func (c *Config) checkKeyFile(s *Source) hcl.Diagnostics {
	if s.keyFile == "" {
		return nil
	}
	info, err := os.Lstat(s.keyFile)
	if err == nil && info.Mode().IsRegular() {
		return nil
	}
	detail := fmt.Sprintf("%q: there is no such file relative to %s; commit the rulebook's key beside the config.", s.KeyName(), c.File)
	if err == nil {
		detail = fmt.Sprintf("%q is not a regular file (a symbolic link is never followed); commit the key file itself.", s.KeyName())
	}
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Key file not found", Detail: detail, Subject: s.KeyRange.Ptr()}}
}

// decodeVersion reads a version constraint, in HashiCorp's syntax, as
// Terraform's version arguments: "~> 1.2" is 1.2 or newer below 2.0.
func decodeVersion(a *attrs, s *Source) {
	a.str("version", &s.Version)
	s.RefRange = a.m["version"].Expr.Range()
	c, err := goversion.NewConstraint(s.Version)
	if err != nil {
		a.errorAt("version", "Invalid version constraint", fmt.Sprintf("%q is not a version constraint (%v); write it like \"~> 1.2\" (1.2 or newer, below 2.0) or \">= 1.2, < 2\".", s.Version, err))
		return
	}
	s.version = c
}

// checkOCI refuses a reference that is not registry/repository with a tag
// or a digest (with no tag or digest when version picks the tag), or whose
// tag is "latest", which moves with every push.
func checkOCI(raw string, versioned bool) string {
	const like = "write it like \"registry.example/acme/rulebook:v1.2.0\" (a tag) or \"registry.example/acme/rulebook@sha256:…\" (a digest), without a scheme"
	if strings.Contains(raw, "://") {
		return fmt.Sprintf("%q has a scheme; %s.", raw, like)
	}
	ref, err := registry.ParseReference(raw)
	switch {
	case err != nil:
		return fmt.Sprintf("%q is not an OCI reference (%v); %s.", raw, err, like)
	case versioned && ref.Reference != "":
		return fmt.Sprintf("%q names a tag or a digest, and version picks the tag: write the repository alone, like \"registry.example/acme/rulebook\".", raw)
	case versioned:
		return ""
	case ref.Reference == "":
		return fmt.Sprintf("%q names no tag or digest, and a rulebook is pinned; %s.", raw, like)
	case ref.Reference == "latest":
		return fmt.Sprintf("%q names the tag latest, which moves with every push, and a rulebook is pinned: name a release's tag, like :v1.2.0, or a digest.", raw)
	}
	return ""
}

// checkURL refuses every transport but https (and plain http to this
// machine, which only tests use and sync allows only when told): ssh,
// git:// and file:// would each bring their own trust and credentials,
// and git's ext:: runs a command.
func checkURL(raw, example string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || strings.HasPrefix(raw, "-") {
		return fmt.Sprintf("%q is not a URL; write the rulebook's https address, like %q.", raw, example)
	}
	switch {
	case u.User != nil:
		return "the URL holds credentials, which would be committed; a private rulebook takes a token from the environment instead (see the README's Tokens for private rulebooks)."
	case u.RawQuery != "" || u.Fragment != "":
		return "the URL has a query or a fragment; write the rulebook's address alone (a token comes from the environment)."
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
