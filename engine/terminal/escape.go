package terminal

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character a terminal would act on instead
// of print written out visibly: C0 controls (tab aside, which only moves
// the cursor forward) and DEL as \x1b, C1 controls and the bidirectional
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) as
// <U+202E>. A byte that is not UTF-8 is written as \x9b too: some
// terminals read a lone 0x9b as a control sequence's start. Newlines are
// escaped too: a caller that prints lines splits first.
func Escape(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s // the common case, without an allocation
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
		} else {
			b.WriteString(EscapeRune(r))
		}
		i += size
	}
	return b.String()
}

// firstUnsafe is the offset of the first character or byte Escape
// rewrites, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafe(r) || r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// EscapeRune is Escape of one character: the character itself when it is
// safe.
func EscapeRune(r rune) string {
	switch {
	case !unsafe(r):
		return string(r)
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	default:
		return fmt.Sprintf("<U+%04X>", r)
	}
}

func unsafe(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Width is how many columns Escape(string(r)) takes, for lining up a
// caret under escaped text.
func Width(r rune) int {
	if unsafe(r) {
		return utf8.RuneCountInString(EscapeRune(r))
	}
	return 1
}
