package langserver

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/signoff"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// hover explains the findings under the cursor; on the front matter, it
// shows how the post counts on each channel and which sign-offs it needs.
func (s *server) hover(gc *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	s.flush(gc)
	d := s.docs[p.TextDocument.URI]
	if d == nil || d.kind != kindPost {
		return nil, nil
	}
	off := d.text.offset(p.Position)
	var parts []string
	var at *protocol.Range
	for _, f := range d.findings {
		start, end := d.text.spanOffsets(f.Span)
		if off < start || off >= max(end, start+1) {
			continue
		}
		parts = append(parts, s.explain(f))
		if at == nil {
			r := d.text.findingRange(f.Span)
			at = &r
		}
	}
	if len(parts) == 0 && d.post != nil && d.checked != nil {
		if end, ok := d.post.FrontMatterEnd(); ok && off < end {
			parts = append(parts, s.frontMatter(d))
			at = &protocol.Range{Start: d.text.position(0), End: d.text.position(end)}
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: strings.Join(parts, "\n\n---\n\n")}, Range: at}, nil
}

// explain is what `greenlight explain` knows of a finding's rule, after
// the finding itself.
func (s *server) explain(f finding.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** `%s`: %s", capitalized(f.Level.String()), f.Rule, markdown(f.Message))
	if f.Fix != nil {
		fmt.Fprintf(&b, "\n\nQuick fix: replace with `%s`.", code(f.Fix.Replacement))
	}
	if doc, ok := s.ws.docs[f.Rule]; ok {
		fmt.Fprintf(&b, "\n\n**%s**", markdown(doc.Title))
		if desc := strings.TrimSpace(doc.Description); desc != "" {
			fmt.Fprintf(&b, "\n\n%s", markdown(desc))
		}
		fmt.Fprintf(&b, "\n\nPolicy `%s`, %s:%d.", doc.Package, code(doc.File), doc.Line)
	} else if spec, ok := s.ws.specs[f.Rule]; ok {
		fmt.Fprintf(&b, "\n\nA style rule of the team's guide")
		if spec.Source != "" {
			fmt.Fprintf(&b, ", declared at `%s`", code(spec.Source))
		}
		b.WriteString(".")
	}
	if link := s.ws.specs[f.Rule].Link; link != "" {
		fmt.Fprintf(&b, "\n\n[More about %s](%s)", code(f.Rule), link)
	}
	return b.String()
}

// frontMatter is the post's channel counts against their limits, as
// `greenlight preview` measures them, and the sign-off stages the post
// needs, with what requires each.
func (s *server) frontMatter(d *document) string {
	var b strings.Builder
	measured := s.ws.eng.Measure(d.post)
	b.WriteString("**Channels**\n\n")
	if len(measured) == 0 {
		b.WriteString("The post names no channel.\n")
	} else {
		b.WriteString("| channel | length | limit | |\n|---|---:|---:|---|\n")
		for _, m := range measured {
			verdict := fmt.Sprintf("%d left", m.Count.Limit-m.Count.Length)
			if m.Count.Length > m.Count.Limit {
				verdict = fmt.Sprintf("**%d over**", m.Count.Length-m.Count.Limit)
			}
			fmt.Fprintf(&b, "| %s | %d | %d %s | %s |\n", markdown(m.Channel), m.Count.Length, m.Count.Limit, m.Count.Unit, verdict)
		}
	}
	b.WriteString("\n**Sign-off stages**\n\n")
	signoffs := engine.Signoffs(s.ws.cfg, []engine.Post{d.checked.Post}, s.opts.Now())
	if len(signoffs) == 0 {
		b.WriteString("None: the config declares no stage this post needs.\n")
		return b.String()
	}
	for _, st := range signoffs[0].Stages {
		fmt.Fprintf(&b, "- **%s**: %s", markdown(st.Name), stageStatus(st))
		// "always" is the default, not a reason worth a word; a
		// compliance trigger or a channel is.
		if reasons := slices.DeleteFunc(slices.Clone(st.Reasons), func(r string) bool { return r == "always" }); len(reasons) > 0 {
			fmt.Fprintf(&b, ", required by %s", markdown(strings.Join(reasons, "; ")))
		}
		if st.Required && len(st.WaitingFor) > 0 {
			fmt.Fprintf(&b, ", after %s", markdown(strings.Join(st.WaitingFor, ", ")))
		}
		if st.Due != nil {
			fmt.Fprintf(&b, ", due %s", st.Due.Format("Mon 2 Jan 15:04 MST"))
			if st.Late {
				b.WriteString(" (**late**)")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func stageStatus(st signoff.Stage) string {
	if st.Status() == "waiting" {
		return "pending"
	}
	return st.Status()
}

// markdown escapes the characters Markdown would read as markup in text
// that comes from a post or a config (a message quotes the post's words).
func markdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// code makes s safe inside a one-backtick code span.
func code(s string) string { return strings.ReplaceAll(s, "`", "'") }

func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
