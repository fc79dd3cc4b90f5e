package report

import (
	"io"
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
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
			escapeProperty(f.Path), f.Span.Start.Line, f.Span.Start.Col, f.Span.End.Line, f.Span.End.Col+1,
			escapeProperty(f.Rule), escapeData(msg))
	}
	c := Count(r.Findings)
	ew.printf("greenlight: %d errors, %d warnings, %d suggestions in %d posts\n", c.Errors, c.Warnings, c.Info, r.Posts)
	return ew.err
}

// escapeData and escapeProperty follow the runner's escaping rules, so text
// from a post can never end a command early or start a new one.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
