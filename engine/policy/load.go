package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
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
	// Shared marks a shared rulebook's policies, which may add findings
	// and required stages but not govern (see sharedDiagnostics).
	Shared bool
}

// sharedDiagnostics refuses what a shared rulebook's module may not do.
// Governance stays in the repository, as a rulebook's config fragment may
// declare no role, stage or waiver: a module in Greenlight's own packages
// (greenlight.signoff's approvals, greenlight.compliance's fired) would
// sign off or waive for every repository that locks the rulebook, and an
// exception waives any rule, the repository's own included. A repository
// waives a rulebook's rule with a waiver block. Nor may a module join a
// package of the repository's policies: Rego merges the modules of a
// package, and a default the rulebook gave a team's helper rule would
// turn the team's deny off.
func sharedDiagnostics(mods map[string]*ast.Module, from map[string]Source) hcl.Diagnostics {
	var own []string
	for file, mod := range mods {
		if !from[file].Shared {
			own = append(own, pathString(mod.Package.Path))
		}
	}
	slices.Sort(own)
	var diags hcl.Diagnostics
	for _, file := range slices.Sorted(maps.Keys(mods)) {
		if !from[file].Shared {
			continue
		}
		mod := mods[file]
		pkg := pathString(mod.Package.Path)
		// The diagnostic's place names the file; its detail says why.
		if related(pkg, "greenlight") {
			diags = append(diags, sharedDiagnostic(mod.Package.Location, fmt.Sprintf("The module is in package %s, one of Greenlight's own: "+
				"a shared rulebook's policies may not add to them. Give its packages a prefix of their own (package rulebook.acme.claims).", pkg)))
			continue
		}
		if i := slices.IndexFunc(own, func(o string) bool { return related(pkg, o) }); i >= 0 {
			diags = append(diags, sharedDiagnostic(mod.Package.Location, fmt.Sprintf("The module is in package %s, and the repository's policies are in package %s: "+
				"Rego would merge them. Give the rulebook's packages a prefix of their own (package rulebook.acme.claims).", pkg, own[i])))
			continue
		}
		for _, r := range mod.Rules {
			if _, name := decisionPath(r); name == "exception" {
				diags = append(diags, sharedDiagnostic(r.Location, "The module defines exception, which waives rules: "+
					"a shared rulebook may not waive; the repository waives a rule with a waiver block."))
			}
		}
	}
	return diags
}

func sharedDiagnostic(at *ast.Location, detail string) *hcl.Diagnostic {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "A shared rulebook's policy may not govern", Detail: detail}
	if at != nil {
		d.Subject = &hcl.Range{Filename: at.File, Start: hcl.Pos{Line: at.Row, Column: at.Col}, End: hcl.Pos{Line: at.Row, Column: at.Col}}
	}
	return d
}

// Dir is a Source for a folder on disk.
func Dir(path string) Source { return Source{Name: path, FS: os.DirFS(path)} }

// loadModules parses every .rego file of the sources, and their
// _test.rego files for the sources tests selects (nil: none). Parse errors are diagnostics with positions. Each
// file is read and parsed once, under the name users know it by, so that
// every location (errors, coverage, metadata) carries it; from says which
// source each came from.
//
// Two files of different sources may show under one name: a team's
// folder "policies", read from the config's folder, holding
// voice/voice.rego beside the bundled file of that name. One would
// silently replace the other (the bundled voice package gone, say), so
// that is an error naming the file, unless both are the same module (one
// file reached through two folders).
func loadModules(sources []Source, tests func(Source) bool) (mods map[string]*ast.Module, from map[string]Source, diags hcl.Diagnostics) {
	mods, from = map[string]*ast.Module{}, map[string]Source{}
	opts := ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
	for _, src := range sources {
		if _, err := fs.Stat(src.FS, "."); err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read policies",
				Detail: fmt.Sprintf("%s: %v", src.Name, err)})
			continue
		}
		found := map[string]*ast.Module{}
		var errs loader.Errors
		walkRego(src.FS, ".", tests != nil && tests(src), &errs, func(name string, raw []byte) {
			file := displayName(src.Name, name)
			mod, err := ast.ParseModuleWithOpts(file, string(raw), opts)
			var parseErrs ast.Errors
			switch {
			case errors.As(err, &parseErrs):
				errs = append(errs, asErrors(parseErrs)...)
			case err != nil:
				errs = append(errs, err)
			default:
				found[file] = mod
			}
		})
		if len(errs) > 0 {
			// Locations already carry the file's display name.
			diags = append(diags, regoDiagnostics("", errs)...)
			continue
		}
		for _, file := range slices.Sorted(maps.Keys(found)) {
			if prev, ok := mods[file]; ok && !prev.Equal(found[file]) {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Two policy files have one name",
					Detail: fmt.Sprintf("%s is the name of a file of %s and of a different file of %s, and one would replace the other. "+
						"Rename the team's file or folder (a file may add rules to a bundled package under any name).",
						file, sourceLabel(from[file]), sourceLabel(src))})
				continue
			}
			mods[file], from[file] = found[file], src
		}
	}
	// Every command that loads policies refuses a shared rulebook's
	// module that governs, so none passes what another refuses.
	return mods, from, append(diags, sharedDiagnostics(mods, from)...)
}

// sourceLabel names a source in messages.
func sourceLabel(src Source) string {
	if src.Bundled {
		return "Greenlight's bundled policies"
	}
	return fmt.Sprintf("the policies in %s", src.Name)
}

// walkRego calls load with each .rego file under dir (_test.rego files
// only with tests) and its contents, in lexical order, following symbolic
// links as OPA's loader does; read errors go to errs.
func walkRego(fsys fs.FS, dir string, tests bool, errs *loader.Errors, load func(name string, raw []byte)) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		*errs = append(*errs, err)
		return
	}
	for _, entry := range entries {
		name := path.Join(dir, entry.Name())
		info, err := fs.Stat(fsys, name)
		if err != nil {
			*errs = append(*errs, err)
			continue
		}
		if info.IsDir() {
			walkRego(fsys, name, tests, errs, load)
			continue
		}
		if !strings.HasSuffix(name, ".rego") || (!tests && strings.HasSuffix(name, "_test.rego")) {
			continue
		}
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			*errs = append(*errs, err)
			continue
		}
		load(name, raw)
	}
}

// asErrors are parse errors as the loader collects them, one by one.
func asErrors(errs ast.Errors) []error {
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return out
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
		if name, ok := strings.CutPrefix(e.Message, "undefined function "); ok && unsafe(name) {
			// Not a typo: the builtin exists, and is left out on purpose.
			d.Detail += fmt.Sprintf(" Greenlight leaves %s out, since it reaches outside the evaluation (the network or the environment); "+
				"a config that needs it names it in greenlight { allow_builtins = [%q] }.", name, name)
		}
		diags = append(diags, d)
	}
	return diags
}
