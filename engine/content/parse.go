package content

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Parser parses posts. Build one and share it: it holds the Markdown parser
// and is safe for concurrent use.
type Parser struct {
	md  goldmark.Markdown
	loc *time.Location
	ent *entityMatchers
	// keys are the front-matter keys a post may use: FrontMatterKeys and
	// the team's own.
	keys []string
}

// NewParser makes a Parser. loc is the time zone for publish_at values
// written without an offset; nil means UTC. teamKeys are the front-matter
// keys a team uses beyond FrontMatterKeys (the config's front_matter_keys):
// any other key is an error, since a misspelt one ("chanels") would
// otherwise be silently ignored.
func NewParser(loc *time.Location, teamKeys ...string) *Parser {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	return &Parser{md: md, loc: loc, ent: newEntityMatchers(), keys: append(FrontMatterKeys(), teamKeys...)}
}

// FrontMatterKeys are the front-matter keys Greenlight itself reads.
func FrontMatterKeys() []string {
	return []string{"title", "channels", "publish_at", "campaign", "sponsored", "media", "draft"}
}

// Parse reads one post. A post that is not UTF-8, or that holds control
// characters other than tab, CR and LF, is refused with a diagnostic at the
// first offending byte and not read further (see checkReadable); every
// reader of posts (check, the gate, the language server, inspect) comes
// through here. A post with errors in its front matter is still
// returned with whatever could be read, along with the diagnostics; callers
// must not lint a post whose diagnostics have errors.
func (ps *Parser) Parse(path string, src []byte) (*Post, hcl.Diagnostics) {
	p := &Post{Path: path, Source: src, lines: newLineIndex(src)}
	if d := p.checkReadable(); d != nil {
		return p, hcl.Diagnostics{d}
	}
	var diags hcl.Diagnostics
	body := p.lines.bom
	ys, ye, bs, ok, closed := splitFrontMatter(src)
	switch {
	case !ok && otherDelimiter(src):
		l, _ := line(src, body)
		r := p.lines.hclRange(path, body, body+len(l))
		return p, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unsupported front matter",
			Detail: fmt.Sprintf("The post starts with %q, which other tools read as a front matter's first line (TOML's \"+++\", JSON's \"{\", or dashes), "+
				"while Greenlight reads only YAML between two \"---\" lines: write the front matter so, or start the post with its text.", string(bytes.TrimRight(l, " \t"))),
			Subject: &r})
	case !ok:
		p.Draft = true
	case !closed:
		r := p.lines.hclRange(path, 0, 3)
		return p, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unclosed front matter",
			Detail: `The front matter starts with "---" on line 1 but no closing "---" line follows.`, Subject: &r})
	default:
		body, p.frontEnd = bs, bs
		diags = append(diags, p.decodeFrontMatter(ys, ye, ps.loc, ps.keys)...)
	}
	ps.parseBody(p, body)
	return p, diags
}

// parseBody walks the Markdown body that starts at byte offset base.
func (ps *Parser) parseBody(p *Post, base int) {
	src := p.Source[base:]
	doc := ps.md.Parser().Parse(text.NewReader(src))
	w := walker{p: p, src: src, base: base}
	p.copies = map[string]*copyText{"": {Block: Block{Kind: Copy}}}
	w.section("")
	_ = ast.Walk(doc, w.visit)
	for _, c := range p.copies {
		c.Text = strings.TrimRightFunc(c.sb.String(), unicode.IsSpace)
	}
	var body strings.Builder
	for i := range p.Blocks {
		b := &p.Blocks[i]
		if !b.Kind.Prose() {
			continue
		}
		if body.Len() > 0 {
			body.WriteString("\n\n")
		}
		body.WriteString(b.Text)
		p.prose = append(p.prose, proseBlock{channel: b.Channel, text: ps.ent.withoutMentions(b.Text)})
		ps.ent.extract(p, b)
	}
	p.Body = body.String()
}

type walker struct {
	p    *Post
	src  []byte
	base int
	// inList is the depth of list items around the current node.
	inList int
	// linkText collects the link texts, code spans and alt texts of a
	// paragraph, added after it.
	linkText []Block
	// copy is the posted text being built: the default copy, or the
	// section of the channel whose variant heading came last.
	copy    *Block
	copySB  *strings.Builder
	channel string
	// listItems counts items written to the copy in the current list.
	listItems int
	// codeSpans are the code spans read, each with where the prose it
	// stands in holds its place (see postedWithCode).
	codeSpans []codeSpan
}

func (w *walker) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	switch n := n.(type) {
	case *ast.List:
		if entering {
			w.listItems = 0
		}
	case *ast.ListItem:
		if entering {
			w.inList++
			w.listMarker(n)
		} else {
			w.inList--
		}
	case *ast.HTMLBlock:
		if entering {
			segs := n.Lines().Sliced(0, n.Lines().Len())
			if n.HasClosure() {
				segs = append(segs, n.ClosureLine)
			}
			for _, seg := range segs {
				w.p.addControls(string(seg.Value(w.src)), w.base+seg.Start)
			}
			if blocks := w.html(segs); len(blocks) > 0 {
				w.separate("\n\n", n)
				w.htmlCopy(&blocks[0])
				w.p.Blocks = append(w.p.Blocks, blocks...)
			}
		}
		return ast.WalkSkipChildren, nil
	case *ast.LinkReferenceDefinition:
		if entering {
			w.linkDefinition(n)
		}
		return ast.WalkSkipChildren, nil
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		if entering {
			w.codeCopy(n)
			w.codeBlock(n)
		}
		return ast.WalkSkipChildren, nil
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *extast.TableCell:
		if !entering {
			return ast.WalkContinue, nil
		}
		kind, level := Paragraph, 0
		switch n := n.(type) {
		case *ast.Heading:
			if _, ok := w.variantHeading(n); ok {
				return ast.WalkSkipChildren, nil
			}
			kind, level = Heading, n.Level
		case *extast.TableCell:
			kind = TableCell
		default:
			if w.inList > 0 {
				kind = ListItem
			}
		}
		b := Block{Kind: kind, Level: level, Channel: w.channel}
		var sb strings.Builder
		if _, first := n.Parent().(*ast.ListItem); !first || n.PreviousSibling() != nil {
			w.separate("\n\n", n) // a list item's first block follows its marker
		}
		spans := len(w.codeSpans)
		w.inline(n, &b, &sb)
		b.Text = sb.String()
		if strings.TrimSpace(b.Text) != "" {
			w.p.Blocks = append(w.p.Blocks, b)
			w.postedWithCode(&b, &sb, w.codeSpans[spans:])
		}
		w.codeSpans = w.codeSpans[:spans]
		for i := range w.linkText {
			w.linkText[i].Channel = w.channel
		}
		w.p.Blocks = append(w.p.Blocks, w.linkText...)
		w.linkText = w.linkText[:0]
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// inline appends the prose of n's inline children to sb, recording where
// each piece came from.
func (w *walker) inline(n ast.Node, b *Block, sb *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			w.add(b, sb, string(seg.Value(w.src)), w.base+seg.Start)
			w.addCopy(string(seg.Value(w.src)), w.base+seg.Start)
			if c.SoftLineBreak() || c.HardLineBreak() {
				// The line break stands for a space between words; the
				// post keeps it.
				w.add(b, sb, " ", w.base+seg.Stop)
				w.addCopy("\n", w.base+seg.Stop)
			}
		case *ast.String:
			// Produced by extensions (typographer); it has no segment.
			sb.WriteString(string(c.Value))
		case *ast.CodeSpan:
			// Code is not prose; keep a space so the words around it stay
			// apart. The post shows it as written.
			slot := codeSpan{in: sb, at: -1}
			if t, ok := c.FirstChild().(*ast.Text); ok {
				slot.at = sb.Len()
				w.add(b, sb, " ", w.base+t.Segment.Start)
			}
			code := Block{Kind: Code, Channel: w.channel}
			var csb strings.Builder
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					w.addCopy(string(t.Segment.Value(w.src)), w.base+t.Segment.Start)
					w.add(&code, &csb, string(t.Segment.Value(w.src)), w.base+t.Segment.Start)
				}
			}
			slot.code = code
			slot.code.Text = csb.String()
			w.codeSpans = append(w.codeSpans, slot)
			w.pending(code, &csb)
		case *ast.AutoLink:
			// Bare URLs and <url> are not prose either.
			label := c.Label(w.src)
			at := w.base + offsetIn(w.src, label)
			w.add(b, sb, " ", at)
			w.addCopy(string(label), at)
			w.p.Links = append(w.p.Links, Link{URL: string(c.URL(w.src)), Span: w.p.lines.span(at, at+len(label)), Channel: w.channel})
		case *ast.Link:
			before, pieces := sb.Len(), len(b.pieces)
			w.inline(c, b, sb)
			l := Link{URL: destination(c.Destination), Text: sb.String()[before:], Channel: w.channel}
			if l.URL != strings.TrimSpace(l.Text) {
				// A post has no hidden link targets: the URL goes out too.
				w.addCopy(" "+l.URL, w.base+max(c.Pos(), 0))
			}
			if l.Text != "" {
				lt := Block{Kind: LinkText, Text: l.Text}
				for _, pc := range b.pieces[max(pieces-1, 0):] {
					lt.pieces = append(lt.pieces, piece{text: max(pc.text-before, 0), src: pc.src + max(before-pc.text, 0)})
				}
				l.Span = w.p.Span(&lt, 0, len(l.Text))
				w.linkText = append(w.linkText, lt)
			} else if pos := c.Pos(); pos >= 0 {
				// No text to point at: point at the opening "[".
				l.Span = w.p.lines.span(w.base+pos, w.base+pos+1)
			}
			w.p.Links = append(w.p.Links, l)
			if len(c.Title) > 0 && c.Reference == nil {
				// A reference link's title is its definition's, a block
				// of its own where it is written.
				w.pendingRaw(LinkTitle, c.Title, textEnd(c))
			}
		case *ast.Image:
			alt := string(c.Text(w.src)) //nolint:staticcheck // Text is the alt text
			m := Media{Src: destination(c.Destination), Alt: alt, HasAlt: alt != ""}
			if t, ok := c.FirstChild().(*ast.Text); ok {
				m.Span = w.p.lines.span(w.base+t.Segment.Start, w.base+t.Segment.Stop)
			} else if pos := c.Pos(); pos >= 0 {
				// No plain alt text to point at: point at the opening "![".
				m.Span = w.p.lines.span(w.base+pos, w.base+pos+2)
			}
			w.p.Media = append(w.p.Media, m)
			altBlock := Block{Kind: AltText, Channel: w.channel}
			var asb strings.Builder
			_ = ast.Walk(c, func(t ast.Node, entering bool) (ast.WalkStatus, error) {
				if t, ok := t.(*ast.Text); ok && entering {
					w.add(&altBlock, &asb, string(t.Segment.Value(w.src)), w.base+t.Segment.Start)
				}
				return ast.WalkContinue, nil
			})
			w.pending(altBlock, &asb)
			if len(c.Title) > 0 && c.Reference == nil {
				// A reference link's title is its definition's, a block
				// of its own where it is written.
				w.pendingRaw(LinkTitle, c.Title, textEnd(c))
			}
		case *ast.RawHTML:
			segs := c.Segments.Sliced(0, c.Segments.Len())
			for _, seg := range segs {
				w.p.addControls(string(seg.Value(w.src)), w.base+seg.Start)
			}
			// A tag is not prose (the text around it stays joined, as a
			// renderer shows it), but it is posted as written: its
			// attributes (title="...", alt="...") are matched.
			if blocks := w.html(segs); len(blocks) > 0 {
				w.htmlCopy(&blocks[0])
				w.linkText = append(w.linkText, blocks...)
			}
		default:
			w.inline(c, b, sb)
		}
	}
}

// codeSpan is a code span read inside a paragraph: its text, and the
// offset in the builder in of the space the prose holds in its place (-1
// when there is none).
type codeSpan struct {
	in   *strings.Builder
	at   int
	code Block
}

// postedWithCode adds the paragraph prose (written with sb) as it is
// posted, each of its code spans in place of the space the prose holds,
// as a code block: the prose has a space where each span stands, and a
// span is a block of its own, so neither holds a term that a span splits
// (`risk`-free), which every platform posts, and every renderer shows,
// whole. Nothing when the paragraph has no code span.
func (w *walker) postedWithCode(prose *Block, sb *strings.Builder, spans []codeSpan) {
	out := Block{Kind: Code, Channel: w.channel}
	var osb strings.Builder
	part := func(from *Block, start, end int) {
		if start >= end {
			return
		}
		p := from.sub(Code, start, end)
		for _, pc := range p.pieces {
			out.pieces = append(out.pieces, piece{text: osb.Len() + pc.text, src: pc.src})
		}
		osb.WriteString(p.Text)
	}
	prev := 0
	for _, s := range spans {
		if s.in != sb || s.at < 0 {
			continue // a span in a link's or image's own text, or empty
		}
		part(prose, prev, s.at)
		part(&s.code, 0, len(s.code.Text))
		prev = s.at + 1
	}
	if prev == 0 {
		return
	}
	part(prose, prev, len(prose.Text))
	if out.Text = osb.String(); strings.TrimSpace(out.Text) != "" {
		w.linkText = append(w.linkText, out)
	}
}

// pending keeps a block found inside a paragraph (a code span, an alt
// text) to add after it, unless it is blank.
func (w *walker) pending(b Block, sb *strings.Builder) {
	if b.Text = sb.String(); strings.TrimSpace(b.Text) != "" {
		w.linkText = append(w.linkText, b)
	}
}

// codeBlock adds a code block's lines as one block: not prose, but
// published.
func (w *walker) codeBlock(n ast.Node) {
	b := Block{Kind: Code, Channel: w.channel}
	var sb strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		// The file's own bytes: goldmark pads a line with the spaces of a
		// tab it split for the indentation, which are not in the file, so
		// they could not be mapped back to it.
		w.add(&b, &sb, string(w.src[seg.Start:seg.Stop]), w.base+seg.Start)
	}
	if b.Text = sb.String(); strings.TrimSpace(b.Text) != "" {
		w.p.Blocks = append(w.p.Blocks, b)
	}
}

// add appends s, which starts at file offset src, to the block's text.
func (w *walker) add(b *Block, sb *strings.Builder, s string, src int) {
	if n := len(b.pieces); n == 0 || b.pieces[n-1].src+sb.Len()-b.pieces[n-1].text != src {
		b.pieces = append(b.pieces, piece{text: sb.Len(), src: src})
	}
	sb.WriteString(s)
}

// destination is a link's or image's destination as a reader follows it:
// goldmark keeps it as written, and a renderer decodes its backslash
// escapes and character references, so https://b&#97;d.example is a link
// to bad.example, and its domain rules must see that.
func destination(d []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(d))))
}

// offsetIn is the offset of sub within src, where sub is a slice of src
// (goldmark hands out such slices but not their offsets).
func offsetIn(src, sub []byte) int { return cap(src) - cap(sub) }
