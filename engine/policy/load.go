package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
)

// Source is a set of policy modules: the bundled policies or a team folder.
type Source struct {
	// Name prefixes file names in messages: "bundled" or the folder.
	Name string
	FS   fs.FS
	// Bundled marks Greenlight's own policies, embedded in the binary.
	Bundled bool
}

// Dir is a Source for a folder on disk.
func Dir(path string) Source { return Source{Name: path, FS: os.DirFS(path)} }

// loadModules parses every .rego file of the sources; tests selects
// _test.rego files too. Parse errors are diagnostics with positions.
func loadModules(sources []Source, tests bool) (map[string]*ast.Module, hcl.Diagnostics) {
	mods := map[string]*ast.Module{}
	var diags hcl.Diagnostics
	for _, src := range sources {
		if _, err := fs.Stat(src.FS, "."); err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read policies",
				Detail: fmt.Sprintf("%s: %v", src.Name, err)})
			continue
		}
		res, err := loader.NewFileLoader().WithFS(src.FS).WithProcessAnnotation(true).
			WithRegoVersion(ast.RegoV1).
			Filtered([]string{"."}, func(_ string, info fs.FileInfo, _ int) bool {
				if info.IsDir() {
					return false
				}
				name := info.Name()
				return !strings.HasSuffix(name, ".rego") || (!tests && strings.HasSuffix(name, "_test.rego"))
			})
		if err != nil {
			diags = append(diags, regoDiagnostics(src.Name, err)...)
			continue
		}
		for name, m := range res.Modules {
			// Parse again under the name users know the file by, so every
			// location (errors, coverage, metadata) carries it.
			file := displayName(src.Name, name)
			mod, err := ast.ParseModuleWithOpts(file, string(m.Raw), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				diags = append(diags, regoDiagnostics("", err)...)
				continue
			}
			mods[file] = mod
		}
	}
	return mods, diags
}

// displayName is how a policy file is named in messages and findings.
func displayName(source, name string) string {
	return filepath.ToSlash(filepath.Join(source, filepath.FromSlash(name)))
}

// regoDiagnostics turns OPA parse and compile errors into diagnostics with
// file, line and column.
func regoDiagnostics(source string, err error) hcl.Diagnostics {
	var errs []*ast.Error
	var astErrs ast.Errors
	var loadErrs loader.Errors
	switch {
	case errors.As(err, &astErrs):
		errs = astErrs
	case errors.As(err, &loadErrs):
		for _, e := range loadErrs {
			var ae *ast.Error
			var aes ast.Errors
			switch {
			case errors.As(e, &aes):
				errs = append(errs, aes...)
			case errors.As(e, &ae):
				errs = append(errs, ae)
			default:
				errs = append(errs, &ast.Error{Code: "load_error", Message: e.Error()})
			}
		}
	default:
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid policy", Detail: fmt.Sprintf("%s: %v", source, err)}}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Location != nil && errs[j].Location == nil })
	var diags hcl.Diagnostics
	for _, e := range errs {
		d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid policy", Detail: strings.TrimSuffix(e.Message, ".") + "."}
		if e.Location != nil {
			file := e.Location.File
			if source != "" && file != "" && !strings.HasPrefix(file, source) && !filepath.IsAbs(file) {
				file = displayName(source, file)
			}
			d.Subject = &hcl.Range{Filename: file,
				Start: hcl.Pos{Line: e.Location.Row, Column: max(e.Location.Col, 1)},
				End:   hcl.Pos{Line: e.Location.Row, Column: e.Location.Col + max(len(e.Location.Text), 1)}}
		}
		if e.Code != "" {
			d.Detail = e.Code + ": " + d.Detail
		}
		diags = append(diags, d)
	}
	return diags
}
