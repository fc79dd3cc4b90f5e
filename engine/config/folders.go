package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// CheckFolders checks that every styles, policies and vocabularies entry is a folder
// (and that the spelling block's files and the sources' key files exist),
// itself and not a symbolic link, and reports each that is not at the
// list element that names it. A link is refused rather than followed: the
// GitHub Action reads the config's folders from the base commit, where a
// link is never materialized, so following it locally would validate
// rules the gate never runs.
func (c *Config) CheckFolders() hcl.Diagnostics {
	var diags hcl.Diagnostics
	for i, dir := range c.Settings.Styles {
		diags = append(diags, c.checkFolder("Style", "styles", dir, c.Settings.StyleRange(i))...)
	}
	for i, dir := range c.Settings.Policies {
		diags = append(diags, c.checkFolder("Policy", "policies", dir, c.Settings.PolicyRange(i))...)
	}
	for i, dir := range c.Settings.Vocabularies {
		diags = append(diags, c.checkFolder("Vocabulary", "vocabularies", dir, c.Settings.VocabularyRange(i))...)
	}
	diags = append(diags, c.checkSpellingFiles()...)
	for _, s := range c.Sources {
		diags = append(diags, c.checkKeyFile(s)...)
	}
	return diags
}

// ReadPaths are the files and folders of the repository the config reads
// rules from, as written (relative to its folder): the policies, styles
// and vocabularies folders, the spelling block's dictionaries (.dic and
// .aff) and ignore files, and the sources' key files. The GitHub Action
// reads exactly these from the base branch, and a pull request that
// changes one changes how posts are judged.
func (c *Config) ReadPaths() []string {
	out := slices.Concat(c.Settings.Policies, c.Settings.Styles, c.Settings.Vocabularies)
	if s := c.Spelling; s != nil {
		for _, d := range s.Dictionaries {
			out = append(out, d+".dic", d+".aff")
		}
		out = append(out, s.Ignore...)
	}
	for _, s := range c.Sources {
		if k := s.KeyName(); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// Path is a path written in the config, relative to its folder.
func (c *Config) Path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

func (c *Config) checkFolder(kind, attr, dir string, at *hcl.Range) hcl.Diagnostics {
	path := c.Path(dir)
	info, err := os.Lstat(path)
	var summary, detail string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		summary = kind + " folder not found"
		detail = fmt.Sprintf("%q: there is no %s; %s are folders relative to %s.", dir, path, attr, c.File)
	case err != nil:
		summary = "Cannot read " + attr + " folder"
		detail = fmt.Sprintf("%q: %v.", dir, err)
	case info.Mode()&fs.ModeSymlink != 0:
		summary = kind + " folder is a symbolic link"
		detail = fmt.Sprintf("%q is a symbolic link; the GitHub Action never follows links, so Greenlight does not either. Put the folder itself in the repository.", dir)
	case !info.IsDir():
		summary = kind + " folder is not a folder"
		detail = fmt.Sprintf("%q is a file; %s names folders.", dir, attr)
	default:
		return nil
	}
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: at}}
}
