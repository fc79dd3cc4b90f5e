package content_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/hashicorp/hcl/v2"
)

// parse reads src as post.md with a parser in UTC and fails the test on
// any diagnostic.
func parse(t *testing.T, src string) *content.Post {
	t.Helper()
	p, diags := content.NewParser(nil).Parse("post.md", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagLines(diags))
	}
	return p
}

// span writes a span as line:col-line:col, End inclusive.
func span(s finding.Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
}

// describe lists what a post holds, one line per item: every block with its
// kind, text and file span, then hashtags, mentions, links and media.
func describe(p *content.Post) []string {
	var out []string
	for i := range p.Blocks {
		b := &p.Blocks[i]
		kind := b.Kind.String()
		if b.Kind == content.Heading {
			kind = fmt.Sprintf("heading %d", b.Level)
		}
		out = append(out, fmt.Sprintf("%s %q %s", kind, b.Text, span(p.Span(b, 0, len(b.Text)))))
	}
	for _, e := range p.Hashtags {
		out = append(out, fmt.Sprintf("#%s %s", e.Text, span(e.Span)))
	}
	for _, e := range p.Mentions {
		out = append(out, fmt.Sprintf("@%s %s", e.Text, span(e.Span)))
	}
	for _, l := range p.Links {
		out = append(out, fmt.Sprintf("link %s %q %s", l.URL, l.Text, span(l.Span)))
	}
	for _, m := range p.Media {
		alt := "no alt"
		if m.HasAlt {
			alt = fmt.Sprintf("alt %q", m.Alt)
		}
		out = append(out, fmt.Sprintf("media %s %s %s", m.Src, alt, span(m.Span)))
	}
	return out
}

// diagLines writes diagnostics as "line:col: summary", one per line.
func diagLines(diags hcl.Diagnostics) string {
	var lines []string
	for _, d := range diags {
		lines = append(lines, diagLine(d))
	}
	return strings.Join(lines, "\n")
}

func diagLine(d *hcl.Diagnostic) string {
	if d.Subject == nil {
		return "?:?: " + d.Summary
	}
	return fmt.Sprintf("%d:%d: %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary)
}

// proseMapsBack checks the promise every finding relies on: each character
// of a block's text that is not a space stands, through Post.Span, on the
// same character of the file. Spaces may stand for markup that was removed
// (a code span, a URL, a line break). Front-matter values (the title, alt
// texts) are skipped when skipTitle is set: YAML escapes and folding move
// their characters.
func proseMapsBack(p *content.Post, skipTitle bool) error {
	fmEnd, _ := p.FrontMatterEnd()
	for i := range p.Blocks {
		b := &p.Blocks[i]
		if skipTitle && p.Span(b, 0, 0).Start.Offset < fmEnd {
			continue
		}
		for at, r := range b.Text {
			if unicode.IsSpace(r) {
				continue
			}
			n := utf8.RuneLen(r)
			if r == utf8.RuneError {
				n = 1
			}
			s := p.Span(b, at, at+n)
			off := s.Start.Offset
			if off < 0 || off+n > len(p.Source) || string(p.Source[off:off+n]) != string(b.Text[at:at+n]) {
				got := ""
				if off >= 0 && off < len(p.Source) {
					got = string(p.Source[off:min(off+n, len(p.Source))])
				}
				return fmt.Errorf("%s block %q: byte %d (%q) maps to file offset %d (%q) at %s",
					b.Kind, b.Text, at, b.Text[at:at+n], off, got, span(s))
			}
			if s.Start != s.End {
				return fmt.Errorf("%s block %q: the one character at byte %d spans %s", b.Kind, b.Text, at, span(s))
			}
		}
	}
	return nil
}
