package engine

import (
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/hashicorp/hcl/v2"
)

// InputFindings turn the errors of posts that cannot be read (bad front
// matter, a read error, a refused file) into error findings under
// RuleInput, so that they are annotated on their line and block the merge.
// A diagnostic without a position is placed on the first line of its post,
// or of every one of files when it names none (an interrupted check): no
// error is ever dropped for want of a place to show it. Warnings are left
// out. It is the one conversion of diagnostics into findings.
func InputFindings(diags hcl.Diagnostics, files []File) []finding.Finding {
	var out []finding.Finding
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := strings.TrimSpace(d.Summary + ": " + d.Detail)
		s := d.Subject
		if s == nil {
			for _, f := range files {
				out = append(out, Unreadable(f.Path, msg))
			}
			continue
		}
		out = append(out, finding.Finding{Path: s.Filename, Rule: RuleInput, Level: finding.Error, Source: "content",
			Message: msg,
			Span:    finding.Span{Start: finding.Pos{Line: max(s.Start.Line, 1), Col: max(s.Start.Column, 1)}, End: finding.Pos{Line: max(s.End.Line, 1), Col: max(s.End.Column-1, s.Start.Column, 1)}}})
	}
	return out
}

// Unreadable is the error finding, under RuleInput, of a post Greenlight
// could not judge, on its first line.
func Unreadable(path, msg string) finding.Finding {
	return finding.Finding{Path: path, Rule: RuleInput, Level: finding.Error, Source: "content", Message: msg,
		Span: finding.Span{Start: finding.Pos{Line: 1, Col: 1}, End: finding.Pos{Line: 1, Col: 1}}}
}
