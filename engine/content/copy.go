package content

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// The copy of a post is its text as it will be posted: Markdown markup
// removed, but code, URLs (bare URLs as written, a link's target after its
// text), hashtags, line breaks and HTML as written (comments aside: a
// platform that takes Markdown as text posts the HTML, and a limit must
// count it) kept, paragraphs separated by a blank line. Channels count
// their limits on it.
//
// A post can carry a variant per channel: a level-2 heading that names one
// of the post's channels ("## X", "## LinkedIn") starts that channel's copy,
// which runs to the next such heading. The text before the first one is
// the copy of every channel without its own section. Every variant is
// linted; a variant's heading is not part of any copy.

// copyText is one copy being built and its map back to the file.
type copyText struct {
	Block
	sb strings.Builder
	// at is the file offset of the heading that starts a variant.
	at int
}

// Copy returns the text a channel will post, mapped to the file: the
// channel's own section when the post has one, else the common copy.
func (p *Post) Copy(channel string) *Block {
	if c, ok := p.copies[strings.ToLower(channel)]; ok {
		return &c.Block
	}
	return &p.copies[""].Block
}

// Variants lists the channels with a section of their own, in file order.
func (p *Post) Variants() []string { return p.variants }

// VariantHeading is the span of a channel's variant heading, for findings
// about the variant as a whole; ok is false when it has none.
func (p *Post) VariantHeading(channel string) (start int, ok bool) {
	c, ok := p.copies[strings.ToLower(channel)]
	if !ok || channel == "" {
		return 0, false
	}
	return c.at, true
}

// section switches the copy being written to channel ("" is the default).
func (w *walker) section(channel string) {
	c, ok := w.p.copies[channel]
	if !ok {
		c = &copyText{Block: Block{Kind: Copy, Channel: channel}}
		w.p.copies[channel] = c
		w.p.variants = append(w.p.variants, channel)
	}
	w.copy, w.copySB, w.channel = &c.Block, &c.sb, channel
}

// variantHeading reports whether a heading starts a channel's variant: a
// level-2 heading whose whole text is one of the post's channels.
func (w *walker) variantHeading(h *ast.Heading) (string, bool) {
	if h.Level != 2 || w.inList > 0 {
		return "", false
	}
	at := w.base
	if h.Lines().Len() > 0 {
		at += h.Lines().At(0).Start
	}
	var name strings.Builder
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return "", false
		}
		name.Write(t.Segment.Value(w.src))
	}
	ch := strings.ToLower(strings.TrimSpace(name.String()))
	for _, want := range w.p.Front.Channels {
		if strings.ToLower(want) == ch {
			if _, ok := w.p.copies[ch]; ok {
				return "", false // a second section for the same channel is just a heading
			}
			w.section(ch)
			w.p.copies[ch].at = at
			return ch, true
		}
	}
	return "", false
}

// addCopy appends s, which stands for file offset src, to the copy.
func (w *walker) addCopy(s string, src int) {
	w.add(w.copy, w.copySB, s, src)
}

// separate starts a new block in the copy.
func (w *walker) separate(sep string, n ast.Node) {
	if w.copySB.Len() == 0 {
		return
	}
	at := w.base
	if n.Lines().Len() > 0 {
		at += n.Lines().At(0).Start
	}
	w.addCopy(sep, at)
}

// listMarker writes a list item's marker ("- ", "1. ") to the copy, on a
// line of its own.
func (w *walker) listMarker(item *ast.ListItem) {
	list, ok := item.Parent().(*ast.List)
	if !ok {
		return
	}
	at := w.base
	if first := item.FirstChild(); first != nil && first.Lines().Len() > 0 {
		at += first.Lines().At(0).Start
	}
	sep := "\n"
	if w.listItems == 0 {
		sep = "\n\n"
	}
	if w.copySB.Len() > 0 {
		w.addCopy(sep, at)
	}
	marker := string(list.Marker) + " "
	if list.IsOrdered() {
		marker = strconv.Itoa(list.Start+w.listItems) + string(list.Marker) + " "
	}
	w.addCopy(marker, at)
	w.listItems++
}

// codeCopy writes a code block's lines to the copy as they are.
func (w *walker) codeCopy(n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	w.separate("\n\n", n)
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		w.addCopy(strings.TrimRight(string(seg.Value(w.src)), "\r"), w.base+seg.Start)
	}
}
