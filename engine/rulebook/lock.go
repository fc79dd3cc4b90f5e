package rulebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// LockName is the lock file's name, beside greenlight.hcl.
const LockName = "greenlight.lock"

// lockVersion is the format's version; a reader refuses any other.
const lockVersion = 1

// Lock is greenlight.lock: what each source resolved to when it was last
// synced. It is JSON, so reviewers read a change to it in a diff and
// scripts read it without an HCL parser.
type Lock struct {
	Version int      `json:"version"`
	Sources []Locked `json:"sources"`
}

// ErrSignature is wrapped by every error about a rulebook's signature:
// none where the source asks for one, another key's, or files changed
// after signing.
var ErrSignature = errors.New("signature check failed")

// Locked is one source as synced: a git source's git, ref and commit; a
// bundle source's bundle, revision and archive; or an OCI source's oci,
// ref (its tag), manifest and revision.
type Locked struct {
	Name string `json:"name"`
	Git  string `json:"git,omitempty"`
	Ref  string `json:"ref,omitempty"`
	// Constraint is the source's version constraint, when it picks its
	// tag (Ref) by one.
	Constraint string `json:"version,omitempty"`
	// Commit is the full commit id the ref resolved to.
	Commit string `json:"commit,omitempty"`
	// Bundle is a bundle source's URL, Revision its manifest's revision,
	// and Archive the digest of the file served ("sha256:" and hex).
	Bundle   string `json:"bundle,omitempty"`
	Revision string `json:"revision,omitempty"`
	Archive  string `json:"archive,omitempty"`
	// OCI is an OCI source's reference as the config writes it, and
	// Manifest the digest of the image manifest its tag named.
	OCI      string `json:"oci,omitempty"`
	Manifest string `json:"manifest,omitempty"`
	// SignedBy is the digest of the key file (public_key or
	// allowed_signers) the rulebook's signature was verified with when it
	// was locked; "" when the source asks for no signature.
	SignedBy string `json:"signed_by,omitempty"`
	// Policies, Styles and Vocabularies are the rulebook's folders used,
	// as the config names them.
	Policies     []string `json:"policies,omitempty"`
	Styles       []string `json:"styles,omitempty"`
	Vocabularies []string `json:"vocabularies,omitempty"`
	// Config are the rulebook's config fragments used, as the config
	// names them.
	Config []string `json:"config,omitempty"`
	// Digest is "sha256:" and the hex sha256 of the sorted lines
	// "<sha256 of the file>  <path>\n", one per file used.
	Digest string `json:"digest"`
}

// Key names the source's cache entry: the commit of a git source, the
// hex digest of a bundle's archive or of an OCI source's manifest.
func (l *Locked) Key() string {
	switch {
	case l.Bundle != "":
		return strings.TrimPrefix(l.Archive, "sha256:")
	case l.OCI != "":
		return strings.TrimPrefix(l.Manifest, "sha256:")
	}
	return l.Commit
}

// Version is how the locked rulebook's version reads to people, in sync's
// output and the Action's summary: "v1.2.0 (3f1c0e9)" for a git tag,
// "v1.2.0 (sha256:9b2e4f1)" for a bundle's revision and archive, or an
// OCI bundle's revision and manifest.
func (l *Locked) Version() string {
	if l.Git != "" {
		return fmt.Sprintf("%s (%s)", l.Ref, Short(l.Commit))
	}
	rev := l.Revision
	if rev == "" {
		rev = "no revision"
	}
	return fmt.Sprintf("%s (sha256:%s)", rev, Short(l.Key()))
}

// Source returns the locked source with the name, or nil.
func (l *Lock) Source(name string) *Locked {
	for i := range l.Sources {
		if l.Sources[i].Name == name {
			return &l.Sources[i]
		}
	}
	return nil
}

// ReadLock reads a lock file; a missing one is an error wrapping
// fs.ErrNotExist.
func ReadLock(path string) (*Lock, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	var l Lock
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if l.Version != lockVersion {
		return nil, fmt.Errorf("read %s: version %d, this Greenlight reads version %d", path, l.Version, lockVersion)
	}
	for _, s := range l.Sources {
		// The name and the key become folder names: a lock edited by hand
		// must not point a load outside the cache.
		if !sourceName.MatchString(s.Name) {
			return nil, fmt.Errorf("read %s: %q is not a source name", path, s.Name)
		}
		kinds := 0
		for _, k := range []string{s.Git, s.Bundle, s.OCI} {
			if k != "" {
				kinds++
			}
		}
		switch {
		case kinds != 1:
			return nil, fmt.Errorf("read %s: source %q must have one of git, bundle and oci", path, s.Name)
		case s.Git != "" && !commitID.MatchString(s.Commit):
			return nil, fmt.Errorf("read %s: source %q has commit %q, not a full commit id", path, s.Name, s.Commit)
		case s.Bundle != "" && !sha256Digest.MatchString(s.Archive):
			return nil, fmt.Errorf("read %s: source %q has archive %q, not a sha256 digest", path, s.Name, s.Archive)
		case s.OCI != "" && !sha256Digest.MatchString(s.Manifest):
			return nil, fmt.Errorf("read %s: source %q has manifest %q, not a sha256 digest", path, s.Name, s.Manifest)
		}
	}
	return &l, nil
}

// Write writes the lock to path atomically, sources sorted by name.
func (l *Lock) Write(path string) error {
	l.Version = lockVersion
	slices.SortFunc(l.Sources, func(a, b Locked) int { return cmpString(a.Name, b.Name) })
	if l.Sources == nil {
		l.Sources = []Locked{}
	}
	// People review the lock in pull requests: "~> 1.2" stays as written,
	// not escaped for HTML ("~\u003e 1.2").
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	out := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	tmp, err := os.CreateTemp(filepath.Dir(path), ".greenlight.lock-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = tmp.Write(append(out, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("write %s: %w", path, err), os.Remove(tmp.Name()))
	}
	return nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
