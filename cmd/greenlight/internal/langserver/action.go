package langserver

import (
	"fmt"
	"slices"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// codeAction offers, for every finding with a known fix in the range, the
// quick fix that replaces the finding's text with the fix: the same edit
// as the pull request's one-click suggestion. It answers from the
// server's own findings for the document's current text rather than from
// the diagnostics the editor echoes, which may be stale.
func (s *server) codeAction(gc *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	s.flush(gc)
	actions := []protocol.CodeAction{}
	d := s.docs[p.TextDocument.URI]
	if d == nil || (len(p.Context.Only) > 0 && !slices.Contains(p.Context.Only, protocol.CodeActionKindQuickFix)) {
		return actions, nil
	}
	from, to := d.text.offset(p.Range.Start), d.text.offset(p.Range.End)
	for _, f := range d.findings {
		if f.Fix == nil {
			continue
		}
		start, end := d.text.spanOffsets(f.Span)
		if to < start || from > end {
			continue
		}
		diag := s.diagnostic(d, f)
		actions = append(actions, protocol.CodeAction{
			Title:       fmt.Sprintf("Replace %q with %q (%s)", d.text.src[start:end], f.Fix.Replacement, f.Rule),
			Kind:        ptr(protocol.CodeActionKindQuickFix),
			Diagnostics: []protocol.Diagnostic{diag},
			IsPreferred: ptr(true),
			Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
				d.uri: {{Range: diag.Range, NewText: f.Fix.Replacement}},
			}},
		})
	}
	return actions, nil
}
