package report

import (
	"io"
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/terminal"
	"github.com/hashicorp/hcl/v2"
)

// GitHub prints GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request's files:
//
//	::error file=posts/a.md,line=3,col=14,endLine=3,endColumn=19,title=brand-names::Use 'GitHub' instead of 'Github'.
type GitHub struct{}

var _ Reporter = GitHub{}

func (GitHub) Report(w io.Writer, r Run) error {
	ew := &errWriter{w: w}
	for _, f := range r.Findings {
		cmd := map[finding.Level]string{finding.Error: "error", finding.Warning: "warning"}[f.Level]
		if cmd == "" {
			cmd = "notice"
		}
		msg := f.Message
		if s := f.Suggestion(); s != "" {
			msg += " Suggested: " + s
		}
		ew.printf("::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", cmd,
			CommandProperty(f.Path), f.Span.Start.Line, f.Span.Start.Col, f.Span.End.Line, f.Span.End.Col+1,
			CommandProperty(f.Rule), CommandData(msg))
	}
	c := Count(r.Findings)
	ew.printf("greenlight: %s, %s, %d info in %s\n", plural(c.Errors, "error"), plural(c.Warnings, "warning"), c.Info, plural(r.Posts, "post"))
	return ew.err
}

// GitHubProblems prints located problems (a config mistake, a post that
// cannot be read) as error annotations, so that a run that stops on them
// shows where on the pull request's files, as its findings would:
//
//	::error file=posts/a.md,line=4,col=1,title=Invalid front matter::...
func GitHubProblems(w io.Writer, diags hcl.Diagnostics) error {
	ew := &errWriter{w: w}
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Detail // the summary is the annotation's title
		if msg == "" {
			msg = d.Summary
		}
		if s := d.Subject; s != nil {
			ew.printf("::error file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", CommandProperty(s.Filename),
				s.Start.Line, s.Start.Column, s.End.Line, s.End.Column, CommandProperty(d.Summary), CommandData(msg))
		} else {
			ew.printf("::error title=%s::%s\n", CommandProperty(d.Summary), CommandData(msg))
		}
	}
	return ew.err
}

// CommandData and CommandProperty escape text for a workflow command as
// the runner unescapes it, so text from a post can never end a command
// early or start a new one. Other control characters are shown escaped
// (see terminal.Escape): the Actions log is a terminal too, and renders
// escape sequences.
func CommandData(s string) string {
	return terminal.Escape(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s))
}

func CommandProperty(s string) string {
	return terminal.Escape(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s))
}
