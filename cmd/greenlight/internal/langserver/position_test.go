package langserver

import (
	"testing"

	"github.com/greenlighthq/greenlight/engine/finding"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

func TestPositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		off  int // a byte offset
		want protocol.Position
	}{
		{"ASCII counts one unit a byte", "ab\ncd", 4, protocol.Position{Line: 1, Character: 1}},
		{"an accented letter is two bytes and one unit", "é!", 2, protocol.Position{Line: 0, Character: 1}},
		{"an emoji is four bytes and two units", "🎉x", 4, protocol.Position{Line: 0, Character: 2}},
		{"a CJK character is three bytes and one unit", "日本", 3, protocol.Position{Line: 0, Character: 1}},
		{"CRLF ends one line", "a\r\nb", 3, protocol.Position{Line: 1, Character: 0}},
		{"a lone CR ends a line, as LSP says", "a\rb", 2, protocol.Position{Line: 1, Character: 0}},
		{"an offset inside a character counts from its start", "🎉x", 2, protocol.Position{Line: 0, Character: 0}},
		{"an invalid byte is one replacement character", "\xffx", 1, protocol.Position{Line: 0, Character: 1}},
		{"the end of the text is a position", "ab", 2, protocol.Position{Line: 0, Character: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newText([]byte(tt.src))
			if got := x.position(tt.off); got != tt.want {
				t.Errorf("position(%d) = %+v, want %+v", tt.off, got, tt.want)
			}
			off := tt.off
			for off > 0 && off < len(tt.src) && tt.src[off]&0xC0 == 0x80 {
				off--
			}
			if got := x.offset(tt.want); got != off {
				t.Errorf("offset(%+v) = %d, want %d", tt.want, got, off)
			}
		})
	}
}

func TestOffsetClampsToTheLine(t *testing.T) {
	x := newText([]byte("ab\r\ncd"))
	if got := x.offset(protocol.Position{Line: 0, Character: 99}); got != 2 {
		t.Errorf("a character past the line's end = %d, want the line's end 2", got)
	}
	if got := x.offset(protocol.Position{Line: 1, Character: 1}); got != 5 {
		t.Errorf("the line after a CRLF = %d, want 5", got)
	}
	if got := x.offset(protocol.Position{Line: 9}); got != 6 {
		t.Errorf("a line past the end = %d, want the text's end 6", got)
	}
}

func TestFindingRangeEndsAfterItsLastCharacter(t *testing.T) {
	src := "We 🎉 Github\n"
	x := newText([]byte(src))
	// "Github" is bytes 8 to 14; a span's End is its last character, "b".
	span := finding.Span{Start: finding.Pos{Line: 1, Col: 6, Offset: 8}, End: finding.Pos{Line: 1, Col: 11, Offset: 13}}
	want := protocol.Range{Start: protocol.Position{Line: 0, Character: 6}, End: protocol.Position{Line: 0, Character: 12}}
	if got := x.findingRange(span); got != want {
		t.Errorf("findingRange = %+v, want %+v", got, want)
	}
	if start, end := x.spanOffsets(span); src[start:end] != "Github" {
		t.Errorf("spanOffsets cover %q, want Github", src[start:end])
	}
}
