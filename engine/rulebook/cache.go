package rulebook

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var (
	commitID     = regexp.MustCompile(`^([0-9a-f]{40}|[0-9a-f]{64})$`)
	sha256Digest = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	sourceName   = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
)

// CacheEnv names the variable that moves the cache, for a machine that
// shares one cache between checkouts.
const CacheEnv = "GREENLIGHT_CACHE"

// DefaultCache is the cache folder for a config in configDir: $GREENLIGHT_CACHE
// when getenv gives it, else .greenlight/sources beside the config.
func DefaultCache(configDir string, getenv func(string) string) string {
	if getenv != nil {
		if d := getenv(CacheEnv); d != "" {
			return d
		}
	}
	return filepath.Join(configDir, ".greenlight", "sources")
}

// Entry is the cache folder of a source's version: key is the commit of
// a git source, the archive's hex digest of a bundle (Locked.Key).
func Entry(cache, name, key string) string {
	return filepath.Join(cache, name, key)
}

// Digest is the digest of the files under dir: "sha256:" and the hex
// sha256 of the sorted lines "<hex sha256 of the file>  <slash path>\n".
// Anything but a folder or a regular file (a symlink, a pipe) is an
// error, never followed: the cache holds only what git's object store
// gave, and sync never writes a link. So is a name with a control
// character: a newline in a name would let one file's line read as two,
// and a folder made by hand share the digest of other files. So are two
// names that differ only in case or Unicode normalization: macOS and
// Windows keep one file for both, so a runner there would judge by
// another rulebook than the one locked.
func Digest(dir string) (string, error) {
	var lines []string
	folded := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if strings.ContainsFunc(rel, unicode.IsControl) {
			return fmt.Errorf("%q has a control character in its name, which a rulebook's file never needs", filepath.ToSlash(rel))
		}
		key := strings.ToLower(norm.NFC.String(rel))
		if other, ok := folded[key]; ok {
			return fmt.Errorf("%q and %q differ only in case or Unicode normalization: macOS and Windows keep one of them", filepath.ToSlash(other), filepath.ToSlash(rel))
		}
		folded[key] = rel
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file (%s)", filepath.ToSlash(rel), d.Type())
		}
		sum, err := fileSum(p)
		if err != nil {
			return err
		}
		lines = append(lines, sum+"  "+filepath.ToSlash(rel)+"\n")
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("digest %s: %w", dir, err)
	}
	slices.Sort(lines)
	h := sha256.New()
	io.WriteString(h, strings.Join(lines, ""))
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

func fileSum(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
