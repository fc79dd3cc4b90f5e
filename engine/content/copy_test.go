package content_test

import (
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/content"
)

func TestCopyIsTheTextAsPosted(t *testing.T) {
	tests := []struct {
		name, body string
		channel    string
		want       string
	}{
		{"markup goes, code and URLs stay", "Hello **world**, `run it` at https://e.com/x #tag\n", "", "Hello world, run it at https://e.com/x #tag"},
		{"a link's target follows its text", "Read [the docs](https://e.com/d).\n", "", "Read the docs https://e.com/d."},
		{"a link whose text is its URL appears once", "See [https://e.com](https://e.com).\n", "", "See https://e.com."},
		{"line breaks and paragraphs are kept", "One\ntwo\n\nThree\n", "", "One\ntwo\n\nThree"},
		{"lists keep their markers", "Steps:\n\n- one\n- two\n\n3. three\n4. four\n", "", "Steps:\n\n- one\n- two\n\n3. three\n4. four"},
		{"images and HTML comments are not posted", "Look ![alt](a.png) here <!-- note -->\n", "", "Look  here"},
		{"HTML is posted as written, its comments aside", "Intro.\n\n<div class=\"x\"><!-- greenlight off -->Risk-<b>free</b>\n</div>\n\nEnd <i>now</i>.\n", "", "Intro.\n\n<div class=\"x\">Risk-<b>free</b>\n</div>\n\nEnd <i>now</i>."},
		{"an HTML block of comments only adds nothing", "One.\n\n<!-- greenlight off -->\n\nTwo.\n", "", "One.\n\nTwo."},
		{"a channel with a section posts its section", "Common.\n\n## X\nShort.\n\n## LinkedIn\nLong one.\n", "x", "Short."},
		{"a channel's heading matches case-insensitively", "Common.\n\n## linkedin\nLong one.\n", "linkedin", "Long one."},
		{"a channel without a section posts the common copy", "Common.\n\n## X\nShort.\n", "bluesky", "Common."},
		{"a heading that names no channel of the post is just a heading", "Common.\n\n## Mastodon\nMore.\n", "x", "Common.\n\nMastodon\n\nMore."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\nchannels: [x, linkedin, bluesky]\n---\n" + tt.body
			p, diags := content.NewParser(nil).Parse("p.md", []byte(src))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if got := p.Copy(tt.channel).Text; got != tt.want {
				t.Errorf("copy %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCopyMapsToTheFile: every character of a copy that comes from the file
// maps back to that character, in the common copy and in variants.
func TestCopyMapsToTheFile(t *testing.T) {
	src := "---\nchannels: [x, linkedin]\n---\nCafé 🚀 **bold** at https://e.com/x\r\nnext <b title=\"é\">x</b>\n\n<p>\r\nÀ <!-- c --> bientôt</p>\r\n\n## X\n東京 ✨ short\n\n## LinkedIn\n- item `code`\n"
	p, diags := content.NewParser(nil).Parse("p.md", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, ch := range []string{"", "x", "linkedin"} {
		c := p.Copy(ch)
		for i, r := range c.Text {
			if r == '\n' || r == ' ' || r == '-' {
				continue
			}
			sp := p.Span(c, i, i+len(string(r)))
			if got := string(src[sp.Start.Offset:][:len(string(r))]); got != string(r) {
				t.Errorf("%q copy: %q at %d maps to %q (line %d col %d)", ch, string(r), i, got, sp.Start.Line, sp.Start.Col)
			}
		}
	}
	if got := strings.Join(p.Variants(), ","); got != "x,linkedin" {
		t.Errorf("variants %q", got)
	}
	for _, b := range p.Blocks {
		if strings.Contains(b.Text, "東京") && b.Channel != "x" {
			t.Errorf("the X section's prose is marked for %q", b.Channel)
		}
	}
}
