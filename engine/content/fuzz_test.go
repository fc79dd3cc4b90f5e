package content_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
)

// FuzzParse feeds the parser arbitrary files. Whatever the input, Parse
// must not panic, every span it hands out must lie inside the file with its
// start before its end, every diagnostic must point inside the file, and
// every non-space character of prose must map back to itself.
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 20s ./engine/content/
func FuzzParse(f *testing.F) {
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, path := range fixtures {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, tc := range positionCases {
		f.Add([]byte(tc.src))
	}
	for _, s := range []string{
		"",
		"---",
		"---\n",
		"---\n---",
		"\uFEFF---\ntitle: BOM\n---\n",
		"---\r\ntitle: x\r\n...\r\n",
		"---\ntitle: \"\\L\\L\\L\\L\\L\\L\\L\\L\\L\\L\\L\\L\"\n---",
		"---\ntitle: |\n  folded\n  title\n---\nBody",
		"---\ntitle: &a x\ncampaign: *a\nmedia: [*a, {src: *a}]\n---\n",
		"---\n: \n---\n",
		"---\nmedia:\n  - {alt: x}\n  - [a]\n  - 3\n---\n",
		"[](", "![](", "[x](<y>)", "![](x)", "[![](a)](b)", "#", "@", "@a@b.cd", "＃タグ ＠user",
		"<!-- greenlight off", "<!-- greenlight disable= -->", "`", "\t\t#x",
		"| a |\n|-|\n| #b |", "- [ ] #x\n  - @y", "> # h #t\n>\n> p",
		"a\\\nb  \nc\r\nd", "&amp;#x; \\#y", "http://x.y/#z www.example.com/#q",
		"\xff\xfe#\xff", "#\u0301", "e\u0301#x",
		"<div>\n<!-- x -->risk-<b>free</b>\n", "> <p title='>'>x\n> <!--", "a <span title=\"t\">b</span> <!-- c",
		"[a]: u \"t\"\n", "[x](u \"a\n  b\")", "![a](b 'c')", "[x][y]\n\n[y]: z (w)",
		"---\nmedia:\n  - {src: a, alt: \"\\x41\\u00e9\"}\n  - src: b\n    alt: |\n      folded\n---\n",
		"\uFEFF<p>x</p>", "\xff\xfe-\x00", "a\x00b", "a\u0085b", "a\x7fb",
	} {
		f.Add([]byte(s))
	}
	parser := content.NewParser(est)
	f.Fuzz(func(t *testing.T, src []byte) {
		// No spare capacity: reading past the end of the file panics
		// rather than reading garbage.
		src = slices.Clip(src)
		p, diags := parser.Parse("fuzz.md", src)
		if p == nil {
			t.Fatal("Parse returned no post")
		}
		inFile := func(what string, s finding.Span) {
			t.Helper()
			if s.Start.Line < 1 || s.Start.Col < 1 || s.End.Line < 1 || s.End.Col < 1 {
				t.Fatalf("%s has span %s with no position", what, span(s))
			}
			if s.Start.Offset > s.End.Offset || s.Start.Offset < 0 || s.End.Offset > len(src) {
				t.Fatalf("%s has span %s (bytes %d-%d) outside the file of %d bytes", what, span(s), s.Start.Offset, s.End.Offset, len(src))
			}
			if s.Start.Line > s.End.Line || (s.Start.Line == s.End.Line && s.Start.Col > s.End.Col) {
				t.Fatalf("%s has span %s that ends before it starts", what, span(s))
			}
		}
		for i := range p.Blocks {
			b := &p.Blocks[i]
			if b.Text == "" {
				t.Fatalf("%s block %d is empty", b.Kind, i)
			}
			inFile(fmt.Sprintf("%s block %q", b.Kind, b.Text), p.Span(b, 0, len(b.Text)))
			if b.Kind == content.Title {
				// YAML escapes and folding move a title's characters;
				// its span must stay inside the file all the same.
				for at := range b.Text {
					p.Span(b, at, len(b.Text))
				}
			}
		}
		for _, e := range p.Hashtags {
			inFile("hashtag "+e.Text, e.Span)
		}
		for _, e := range p.Mentions {
			inFile("mention "+e.Text, e.Span)
		}
		for _, l := range p.Links {
			inFile("link "+l.URL, l.Span)
		}
		for _, m := range p.Media {
			inFile("media "+m.Src, m.Span)
		}
		// A post is read only when it is UTF-8 without controls other
		// than tab, CR and LF; anything else is refused, and nothing of
		// it is judged.
		if !diags.HasErrors() && !readable(src) {
			t.Fatalf("%q was read without an error", src)
		}
		if !readable(src) && len(p.Blocks) > 0 {
			t.Fatalf("%q was refused but has %d blocks", src, len(p.Blocks))
		}
		if err := proseMapsBack(p, true); err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			if d.Subject == nil {
				t.Fatalf("%s has no subject", d.Summary)
			}
			r := d.Subject
			if r.Filename != "fuzz.md" {
				t.Fatalf("%s is in %q", diagLine(d), r.Filename)
			}
			if r.Start.Line < 1 || r.Start.Column < 1 || r.Start.Byte < 0 || r.Start.Byte > r.End.Byte || r.End.Byte > len(src) {
				t.Fatalf("%s has subject bytes %d-%d outside the file of %d bytes", diagLine(d), r.Start.Byte, r.End.Byte, len(src))
			}
		}
		p.Suppressed("hype", len(src))
	})
}

// readable is what Parse accepts, written the slow way: UTF-8 (after an
// optional byte order mark) with no control character but tab, LF and CR.
func readable(src []byte) bool {
	s := strings.TrimPrefix(string(src), "\uFEFF")
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}
