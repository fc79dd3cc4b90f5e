package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// utf8BOM is the byte order mark some editors put at the start of a UTF-8
// file. It is allowed there and nowhere else counts as one: Parse skips it
// and columns on the first line do not count it, as editors do not show it.
const utf8BOM = "\uFEFF"

// checkReadable refuses a post whose bytes Greenlight cannot judge as the
// text a platform publishes: anything that is not UTF-8, and control
// characters other than tab, line feed and carriage return. Every other
// check reads decoded text, so such a post is not "harmless": a UTF-16
// post's "---" is never seen (it would be an empty draft, judged green),
// and a NUL, a DEL or a C1 control inside "risk-free" keeps the term from
// matching while renderers show nothing for it and some posting APIs drop
// it. The diagnostic points at the first offending byte.
//
// DEL and the C1 controls (U+0080 to U+009F) are refused with the C0
// ones: no text a reader reads holds them, normalizing does not remove
// them, and C1 controls in a post are almost always Windows-1252 text
// decoded as Latin-1 (U+0092 where ’ was meant), which is worth fixing
// anyway.
func (p *Post) checkReadable() *hcl.Diagnostic {
	src := p.Source
	// The byte order marks of encodings Greenlight does not read, longest
	// first (UTF-32LE's begins with UTF-16LE's).
	foreignBOMs := [...]struct{ bom, name string }{
		{"\xFF\xFE\x00\x00", "UTF-32LE"},
		{"\x00\x00\xFE\xFF", "UTF-32BE"},
		{"\xFF\xFE", "UTF-16LE"},
		{"\xFE\xFF", "UTF-16BE"},
	}
	for _, f := range foreignBOMs {
		if bytes.HasPrefix(src, []byte(f.bom)) {
			return p.unreadable(0, len(f.bom), "Post is not UTF-8", fmt.Sprintf(
				"The post starts with the byte order mark of %s (% X): it is a %s post, and Greenlight reads posts only in UTF-8. Save it as UTF-8.",
				f.name, f.bom, f.name[:6]))
		}
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return p.unreadable(i, 1, "Post is not UTF-8", fmt.Sprintf(
				"Byte 0x%02X is not UTF-8. Greenlight reads posts only in UTF-8, and text it cannot decode cannot be judged: save the post as UTF-8 (it may be in Windows-1252 or Latin-1).",
				src[i]))
		case r == 0:
			return p.unreadable(i, 1, "Control character in post",
				"The post holds a NUL byte (0x00). Renderers show nothing for it and some platforms drop it, so a word split by one is published whole but never matched. "+
					"A post in UTF-16 or UTF-32 without a byte order mark has one in almost every character: save it as UTF-8; otherwise delete the byte.")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7F:
			return p.unreadable(i, n, "Control character in post", fmt.Sprintf(
				"The post holds the control character U+%04X. A post may hold tab, line feed and carriage return, no other control: they are invisible or act on a terminal, and a word split by one is published whole but never matched. Delete it.", r))
		case r >= 0x80 && r <= 0x9F:
			return p.unreadable(i, n, "Control character in post", fmt.Sprintf(
				"The post holds the C1 control character U+%04X. No text a reader reads holds one, and a word split by one is published whole but never matched. "+
					"It is usually Windows-1252 text decoded as Latin-1 (U+0092 stands where ’ was meant): retype the character or delete it.", r))
		}
		i += n
	}
	return nil
}

func (p *Post) unreadable(at, n int, summary, detail string) *hcl.Diagnostic {
	r := p.lines.hclRange(p.Path, at, at+n)
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &r}
}
