package rulebook

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/hashicorp/hcl/v2"
)

// Book is a source ready to load: its block, what the lock pins, and
// the cache folder whose digest matched.
type Book struct {
	Source *config.Source
	Locked Locked
	Dir    string
}

// PolicyDir is the folder of the i-th entry of the source's policies.
func (b Book) PolicyDir(i int) string {
	return filepath.Join(b.Dir, filepath.FromSlash(b.Source.Policies[i]))
}

// StyleDir is the folder of the i-th entry of the source's styles.
func (b Book) StyleDir(i int) string {
	return filepath.Join(b.Dir, filepath.FromSlash(b.Source.Styles[i]))
}

// VocabularyDir is the folder of the i-th entry of the source's
// vocabularies.
func (b Book) VocabularyDir(i int) string {
	return filepath.Join(b.Dir, filepath.FromSlash(b.Source.Vocabularies[i]))
}

// ConfigFile is the file of the i-th entry of the source's config.
func (b Book) ConfigFile(i int) string {
	return filepath.Join(b.Dir, filepath.FromSlash(b.Source.Config[i]))
}

// Open finds every source of cfg in the cache as greenlight.lock pins it
// and verifies its digest. Every way it can fail (no lock, a lock that no
// longer matches the config, no cache entry, a changed file) is an error
// at the source's block naming greenlight sync: a rule is never loaded
// from anything the lock does not name.
func Open(cfg *config.Config, cache string) ([]Book, hcl.Diagnostics) {
	if len(cfg.Sources) == 0 {
		return nil, nil
	}
	lockPath := filepath.Join(cfg.Dir, LockName)
	lock, err := ReadLock(lockPath)
	if err != nil {
		summary, detail := "Cannot read greenlight.lock", fmt.Sprintf("%v; run `greenlight sync` to write it again.", err)
		if errors.Is(err, fs.ErrNotExist) {
			summary = "No greenlight.lock"
			detail = fmt.Sprintf("The config names shared rulebooks but %s does not exist: run `greenlight sync` to fetch them and pin their commits.", lockPath)
		}
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: cfg.Sources[0].DeclRange.Ptr()}}
	}
	var books []Book
	var diags hcl.Diagnostics
	for _, s := range cfg.Sources {
		b, d := open(s, lock, cache)
		diags = append(diags, d...)
		if d == nil {
			books = append(books, b)
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return books, nil
}

func open(s *config.Source, lock *Lock, cache string) (Book, hcl.Diagnostics) {
	fail := func(summary, detail string) (Book, hcl.Diagnostics) {
		return Book{}, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: s.DeclRange.Ptr()}}
	}
	l := lock.Source(s.Name)
	switch {
	case l == nil:
		return fail("Source not in greenlight.lock", fmt.Sprintf("source %q is not pinned yet: run `greenlight sync`.", s.Name))
	case !l.Matches(s):
		return fail("greenlight.lock is out of date", fmt.Sprintf("source %q changed since greenlight.lock was written (it locks %s at %s, policies %q, styles %q, vocabularies %q, config %q, %s): run `greenlight sync`.",
			s.Name, l.Location(), l.Version(), l.Policies, l.Styles, l.Vocabularies, l.Config, l.signature()))
	}
	dir := Entry(cache, l.Name, l.Key())
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail("Rulebook not in the cache", fmt.Sprintf("source %q at %s is not in %s: run `greenlight sync` to fetch it.", s.Name, l.Version(), cache))
	case err != nil:
		return fail("Cannot read the rulebook cache", fmt.Sprintf("%v; run `greenlight sync`.", err))
	case !info.IsDir():
		return fail("Rulebook cache is not a folder", fmt.Sprintf("%s is not a folder (a symbolic link is never followed): delete it and run `greenlight sync`.", dir))
	}
	digest, err := Digest(dir)
	if err != nil {
		return fail("Rulebook cache cannot be verified", fmt.Sprintf("%v: delete %s and run `greenlight sync`.", err, dir))
	}
	if digest != l.Digest {
		return fail("Rulebook cache does not match greenlight.lock", fmt.Sprintf("The files of source %q in %s have digest %s, but greenlight.lock pins %s: "+
			"they were changed after they were fetched. Delete the folder and run `greenlight sync`.", s.Name, dir, digest, l.Digest))
	}
	b := Book{Source: s, Locked: *l, Dir: dir}
	var diags hcl.Diagnostics
	for i, p := range s.Policies {
		diags = append(diags, checkFolder(b, b.PolicyDir(i), p, s.PolicyRange(i))...)
	}
	for i, p := range s.Styles {
		diags = append(diags, checkFolder(b, b.StyleDir(i), p, s.StyleRange(i))...)
	}
	for i, p := range s.Vocabularies {
		diags = append(diags, checkFolder(b, b.VocabularyDir(i), p, s.VocabularyRange(i))...)
	}
	for i, p := range s.Config {
		if info, err := os.Lstat(b.ConfigFile(i)); err != nil || !info.Mode().IsRegular() {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Rulebook has no such file",
				Detail:  fmt.Sprintf("source %q at %s has no config fragment %q (a regular file; a symbolic link is never followed).", s.Name, l.Version(), p),
				Subject: s.ConfigRange(i)})
		}
	}
	return b, diags
}

// Matches reports whether the lock entry is for the source as the config
// now writes it: the same repository (or bundle, or reference), ref (or a
// tag within its version constraint) and folders, and verified with the
// key file the source now names (or with none, when it names none). A key
// file that cannot be read matches nothing.
func (l *Locked) Matches(s *config.Source) bool {
	signer, err := KeyDigest(s)
	if err != nil || l.SignedBy != signer || l.Git != s.Git || l.Bundle != s.Bundle || l.OCI != s.OCI || l.Constraint != s.Version ||
		!l.SameFolders(s) {
		return false
	}
	switch {
	case s.Version != "":
		return s.Allows(l.Ref) // a tag within the range, as sync picked it
	case s.Kind() == config.KindGit:
		return l.Ref == s.Ref
	}
	return true // an OCI tag is in the reference
}

// SameFolders reports whether the lock entry uses the folders and config
// fragments the source names.
func (l *Locked) SameFolders(s *config.Source) bool {
	return slices.Equal(l.Policies, s.Policies) && slices.Equal(l.Styles, s.Styles) && slices.Equal(l.Vocabularies, s.Vocabularies) &&
		slices.Equal(l.Config, s.Config)
}

// KeyDigest is the digest of the key file the source names ("sha256:"
// and hex), as Locked.SignedBy records it; "" when it names none.
func KeyDigest(s *config.Source) (string, error) {
	if s.KeyFile() == "" {
		return "", nil
	}
	sum, err := fileSum(s.KeyFile())
	if err != nil {
		return "", fmt.Errorf("key file of source %q: %w", s.Name, err)
	}
	return "sha256:" + sum, nil
}

// signature says how the lock entry was verified.
func (l *Locked) signature() string {
	if l.SignedBy == "" {
		return "no signature verified"
	}
	return "signature verified with the key file of digest " + l.SignedBy
}

// Location is the locked rulebook's URL or reference, whichever kind it
// is.
func (l *Locked) Location() string {
	return l.Git + l.Bundle + l.OCI
}

func checkFolder(b Book, dir, p string, at *hcl.Range) hcl.Diagnostics {
	if info, err := os.Lstat(dir); err == nil && info.IsDir() {
		return nil
	}
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Rulebook has no such folder",
		Detail:  fmt.Sprintf("source %q at %s has no folder %q.", b.Source.Name, b.Locked.Version(), p),
		Subject: at}}
}

// Short is a commit id or a digest as people read it: its first 7 characters.
func Short(id string) string { return id[:min(7, len(id))] }

// Fragments reads and parses the config fragments of the books, which
// Open has just verified: each is decoded as greenlight.hcl is, and its
// diagnostics name the file in the cache. Merge them with
// config.Config.WithShared.
func Fragments(books []Book) ([]*config.Fragment, hcl.Diagnostics) {
	var frags []*config.Fragment
	var diags hcl.Diagnostics
	for _, b := range books {
		for i, p := range b.Source.Config {
			src, err := os.ReadFile(b.ConfigFile(i))
			if err != nil {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read a config fragment",
					Detail:  fmt.Sprintf("source %q: %v; delete %s and run `greenlight sync`.", b.Source.Name, err, b.Dir),
					Subject: b.Source.ConfigRange(i)})
				continue
			}
			f, d := config.ParseFragment(b.Source, p, b.ConfigFile(i), src)
			diags = append(diags, d...)
			if f != nil {
				frags = append(frags, f)
			}
		}
	}
	return frags, diags
}
