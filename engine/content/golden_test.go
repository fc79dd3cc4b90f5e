package content_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/hashicorp/hcl/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden parses every testdata/*.md fixture and compares a readable
// dump of the post with testdata/<name>.golden. Run
// `go test ./engine/content -run TestGolden -update` to rewrite them after
// a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fixtures) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	// extra-keys.md uses keys of its team, which a config declares in
	// front_matter_keys.
	parser := content.NewParser(est, "author", "priority", "review")
	for _, path := range fixtures {
		name := strings.TrimSuffix(filepath.Base(path), ".md")
		t.Run(name+" parses as its golden file says", func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			p, diags := parser.Parse(filepath.ToSlash(path), src)
			got := dump(p, diags)
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the parse (run with -update and read the diff):\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
			if err := proseMapsBack(p, false); err != nil {
				t.Error(err)
			}
		})
	}
}

// dump writes everything a Post exposes, one item per line, spans first
// so the columns line up.
func dump(p *content.Post, diags hcl.Diagnostics) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "path: %s\n", p.Path)
	fmt.Fprintf(&b, "draft: %v\n", p.Draft)

	b.WriteString("front:\n")
	f := p.Front
	field := func(key, value string) {
		at := ""
		if r, ok := f.Range(key); ok {
			at = fmt.Sprintf(" @%d:%d", r.Start.Line, r.Start.Column)
		}
		fmt.Fprintf(&b, "  %s: %s%s\n", key, value, at)
	}
	field("title", fmt.Sprintf("%q", f.Title))
	field("channels", fmt.Sprintf("%q", f.Channels))
	publishAt := "none"
	if f.PublishAt != nil {
		publishAt = f.PublishAt.Format(time.RFC3339)
	}
	field("publish_at", fmt.Sprintf("%s (written %q)", publishAt, f.PublishAtRaw))
	field("campaign", fmt.Sprintf("%q", f.Campaign))
	field("sponsored", fmt.Sprintf("%v", f.Sponsored))
	extra, err := json.Marshal(f.Extra)
	if err != nil {
		extra = []byte(err.Error())
	}
	fmt.Fprintf(&b, "  extra: %s\n", extra)

	b.WriteString("diagnostics:\n")
	for _, d := range diags {
		fmt.Fprintf(&b, "  %s: %s\n", diagLine(d), d.Detail)
	}
	b.WriteString("blocks:\n")
	for i := range p.Blocks {
		bl := &p.Blocks[i]
		kind := bl.Kind.String()
		if bl.Kind == content.Heading {
			kind = fmt.Sprintf("heading %d", bl.Level)
		}
		fmt.Fprintf(&b, "  %-13s %-10s %q\n", span(p.Span(bl, 0, len(bl.Text))), kind, bl.Text)
	}
	b.WriteString("hashtags:\n")
	for _, e := range p.Hashtags {
		fmt.Fprintf(&b, "  %-13s #%s\n", span(e.Span), e.Text)
	}
	b.WriteString("mentions:\n")
	for _, e := range p.Mentions {
		fmt.Fprintf(&b, "  %-13s @%s\n", span(e.Span), e.Text)
	}
	b.WriteString("links:\n")
	for _, l := range p.Links {
		fmt.Fprintf(&b, "  %-13s %s text %q\n", span(l.Span), l.URL, l.Text)
	}
	b.WriteString("media:\n")
	for _, m := range p.Media {
		alt := "no alt"
		if m.HasAlt {
			alt = fmt.Sprintf("alt %q", m.Alt)
		}
		fmt.Fprintf(&b, "  %-13s %s %s\n", span(m.Span), m.Src, alt)
	}
	b.WriteString("body:\n")
	for _, line := range strings.Split(p.Body, "\n") {
		fmt.Fprintf(&b, "  | %s\n", line)
	}
	return b.Bytes()
}
