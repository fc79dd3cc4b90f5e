package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"github.com/greenlighthq/greenlight/engine/didyoumean"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/hashicorp/hcl/v2"
	"gopkg.in/yaml.v3"
)

// splitFrontMatter finds a YAML front matter block at the start of src: a
// line "---", the YAML, and a closing "---" or "..." line. It returns the
// byte range of the YAML and where the body starts; ok is false when the
// file has no front matter. closed is false when the block never ends.
func splitFrontMatter(src []byte) (yamlStart, yamlEnd, bodyStart int, ok, closed bool) {
	i := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		i = 3
	}
	first, next := line(src, i)
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return 0, 0, 0, false, false
	}
	yamlStart = next
	for at := next; at < len(src); {
		l, n := line(src, at)
		if t := string(bytes.TrimRight(l, " \t")); t == "---" || t == "..." {
			return yamlStart, at, n, true, true
		}
		at = n
	}
	return yamlStart, len(src), len(src), true, false
}

// otherDelimiter reports whether src opens with a line that other front
// matter readers take for a delimiter and Greenlight does not: three or
// more dashes but not exactly three (python-frontmatter opens on any),
// "+++" (TOML, as Hugo and python-frontmatter read it), or a "{" (JSON, as
// Hugo reads an object that opens the file). Judged as a post without
// front matter, its keys (sponsored: true, the channels) would reach a
// posting tool unjudged.
func otherDelimiter(src []byte) bool {
	first, _ := line(src, len(src)-len(bytes.TrimPrefix(src, []byte("\uFEFF"))))
	if bytes.HasPrefix(first, []byte("{")) {
		return true
	}
	d := string(bytes.TrimRight(first, " \t"))
	if len(d) < 3 || d == "---" {
		return false
	}
	return strings.Trim(d, "-") == "" || strings.Trim(d, "+") == ""
}

// line returns the line starting at i without its line ending, and the
// offset of the next line.
func line(src []byte, i int) ([]byte, int) {
	end := bytes.IndexByte(src[i:], '\n')
	if end < 0 {
		return bytes.TrimSuffix(src[i:], []byte("\r")), len(src)
	}
	return bytes.TrimSuffix(src[i:i+end], []byte("\r")), i + end + 1
}

// decodeFrontMatter reads the YAML between yamlStart and yamlEnd into p.Front.
func (p *Post) decodeFrontMatter(yamlStart, yamlEnd int, loc *time.Location, keys []string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	firstLine := p.lines.pos(yamlStart).Line
	var doc yaml.Node
	if err := yaml.Unmarshal(p.Source[yamlStart:yamlEnd], &doc); err != nil {
		return append(diags, p.syntaxError(yamlStart, yamlEnd, err))
	}
	p.Front.ranges = map[string]hcl.Range{}
	if len(doc.Content) == 0 {
		return nil // empty front matter
	}
	root := doc.Content[0]
	if d := p.checkTags(root, firstLine); d != nil {
		return append(diags, d)
	}
	if root.Kind != yaml.MappingNode {
		return append(diags, p.errorAt(root, firstLine, "Invalid front matter", "The front matter must be a mapping of keys to values, like \"title: Launch day\"."))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		// A key is read by its written text, so it must be a plain
		// string: an alias's Value is the anchor's name, not the key a
		// YAML reader resolves it to, and a key tagged !!merge is a merge
		// to PyYAML and others, whatever its name (yaml.v3 merges only
		// "<<"). Either would give a posting tool keys Greenlight never
		// judged (`sponsored: true`).
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			diags = append(diags, p.errorAt(k, firstLine, "Unsupported front matter key",
				"A front matter key must be written as plain text, like \"title:\": an alias (*name), a tag (!!merge) or a "+
					"key that is a list or mapping reads as other keys to a posting tool's YAML library than to Greenlight."))
			continue
		}
		if first, dup := p.Front.ranges[k.Value]; dup {
			diags = append(diags, p.errorAt(k, firstLine, "Duplicate front matter key",
				fmt.Sprintf("%q is already set on line %d.", k.Value, first.Start.Line)))
			continue
		}
		p.Front.ranges[k.Value] = p.nodeRange(v, firstLine)
		if !slices.Contains(keys, k.Value) {
			diags = append(diags, p.unknownKey(k, firstLine, keys))
			continue
		}
		diags = append(diags, p.decodeKey(k.Value, v, firstLine, loc)...)
	}
	return diags
}

// unknownKey reports a key neither Greenlight nor the team declares, at
// the key, with the closest known key and the whole list.
func (p *Post) unknownKey(k *yaml.Node, firstLine int, keys []string) *hcl.Diagnostic {
	detail := fmt.Sprintf("%q is not a front matter key.", k.Value)
	if m := didyoumean.NameSuggestion(k.Value, keys); m != "" {
		detail += fmt.Sprintf(" Did you mean %q?", m)
	}
	detail += " Known keys: " + strings.Join(keys, ", ") +
		". A key of the team's own is declared in greenlight.hcl: front_matter_keys = [...] in the greenlight block."
	return p.errorAt(k, firstLine, "Unknown front matter key", detail)
}

func (p *Post) decodeKey(key string, v *yaml.Node, firstLine int, loc *time.Location) hcl.Diagnostics {
	wrongType := func(want string) hcl.Diagnostics {
		return hcl.Diagnostics{p.errorAt(v, firstLine, "Invalid front matter value",
			fmt.Sprintf("%q must be %s.", key, want))}
	}
	switch key {
	case "title":
		if v.Kind != yaml.ScalarNode {
			return wrongType("a string")
		}
		p.Front.Title = v.Value
		p.addScalarBlock(Title, v, firstLine)
	case "channels":
		var chans []string
		if v.Kind == yaml.ScalarNode && v.Tag == "!!str" {
			chans = []string{v.Value} // "channels: x" is a list of one
		} else if err := v.Decode(&chans); err != nil {
			return wrongType("a list of channel names, like [x, linkedin]")
		}
		p.Front.Channels = chans
		for i, item := range v.Content {
			p.Front.ranges[fmt.Sprintf("channels.%d", i)] = p.nodeRange(item, firstLine)
		}
	case "publish_at":
		if v.Kind != yaml.ScalarNode {
			return wrongType("a date and time, like 2026-12-01T09:00:00-05:00")
		}
		t, err := ParseTime(v.Value, loc)
		if err != nil {
			return hcl.Diagnostics{p.errorAt(v, firstLine, "Invalid publish_at", err.Error())}
		}
		p.Front.PublishAt, p.Front.PublishAtRaw = &t, v.Value
	case "campaign":
		if v.Kind != yaml.ScalarNode {
			return wrongType("a string")
		}
		p.Front.Campaign = v.Value
	case "sponsored":
		if err := v.Decode(&p.Front.Sponsored); err != nil {
			return wrongType("true or false")
		}
	case "media":
		return p.decodeMedia(v, firstLine)
	default:
		var val any
		if err := v.Decode(&val); err != nil {
			return wrongType("a YAML value")
		}
		if p.Front.Extra == nil {
			p.Front.Extra = map[string]any{}
		}
		p.Front.Extra[key] = val
	}
	return nil
}

func (p *Post) decodeMedia(v *yaml.Node, firstLine int) hcl.Diagnostics {
	if v.Kind != yaml.SequenceNode {
		return hcl.Diagnostics{p.errorAt(v, firstLine, "Invalid front matter value",
			`"media" must be a list of items with src and alt, like "- src: media/teaser.png".`)}
	}
	var diags hcl.Diagnostics
	for _, item := range v.Content {
		m := Media{Span: p.nodeSpan(item, firstLine)}
		switch item.Kind {
		case yaml.ScalarNode:
			m.Src = item.Value
		case yaml.MappingNode:
			for i := 0; i+1 < len(item.Content); i += 2 {
				k, val := item.Content[i].Value, item.Content[i+1]
				switch k {
				case "src":
					m.Src = val.Value
				case "alt":
					m.Alt, m.HasAlt = val.Value, true
					// Posted as the image's alt text, like ![alt](src):
					// policy terms are matched in it.
					p.addScalarBlock(AltText, val, firstLine)
				}
			}
			if m.Src == "" {
				diags = append(diags, p.errorAt(item, firstLine, "Invalid media item", `Each media item needs a "src".`))
			}
		default:
			diags = append(diags, p.errorAt(item, firstLine, "Invalid media item", `Each media item needs a "src" and should have an "alt".`))
		}
		p.Media = append(p.Media, m)
	}
	return diags
}

// addScalarBlock makes a front-matter value (the title, an alt text) a
// block of kind, mapped to where it is written. Positions are exact for
// plain and quoted single-line values; escapes in double-quoted values
// shift later columns.
func (p *Post) addScalarBlock(kind BlockKind, v *yaml.Node, firstLine int) {
	if v.Kind != yaml.ScalarNode || v.Value == "" {
		return
	}
	off := p.lines.offset(firstLine+v.Line-1, v.Column)
	if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		off++
	}
	p.Blocks = append(p.Blocks, Block{Kind: kind, Text: v.Value, pieces: []piece{{0, off}}})
}

func (p *Post) nodeRange(n *yaml.Node, firstLine int) hcl.Range {
	from := p.lines.offset(firstLine+n.Line-1, n.Column)
	to := from
	if n.Kind == yaml.ScalarNode {
		width := len(n.Value)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			width += 2
		}
		l, _ := line(p.Source, from)
		to = from + min(max(width, 1), len(l))
	}
	return p.lines.hclRange(p.Path, from, to)
}

func (p *Post) nodeSpan(n *yaml.Node, firstLine int) finding.Span {
	r := p.nodeRange(n, firstLine)
	return p.lines.span(r.Start.Byte, r.End.Byte)
}

// plainTags are the YAML tags whose value Greenlight reads as the text a
// posting tool reads: the core schema's scalars and collections.
var plainTags = []string{"!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!seq", "!!map", "!!merge"}

// checkTags refuses a front matter that tags a value with anything else
// (!!binary, a custom !tag): Greenlight would judge the text as written,
// while a posting tool's YAML library decodes it to other words ("!!binary
// QSByaXNr..." is "A risk..."), which no rule would ever see.
func (p *Post) checkTags(n *yaml.Node, firstLine int) *hcl.Diagnostic {
	if n.Kind != yaml.DocumentNode && n.Kind != yaml.AliasNode && n.Tag != "" && !slices.Contains(plainTags, n.Tag) {
		return p.errorAt(n, firstLine, "Unsupported YAML tag",
			fmt.Sprintf("The front matter tags a value %s. Greenlight judges a value as it is written, and a posting tool may decode a tagged one into other text: write the value plainly.", n.Tag))
	}
	for _, c := range n.Content {
		if d := p.checkTags(c, firstLine); d != nil {
			return d
		}
	}
	return nil
}

func (p *Post) errorAt(n *yaml.Node, firstLine int, summary, detail string) *hcl.Diagnostic {
	r := p.nodeRange(n, firstLine)
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &r}
}

// maxLocatedYAML is the largest front matter whose syntax error goccy/go-yaml
// is asked to pinpoint. Its parser takes time and memory that grow faster
// than the input (a 200 KB run of "[" took over a minute and gigabytes), so
// a larger front matter, which no real post has, gets yaml.v3's line
// instead: still located, never slow.
const maxLocatedYAML = 4 << 10

// syntaxError places a YAML syntax error. yaml.v3 reports the line where
// the offending construct began, which can be lines away from the mistake,
// and no column; goccy/go-yaml's parser pinpoints the token, so it is asked
// where the error is (only on this error path, and only for front matter
// of at most maxLocatedYAML bytes, to keep parsing fast).
func (p *Post) syntaxError(yamlStart, yamlEnd int, err error) *hcl.Diagnostic {
	firstLine := p.lines.pos(yamlStart).Line
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if yamlEnd-yamlStart <= maxLocatedYAML {
		_, perr := goccyparser.ParseBytes(p.Source[yamlStart:yamlEnd], 0)
		var se *goccy.SyntaxError
		if errors.As(perr, &se) && se.Token != nil {
			at := p.lines.offset(firstLine+se.Token.Position.Line-1, se.Token.Position.Column)
			l, _ := line(p.Source, at)
			r := p.lines.hclRange(p.Path, at, at+min(max(len(se.Token.Value), 1), len(l)))
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid front matter",
				Detail: "The front matter is not valid YAML: " + se.Message + ".", Subject: &r}
		}
	}
	if m := yamlLineErr.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return p.errorAtLine(firstLine+n-1, "Invalid front matter", "The front matter is not valid YAML: "+m[2]+".")
	}
	return p.errorAtLine(firstLine, "Invalid front matter", "The front matter is not valid YAML: "+msg+".")
}

var yamlLineErr = regexp.MustCompile(`^line (\d+): (.*)$`)

func (p *Post) errorAtLine(ln int, summary, detail string) *hcl.Diagnostic {
	from := p.lines.offset(ln, 1)
	l, _ := line(p.Source, from)
	// Point at the first non-blank character: that is where YAML complains.
	indent := len(l) - len(bytes.TrimLeft(l, " \t"))
	r := p.lines.hclRange(p.Path, from+indent, from+len(l))
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &r}
}

// ParseTime reads publish_at and other times as people write them: RFC 3339
// with an offset; or a date and time without one, or a bare date (read as
// 00:00), both in loc, never silently as UTC.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if loc == nil {
		loc = time.UTC
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, checkWallClock(s, layout, t, loc)
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time Greenlight can read; write 2026-12-01T09:00:00-05:00, or 2026-12-01 09:00 to use the configured time zone", s)
}

// checkWallClock rejects a local time that a daylight-saving change makes
// nonexistent (02:30 on a spring-forward day: Go would quietly move it to
// 03:30) or ambiguous (01:30 on a fall-back day happens twice), because a
// post must go out when the team means, not when a library guesses.
func checkWallClock(s, layout string, t time.Time, loc *time.Location) error {
	if t.Format(layout) != s {
		// The jump is the edge of the zone t fell into, whichever side
		// of it the time package put t.
		_, before := t.Add(-3 * time.Hour).Zone()
		start, end := t.ZoneBounds()
		jump := end
		if _, off := t.Zone(); off != before {
			jump = start
		}
		from := jump.In(time.FixedZone("", before)).Format("15:04")
		to := jump.In(loc).Format("15:04")
		return fmt.Errorf("%s does not exist in %s: clocks jump forward from %s to %s that day (daylight saving time begins); write a time before %s or from %s on",
			s, loc, from, to, from, to)
	}
	const wall = "2006-01-02 15:04:05"
	for _, d := range []time.Duration{-time.Hour, time.Hour} {
		if other := t.Add(d); other.Format(wall) == t.Format(wall) {
			a, b := t, other
			if b.Before(a) {
				a, b = b, a
			}
			return fmt.Errorf("%s happens twice in %s (daylight saving time ends that day): give an offset, %s or %s",
				s, loc, a.Format("2006-01-02T15:04:05-07:00"), b.Format("2006-01-02T15:04:05-07:00"))
		}
	}
	return nil
}
