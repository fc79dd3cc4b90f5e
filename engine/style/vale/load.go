package vale

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
)

// Load reads the Vale style in dir, one rule per *.yml or *.yaml file, and
// returns a Spec for every rule it can run, in order of file path. Rules in
// sub-folders are loaded too and named with their folder, as Vale does
// (Style/sub/Rule.yml is Style.sub.Rule); folders whose name starts with "."
// or "_" and rule test files (*.test.yml) are left alone.
//
// Errors name the file and the line and column of the offending value; a rule
// with an error is left out and the others are still returned. Rules that
// Greenlight cannot run are left out with a warning. A rule that extends
// another rule ("extends: Style.Rule") finds it beside dir, the way Vale
// finds it on its StylesPath.
func Load(dir string) ([]style.Spec, hcl.Diagnostics) {
	l := &loader{
		root:   filepath.Dir(filepath.Clean(dir)),
		parsed: map[string]*parsedFile{},
	}
	name := filepath.Base(filepath.Clean(dir))
	if abs, err := filepath.Abs(dir); err == nil {
		name = filepath.Base(abs)
	}

	files, diags := ruleFiles(dir)
	var specs []style.Spec
	for _, rel := range files {
		path := filepath.Join(dir, rel)
		id := ruleID(name, rel)
		spec, ok, ds := l.loadRule(id, path)
		diags = append(diags, ds...)
		if ok {
			specs = append(specs, spec)
		}
	}
	sortDiagnostics(diags)
	return specs, diags
}

// sortDiagnostics orders diagnostics by file, then position, so that they
// read top to bottom whatever order the rules were resolved in.
func sortDiagnostics(diags hcl.Diagnostics) {
	slices.SortStableFunc(diags, func(a, b *hcl.Diagnostic) int {
		switch {
		case a.Subject == nil || b.Subject == nil:
			return boolCmp(a.Subject != nil, b.Subject != nil)
		case a.Subject.Filename != b.Subject.Filename:
			return strings.Compare(a.Subject.Filename, b.Subject.Filename)
		}
		return a.Subject.Start.Byte - b.Subject.Start.Byte
	})
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// ruleFiles lists the rule files under dir as slash-separated relative paths,
// sorted.
func ruleFiles(dir string) ([]string, hcl.Diagnostics) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !isRuleFile(name) {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read Vale style",
			Detail:   err.Error(),
		}}
	}
	slices.Sort(files)
	return files, nil
}

func isRuleFile(name string) bool {
	if strings.HasSuffix(name, ".test.yml") || strings.HasSuffix(name, ".test.yaml") {
		return false
	}
	return strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml")
}

// ruleID names a rule as Vale does: the style's folder name, then the path of
// the file inside it, up to the first dot of the file name.
func ruleID(styleName, rel string) string {
	parts := strings.Split(rel, "/")
	base := parts[len(parts)-1]
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	parts[len(parts)-1] = base
	return styleName + "." + strings.Join(parts, ".")
}

// loader holds what one Load call has parsed, so that a rule extended by
// several others is read, and its problems reported, once.
type loader struct {
	root   string // the StylesPath: the folder holding the style folder
	parsed map[string]*parsedFile
}

type parsedFile struct {
	doc    *document
	errors bool // the file has errors of its own
}

// parse reads a rule file once per Load; its diagnostics are returned the
// first time only.
func (l *loader) parse(path string) (*parsedFile, hcl.Diagnostics) {
	key := filepath.Clean(path)
	if p, ok := l.parsed[key]; ok {
		return p, nil
	}
	doc, diags := parseFile(path)
	p := &parsedFile{doc: doc, errors: doc == nil || diags.HasErrors()}
	l.parsed[key] = p
	return p, diags
}

// Keys every rule type accepts. Those without a Spec field are accepted and
// ignored: description, limit, selector and action shape Vale's own output, tests are for `vale test`, name and path Vale sets itself.
var commonKeys = []string{
	"extends", "message", "level", "link", "scope",
	"description", "limit", "selector", "action", "matchcase",
	"tests", "name", "path", "code",
}

// kindKeys lists the keys Vale accepts for each supported rule type; any
// other key is an error in Vale and here.
var kindKeys = map[style.Kind][]string{
	style.Existence:      {"tokens", "raw", "exceptions", "append", "ignorecase", "nonword", "vocab"},
	style.Substitution:   {"swap", "exceptions", "ignorecase", "nonword", "capitalize", "vocab", "pos"},
	style.Occurrence:     {"token", "max", "min", "ignorecase"},
	style.Repetition:     {"tokens", "max", "alpha", "exceptions", "ignorecase", "vocab"},
	style.Capitalization: {"match", "style", "exceptions", "indicators", "threshold", "prefix", "vocab"},
	style.Readability:    {"metrics", "grade"},
	style.Conditional:    {"first", "second", "exceptions", "ignorecase", "vocab"},
	// exceptions and threshold are fields of Vale's spelling rule too;
	// vocab is accepted by every rule type.
	style.Spelling: {"filters", "ignore", "dictionaries", "dicpath", "dic", "aff", "append",
		"custom", "exceptions", "threshold", "vocab"},
	style.Consistency: {"either", "nonword", "ignorecase", "vocab"},
	style.Metric:      {"formula", "condition"},
	style.Sequence:    {"tokens", "ignorecase", "exceptions", "model", "vocab"},
	style.Script:      {"script"},
}

// readabilityMetrics are the metrics Vale computes.
var readabilityMetrics = []string{"Gunning Fog", "Coleman-Liau", "Flesch-Kincaid", "SMOG", "Automated Readability"}

// loadRule reads one rule file into a Spec. ok is false when the rule is
// left out, because of an error or because Greenlight cannot run it.
func (l *loader) loadRule(id, path string) (style.Spec, bool, hcl.Diagnostics) {
	p, diags := l.parse(path)
	if p.errors {
		return style.Spec{}, false, diags
	}
	doc := p.doc

	fields, ds := l.flatten(doc, []string{id})
	diags = append(diags, ds...)
	if diags.HasErrors() {
		return style.Spec{}, false, diags
	}

	ext, ok := fields["extends"]
	if !ok {
		return style.Spec{}, false, append(diags, missingKey(doc, "extends"))
	}
	var d decoder
	kind := d.str(ext)
	if d.diags.HasErrors() {
		return style.Spec{}, false, append(diags, d.diags...)
	}
	// Point at this file's own extends, not the one it inherited.
	own := doc.fields["extends"]
	switch {
	case !slices.Contains(style.Kinds(), style.Kind(kind)):
		rng := own.valueRange()
		return style.Spec{}, false, append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Unknown Vale rule type",
			Detail: fmt.Sprintf("extends must be one of %s, or another rule's name (Style.Rule); got %q.",
				strings.Join(kindNames(), ", "), kind),
			Subject: &rng,
		})
	}

	b := builder{doc: doc, fields: fields, root: l.root, spec: style.Spec{
		ID:     id,
		Kind:   style.Kind(kind),
		Level:  finding.Warning, // Vale's default
		Source: path,
	}}
	b.build()
	diags = append(diags, b.diags...)
	if b.diags.HasErrors() || b.skip {
		return style.Spec{}, false, diags
	}
	return b.spec, true, diags
}

func kindNames() []string {
	var out []string
	for _, k := range style.Kinds() {
		out = append(out, string(k))
	}
	return out
}

func kindList() string { return strings.Join(kindNames(), ", ") }

func missingKey(doc *document, key string) *hcl.Diagnostic {
	rng := doc.src.lineRange(1)
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Missing required key %q", key),
		Detail:   fmt.Sprintf("Every Vale rule needs %q.", key),
		Subject:  &rng,
	}
}

// builder fills a Spec from a rule's (flattened) entries.
type builder struct {
	decoder
	doc    *document
	fields map[string]entry
	spec   style.Spec
	skip   bool   // the rule is valid but cannot run here; a warning says why
	root   string // the StylesPath, which spelling rules' files are relative to
}

func (b *builder) build() {
	kind := b.spec.Kind
	allowed := append(slices.Clone(commonKeys), kindKeys[kind]...)
	for _, key := range sortedKeys(b.fields) {
		if !slices.Contains(allowed, key) {
			e := b.fields[key]
			rng := e.keyRange()
			b.diags = append(b.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unknown key",
				Detail: fmt.Sprintf("%q is not a key of a Vale %s rule. It accepts %s.",
					e.key.Value, kind, strings.Join(kindKeys[kind], ", ")),
				Subject: &rng,
			})
		}
	}

	if e, ok := b.fields["message"]; ok {
		b.spec.Message = b.str(e)
	} else {
		b.diags = append(b.diags, missingKey(b.doc, "message"))
	}
	if e, ok := b.fields["level"]; ok {
		b.level(e)
	}
	if e, ok := b.fields["link"]; ok {
		b.spec.Link = b.str(e)
	}
	b.spec.MatchCase = b.flag("matchcase")
	if e, ok := b.fields["code"]; ok && b.boolean(e) {
		rng := e.keyRange()
		b.diags = append(b.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Deprecated key",
			Detail:   "code is no longer supported by Vale; use scope: raw instead.",
			Subject:  &rng,
		})
	}
	if e, ok := b.fields["scope"]; ok {
		if kind == style.Readability || kind == style.Metric {
			// Vale reads readability and metric rules over whole
			// documents whatever the scope says, so the scope is only
			// type-checked.
			b.items(e)
		} else {
			b.scope(e)
		}
	}

	// Vale gives the project's vocabulary to every rule type that takes
	// `vocab` (true unless set false), but never to a nonword existence
	// rule, whose matches are not words; a spelling rule always takes it.
	if slices.Contains(kindKeys[kind], "vocab") {
		b.spec.Vocab = !b.has("vocab") || b.flag("vocab")
	}
	switch kind {
	case style.Existence:
		b.existence()
	case style.Substitution:
		b.spec.IgnoreCase = b.flag("ignorecase")
		b.spec.Nonword = b.flag("nonword")
		b.spec.Capitalize = b.flag("capitalize")
		b.spec.Exceptions = b.list("exceptions")
		if e, ok := b.fields["swap"]; ok {
			b.spec.Swap = b.stringMap(e)
		}
	case style.Occurrence:
		// Vale matches occurrence's single `token` as written, without word
		// boundaries: a Spec pattern.
		b.spec.IgnoreCase = b.flag("ignorecase")
		if e, ok := b.fields["token"]; ok {
			if t := b.str(e); t != "" {
				b.spec.Patterns = []string{t}
			}
		}
		b.spec.Max = b.count("max")
		b.spec.Min = b.count("min")
	case style.Repetition:
		// Vale joins repetition tokens into one group, without word
		// boundaries: Spec patterns.
		b.spec.IgnoreCase = b.flag("ignorecase")
		b.spec.Alpha = b.flag("alpha")
		b.spec.Patterns = nonBlank(b.list("tokens"))
		b.spec.Exceptions = b.list("exceptions")
		b.spec.Max = b.count("max")
	case style.Capitalization:
		if e, ok := b.fields["match"]; ok {
			b.spec.Match = b.str(e)
		}
		if e, ok := b.fields["style"]; ok {
			b.spec.Style = b.str(e)
		}
		b.spec.Exceptions = b.list("exceptions")
		// indicators, threshold and prefix have no Spec field yet; they
		// are type-checked so that a broken rule is still reported.
		b.list("indicators")
		if e, ok := b.fields["prefix"]; ok {
			b.str(e)
		}
		if e, ok := b.fields["threshold"]; ok {
			b.number(e)
		}
	case style.Readability:
		b.metrics()
		if e, ok := b.fields["grade"]; ok {
			b.spec.Grade = b.number(e)
		}
	case style.Spelling:
		b.spelling()
	case style.Consistency:
		// Vale matches both spellings on word boundaries unless nonword.
		b.spec.IgnoreCase = b.flag("ignorecase")
		b.spec.Nonword = b.flag("nonword")
		if e, ok := b.fields["either"]; ok {
			b.spec.Either = b.stringMap(e)
		}
		if len(b.spec.Either) == 0 {
			b.diags = append(b.diags, missingKey(b.doc, "either"))
		}
	case style.Metric:
		b.spec.Formula = b.required("formula")
		b.spec.Condition = b.required("condition")
	case style.Sequence:
		b.sequence()
	case style.Script:
		b.script()
	case style.Conditional:
		// Vale accepts ignorecase on a conditional rule but does not apply
		// it, so neither does the Spec.
		b.flag("ignorecase")
		if e, ok := b.fields["first"]; ok {
			b.spec.First = b.str(e)
		}
		if e, ok := b.fields["second"]; ok {
			b.spec.Second = b.str(e)
		}
		b.spec.Exceptions = b.list("exceptions")
	}
}

func sortedKeys(m map[string]entry) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (b *builder) has(key string) bool {
	_, ok := b.fields[key]
	return ok
}

// required reads a string key the rule type cannot do without.
func (b *builder) required(key string) string {
	e, ok := b.fields[key]
	if !ok {
		b.diags = append(b.diags, missingKey(b.doc, key))
		return ""
	}
	return b.str(e)
}

func (b *builder) flag(key string) bool {
	if e, ok := b.fields[key]; ok {
		return b.boolean(e)
	}
	return false
}

func (b *builder) list(key string) []string {
	if e, ok := b.fields[key]; ok {
		return b.strings(e)
	}
	return nil
}

func (b *builder) count(key string) int {
	e, ok := b.fields[key]
	if !ok {
		return 0
	}
	n := b.integer(e)
	if n < 0 {
		rng := e.valueRange()
		b.diags = append(b.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Invalid value for %q", e.key.Value),
			Detail:   fmt.Sprintf("%s cannot be negative.", e.key.Value),
			Subject:  &rng,
		})
		return 0
	}
	return n
}

func (b *builder) level(e entry) {
	before := len(b.diags)
	s := b.str(e)
	if len(b.diags) > before {
		return // not a string; already reported
	}
	lvl, err := finding.ParseLevel(s)
	if err != nil || !slices.Contains([]string{"suggestion", "warning", "error"}, s) {
		rng := e.valueRange()
		b.diags = append(b.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  `Invalid value for "level"`,
			Detail:   fmt.Sprintf("level must be suggestion, warning or error; got %q.", s),
			Subject:  &rng,
		})
		return
	}
	b.spec.Level = lvl
}

// existence maps tokens, raw and append as they are: the Spec builds Vale's
// pattern (raw + `\b(?:tokens)\b`, or the other way round with append).
func (b *builder) existence() {
	s := &b.spec
	s.IgnoreCase = b.flag("ignorecase")
	s.Nonword = b.flag("nonword")
	s.Exceptions = b.list("exceptions")
	s.Tokens = nonBlank(b.list("tokens"))
	s.Raw = b.list("raw")
	s.Append = b.flag("append")
	s.Vocab = s.Vocab && !s.Nonword
}

// nonBlank drops empty tokens, which Vale ignores.
func nonBlank(tokens []string) []string {
	out := tokens[:0]
	for _, t := range tokens {
		if strings.TrimSpace(t) != "" {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (b *builder) metrics() {
	e, ok := b.fields["metrics"]
	if !ok {
		return
	}
	for _, n := range b.items(e) {
		if !slices.Contains(readabilityMetrics, n.Value) {
			rng := e.src.rangeOf(n)
			b.diags = append(b.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unknown readability metric",
				Detail: fmt.Sprintf("metrics must be among %s; got %q.",
					strings.Join(readabilityMetrics, ", "), n.Value),
				Subject: &rng,
			})
			continue
		}
		b.spec.Metrics = append(b.spec.Metrics, n.Value)
	}
}

// fileExists reports whether path names a regular file.
func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
