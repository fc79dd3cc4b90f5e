package vale

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/hashicorp/hcl/v2"

	"github.com/greenlighthq/greenlight/engine/style"
)

// Vale's folders under the StylesPath.
const (
	dictionaryDir = "config/dictionaries"
	ignoreDir     = "config/ignore"
)

// spelling maps a Vale spelling rule. Its files are found the way Vale
// finds them, relative to the StylesPath (the folder holding the style):
// dictionaries by name in dicpath (else config/dictionaries), or one
// dictionary by its dic and aff paths; ignore files as written, beside
// the styles or under config/ignore. Vale's $DICPATH and the folder Vale
// runs in are not searched: a check must not depend on the machine.
func (b *builder) spelling() {
	s := &b.spec
	s.Vocab = true
	s.AppendEnglish = b.flag("append")
	for _, f := range b.list("filters") {
		if _, err := regexp.Compile(f); err != nil {
			b.keyProblem("filters", hcl.DiagError, "Invalid filter", fmt.Sprintf("%q is not a Go regular expression: %s.", f, err))
			continue
		}
		s.Filters = append(s.Filters, f)
	}
	if !b.flag("custom") {
		s.Filters = append(s.Filters, style.DefaultSpellingFilters()...)
	}
	// Vale reads a spelling rule's exceptions as accepted vocabulary.
	s.Accepted = b.list("exceptions")
	if b.has("threshold") {
		b.number(b.fields["threshold"])
	}

	dic, aff := b.optStr("dic"), b.optStr("aff")
	if dic != "" && aff != "" {
		d, a := b.asset(dic), b.asset(aff)
		if d != "" && a != "" {
			// Vale: a dic and aff pair is the rule's only dictionary.
			s.Dictionaries = []style.Dictionary{{Dic: d, Aff: a}}
			s.AppendEnglish = false
			b.ignoreFiles()
			return
		}
	}

	dir := filepath.Join(b.root, filepath.FromSlash(dictionaryDir))
	if p := b.optStr("dicpath"); p != "" {
		dir = ""
		for _, c := range []string{p, filepath.Join(b.root, p)} {
			if fi, err := os.Stat(c); err == nil && fi.IsDir() && (filepath.IsAbs(c) || c != p) {
				dir = c
				break
			}
		}
		if dir == "" {
			b.keyProblem("dicpath", hcl.DiagError, "Dictionary folder not found",
				fmt.Sprintf("%q is neither an absolute folder nor one under the StylesPath %s.", p, b.root))
		}
	}
	if e, ok := b.fields["dictionaries"]; ok && dir != "" {
		for _, n := range b.items(e) {
			d := style.Dictionary{Dic: filepath.Join(dir, n.Value+".dic"), Aff: filepath.Join(dir, n.Value+".aff")}
			if !fileExists(d.Dic) || !fileExists(d.Aff) {
				rng := e.src.rangeOf(n)
				b.diags = append(b.diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Dictionary not found",
					Detail:   fmt.Sprintf("%q needs %s and %s.", n.Value, d.Dic, d.Aff),
					Subject:  &rng,
				})
				continue
			}
			s.Dictionaries = append(s.Dictionaries, d)
		}
	}
	b.ignoreFiles()
}

// asset finds a dic or aff file: absolute, under the StylesPath, or in
// its config/dictionaries; "" (and an error) when none exists.
func (b *builder) asset(p string) string {
	for _, c := range []string{p, filepath.Join(b.root, p), filepath.Join(b.root, filepath.FromSlash(dictionaryDir), p)} {
		if (filepath.IsAbs(c) || c != p) && fileExists(c) {
			return c
		}
	}
	return ""
}

// ignoreFiles resolves `ignore`: a path or a list of paths. A file that
// is in none of the places Vale looks is a warning: Vale skips it
// silently, and the words it was meant to allow would be flagged.
func (b *builder) ignoreFiles() {
	e, ok := b.fields["ignore"]
	if !ok {
		return
	}
	for _, n := range b.items(e) {
		found := ""
		for _, c := range []string{n.Value, filepath.Join(b.root, n.Value), filepath.Join(b.root, filepath.FromSlash(ignoreDir), n.Value)} {
			if (filepath.IsAbs(c) || c != n.Value) && fileExists(c) {
				found = c
				break
			}
		}
		if found == "" {
			rng := e.src.rangeOf(n)
			b.diags = append(b.diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Ignore file not found",
				Detail: fmt.Sprintf("%s: %q is not under the StylesPath %s nor its %s folder; its words will be flagged.",
					b.spec.ID, n.Value, b.root, ignoreDir),
				Subject: &rng,
			})
			continue
		}
		b.spec.WordLists = append(b.spec.WordLists, found)
	}
}

func (b *builder) optStr(key string) string {
	if e, ok := b.fields[key]; ok {
		return b.str(e)
	}
	return ""
}

func (b *builder) keyProblem(key string, sev hcl.DiagnosticSeverity, summary, detail string) {
	rng := b.fields[key].valueRange()
	b.diags = append(b.diags, &hcl.Diagnostic{Severity: sev, Summary: summary, Detail: detail, Subject: &rng})
}
