package bundle

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	opabundle "github.com/open-policy-agent/opa/v1/bundle"

	"github.com/greenlighthq/greenlight/engine/rulebook"
)

// MaxSize bounds a bundle: the archive, and all it unpacks to. A rulebook
// is text; anything near this is a mistake or an attack (a gzip bomb).
const MaxSize = 64 << 20

// MaxFiles bounds how many files a rulebook holds, a bundle's or a git
// tree's: a few hundred policies and styles is a large one, and each file
// is one sync writes into the cache.
const MaxFiles = 10000

// dataKey is where a bundle's data document carries the rulebook's files
// other than Rego: data.greenlight_rulebook.files["styles/Acme/Hype.yml"].
const dataKey = "greenlight_rulebook"

// keyID is the key id a bundle is signed with: OPA's default, so that
// `opa run --verification-key` verifies a rulebook bundle as it is.
const keyID = "default"

// Options are how Build writes a bundle.
type Options struct {
	// Revision is the manifest's revision: the rulebook's version.
	Revision string
	// SigningKey is a PEM private key (RSA, ECDSA or Ed25519); nil writes
	// an unsigned bundle.
	SigningKey []byte
}

// Build packs the files under folders (slash paths relative to dir, each
// a folder or a file) into
// an OPA bundle written to w, and returns how many files it packed. Files
// and folders whose names start with "." are left out; a symbolic link,
// or a file other than Rego that is not UTF-8 text, is an error.
func Build(w io.Writer, dir string, folders []string, o Options) (int, error) {
	files, err := collect(dir, folders)
	if err != nil {
		return 0, err
	}
	b := opabundle.Bundle{Manifest: opabundle.Manifest{Revision: o.Revision,
		Metadata: map[string]any{dataKey: map[string]any{"folders": folders}}}}
	b.Manifest.Init()
	b.Manifest.SetRegoVersion(ast.RegoV1)
	text := map[string]any{}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if strings.HasSuffix(p, opabundle.RegoExt) {
			b.Modules = append(b.Modules, opabundle.ModuleFile{URL: "/" + p, Path: "/" + p, RelativePath: p, Raw: files[p]})
			continue
		}
		text[p] = string(files[p])
	}
	b.Data = map[string]any{}
	if len(text) > 0 {
		b.Data[dataKey] = map[string]any{"files": text}
	}
	if o.SigningKey != nil {
		alg, err := algorithm(o.SigningKey, true)
		if err != nil {
			return 0, fmt.Errorf("signing key: %w", err)
		}
		if err := b.GenerateSignature(opabundle.NewSigningConfig(string(o.SigningKey), alg, ""), keyID, true); err != nil {
			return 0, fmt.Errorf("sign the bundle: %w", err)
		}
	}
	if err := opabundle.NewWriter(w).UseModulePath(true).DisableFormat(true).Write(b); err != nil {
		return 0, fmt.Errorf("write the bundle: %w", err)
	}
	return len(files), nil
}

// collect reads the files under folders, by slash path relative to dir.
func collect(dir string, folders []string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, folder := range folders {
		root := filepath.Join(dir, filepath.FromSlash(folder))
		// A folder, or a config fragment's file.
		if info, err := os.Lstat(root); err != nil || !(info.IsDir() || info.Mode().IsRegular()) {
			return nil, fmt.Errorf("%s is not a folder or a file", folder)
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && p != root {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if !d.Type().IsRegular() {
				return fmt.Errorf("%s is not a regular file (%s); commit the file itself", rel, d.Type())
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if !strings.HasSuffix(rel, opabundle.RegoExt) && !utf8.Valid(src) {
				return fmt.Errorf("%s is not UTF-8 text; a rulebook carries policies, styles and word lists", rel)
			}
			files[rel] = src
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("pack %s: %w", folder, err)
		}
	}
	return files, nil
}

// Rulebook is what a bundle holds for Greenlight, read and verified.
type Rulebook struct {
	// Revision is the manifest's revision.
	Revision string
	// Files are the rulebook's files by slash path: the Rego modules and
	// the files carried as data.
	Files map[string][]byte
}

// Read reads an OPA bundle archive with OPA's bundle reader. With a
// public key (PEM), the bundle must carry a signature by that key over
// every file, and every file must match it; without one, a signature is
// not checked. A delta bundle, Wasm, plans, and data other than the
// rulebook's files are refused: Greenlight would not load them, and a
// policy that relied on them would pass posts it should stop.
func Read(archive []byte, publicKey []byte) (*Rulebook, error) {
	if err := checkSize(archive); err != nil {
		return nil, err
	}
	r := opabundle.NewCustomReader(opabundle.NewTarballLoader(bytes.NewReader(archive)).WithSizeLimitBytes(MaxSize)).
		WithRegoVersion(ast.RegoV1).WithSizeLimitBytes(MaxSize)
	if publicKey != nil {
		alg, err := algorithm(publicKey, false)
		if err != nil {
			return nil, fmt.Errorf("public key: %w", err)
		}
		r = r.WithBundleVerificationConfig(opabundle.NewVerificationConfig(
			map[string]*opabundle.KeyConfig{keyID: {Key: string(publicKey), Algorithm: alg}}, keyID, "", nil))
	} else {
		r = r.WithSkipBundleVerification(true)
	}
	b, err := r.Read()
	if err != nil {
		return nil, readError(err, publicKey != nil)
	}
	switch {
	case b.Type() != opabundle.SnapshotBundleType:
		return nil, errors.New("it is a delta bundle; a rulebook is a whole (snapshot) bundle")
	case len(b.WasmModules) > 0 || len(b.Wasm) > 0 || len(b.PlanModules) > 0:
		return nil, errors.New("it holds Wasm or plan modules, which Greenlight does not run; a rulebook holds Rego")
	}
	if err := checkRevision(b.Manifest.Revision); err != nil {
		return nil, err
	}
	rb := &Rulebook{Revision: b.Manifest.Revision, Files: map[string][]byte{}}
	for _, m := range b.Modules {
		p, err := filePath(m.Path)
		if err != nil {
			return nil, err
		}
		rb.Files[p] = m.Raw
	}
	text, err := dataFiles(b.Data)
	if err != nil {
		return nil, err
	}
	for p, content := range text {
		if _, dup := rb.Files[p]; dup {
			return nil, fmt.Errorf("%s is both a module and a data file", p)
		}
		rb.Files[p] = []byte(content)
	}
	return rb, nil
}

// checkRevision refuses a revision with a control character (a line
// break, an escape sequence): sync prints it to a terminal and the Action
// writes it into its summary comment, where it would draw what the
// bundle's server likes.
func checkRevision(rev string) error {
	if i := strings.IndexFunc(rev, unicode.IsControl); i >= 0 {
		return fmt.Errorf("its manifest's revision %q has a control character at byte %d; a revision is one line of text (a version)", rev, i)
	}
	return nil
}

// readError says what OPA's reader found in the words of a source.
func readError(err error, keyed bool) error {
	msg := err.Error()
	switch {
	case !keyed:
		return fmt.Errorf("not an OPA bundle: %w", err)
	case strings.Contains(msg, "missing .signatures.json"):
		return fmt.Errorf("%w: the bundle is not signed, and the source's public_key requires a signature", rulebook.ErrSignature)
	case strings.Contains(msg, "digest mismatch"), strings.Contains(msg, "not included in bundle signature"),
		strings.Contains(msg, "specified in bundle signatures but not found"):
		return fmt.Errorf("%w: a file was changed, added or removed after the bundle was signed (%v)", rulebook.ErrSignature, err)
	case strings.Contains(msg, "verify JWT signature"), strings.Contains(msg, "JWT"), strings.Contains(msg, "signatures"),
		strings.Contains(msg, "scope mismatch"):
		return fmt.Errorf("%w: the bundle is not signed by the source's public_key (%v)", rulebook.ErrSignature, err)
	}
	return fmt.Errorf("not an OPA bundle: %w", err)
}

// checkSize refuses an archive, or what it unpacks to, over MaxSize or
// MaxFiles, before OPA's reader holds it all in memory.
func checkSize(archive []byte) error {
	if len(archive) > MaxSize {
		return fmt.Errorf("the bundle is %d bytes, over Greenlight's limit of %d", len(archive), MaxSize)
	}
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		return fmt.Errorf("not an OPA bundle (a .tar.gz): %w", err)
	}
	tr := tar.NewReader(io.LimitReader(gz, MaxSize+1))
	var total int64
	for n := 1; ; n++ {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not an OPA bundle (a .tar.gz): %w", err)
		}
		if n > MaxFiles {
			return fmt.Errorf("the bundle holds at least %d files, over Greenlight's limit of %d", n, MaxFiles)
		}
		if total += h.Size; total > MaxSize {
			return fmt.Errorf("the bundle unpacks to more than Greenlight's limit of %d bytes", MaxSize)
		}
	}
}

// dataFiles are the rulebook's files carried as data; any other data is
// an error.
func dataFiles(data map[string]any) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range data {
		if k != dataKey {
			return nil, fmt.Errorf("it carries data at %q, which Greenlight does not load; a rulebook's policies must not depend on bundle data", k)
		}
		top, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("its data at %q is not an object", dataKey)
		}
		for k, v := range top {
			files, ok := v.(map[string]any)
			if k != "files" || !ok {
				return nil, fmt.Errorf("it carries data at %q, which Greenlight does not load", dataKey+"."+k)
			}
			for p, content := range files {
				s, ok := content.(string)
				if !ok {
					return nil, fmt.Errorf("its data file %q is not text", p)
				}
				clean, err := filePath(p)
				if err != nil {
					return nil, err
				}
				out[clean] = s
			}
		}
	}
	return out, nil
}

// filePath is a bundle's file path as a slash path inside the rulebook,
// refusing one that would leave it.
func filePath(p string) (string, error) {
	rel := strings.TrimPrefix(p, "/")
	if rel == "" || strings.ContainsAny(rel, "\\\x00") || path.Clean(rel) != rel || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("it holds a file at %q, not a path inside the rulebook", p)
	}
	return rel, nil
}

// Extract writes the rulebook's files under folders (slash paths; a
// path may name a file itself, a config fragment) into dir, and fails if
// a folder has no file in the bundle.
func (r *Rulebook) Extract(dir string, folders []string) error {
	found := map[string]bool{}
	for _, p := range slices.Sorted(maps.Keys(r.Files)) {
		i := slices.IndexFunc(folders, func(f string) bool { return f == "." || p == f || strings.HasPrefix(p, f+"/") })
		if i < 0 {
			continue
		}
		found[folders[i]] = true
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("extract %s: %w", p, err)
		}
		if err := os.WriteFile(dst, r.Files[p], 0o644); err != nil {
			return fmt.Errorf("extract %s: %w", p, err)
		}
	}
	for _, f := range folders {
		if !found[f] {
			return fmt.Errorf("the bundle has no folder or file %q", f)
		}
	}
	return nil
}

// Digest is an archive's digest as locks and messages write it:
// "sha256:" and the hex sha256 of its bytes.
func Digest(archive []byte) string {
	sum := sha256.Sum256(archive)
	return "sha256:" + hex.EncodeToString(sum[:])
}
