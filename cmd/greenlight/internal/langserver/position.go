package langserver

import (
	"sort"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// text is a document's bytes with the offsets where its lines start, as
// LSP counts lines. Greenlight measures in bytes and code points; LSP in
// lines and UTF-16 code units, so an emoji is one column to one and two
// characters to the other: every conversion goes through byte offsets.
type text struct {
	src    []byte
	starts []int // byte offset where each line starts
}

func newText(src []byte) text {
	starts := make([]int, 1, 1+len(src)/40)
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			// LSP ends a line at "\r\n", "\n" or a lone "\r".
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return text{src: src, starts: starts}
}

// position is the LSP position of a byte offset; an offset inside a
// character counts from that character's start.
func (t text) position(off int) protocol.Position {
	off = min(max(off, 0), len(t.src))
	for off > 0 && off < len(t.src) && !utf8.RuneStart(t.src[off]) {
		off--
	}
	line := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(utf16Len(t.src[t.starts[line]:off]))}
}

// offset is the byte offset of an LSP position, clamped to its line as the
// protocol asks: a character past the line's end means the end.
func (t text) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= len(t.starts) {
		return len(t.src)
	}
	off, end := t.starts[line], t.lineEnd(line)
	for units := 0; off < end; {
		r, n := utf8.DecodeRune(t.src[off:end])
		units += utf16Units(r)
		if units > int(p.Character) {
			break
		}
		off += n
	}
	return off
}

// lineEnd is the offset of line's terminator, or of the end of the text.
func (t text) lineEnd(line int) int {
	end := len(t.src)
	if line+1 < len(t.starts) {
		end = t.starts[line+1]
	}
	for end > t.starts[line] && (t.src[end-1] == '\n' || t.src[end-1] == '\r') {
		end--
	}
	return end
}

// codePoint is the byte offset of a 1-based line and code-point column
// (Greenlight's and HCL's way to place things), clamped to the line.
func (t text) codePoint(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(t.starts) {
		return len(t.src)
	}
	off, end := t.starts[line-1], t.lineEnd(line-1)
	for c := 1; c < col && off < end; c++ {
		_, n := utf8.DecodeRune(t.src[off:end])
		off += n
	}
	return off
}

// findingRange is a finding's span as an LSP range.
func (t text) findingRange(s finding.Span) protocol.Range {
	start, end := t.spanOffsets(s)
	return protocol.Range{Start: t.position(start), End: t.position(end)}
}

// spanOffsets are a finding's bytes [start, end), the ones its fix
// replaces: a span's End is its last character, so they end after it.
// The engine sets every position's byte offset; those are what count,
// as a column in code points is not an editor's. This is the range the
// pull request's one-click suggestion replaces.
func (t text) spanOffsets(s finding.Span) (start, end int) {
	start = min(max(s.Start.Offset, 0), len(t.src))
	end = min(max(s.End.Offset, start), len(t.src))
	if end < len(t.src) {
		_, n := utf8.DecodeRune(t.src[end:])
		end += n
	}
	return start, end
}

// hclRange is an HCL range as an LSP range. A position whose byte offset
// is unset (a diagnostic converted from a Rego error carries a line and a
// column only) is placed by its line and column.
func (t text) hclRange(r hcl.Range) protocol.Range {
	at := func(p hcl.Pos) int {
		if p.Byte == 0 && (p.Line > 1 || p.Column > 1) {
			return t.codePoint(p.Line, p.Column)
		}
		return min(max(p.Byte, 0), len(t.src))
	}
	start := at(r.Start)
	end := max(at(r.End), start)
	return protocol.Range{Start: t.position(start), End: t.position(end)}
}

// utf16Len counts s in UTF-16 code units; an invalid byte counts as the
// one replacement character an editor shows for it.
func utf16Len(s []byte) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		n += utf16Units(r)
		s = s[size:]
	}
	return n
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
