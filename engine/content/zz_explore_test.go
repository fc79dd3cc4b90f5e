package content

import (
	"fmt"
	"os"
	"testing"
)

func TestZZExplore(t *testing.T) {
	path := os.Getenv("EXPLORE")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	p, diags := NewParser(nil).Parse("post.md", src)
	for _, d := range diags {
		fmt.Printf("DIAG %s: %s: %s\n", d.Subject, d.Summary, d.Detail)
	}
	fmt.Printf("draft=%v front=%+v\n", p.Draft, p.Front)
	for i := range p.Blocks {
		b := &p.Blocks[i]
		sp := p.Span(b, 0, len(b.Text))
		fmt.Printf("%-10s L%d %d:%d-%d:%d %q pieces=%v\n", b.Kind, b.Level, sp.Start.Line, sp.Start.Col, sp.End.Line, sp.End.Col, b.Text, b.pieces)
	}
	for _, e := range p.Hashtags {
		fmt.Printf("# %q %v\n", e.Text, e.Span)
	}
	for _, e := range p.Mentions {
		fmt.Printf("@ %q %v\n", e.Text, e.Span)
	}
	for _, e := range p.Links {
		fmt.Printf("link %q %q %v\n", e.URL, e.Text, e.Span)
	}
	for _, e := range p.Media {
		fmt.Printf("media %q %q %v %v\n", e.Src, e.Alt, e.HasAlt, e.Span)
	}
	fmt.Printf("controls %+v\n", p.controls)
}
