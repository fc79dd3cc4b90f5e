// Package diagnostic prints located problems (config, posts, policies)
// the same way wherever they surface: the terminal, the check run, the
// step summary.
package diagnostic

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/terminal"
	"github.com/hashicorp/hcl/v2"
)

// Write prints each diagnostic as "file:line:col: severity:
// summary", the source line with the range underlined, and the detail, so
// both people and editors can follow it:
//
//	greenlight.hcl:12:16: error: Unknown role
//	   12 |   approvers = [role.legl]
//	      |                ^^^^^^^^^
//	   No role "legl" is declared. Declared: copy, brand, legal.
func Write(w io.Writer, diags hcl.Diagnostics, files map[string][]byte) {
	// Every command prints them in one order, top to bottom (see Sort).
	diags = slices.Clone(diags)
	Sort(diags)
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		// Summaries, details and snippets quote posts and configs, which
		// anyone opening a pull request writes: escaped, a control
		// sequence in them is shown, never run by the terminal.
		if d.Subject == nil {
			fmt.Fprintf(w, "%s: %s\n", sev, terminal.Escape(d.Summary))
		} else {
			s := d.Subject
			fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", terminal.Escape(s.Filename), s.Start.Line, s.Start.Column, sev, terminal.Escape(d.Summary))
			if src, ok := files[s.Filename]; ok {
				writeSnippet(w, src, *s)
			}
		}
		if d.Detail != "" {
			lines := strings.Split(d.Detail, "\n")
			for i, l := range lines {
				lines[i] = terminal.Escape(l)
			}
			fmt.Fprintf(w, "   %s\n", strings.Join(lines, "\n"))
		}
		fmt.Fprintln(w)
	}
}

func writeSnippet(w io.Writer, src []byte, r hcl.Range) {
	lines := bytes.Split(src, []byte("\n"))
	if r.Start.Line < 1 || r.Start.Line > len(lines) {
		return
	}
	line := strings.TrimRight(string(lines[r.Start.Line-1]), "\r")
	line, r = window(line, r)
	num := fmt.Sprint(r.Start.Line)
	fmt.Fprintf(w, " %s | %s\n", num, terminal.Escape(line))
	width := 1
	if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
		width = r.End.Column - r.Start.Column
	} else if r.End.Line > r.Start.Line {
		width = max(utf8.RuneCountInString(line)-r.Start.Column+1, 1)
	}
	// Keep tabs as tabs, and count an escaped character as wide as its
	// escape, so the caret lines up under the printed source.
	var pad strings.Builder
	end := r.Start.Column - 1 + width
	for i, c := range []rune(line) {
		switch {
		case i >= end:
		case i >= r.Start.Column-1:
			width += terminal.Width(c) - 1
		case c == '\t':
			pad.WriteRune('\t')
		default:
			pad.WriteString(strings.Repeat(" ", terminal.Width(c)))
		}
	}
	fmt.Fprintf(w, " %s | %s%s\n", strings.Repeat(" ", len(num)), pad.String(), strings.Repeat("^", width))
}

// snippetWidth is the most of a line a snippet shows: a post can be one
// line of a quarter of a megabyte, and a snippet is there to point.
const snippetWidth = 160

// window cuts a long line to the part around the range's start, marked
// with "…" where it is cut, and moves the range to match.
func window(line string, r hcl.Range) (string, hcl.Range) {
	runes := []rune(line)
	if len(runes) <= snippetWidth {
		return line, r
	}
	lo := max(0, min(r.Start.Column-1-snippetWidth/4, len(runes)-snippetWidth))
	hi := min(len(runes), lo+snippetWidth)
	var b strings.Builder
	shift := lo
	if lo > 0 {
		b.WriteString("…")
		shift--
	}
	b.WriteString(string(runes[lo:hi]))
	if hi < len(runes) {
		b.WriteString("…")
	}
	r.Start.Column -= shift
	if r.End.Line == r.Start.Line {
		r.End.Column = min(r.End.Column-shift, hi-shift+1)
	} else {
		r.End = r.Start
		r.End.Column = hi - shift + 1
	}
	return b.String(), r
}

// Sources turns HCL's parsed files into plain bytes by name.
func Sources(files map[string]*hcl.File) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for name, f := range files {
		out[name] = f.Bytes
	}
	return out
}
