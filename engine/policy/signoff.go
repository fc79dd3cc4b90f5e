package policy

import (
	"slices"
	"strings"
	"sync"

	"github.com/greenlighthq/greenlight/engine/signoff"
	"github.com/open-policy-agent/opa/v1/ast"
)

// The bundled sign-off package reads a small part of the input: the
// stages and compliance triggers of the config, the options, the review
// facts, what the other packages decided (required_stages,
// fired_triggers), and of the post only its channels and the fields its
// stages' `when` name (post.FIELD, read from the post or its front
// matter). When no team rule sits in the package or in one it reads
// (greenlight.lib, greenlight.compliance; see signoffReads), Evaluate gives it
// exactly that part, the narrow input, and so its decision is a function
// of the narrow input alone: posts whose narrow inputs are equal (most of
// a run's posts, which share the config, the review and a few channel
// sets) share one evaluation, kept in a memo. A team rule there may read
// anything, so then the package gets the whole input, every time.

// memoLimit bounds the memo; past it, new narrow inputs are evaluated
// and not kept (a run has few distinct ones; many means a review per
// post, and nothing to share).
const memoLimit = 4096

// signoffMemo holds the sign-off package's decision for each narrow input
// evaluated, found by the input's hash and confirmed by equality. It is
// safe for concurrent use.
type signoffMemo struct {
	mu      sync.RWMutex
	entries map[int][]memoEntry
	n       int
}

type memoEntry struct {
	input    ast.Object
	decision Decision
}

func newSignoffMemo() *signoffMemo {
	return &signoffMemo{entries: map[int][]memoEntry{}}
}

// get is the decision kept for a narrow input equal to in, if any.
func (m *signoffMemo) get(in ast.Object) (Decision, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	for _, e := range m.entries[in.Hash()] {
		if e.input.Compare(in) == 0 {
			return e.decision, true
		}
	}
	return Decision{}, false
}

// put keeps a decision that evaluated without errors (a timeout is not a
// decision), while the memo has room.
func (m *signoffMemo) put(in ast.Object, d Decision) {
	if len(d.Errors) > 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.n >= memoLimit {
		return
	}
	m.entries[in.Hash()] = append(m.entries[in.Hash()], memoEntry{input: in, decision: d})
	m.n++
}

// Input keys the sign-off package's input is made of.
var (
	keyConfig         = ast.StringTerm("config")
	keyStages         = ast.StringTerm("stages")
	keyCompliance     = ast.StringTerm("compliance")
	keyOptions        = ast.StringTerm("options")
	keyReview         = ast.StringTerm("review")
	keyPost           = ast.StringTerm("post")
	keyChannels       = ast.StringTerm("channels")
	keyFront          = ast.StringTerm("front")
	keyWhen           = ast.StringTerm("when")
	keyRequiredStages = ast.StringTerm("required_stages")
	keyFiredTriggers  = ast.StringTerm("fired_triggers")
)

// narrowConfig is the sign-off package's part of one config document:
// input.config's stages and compliance, and the post fields its stages'
// `when` name. Every input of a run shares one config value, so the last
// one made is kept for the next post.
type narrowConfig struct {
	config ast.Object // the input.config it was made from
	term   *ast.Term  // {stages, compliance}, or nil without a config
	fields []*ast.Term
}

// narrowInput is the part of input the bundled sign-off package reads,
// with extra (required_stages, fired_triggers) set. Keys the input lacks
// stay absent, so that the package's defaults apply as they would.
func (e *Engine) narrowInput(input ast.Object, extra [][2]*ast.Term) ast.Object {
	var pairs [][2]*ast.Term
	config, _ := termValue(input.Get(keyConfig)).(ast.Object)
	nc := e.lastConfig.Load()
	if nc == nil || nc.config != config {
		nc = newNarrowConfig(config)
		e.lastConfig.Store(nc)
	}
	if nc.term != nil {
		pairs = append(pairs, [2]*ast.Term{keyConfig, nc.term})
	}
	add(input, keyOptions, &pairs)
	add(input, keyReview, &pairs)
	if post, ok := termValue(input.Get(keyPost)).(ast.Object); ok {
		var postPairs, frontPairs [][2]*ast.Term
		front, _ := termValue(post.Get(keyFront)).(ast.Object)
		add(post, keyChannels, &postPairs)
		for _, f := range nc.fields {
			if !f.Equal(keyChannels) && !f.Equal(keyFront) {
				add(post, f, &postPairs)
			}
			add(front, f, &frontPairs)
		}
		switch {
		case slices.ContainsFunc(nc.fields, keyFront.Equal):
			// when = "post.front" reads the whole front matter, whatever
			// it is.
			add(post, keyFront, &postPairs)
		case front != nil:
			postPairs = append(postPairs, [2]*ast.Term{keyFront, ast.ObjectTerm(frontPairs...)})
		}
		pairs = append(pairs, [2]*ast.Term{keyPost, ast.ObjectTerm(postPairs...)})
	}
	return ast.NewObject(append(pairs, extra...)...)
}

func newNarrowConfig(config ast.Object) *narrowConfig {
	nc := &narrowConfig{config: config}
	if config == nil {
		return nc
	}
	var pairs [][2]*ast.Term
	add(config, keyStages, &pairs)
	add(config, keyCompliance, &pairs)
	nc.term = ast.ObjectTerm(pairs...)
	nc.fields = whenFields(config)
	return nc
}

// add appends obj's item at k to into, when obj has one.
func add(obj ast.Object, k *ast.Term, into *[][2]*ast.Term) {
	if obj == nil {
		return
	}
	if v := obj.Get(k); v != nil {
		*into = append(*into, [2]*ast.Term{k, v})
	}
}

// whenFields are the post fields the stages' `when` name ("post.FIELD"),
// each once.
func whenFields(config ast.Object) []*ast.Term {
	stages, _ := termValue(config.Get(keyStages)).(*ast.Array)
	if stages == nil {
		return nil
	}
	var out []*ast.Term
	stages.Foreach(func(s *ast.Term) {
		obj, _ := s.Value.(ast.Object)
		if obj == nil {
			return
		}
		when, _ := termValue(obj.Get(keyWhen)).(ast.String)
		field, ok := strings.CutPrefix(string(when), "post.")
		if !ok || slices.ContainsFunc(out, func(t *ast.Term) bool { return t.Value.Compare(ast.String(field)) == 0 }) {
			return
		}
		out = append(out, ast.StringTerm(field))
	})
	return out
}

// merge adds the sign-off package's decision to the other packages'.
// The memo's slices are copied, never shared with the caller.
func (d *Decision) merge(s Decision) {
	d.Violations = append(d.Violations, s.Violations...)
	d.RequiredStages = append(d.RequiredStages, s.RequiredStages...)
	slices.Sort(d.RequiredStages)
	d.RequiredStages = slices.Compact(d.RequiredStages)
	d.Exceptions = append(d.Exceptions, s.Exceptions...)
	d.Errors = append(d.Errors, s.Errors...)
	d.Stages = make([]signoff.Stage, len(s.Stages))
	for i, st := range s.Stages {
		st.WaitingFor = slices.Clone(st.WaitingFor)
		st.ApprovedBy = slices.Clone(st.ApprovedBy)
		st.Reasons = slices.Clone(st.Reasons)
		d.Stages[i] = st
	}
	if len(s.Stages) == 0 {
		d.Stages = nil
	}
}

// rulePaths are the data paths (without "data.") a module adds rules to:
// its package's and each prefix of each rule's path past it, which a rule
// head ref may put in another package (package greenlight, rule
// signoff.deny adds to greenlight.signoff).
func rulePaths(m *ast.Module) []string {
	pkg := m.Package.Path
	out := []string{pathString(pkg)}
	for _, r := range m.Rules {
		ref := r.Ref().GroundPrefix()
		for i := len(pkg) + 1; i <= len(ref); i++ {
			if p := pathString(ref[:i]); !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// pathString is a ground data ref as a dotted path without "data.".
func pathString(ref ast.Ref) string {
	var parts []string
	for i, t := range ref {
		switch v := t.Value.(type) {
		case ast.Var:
			if i > 0 {
				parts = append(parts, string(v))
			}
		case ast.String:
			parts = append(parts, string(v))
		default:
			parts = append(parts, v.String())
		}
	}
	return strings.Join(parts, ".")
}

// signoffReads are the data paths (without "data.") the sign-off package
// reads, itself included, through the modules it reaches (its imports and
// data references, as greenlight.lib and greenlight.compliance, and
// theirs): a team rule at any of them may read any of the input, so the
// package must then get the whole input. A reference to data itself
// (data[x]) reads every path: "" stands for it, and any team rule is at
// it (see teamAt).
func signoffReads(mods map[string]*ast.Module) []string {
	return append([]string{signoffPackage}, reads(mods, []string{signoffPackage})...)
}

// teamAt is whether a team rule is at or under one of paths (team as New
// makes it); "" is every path.
func teamAt(team map[string]bool, paths []string) bool {
	return slices.ContainsFunc(paths, func(p string) bool { return team[p] || p == "" && len(team) > 0 })
}
