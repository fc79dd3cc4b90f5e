package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
)

// Text prints findings grouped by file, one per line, with the position,
// level, rule, message and suggested fix, then a summary line.
//
//	posts/launch.md
//	  3:14   error    brand-names   Use 'GitHub' instead of 'Github'.  (fix: GitHub)
type Text struct {
	// Color adds ANSI colours; the command line sets it only on a terminal.
	Color bool
}

var _ Reporter = Text{}

func (t Text) Report(w io.Writer, r Run) error {
	ew := &errWriter{w: w}
	path := ""
	for _, f := range r.Findings {
		if f.Path != path {
			if path != "" {
				ew.printf("\n")
			}
			path = f.Path
			ew.printf("%s\n", t.paint(path, "1;4"))
		}
		pos := fmt.Sprintf("%d:%d", f.Span.Start.Line, f.Span.Start.Col)
		ew.printf("  %-7s %s %-s  %s", pos, t.level(f.Level), t.paint(f.Rule, "2"), f.Message)
		if s := f.Suggestion(); s != "" {
			ew.printf("  (fix: %s)", s)
		}
		ew.printf("\n")
	}
	c := Count(r.Findings)
	if len(r.Findings) > 0 {
		ew.printf("\n")
	}
	mark := t.paint("✔", "32")
	if c.Errors > 0 {
		mark = t.paint("✖", "31")
	}
	ew.printf("%s %s, %s and %s in %s.\n", mark,
		plural(c.Errors, "error"), plural(c.Warnings, "warning"), plural(c.Info, "suggestion"), plural(r.Posts, "post"))
	return ew.err
}

func (t Text) level(l finding.Level) string {
	s := fmt.Sprintf("%-7s", l)
	switch l {
	case finding.Error:
		return t.paint(s, "31")
	case finding.Warning:
		return t.paint(s, "33")
	}
	return t.paint(s, "36")
}

func (t Text) paint(s, code string) string {
	if !t.Color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, strings.TrimSuffix(word, "s"))
}

// errWriter keeps the first write error so formatting code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
