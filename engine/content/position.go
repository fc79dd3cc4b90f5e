package content

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/hashicorp/hcl/v2"
)

// lineIndex maps byte offsets of a file to lines and columns.
type lineIndex struct {
	src   []byte
	start []int // byte offset where each line starts
	// bom is the length of a UTF-8 byte order mark at the start of the
	// file: editors do not show it, so first-line columns do not count it.
	bom int
}

func newLineIndex(src []byte) lineIndex {
	starts := make([]int, 1, 1+len(src)/40)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	x := lineIndex{src: src, start: starts}
	if bytes.HasPrefix(src, []byte(utf8BOM)) {
		x.bom = len(utf8BOM)
	}
	return x
}

// lineStart is where the text of line i (0-based) starts: the first line
// starts after a byte order mark.
func (x lineIndex) lineStart(i int) int {
	if i == 0 {
		return x.bom
	}
	return x.start[i]
}

// pos turns a byte offset into a 1-based line and code-point column.
func (x lineIndex) pos(off int) finding.Pos {
	off = min(max(off, 0), len(x.src))
	line := sort.Search(len(x.start), func(i int) bool { return x.start[i] > off }) - 1
	col := 1 + utf8.RuneCount(x.src[min(x.lineStart(line), off):off])
	return finding.Pos{Line: line + 1, Col: col, Offset: off}
}

// offset turns a 1-based line and code-point column back into a byte
// offset, clamped to the line.
func (x lineIndex) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(x.start) {
		return len(x.src)
	}
	off := x.lineStart(line - 1)
	for c := 1; c < col && off < len(x.src) && x.src[off] != '\n'; c++ {
		_, n := utf8.DecodeRune(x.src[off:])
		off += n
	}
	return off
}

// span covers the bytes [from, to) of the file; End is the last character.
func (x lineIndex) span(from, to int) finding.Span {
	// A title with YAML escapes can be longer than what is written: keep
	// its span inside the file.
	from, to = min(max(from, 0), len(x.src)), min(max(to, 0), len(x.src))
	start := x.pos(from)
	if to <= from {
		return finding.Span{Start: start, End: start}
	}
	_, n := utf8.DecodeLastRune(x.src[from:to])
	return finding.Span{Start: start, End: x.pos(to - n)}
}

// hclRange is the span as an HCL range (End exclusive), the currency of
// user-facing errors.
func (x lineIndex) hclRange(filename string, from, to int) hcl.Range {
	s, e := x.pos(from), x.pos(max(to, from))
	return hcl.Range{
		Filename: filename,
		Start:    hcl.Pos{Line: s.Line, Column: s.Col, Byte: s.Offset},
		End:      hcl.Pos{Line: e.Line, Column: e.Col, Byte: e.Offset},
	}
}
