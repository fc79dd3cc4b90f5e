package vale

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"gopkg.in/yaml.v3"
)

// source is one rule file's bytes, kept to turn YAML positions into ranges.
type source struct {
	path       string
	text       []byte
	lineStarts []int
}

func newSource(path string, text []byte) *source {
	starts := []int{0}
	for i, b := range text {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &source{path: path, text: text, lineStarts: starts}
}

// pos converts a 1-based line and 1-based column counted in characters, as
// yaml.v3 reports them, into an hcl.Pos with its byte offset.
func (s *source) pos(line, col int) hcl.Pos {
	if line < 1 {
		line, col = 1, 1
	}
	if line > len(s.lineStarts) {
		line = len(s.lineStarts)
	}
	if col < 1 {
		col = 1
	}
	start := s.lineStarts[line-1]
	end := len(s.text)
	if line < len(s.lineStarts) {
		end = s.lineStarts[line] - 1
	}
	b := start
	for c := 1; c < col && b < end; c++ {
		_, w := utf8.DecodeRune(s.text[b:end])
		b += w
	}
	return hcl.Pos{Line: line, Column: col, Byte: b}
}

// lineRange is the whole of line n (1-based), for errors that give only a line.
func (s *source) lineRange(line int) hcl.Range {
	start := s.pos(line, 1)
	end := start
	for end.Byte < len(s.text) && s.text[end.Byte] != '\n' {
		_, w := utf8.DecodeRune(s.text[end.Byte:])
		end.Byte += w
		end.Column++
	}
	return hcl.Range{Filename: s.path, Start: start, End: end}
}

// rangeOf is the range a node covers; a single-line scalar gets its width,
// anything else an empty range at its start.
func (s *source) rangeOf(n *yaml.Node) hcl.Range {
	if n == nil {
		p := s.pos(1, 1)
		return hcl.Range{Filename: s.path, Start: p, End: p}
	}
	start := s.pos(n.Line, n.Column)
	end := start
	if n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "\n") {
		width := utf8.RuneCountInString(n.Value)
		switch n.Style {
		case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
			width += 2
		case yaml.LiteralStyle, yaml.FoldedStyle:
			width = 0
		}
		end = s.pos(n.Line, n.Column+width)
		if end.Line != start.Line || end.Column < start.Column {
			end = start
		}
	}
	return hcl.Range{Filename: s.path, Start: start, End: end}
}

// entry is one key of a rule with its value, and the file it came from (a
// rule that extends another carries some of its parent's entries).
type entry struct {
	key, value *yaml.Node
	src        *source
}

func (e entry) keyRange() hcl.Range   { return e.src.rangeOf(e.key) }
func (e entry) valueRange() hcl.Range { return e.src.rangeOf(e.value) }

// document is one parsed rule file: its top-level keys, lower-cased as Vale
// matches them, in file order.
type document struct {
	src    *source
	keys   []string
	fields map[string]entry
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.+)$`)

// parseFile reads a rule file into a document. It reports unreadable files,
// YAML syntax errors, a top level that is not a mapping and duplicate keys.
func parseFile(path string) (*document, hcl.Diagnostics) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read Vale rule",
			Detail:   err.Error(),
			Subject:  &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos},
		}}
	}
	return parseDocument(path, text)
}

func parseDocument(path string, text []byte) (*document, hcl.Diagnostics) {
	src := newSource(path, text)
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		rng := src.lineRange(1)
		detail := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			rng = src.lineRange(line)
			detail = m[2]
			text := string(src.text[rng.Start.Byte:rng.End.Byte])
			if strings.Contains(text[:len(text)-len(strings.TrimLeft(text, " \t"))], "\t") {
				detail += " (YAML indents with spaces; this line starts with a tab)"
			}
		}
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid YAML",
			Detail:   fmt.Sprintf("The Vale rule is not valid YAML: %s.", detail),
			Subject:  &rng,
		}}
	}

	doc := &document{src: src, fields: map[string]entry{}}
	if root.Kind == 0 || len(root.Content) == 0 {
		return doc, nil // an empty file: reported as missing 'extends'
	}
	top := deref(root.Content[0])
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return doc, nil
	}
	if top.Kind != yaml.MappingNode {
		rng := src.rangeOf(top)
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid Vale rule",
			Detail:   "A Vale rule file must be a YAML mapping of keys such as extends, message and level.",
			Subject:  &rng,
		}}
	}

	var diags hcl.Diagnostics
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := deref(top.Content[i]), deref(top.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			rng := src.rangeOf(k)
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid key",
				Detail:   "Keys of a Vale rule must be plain names.",
				Subject:  &rng,
			})
			continue
		}
		name := strings.ToLower(k.Value)
		if prev, dup := doc.fields[name]; dup {
			rng, ctx := src.rangeOf(k), prev.keyRange()
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate key",
				Detail:   fmt.Sprintf("The key %q is already set on line %d.", k.Value, prev.key.Line),
				Subject:  &rng,
				Context:  &ctx,
			})
			continue
		}
		doc.keys = append(doc.keys, name)
		doc.fields[name] = entry{key: k, value: v, src: src}
	}
	return doc, diags
}

// deref follows YAML aliases (*anchor) to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// decoder reads typed values out of entries, collecting a diagnostic for each
// value of the wrong type. Conversions follow what Vale accepts (it decodes
// with mapstructure's weakly typed input): a single value where a list is
// expected, "true" for a boolean, "3" for a number.
type decoder struct {
	diags hcl.Diagnostics
}

func (d *decoder) typeError(e entry, n *yaml.Node, want string) {
	rng := e.src.rangeOf(n)
	got := n.Value
	switch n.Kind {
	case yaml.SequenceNode:
		got = "a list"
	case yaml.MappingNode:
		got = "a mapping"
	default:
		got = strconv.Quote(got)
	}
	d.diags = append(d.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Invalid value for %q", e.key.Value),
		Detail:   fmt.Sprintf("%s must be %s; got %s.", e.key.Value, want, got),
		Subject:  &rng,
	})
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// str reads a scalar as text; null is the empty string.
func (d *decoder) str(e entry) string {
	n := e.value
	switch {
	case isNull(n):
		return ""
	case n.Kind == yaml.ScalarNode:
		return n.Value
	}
	d.typeError(e, n, "a string")
	return ""
}

func (d *decoder) boolean(e entry) bool {
	n := e.value
	if n.Kind == yaml.ScalarNode {
		switch n.Tag {
		case "!!null":
			return false
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b
			}
		case "!!int":
			var i int64
			if n.Decode(&i) == nil {
				return i != 0
			}
		case "!!str":
			if b, err := strconv.ParseBool(n.Value); err == nil {
				return b
			}
		}
	}
	d.typeError(e, n, "true or false")
	return false
}

func (d *decoder) number(e entry) float64 {
	n := e.value
	if n.Kind == yaml.ScalarNode {
		switch n.Tag {
		case "!!null":
			return 0
		case "!!int", "!!float":
			var f float64
			if n.Decode(&f) == nil && !math.IsNaN(f) {
				return f
			}
		case "!!bool":
			if n.Value == "true" {
				return 1
			}
			return 0
		case "!!str":
			if f, err := strconv.ParseFloat(strings.TrimSpace(n.Value), 64); err == nil {
				return f
			}
		}
	}
	d.typeError(e, n, "a number")
	return 0
}

func (d *decoder) integer(e entry) int {
	n := e.value
	if n.Kind == yaml.ScalarNode {
		switch n.Tag {
		case "!!null":
			return 0
		case "!!int":
			var i int
			if n.Decode(&i) == nil {
				return i
			}
		case "!!float":
			var f float64
			if n.Decode(&f) == nil && f >= math.MinInt32 && f <= math.MaxInt32 {
				return int(f) // truncated, as Vale does
			}
		case "!!bool":
			if n.Value == "true" {
				return 1
			}
			return 0
		case "!!str":
			if i, err := strconv.ParseInt(strings.TrimSpace(n.Value), 0, 0); err == nil {
				return int(i)
			}
		}
	}
	d.typeError(e, n, "a whole number")
	return 0
}

// items reads a list of scalars; a single scalar is a list of one and null an
// empty list. It returns the scalar nodes so that callers can point at one.
func (d *decoder) items(e entry) []*yaml.Node {
	n := e.value
	switch {
	case isNull(n):
		return nil
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}
	case n.Kind == yaml.SequenceNode:
		out := make([]*yaml.Node, 0, len(n.Content))
		for _, c := range n.Content {
			c = deref(c)
			switch {
			case isNull(c):
				out = append(out, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Line: c.Line, Column: c.Column})
			case c.Kind == yaml.ScalarNode:
				out = append(out, c)
			default:
				d.typeError(e, c, "a list of strings")
			}
		}
		return out
	}
	d.typeError(e, n, "a string or a list of strings")
	return nil
}

func (d *decoder) strings(e entry) []string {
	nodes := d.items(e)
	if len(nodes) == 0 {
		return nil
	}
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.Value
	}
	return out
}

// stringMap reads a mapping of scalars to scalars, such as a substitution's
// swap. A list of mappings is merged, as Vale's decoder does.
func (d *decoder) stringMap(e entry) map[string]string {
	n := e.value
	if isNull(n) {
		return nil
	}
	var maps []*yaml.Node
	switch n.Kind {
	case yaml.MappingNode:
		maps = []*yaml.Node{n}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			c = deref(c)
			if c.Kind != yaml.MappingNode {
				d.typeError(e, c, "a mapping of strings to strings")
				return nil
			}
			maps = append(maps, c)
		}
	default:
		d.typeError(e, n, "a mapping of strings to strings")
		return nil
	}
	out := map[string]string{}
	for _, m := range maps {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := deref(m.Content[i]), deref(m.Content[i+1])
			if k.Kind != yaml.ScalarNode {
				d.typeError(e, k, "a mapping of strings to strings")
				continue
			}
			switch {
			case isNull(v):
				out[k.Value] = ""
			case v.Kind == yaml.ScalarNode:
				out[k.Value] = v.Value
			default:
				d.typeError(e, v, "a string")
			}
		}
	}
	return out
}
