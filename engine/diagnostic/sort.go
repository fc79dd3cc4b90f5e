package diagnostic

import (
	"cmp"
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// Sort orders diagnostics by file, line and column, so that they read top
// to bottom whatever stage found them (decoding, references, folders,
// styles, policies); those without a position come last, in their order.
func Sort(diags hcl.Diagnostics) {
	slices.SortStableFunc(diags, func(a, b *hcl.Diagnostic) int {
		switch {
		case a.Subject == nil || b.Subject == nil:
			return cmp.Compare(boolInt(a.Subject == nil), boolInt(b.Subject == nil))
		case a.Subject.Filename != b.Subject.Filename:
			return cmp.Compare(a.Subject.Filename, b.Subject.Filename)
		case a.Subject.Start.Line != b.Subject.Start.Line:
			return cmp.Compare(a.Subject.Start.Line, b.Subject.Start.Line)
		}
		return cmp.Compare(a.Subject.Start.Column, b.Subject.Start.Column)
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Problem is a diagnostic as JSON: `greenlight validate --format json`
// prints an array of them. Fields are only ever added. A problem without a
// position has an empty path and zero line and column.
type Problem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	EndLine  int    `json:"end_line"`
	EndCol   int    `json:"end_col"`
	Severity string `json:"severity"` // "error" or "warning"
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
}

// Problems converts diagnostics to Problems, in their order; never nil, so
// that no problem is the JSON [].
func Problems(diags hcl.Diagnostics) []Problem {
	out := []Problem{}
	for _, d := range diags {
		p := Problem{Severity: "error", Summary: d.Summary, Detail: d.Detail}
		if d.Severity == hcl.DiagWarning {
			p.Severity = "warning"
		}
		if s := d.Subject; s != nil {
			p.Path, p.Line, p.Col, p.EndLine, p.EndCol = s.Filename, s.Start.Line, s.Start.Column, s.End.Line, s.End.Column
		}
		out = append(out, p)
	}
	return out
}
