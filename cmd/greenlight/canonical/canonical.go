package canonical

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
)

// Kind is the language of a file, told by its name.
type Kind int

const (
	// None is a file this package does not lay out.
	None Kind = iota
	// HCL is greenlight.hcl or any other *.hcl file.
	HCL
	// Rego is a *.rego policy or test file.
	Rego
)

// KindOf tells a file's language by its extension.
func KindOf(path string) Kind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".hcl":
		return HCL
	case ".rego":
		return Rego
	}
	return None
}

// Source returns src in its canonical layout. path names the file in
// diagnostics and picks the language. When src does not parse, the result
// is nil and the diagnostics say where.
func Source(path string, src []byte) ([]byte, hcl.Diagnostics) {
	switch KindOf(path) {
	case HCL:
		return formatHCL(path, src)
	case Rego:
		return formatRego(path, src)
	}
	return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Not a file to format",
		Detail: fmt.Sprintf("%s is neither HCL (.hcl) nor Rego (.rego).", path)}}
}

func formatHCL(path string, src []byte) ([]byte, hcl.Diagnostics) {
	// hclwrite.Format works on tokens and lays out broken source too:
	// parse first so that a syntax error is reported, not rewritten.
	if _, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos); diags.HasErrors() {
		return nil, diags
	}
	return hclwrite.Format(src), nil
}

func formatRego(path string, src []byte) ([]byte, hcl.Diagnostics) {
	out, err := format.SourceWithOpts(path, src, format.Opts{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, regoDiagnostics(path, err)
	}
	return out, nil
}

// regoDiagnostics turns OPA's parse errors into located diagnostics.
func regoDiagnostics(path string, err error) hcl.Diagnostics {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		var one *ast.Error
		if !errors.As(err, &one) {
			return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid policy",
				Detail: fmt.Sprintf("%s: %v.", path, err), Subject: &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}}}
		}
		errs = ast.Errors{one}
	}
	var diags hcl.Diagnostics
	for _, e := range errs {
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid policy", Detail: strings.TrimSuffix(e.Message, ".") + "."}
		// The position is always the file's: OPA names it as given.
		d.Subject = &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}
		if e.Location != nil {
			d.Subject.Start = hcl.Pos{Line: e.Location.Row, Column: max(e.Location.Col, 1)}
			d.Subject.End = hcl.Pos{Line: e.Location.Row, Column: max(e.Location.Col, 1) + max(len(e.Location.Text), 1)}
		}
		diags = append(diags, d)
	}
	return diags
}
