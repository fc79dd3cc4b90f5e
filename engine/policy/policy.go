package policy

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// ContractVersion is the version of the input document and decisions.
const ContractVersion = "1"

// decisionRules are the rules a package may define (policies/README.md).
func decisionRules() []string {
	return []string{"deny", "warn", "info", "required_stages", "exception"}
}

// signoffPackage is evaluated after every other package, with the union
// of their required_stages in its input.
const signoffPackage = "greenlight.signoff"

// compliancePackage decides which compliance triggers fire (its `fired`
// set); the sign-off package gets them in its input as fired_triggers, so
// that it need not decide them again.
const compliancePackage = "greenlight.compliance"

// StylePackage echoes the style findings by level; unless a team module
// adds to it, Evaluate leaves it to the caller (see StyleInGo).
const StylePackage = "greenlight.style"

// The bundled packages that decide nothing without their config blocks.
const (
	embargoPackage = "greenlight.embargo"
	voicePackage   = "greenlight.voice"
)

// Inputs says which of the config's blocks a run has: the inputs without
// which a bundled package cannot decide anything. Such a package is not
// evaluated (its decisions are empty, as they would be), unless a team
// module adds rules to it; its modules are still compiled, so that team
// policies may read its rules, and waivers may still name its rule ids.
//
//   - greenlight.compliance reads compliance blocks (triggers, their `when`,
//     their matches in input.matches.compliance): none, no decision.
//   - greenlight.embargo reads embargo blocks' matches: none, no decision.
//   - greenlight.voice reads voice limits, the team's and the channels':
//     none set anywhere, no breach.
//   - greenlight.signoff reads stage blocks: without stages its only
//     decision is the echo of the other packages' required_stages, which
//     Evaluate has already collected, so its query is skipped.
type Inputs struct {
	Compliance bool // compliance blocks
	Embargoes  bool // embargo blocks
	Voice      bool // a voice limit, the team's or a channel's
	Stages     bool // stage blocks
}

// idle is whether the bundled package pkg cannot decide anything with
// these inputs; a nil Inputs evaluates every package.
func (in *Inputs) idle(pkg string) bool {
	if in == nil {
		return false
	}
	switch pkg {
	case compliancePackage:
		return !in.Compliance
	case embargoPackage:
		return !in.Embargoes
	case voicePackage:
		return !in.Voice
	case signoffPackage:
		return !in.Stages
	}
	return false
}

// Options configure an Engine.
type Options struct {
	// Sources are the bundled policies and the team's folders.
	Sources []Source
	// AllowBuiltins names unsafe builtins the team allows.
	AllowBuiltins []string
	// Timeout bounds the evaluation of one post; 0 means 5 seconds.
	Timeout time.Duration
	// Inputs leaves out bundled packages that cannot decide anything
	// under the config (see Inputs), leaves the style package's decisions
	// to the caller (see StyleInGo), and evaluates the sign-off package
	// on its narrow input, once per distinct one (see narrowInput); nil
	// evaluates every package in Rego on the whole input.
	Inputs *Inputs
}

// Engine evaluates posts against compiled, prepared policies. It is safe
// for concurrent use.
type Engine struct {
	packages []string // paths of packages with decisions, without "data."
	prefixes []string // of each package's bindings in the main query
	// skipped are the packages the main query leaves out (Inputs).
	skipped map[string]bool
	// styleInGo is whether the caller reports the style package's
	// decisions (StyleInGo), which Evaluate then leaves out.
	styleInGo bool
	// hasSignoff is whether the sign-off package has decisions, evaluated
	// (signoff is set) or not.
	hasSignoff bool
	// fired is whether the main query reads the compliance package's fired
	// triggers for the sign-off package.
	fired   bool
	main    rego.PreparedEvalQuery
	signoff *rego.PreparedEvalQuery
	// memo keeps the sign-off package's decisions by narrow input, when
	// it is evaluated on the narrow input (see narrowInput); nil when it
	// gets the whole input.
	memo *signoffMemo
	// lastConfig is the sign-off package's part of the last config
	// document seen (see narrowInput).
	lastConfig atomic.Pointer[narrowConfig]
	modules    map[string]*ast.Module
	timeout    time.Duration
	keys       resultKeys
}

// New loads, compiles and prepares every policy of the sources.
func New(ctx context.Context, opts Options) (*Engine, hcl.Diagnostics) {
	// team are the packages some module outside the bundled policies adds
	// rules to, and every prefix of its rules' paths (a rule head ref,
	// package greenlight with rule style.deny, adds to greenlight.style):
	// never left out.
	team := map[string]bool{}
	mods, from, diags := loadModules(opts.Sources, nil)
	for file, mod := range mods {
		if !from[file].Bundled {
			for _, path := range rulePaths(mod) {
				team[path] = true
			}
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	e := &Engine{modules: mods, timeout: opts.Timeout, keys: newResultKeys(), skipped: map[string]bool{}}
	skip := func(pkg string) bool { return !team[pkg] && opts.Inputs.idle(pkg) }
	if e.timeout == 0 {
		e.timeout = 5 * time.Second
	}
	byPkg := map[string][]string{}
	// complete are the rules (data paths) with a definition that is not a
	// partial set: they can be undefined, which a query must not be.
	complete := map[string]bool{}
	for _, m := range mods {
		for _, r := range m.Rules {
			pkg, name := decisionPath(r)
			if pkg == compliancePackage && name == "fired" {
				e.fired = true
			}
			if r.Head.RuleKind() != ast.MultiValue {
				complete[pkg+"."+name] = true
			}
			if slices.Contains(decisionRules(), name) && !slices.Contains(byPkg[pkg], name) {
				byPkg[pkg] = append(byPkg[pkg], name)
			}
		}
	}
	var mainQuery, signoffQuery []string
	for pkg := range byPkg {
		if pkg != signoffPackage {
			e.packages = append(e.packages, pkg)
		}
	}
	sort.Strings(e.packages)
	for i := range e.packages {
		e.prefixes = append(e.prefixes, fmt.Sprintf("p%d_", i))
	}
	for i, pkg := range e.packages {
		if skip(pkg) {
			e.skipped[pkg] = true
			continue
		}
		if pkg == StylePackage && !team[pkg] && opts.Inputs != nil {
			e.styleInGo = true
			continue
		}
		for _, r := range byPkg[pkg] {
			mainQuery = append(mainQuery, fmt.Sprintf("p%d_%s := %s", i, r, setQuery(pkg+"."+r, complete)))
		}
	}
	_, e.hasSignoff = byPkg[signoffPackage]
	evalSignoff := e.hasSignoff && !skip(signoffPackage)
	e.fired = e.fired && evalSignoff
	// A compliance package left out fires nothing: fired_triggers is
	// empty, as its fired set would be.
	if e.fired && !e.skipped[compliancePackage] {
		mainQuery = append(mainQuery, "fired := "+setQuery(compliancePackage+".fired", complete))
	}
	if len(mainQuery) == 0 {
		mainQuery = []string{"true"}
	}
	opts2 := []func(*rego.Rego){
		rego.Capabilities(capabilities(opts.AllowBuiltins)),
		rego.StrictBuiltinErrors(true),
		rego.SetRegoVersion(ast.RegoV1),
		rego.GenerateJSON(resultTerm),
	}
	compiler := ast.NewCompiler().WithCapabilities(capabilities(opts.AllowBuiltins))
	compiler.Compile(needed(mods, e.skipped, e.signoffSkipped(skip)))
	if compiler.Failed() {
		return nil, regoDiagnostics("", compiler.Errors)
	}
	pq, err := rego.New(append(opts2, rego.Compiler(compiler), rego.Query(strings.Join(mainQuery, "; ")))...).PrepareForEval(ctx)
	if err != nil {
		return nil, regoDiagnostics("", err)
	}
	e.main = pq
	if rules, ok := byPkg[signoffPackage]; ok && evalSignoff {
		signoffQuery = append(signoffQuery, fmt.Sprintf("stages := {k: v | some k, v in data.%s.stages}", signoffPackage))
		for _, r := range rules {
			signoffQuery = append(signoffQuery, fmt.Sprintf("s_%s := %s", r, setQuery(signoffPackage+"."+r, complete)))
		}
		sq, err := rego.New(append(opts2, rego.Compiler(compiler), rego.Query(strings.Join(signoffQuery, "; ")))...).PrepareForEval(ctx)
		if err != nil {
			return nil, regoDiagnostics("", err)
		}
		e.signoff = &sq
		if e.fired && opts.Inputs != nil && !teamAt(team, signoffReads(mods)) {
			e.memo = newSignoffMemo()
		}
	}
	return e, nil
}

// decisionPath is the package a rule decides in and the rule's name: its
// full path (the ground part; stages[name] is stages) split at its last
// part. A head ref may reach past its module's package: package
// greenlight, rule embargo.warn is greenlight.embargo's warn, and is read
// with that package's decisions.
func decisionPath(r *ast.Rule) (pkg, name string) {
	path := pathString(r.Ref().GroundPrefix())
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i], path[i+1:]
	}
	return "", path
}

// signoffSkipped is whether the sign-off package is left out.
func (e *Engine) signoffSkipped(skip func(string) bool) bool {
	return e.hasSignoff && skip(signoffPackage)
}

// needed are the modules to compile: all but those of the packages left
// out, unless a module compiled reads them (an import, or a reference
// into data that may reach them: data.greenlight.compliance.fired,
// data.greenlight, data[x]). A package left out is parsed (its METADATA
// declares rule ids) but, when nothing reads it, never compiled.
func needed(mods map[string]*ast.Module, skipped map[string]bool, signoff bool) map[string]*ast.Module {
	left := func(pkg string) bool { return skipped[pkg] || signoff && pkg == signoffPackage }
	var kept []string
	for _, m := range mods {
		if pkg := pathString(m.Package.Path); !left(pkg) {
			kept = append(kept, pkg)
		}
	}
	read := reads(mods, kept)
	out := map[string]*ast.Module{}
	for file, m := range mods {
		pkg := pathString(m.Package.Path)
		if !left(pkg) || slices.ContainsFunc(read, func(p string) bool { return related(p, pkg) }) {
			out[file] = m
		}
	}
	return out
}

// reads are the data paths (dotted, without "data.") that the modules of
// the packages at roots read, through their imports and references into
// data, and that the modules of those paths read in turn: each
// reference's ground part ("greenlight" for data.greenlight[x], "" for
// data[x], which may read anything).
func reads(mods map[string]*ast.Module, roots []string) []string {
	var out []string
	frontier := slices.Clone(roots)
	walked := map[*ast.Module]bool{}
	for len(frontier) > 0 {
		at := frontier[0]
		frontier = frontier[1:]
		for _, m := range mods {
			if walked[m] || !related(pathString(m.Package.Path), at) {
				continue
			}
			walked[m] = true
			ast.WalkRefs(m, func(ref ast.Ref) bool {
				if !ref.HasPrefix(ast.DefaultRootRef) {
					return false
				}
				if p := pathString(ref.GroundPrefix()); !slices.Contains(out, p) {
					out = append(out, p)
					frontier = append(frontier, p)
				}
				return false
			})
		}
	}
	return out
}

// related is whether one data path is the other or lies under it ("" is
// the root, under which every path lies): reading one may read the other.
func related(a, b string) bool {
	return a == b || a == "" || b == "" || strings.HasPrefix(a, b+".") || strings.HasPrefix(b, a+".")
}

// setQuery is the query term for a decision rule's set: the rule itself
// when every definition is a partial set (never undefined), else its
// elements collected, so that an undefined rule is an empty decision
// rather than an undefined query.
func setQuery(rule string, complete map[string]bool) string {
	if complete[rule] {
		return fmt.Sprintf("[v | some v in data.%s]", rule)
	}
	return "data." + rule
}

// StyleInGo is whether Evaluate leaves the bundled greenlight.style
// package to the caller, which then reports every style match itself, as
// the package decides: each match once (equal matches are one), at its
// own level, under its rule or, without one, under greenlight.style. The
// matches then reach the report with their exact spans and fixes rather
// than rebuilt from a policy's line and column. False when a team module
// adds to the package, or every package is evaluated in Rego: Evaluate
// then reports the package's violations as it does any other's.
func (e *Engine) StyleInGo() bool { return e.styleInGo }

// Packages lists the packages whose decisions the engine reads, the
// sign-off package last when there is one; packages left out under the
// config's Inputs are listed too (their decisions are empty).
func (e *Engine) Packages() []string {
	out := slices.Clone(e.packages)
	if e.hasSignoff {
		out = append(out, signoffPackage)
	}
	return out
}
