package content

import (
	"time"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/hashicorp/hcl/v2"
)

// Post is one parsed post file.
type Post struct {
	// Path is the file's path as the user named it (relative to the
	// repository root where one is known).
	Path string
	// Source is the file's bytes, unchanged.
	Source []byte
	// Draft is true for a Markdown file without front matter: it is still
	// linted, but targets no channel.
	Draft bool
	Front Front
	// Body is the post's copy with Markdown markup, code and URLs removed,
	// blocks separated by blank lines: what a reader reads. Hashtags and
	// mentions stay in it.
	Body string
	// Blocks are the pieces of prose the style rules read, in file order.
	Blocks   []Block
	Hashtags []Entity
	Mentions []Entity
	Links    []Link
	// Media are the front matter's media followed by the body's images.
	Media []Media

	controls []control
	// prose are the prose blocks, in file order, as Prose gives them.
	prose []proseBlock
	lines lineIndex
	// frontEnd is where the front matter ends, its closing line included;
	// 0 for a draft.
	frontEnd int
	copies   map[string]*copyText
	variants []string
}

// Front is the post's front matter.
type Front struct {
	Title     string
	Channels  []string
	PublishAt *time.Time
	// PublishAtRaw is publish_at as written, for messages.
	PublishAtRaw string
	Campaign     string
	Sponsored    bool
	// Extra holds every other key, for policies.
	Extra map[string]any
	// ranges remembers where each key's value is, for errors and findings.
	ranges map[string]hcl.Range
}

// Range is where the value of a front-matter key is written; the zero Range
// when the key is absent.
func (f Front) Range(key string) (hcl.Range, bool) {
	r, ok := f.ranges[key]
	return r, ok
}

// Media is an image or video attached to the post.
type Media struct {
	Src string
	Alt string
	// HasAlt distinguishes an empty alt text from a missing one.
	HasAlt bool
	Span   finding.Span
}

// Entity is a hashtag or mention: Text without its sigil.
type Entity struct {
	Text string
	Span finding.Span
}

// Link is a URL in the body: a Markdown link, an autolink or a bare URL.
type Link struct {
	URL string
	// Text is the link's visible text; empty for bare URLs.
	Text string
	Span finding.Span
	// Channel is the channel whose section holds the link; "" for the
	// common copy.
	Channel string
}

// BlockKind says what a block of prose is, which decides the rule scopes
// that read it.
type BlockKind int

const (
	Paragraph BlockKind = iota
	Heading
	ListItem
	TableCell
	Title
	Hashtag
	LinkText
	// Copy is the text a channel posts (see Post.Copy); never linted.
	Copy
	// Code is a code span or code block. It is not prose, so no style
	// rule reads it, but it is published: policy terms are matched in it.
	Code
	// AltText is an image's alt text, in the body (![alt](src)) or the
	// front matter (media[].alt): published, matched for policy terms, not
	// read by style rules.
	AltText
	// HTML is the text of an HTML block or of inline raw HTML, its
	// comments cut out (they hold Greenlight's own controls and no
	// renderer shows them). A platform that takes Markdown as text posts
	// it as written, a tool that renders the Markdown and strips tags
	// shows the text between them, so each piece of HTML is one block as
	// written and, when it has tags, one more with its tags cut out: a
	// term is matched in either. Published, not prose.
	HTML
	// LinkTitle is a link's title ([text](url "title")), or the label or
	// title of a link reference definition ([label]: url "title"): shown
	// as a tooltip when rendered, as written when posted as text.
	// Published, not prose.
	LinkTitle
)

var blockKindNames = [...]string{"paragraph", "heading", "list item", "table cell", "title", "hashtag", "link text", "copy", "code", "alt text", "html", "link title"}

func (k BlockKind) String() string { return blockKindNames[k] }

// Prose reports whether blocks of kind k are the post's prose, what a
// reader reads as sentences: the blocks of Body and Prose, which grades,
// tone and entities are measured on. The title is not (no channel posts
// it); code, alt text, HTML and link titles are published but not prose.
func (k BlockKind) Prose() bool {
	return k == Paragraph || k == Heading || k == ListItem || k == TableCell
}

// Block is a run of prose and the map from its bytes back to the file.
type Block struct {
	Kind BlockKind
	// Channel is the channel whose variant section holds the block, or ""
	// for the common copy.
	Channel string
	// Level is the heading level, 0 for other kinds.
	Level int
	Text  string
	// pieces map Text to the file: Text[p.text:] starts at file byte p.src,
	// up to the next piece.
	pieces []piece
}

type piece struct{ text, src int }

// srcOffset maps a byte offset in b.Text to a byte offset in the file.
func (b *Block) srcOffset(off int) int {
	i := len(b.pieces) - 1
	for i > 0 && b.pieces[i].text > off {
		i--
	}
	if i < 0 {
		return 0
	}
	p := b.pieces[i]
	return p.src + off - p.text
}

// sub is the part [start, end) of the block's text as a block of kind,
// mapped to the same file bytes.
func (b *Block) sub(kind BlockKind, start, end int) Block {
	s := Block{Kind: kind, Text: b.Text[start:end]}
	for i, pc := range b.pieces {
		if pc.text >= end {
			break
		}
		if i+1 < len(b.pieces) && b.pieces[i+1].text <= start {
			continue
		}
		s.pieces = append(s.pieces, piece{text: max(pc.text-start, 0), src: pc.src + max(start-pc.text, 0)})
	}
	return s
}

// Span is the file span of the bytes [start, end) of the block's text.
func (p *Post) Span(b *Block, start, end int) finding.Span {
	from := b.srcOffset(start)
	if end <= start {
		return p.lines.span(from, from)
	}
	// Map the last byte rather than end itself: end may sit on a piece
	// boundary that jumps to a later part of the file.
	last := b.srcOffset(end - 1)
	to := last + 1
	for to < len(p.Source) && to-last < 4 && !startsRune(p.Source[to]) {
		to++
	}
	return p.lines.span(from, to)
}

// FrontMatterEnd is the byte offset where the front matter block ends, its
// closing line included, so that an editor can tell the front matter from
// the copy; ok is false when the post has none.
func (p *Post) FrontMatterEnd() (end int, ok bool) { return p.frontEnd, p.frontEnd > 0 }

// Offset is the byte offset of a 1-based line and code-point column.
func (p *Post) Offset(line, col int) int { return p.lines.offset(line, col) }

// Pos is the file position of a byte offset.
func (p *Post) Pos(off int) finding.Pos { return p.lines.pos(off) }

// FileSpan is the span of the file bytes [from, to).
func (p *Post) FileSpan(from, to int) finding.Span { return p.lines.span(from, to) }

func startsRune(b byte) bool { return b&0xC0 != 0x80 }
