package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/signoff"
	"github.com/greenlighthq/greenlight/engine/terminal"
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
	for start := 0; start < len(r.Findings); {
		end := start
		for end < len(r.Findings) && r.Findings[end].Path == r.Findings[start].Path {
			end++
		}
		t.file(ew, r.Findings[start:end])
		ew.printf("\n")
		start = end
	}
	t.signoffs(ew, r.Signoffs)
	if len(r.Rulebooks) > 0 {
		ew.printf("Judged with the shared rulebooks %s.\n", strings.Join(r.Rulebooks, ", "))
	}
	c := Count(r.Findings)
	mark := t.paint("✔", "32")
	if c.Errors > 0 || r.Fails || r.Unreadable > 0 {
		mark = t.paint("✖", "31")
	}
	ew.printf("%s %s, %s and %s in %s", mark,
		// Levels are named as --fail-on names them; "info" has no plural.
		plural(c.Errors, "error"), plural(c.Warnings, "warning"), fmt.Sprintf("%d info", c.Info), plural(r.Posts, "post"))
	if r.Unreadable > 0 {
		ew.printf("; %s could not be checked", plural(r.Unreadable, "post"))
	}
	ew.printf(".\n")
	return ew.err
}

// file prints the findings of one file under its path.
func (t Text) file(ew *errWriter, fs []finding.Finding) {
	ew.printf("%s\n", t.paint(terminal.Escape(fs[0].Path), "1;4"))
	t.lines(ew, fs)
}

// Findings prints findings one per line as check prints a file's (no
// path above them): position, level, rule and message, columns aligned,
// and the fix when there is one.
func (t Text) Findings(w io.Writer, fs []finding.Finding) error {
	ew := &errWriter{w: w}
	t.lines(ew, fs)
	return ew.err
}

func (t Text) lines(ew *errWriter, fs []finding.Finding) {
	posW, ruleW := 0, 0
	for _, f := range fs {
		posW = max(posW, len(pos(f)))
		ruleW = max(ruleW, len(f.Rule))
	}
	for _, f := range fs {
		// A message quotes the post, and a post may hold anything: escape
		// it, so a control sequence in a post is shown, never run.
		ew.printf("  %-*s  %s  %s  %s", posW, pos(f), t.level(f.Level), t.paint(fmt.Sprintf("%-*s", ruleW, terminal.Escape(f.Rule)), "2"), terminal.Escape(f.Message))
		if s := f.Suggestion(); s != "" {
			ew.printf("  (fix: %s)", terminal.Escape(s))
		}
		ew.printf("\n")
	}
}

func pos(f finding.Finding) string { return fmt.Sprintf("%d:%d", f.Span.Start.Line, f.Span.Start.Col) }

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

// signoffs prints one line per post with required stages:
//
//	sign-offs  posts/launch.md: copy-edit pending · brand waiting for copy-edit · legal pending (compliance: financial-claims)
func (t Text) signoffs(ew *errWriter, posts []signoff.Post) {
	printed := false
	for _, p := range posts {
		var parts []string
		for _, s := range p.Stages {
			if !s.Required {
				continue
			}
			part := s.Name + " " + s.Status()
			switch {
			case s.Satisfied && len(s.ApprovedBy) > 0:
				part += " by " + strings.Join(s.ApprovedBy, ", ")
			case !s.Satisfied && len(s.WaitingFor) > 0:
				part += " for " + strings.Join(s.WaitingFor, ", ")
			}
			if reasons := withoutAlways(s.Reasons); len(reasons) > 0 {
				part += " (" + strings.Join(reasons, "; ") + ")"
			}
			if s.Due != nil && !s.Satisfied {
				if s.Late {
					part += t.paint(", late: was due "+s.Due.Format("Mon 2 Jan 15:04 MST"), "31")
				} else {
					part += ", due " + s.Due.Format("Mon 2 Jan 15:04 MST")
				}
			}
			parts = append(parts, part)
		}
		if len(parts) == 0 {
			continue
		}
		if !printed {
			ew.printf("%s\n", t.paint("Sign-offs", "1"))
			printed = true
		}
		ew.printf("  %s: %s\n", terminal.Escape(p.Path), strings.Join(parts, " · "))
	}
	if printed {
		ew.printf("\n")
	}
}

func withoutAlways(reasons []string) []string {
	var out []string
	for _, r := range reasons {
		if r != "always" {
			out = append(out, r)
		}
	}
	return out
}
