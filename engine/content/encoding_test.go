package content_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/content"
)

// utf16LE encodes ASCII text as UTF-16LE with its byte order mark, as an
// editor saving "Unicode" writes it.
func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, r := range []byte(s) {
		b = append(b, r, 0)
	}
	return string(b)
}

// TestPostsThatCannotBeReadAreRefused: a post Greenlight cannot read as
// the text a platform publishes is an input error at its first offending
// byte, saying what it found, never a post judged on what could be read.
func TestPostsThatCannotBeReadAreRefused(t *testing.T) {
	const head = "---\ntitle: Savings\nchannels: [x]\n---\n"
	tests := []struct {
		name, src string
		want      string // diagLine of the one diagnostic
		detail    string // in its detail
	}{
		{"a UTF-16LE post is named as such at its byte order mark", utf16LE(head + "A risk-free way.\n"), "1:1: Post is not UTF-8", "a UTF-16 post"},
		{"a UTF-16BE post is named as such", "\xFE\xFF\x00-\x00-\x00-", "1:1: Post is not UTF-8", "UTF-16BE"},
		{"a UTF-32LE post is not taken for UTF-16", "\xFF\xFE\x00\x00-\x00\x00\x00", "1:1: Post is not UTF-8", "a UTF-32 post"},
		{"a UTF-32BE post is named as such", "\x00\x00\xFE\xFF\x00\x00\x00-", "1:1: Post is not UTF-8", "UTF-32BE"},
		{"UTF-16 without a byte order mark is refused at its first NUL", "-\x00-\x00-\x00", "1:2: Control character in post", "UTF-16 or UTF-32"},
		{"an invalid byte inside a term", head + "A risk-\xff-free way.\n", "5:8: Post is not UTF-8", ""},
		{"a NUL inside a term", head + "A risk-\x00free way.\n", "5:8: Control character in post", "NUL"},
		{"an escape sequence", head + "Hello \x1b]0;pwned\x07 world.\n", "5:7: Control character in post", "U+001B"},
		{"a vertical tab", head + "risk\v-free\n", "5:5: Control character in post", "U+000B"},
		{"a DEL inside a term", head + "risk-\x7ffree\n", "5:6: Control character in post", "U+007F"},
		{"a C1 control inside a term", head + "risk-\u0085free\n", "5:6: Control character in post", "U+0085"},
		{"a C1 control from Windows-1252 mojibake", head + "It\u0092s here.\n", "5:3: Control character in post", "Windows-1252"},
		{"a control in the front matter", "---\ntitle: A\x01B\n---\nBody.\n", "2:9: Control character in post", "U+0001"},
		{"a Latin-1 post", head + "Caf\xe9 au lait.\n", "5:4: Post is not UTF-8", "0xE9"},
		{"a truncated character", head + "Caf\xc3", "5:4: Post is not UTF-8", "0xC3"},
		{"an encoded surrogate", head + "x\xed\xa0\x80", "5:2: Post is not UTF-8", "0xED"},
		{"a UTF-8 byte order mark past the start does not excuse what follows", "\uFEFF\x00", "1:1: Control character in post", "NUL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := content.NewParser(nil).Parse("post.md", []byte(tc.src))
			if len(diags) != 1 || diagLine(diags[0]) != tc.want {
				t.Fatalf("diagnostics:\n%s\nwant %s", diagLines(diags), tc.want)
			}
			d := diags[0]
			if tc.detail == "" {
				tc.detail = "0xFF"
				if d.Summary == "Control character in post" {
					t.Fatalf("an invalid byte is not a control character: %s", d.Summary)
				}
			}
			if !strings.Contains(d.Detail, tc.detail) {
				t.Errorf("detail %q does not say %q", d.Detail, tc.detail)
			}
			if d.Subject.Start.Byte >= d.Subject.End.Byte {
				t.Errorf("the subject %d-%d covers no byte", d.Subject.Start.Byte, d.Subject.End.Byte)
			}
			if len(p.Blocks) > 0 || p.Front.Title != "" || len(p.Front.Channels) > 0 {
				t.Errorf("a refused post was read: blocks %v, front %+v", p.Blocks, p.Front)
			}
		})
	}
}

// TestTextAPostMayHold: tab, CR and LF, a UTF-8 byte order mark at the
// start, and a zero-width no-break space elsewhere are text.
func TestTextAPostMayHold(t *testing.T) {
	for name, src := range map[string]string{
		"tabs and CRLF":                  "---\r\ntitle: A\tB\r\n---\r\nTab\there.\r\n",
		"a lone CR":                      "One.\rTwo.\n",
		"a UTF-8 byte order mark":        "\uFEFF---\ntitle: T\n---\nBody.\n",
		"U+FEFF past the start":          "Zero\uFEFFwidth.\n",
		"characters next to C1 controls": "\u00A0\u00FF\u2028 done.\n",
	} {
		t.Run(name, func(t *testing.T) { parse(t, src) })
	}
}

// TestAUTF8ByteOrderMarkIsNotText: a draft's byte order mark is not in its
// prose, and first-line columns do not count it, as editors do not show it.
func TestAUTF8ByteOrderMarkIsNotText(t *testing.T) {
	p := parse(t, "\uFEFFHello #world.\n")
	want := []string{`paragraph "Hello #world." 1:1-1:13`, `hashtag "world" 1:8-1:12`, `#world 1:7-1:12`}
	if got := describe(p); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := p.Offset(1, 1); got != 3 {
		t.Errorf("line 1, column 1 is byte %d, want 3 (after the mark)", got)
	}
}
