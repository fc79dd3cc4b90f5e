package content

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// html turns HTML (an HTML block's lines, or an inline tag) into the
// blocks policy terms are matched in (see the HTML kind): the HTML as
// written without its comments, then, when it has tags, its text without
// the tags. Either is left out when blank.
func (w *walker) html(segs []text.Segment) []Block {
	all := Block{Kind: HTML, Channel: w.channel}
	var sb strings.Builder
	for _, seg := range segs {
		w.add(&all, &sb, string(seg.Value(w.src)), w.base+seg.Start)
	}
	all.Text = sb.String()
	comments, tags := htmlMarkup(all.Text)
	var out []Block
	written := all.keep(comments)
	if strings.TrimSpace(written.Text) != "" {
		out = append(out, written)
	}
	if len(tags) > 0 {
		// A tag can split a term ("risk-<b>free</b>") that a renderer
		// shows whole; the text without tags is matched too.
		stripped := all.keep(append(comments, tags...))
		if strings.TrimSpace(stripped.Text) != "" && stripped.Text != written.Text {
			out = append(out, stripped)
		}
	}
	return out
}

// htmlCopy writes HTML as written (comments aside) to the copy: a
// platform that takes Markdown as text posts it so, and counts it.
func (w *walker) htmlCopy(b *Block) {
	for i, pc := range b.pieces {
		end := len(b.Text)
		if i+1 < len(b.pieces) {
			end = b.pieces[i+1].text
		}
		s := b.Text[pc.text:end]
		if i == len(b.pieces)-1 {
			s = strings.TrimRight(s, "\r\n")
		}
		w.addCopy(s, pc.src)
	}
}

// htmlMarkup finds the comments and the tags of HTML, as byte ranges of
// s. An unclosed comment runs to the end, as it does for a renderer; a
// "<" that starts no tag is text.
func htmlMarkup(s string) (comments, tags [][2]int) {
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "<!--") {
			end := len(s)
			if j := strings.Index(s[i+4:], "-->"); j >= 0 {
				end = i + 4 + j + 3
			}
			comments = append(comments, [2]int{i, end})
			i = end
			continue
		}
		if end := tagEnd(s, i); end > 0 {
			tags = append(tags, [2]int{i, end})
			i = end
			continue
		}
		i++
	}
	return comments, tags
}

// tagEnd is where the tag that starts at s[i] ends ("<a ...>", "</a>",
// "<!DOCTYPE ...>", "<?php ... ?>"), quoted attribute values skipped; -1
// when none starts there.
func tagEnd(s string, i int) int {
	if s[i] != '<' || i+1 >= len(s) {
		return -1
	}
	if c := s[i+1] | 0x20; (c < 'a' || c > 'z') && s[i+1] != '/' && s[i+1] != '!' && s[i+1] != '?' {
		return -1
	}
	var quote byte
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1
		}
	}
	return -1
}

// keep is the block's text without the byte ranges cut (sorted, not
// overlapping), each kept byte mapped to the same file byte as before.
func (b *Block) keep(cut [][2]int) Block {
	out := Block{Kind: b.Kind, Channel: b.Channel}
	var sb strings.Builder
	from := 0
	add := func(start, end int) {
		if start >= end {
			return
		}
		s := b.sub(b.Kind, start, end)
		for _, pc := range s.pieces {
			out.pieces = append(out.pieces, piece{text: sb.Len() + pc.text, src: pc.src})
		}
		sb.WriteString(s.Text)
	}
	slices.SortFunc(cut, func(a, b [2]int) int { return a[0] - b[0] })
	for _, c := range cut {
		add(from, c[0])
		from = max(from, c[1])
	}
	add(from, len(b.Text))
	out.Text = sb.String()
	return out
}

// linkDefinition adds a link reference definition's label and title as
// blocks: a renderer shows neither as text (the title becomes a tooltip),
// but a platform that posts Markdown as text posts the line as written.
// The destination is a URL, matched nowhere, as a link's is not.
func (w *walker) linkDefinition(n *ast.LinkReferenceDefinition) {
	from := 0
	if n.Lines().Len() > 0 {
		from = n.Lines().At(0).Start
	}
	for _, v := range [][]byte{n.Label, n.Title} {
		b, end := w.raw(LinkTitle, v, from)
		if strings.TrimSpace(b.Text) != "" {
			w.p.Blocks = append(w.p.Blocks, b)
		}
		from = max(from, end)
	}
}

// pendingRaw adds v, a value goldmark parsed out of the source at or after
// body offset from, as a block to follow the paragraph.
func (w *walker) pendingRaw(kind BlockKind, v []byte, from int) {
	if b, _ := w.raw(kind, v, from); strings.TrimSpace(b.Text) != "" {
		w.linkText = append(w.linkText, b)
	}
}

// raw maps v, text goldmark parsed out of the body at or after offset
// from, back to where it is written, line by line: goldmark hands out a
// one-line value as a slice of the source, but joins the lines of a longer
// one. It returns the block and the body offset after the last line found;
// a line that cannot be found ends the block.
func (w *walker) raw(kind BlockKind, v []byte, from int) (Block, int) {
	b := Block{Kind: kind, Channel: w.channel}
	var sb strings.Builder
	for _, part := range bytes.SplitAfter(v, []byte("\n")) {
		off := w.offsetOf(part, from)
		if len(part) == 0 || off < 0 {
			break
		}
		w.add(&b, &sb, string(part), w.base+off)
		from = off + len(part)
	}
	b.Text = sb.String()
	return b, from
}

// offsetOf is where sub is in the body: its own offset when it is a slice
// of the body, else its first occurrence at or after from; -1 if none.
func (w *walker) offsetOf(sub []byte, from int) int {
	if len(sub) == 0 || from > len(w.src) {
		return -1
	}
	if off := cap(w.src) - cap(sub); off >= 0 && off+len(sub) <= len(w.src) && &w.src[off] == &sub[0] {
		return off
	}
	if i := bytes.Index(w.src[from:], sub); i >= 0 {
		return from + i
	}
	return -1
}

// textEnd is the body offset after a link's or image's text, where its
// destination and title follow; 0 when it has no text.
func textEnd(n ast.Node) int {
	end := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			end = max(end, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	if end == 0 {
		end = max(n.Pos(), 0)
	}
	return end
}
