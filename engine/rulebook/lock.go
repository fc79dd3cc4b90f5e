package rulebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// Locked is one source as synced.
type Locked struct {
	Name string `json:"name"`
	Git  string `json:"git"`
	Ref  string `json:"ref"`
	// Commit is the full commit id the ref resolved to.
	Commit string `json:"commit"`
	// Policies and Styles are the rulebook's folders used, as the config
	// names them.
	Policies []string `json:"policies,omitempty"`
	Styles   []string `json:"styles,omitempty"`
	// Digest is "sha256:" and the hex sha256 of the sorted lines
	// "<sha256 of the file>  <path>\n", one per file used.
	Digest string `json:"digest"`
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
		// The commit and the name become folder names: a lock edited by
		// hand must not point a load outside the cache.
		if !commitID.MatchString(s.Commit) {
			return nil, fmt.Errorf("read %s: source %q has commit %q, not a full commit id", path, s.Name, s.Commit)
		}
		if !sourceName.MatchString(s.Name) {
			return nil, fmt.Errorf("read %s: %q is not a source name", path, s.Name)
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
	out, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
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
