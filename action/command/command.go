package command

import (
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Parser reads comment bodies. Build it once: its Markdown parser is
// reused.
type Parser struct {
	md goldmark.Markdown
}

// NewParser returns a parser of comments as GitHub renders them (GitHub
// Flavored Markdown).
func NewParser() *Parser {
	return &Parser{md: goldmark.New(goldmark.WithExtensions(extension.GFM))}
}

// Lines are the lines of body that can be commands: each line of a
// top-level paragraph, as shown (escapes resolved), when nothing but text
// is on it. A line that shares a code span, raw HTML or a link with
// anything is left out whole.
func (p *Parser) Lines(body string) []string {
	src := []byte(body)
	doc := p.md.Parser().Parse(text.NewReader(src))
	var out []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindParagraph {
			continue // code, HTML, quotes, lists, tables, headings
		}
		var line strings.Builder
		clean := true
		flush := func() {
			if clean {
				out = append(out, line.String())
			}
			line.Reset()
			clean = true
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				// A code span, raw HTML, emphasis or a link: whatever line
				// it is on is no bare command.
				clean = false
				continue
			}
			line.Write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				flush()
			}
		}
		flush()
	}
	return out
}

var (
	// approveLine is "/approve", optionally naming stages: "/approve
	// legal", "/approve brand, legal".
	approveLine = regexp.MustCompile(`^\s*/approve(?:[ \t]+([A-Za-z0-9_, \t-]+?))?\s*$`)
	// scheduleLine is "/schedule 2026-12-01 09:00".
	scheduleLine = regexp.MustCompile(`^[ \t]*/schedule[ \t]+(.+?)[ \t]*$`)
)

// Approve finds /approve commands in a comment body and the stages they
// name (none: every stage its author can approve).
func (p *Parser) Approve(body string) (stages []string, ok bool) {
	if !strings.Contains(body, "/approve") {
		return nil, false
	}
	for _, l := range p.Lines(body) {
		m := approveLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		ok = true
		for _, s := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if !slices.Contains(stages, s) {
				stages = append(stages, s)
			}
		}
	}
	return stages, ok
}

// Schedule finds the last /schedule command in a comment body and the
// time it gives, as written.
func (p *Parser) Schedule(body string) (when string, ok bool) {
	if !strings.Contains(body, "/schedule") {
		return "", false
	}
	for _, l := range p.Lines(body) {
		if m := scheduleLine.FindStringSubmatch(l); m != nil {
			when, ok = m[1], true
		}
	}
	return when, ok
}
