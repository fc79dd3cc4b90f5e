// Package diagnostic prints located problems (config, posts, policies)
// the same way wherever they surface: the terminal, the check run, the
// step summary.
package diagnostic

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

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
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		if d.Subject == nil {
			fmt.Fprintf(w, "%s: %s\n", sev, d.Summary)
		} else {
			s := d.Subject
			fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", s.Filename, s.Start.Line, s.Start.Column, sev, d.Summary)
			if src, ok := files[s.Filename]; ok {
				writeSnippet(w, src, *s)
			}
		}
		if d.Detail != "" {
			fmt.Fprintf(w, "   %s\n", d.Detail)
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
	num := fmt.Sprint(r.Start.Line)
	fmt.Fprintf(w, " %s | %s\n", num, line)
	width := 1
	if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
		width = r.End.Column - r.Start.Column
	} else if r.End.Line > r.Start.Line {
		width = max(utf8.RuneCountInString(line)-r.Start.Column+1, 1)
	}
	// Keep tabs as tabs so the caret lines up under the source.
	var pad strings.Builder
	for i, c := range []rune(line) {
		if i >= r.Start.Column-1 {
			break
		}
		if c == '\t' {
			pad.WriteRune('\t')
		} else {
			pad.WriteRune(' ')
		}
	}
	fmt.Fprintf(w, " %s | %s%s\n", strings.Repeat(" ", len(num)), pad.String(), strings.Repeat("^", width))
}

// Sources turns HCL's parsed files into plain bytes by name.
func Sources(files map[string]*hcl.File) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for name, f := range files {
		out[name] = f.Bytes
	}
	return out
}
