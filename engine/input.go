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
// out.
func InputFindings(diags hcl.Diagnostics, files []File) []finding.Finding {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	return diagFindings(diags, RuleInput, "content", paths)
}

// ConfigFindings turn the errors that stop a check before it reads any
// post (the config's, or those of the styles and policies it loads) into
// error findings under RuleConfig, so that a report in a machine format
// carries them at their file, line and column rather than being empty. A
// diagnostic without a position is placed on the first line of the config
// file. Warnings are left out.
func ConfigFindings(diags hcl.Diagnostics, file string) []finding.Finding {
	return diagFindings(diags, RuleConfig, "config", []string{file})
}

// diagFindings is the one conversion of diagnostics into findings: each
// error at its range (HCL's end is exclusive, a finding's inclusive), or,
// without one, on the first line of each of paths.
func diagFindings(diags hcl.Diagnostics, rule, source string, paths []string) []finding.Finding {
	var out []finding.Finding
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := strings.TrimSpace(d.Summary + ": " + d.Detail)
		s := d.Subject
		if s == nil {
			for _, p := range paths {
				out = append(out, firstLine(p, rule, source, msg))
			}
			continue
		}
		out = append(out, finding.Finding{Path: s.Filename, Rule: rule, Level: finding.Error, Source: source,
			Message: msg,
			Span:    finding.Span{Start: finding.Pos{Line: max(s.Start.Line, 1), Col: max(s.Start.Column, 1)}, End: finding.Pos{Line: max(s.End.Line, 1), Col: max(s.End.Column-1, s.Start.Column, 1)}}})
	}
	return out
}

// Unreadable is the error finding, under RuleInput, of a post Greenlight
// could not judge, on its first line.
func Unreadable(path, msg string) finding.Finding {
	return firstLine(path, RuleInput, "content", msg)
}

func firstLine(path, rule, source, msg string) finding.Finding {
	return finding.Finding{Path: path, Rule: rule, Level: finding.Error, Source: source, Message: msg,
		Span: finding.Span{Start: finding.Pos{Line: 1, Col: 1}, End: finding.Pos{Line: 1, Col: 1}}}
}
