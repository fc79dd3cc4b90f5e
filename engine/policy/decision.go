package policy

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/signoff"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Violation is one deny, warn or info object, as policies return it.
type Violation struct {
	Package string
	Level   finding.Level
	Msg     string
	Rule    string
	// Line and Col are 0 when the policy gave no position.
	Line, Col, EndLine, EndCol int
	Suggestion                 string
}

// Decision is everything the policies decided about one post.
type Decision struct {
	Violations     []Violation
	RequiredStages []string
	// StageRequests say which package required which stage (the sign-off
	// package's echo of them left out), so that a name no stage has can be
	// traced to the policy that wrote it.
	StageRequests []StageRequest
	Stages        []signoff.Stage
	// Exceptions are the rule ids packages waived for this post.
	Exceptions []Exception
	// Errors are malformed decisions and evaluation failures; the caller
	// must treat each as an error-level finding (the gate fails closed).
	Errors []string
}

// StageRequest is one stage a package's required_stages names.
type StageRequest struct {
	Package string
	Stage   string
}

// Exception is a rule a package waived for the post.
type Exception struct {
	Package string
	Rule    string
}

// Evaluate runs every policy on one input document.
func (e *Engine) Evaluate(ctx context.Context, input ast.Object) Decision {
	var d Decision
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := e.main.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		d.Errors = append(d.Errors, evalError(err))
		return d
	}
	var fired []*ast.Term
	if len(rs) > 0 {
		for i, pkg := range e.packages {
			if pkg == StylePackage && e.styleInGo {
				continue // the caller reports the style matches (StyleInGo)
			}
			e.read(&d, pkg, rs[0].Bindings, e.prefixes[i])
		}
		fired = stringTerms(rs[0].Bindings["fired"])
	}
	slices.Sort(d.RequiredStages)
	d.RequiredStages = slices.Compact(d.RequiredStages)
	if e.signoff == nil {
		return d
	}
	stages := make([]*ast.Term, len(d.RequiredStages))
	for i, s := range d.RequiredStages {
		stages[i] = ast.StringTerm(s)
	}
	extra := [][2]*ast.Term{{keyRequiredStages, ast.ArrayTerm(stages...)}}
	if e.fired {
		extra = append(extra, [2]*ast.Term{keyFiredTriggers, ast.ArrayTerm(fired...)})
	}
	if e.memo == nil {
		d.merge(e.evalSignoff(ctx, withKeys(input, extra)))
		return d
	}
	narrow := e.narrowInput(input, extra)
	s, ok := e.memo.get(narrow)
	if !ok {
		s = e.evalSignoff(ctx, narrow)
		e.memo.put(narrow, s)
	}
	d.merge(s)
	return d
}

// withKeys is input with the keys of extra set to their values: the same
// document (its terms are shared, not copied) with what the other
// packages decided.
func withKeys(input ast.Object, extra [][2]*ast.Term) ast.Object {
	pairs := make([][2]*ast.Term, 0, input.Len()+len(extra))
	input.Foreach(func(k, v *ast.Term) {
		if !slices.ContainsFunc(extra, func(x [2]*ast.Term) bool { return x[0].Equal(k) }) {
			pairs = append(pairs, [2]*ast.Term{k, v})
		}
	})
	return ast.NewObject(append(pairs, extra...)...)
}

// evalSignoff evaluates the sign-off package on its input: its decisions
// and the stages' statuses.
func (e *Engine) evalSignoff(ctx context.Context, input ast.Object) Decision {
	var d Decision
	rs, err := e.signoff.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		d.Errors = append(d.Errors, evalError(err))
		return d
	}
	if len(rs) > 0 {
		e.read(&d, signoffPackage, rs[0].Bindings, "s_")
		d.Stages, err = e.readStages(rs[0].Bindings["stages"])
		if err != nil {
			d.Errors = append(d.Errors, fmt.Sprintf("policy %s: stages: %v", signoffPackage, err))
		}
	}
	return d
}

// termValue is a term's value; nil for no term.
func termValue(t *ast.Term) ast.Value {
	if t == nil {
		return nil
	}
	return t.Value
}

// members are what `some m in x` visits: an array's or a set's elements,
// an object's values.
func members(t *ast.Term) []*ast.Term {
	if obj, ok := t.Value.(ast.Object); ok {
		var out []*ast.Term
		obj.Foreach(func(_, v *ast.Term) { out = append(out, v) })
		return out
	}
	return elems(t)
}

// stringTerms are the strings of a query result's array or set.
func stringTerms(v any) []*ast.Term {
	var out []*ast.Term
	for _, x := range elems(v) {
		if _, ok := x.Value.(ast.String); ok {
			out = append(out, x)
		}
	}
	return out
}

// resultTerm makes query results OPA terms, which Evaluate reads as they
// are, rather than Go values made for the purpose.
func resultTerm(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

// elems are the elements of a query result that is an array or a set.
func elems(v any) []*ast.Term {
	t, _ := v.(*ast.Term)
	if t == nil {
		return nil
	}
	switch c := t.Value.(type) {
	case *ast.Array:
		out := make([]*ast.Term, 0, c.Len())
		c.Foreach(func(x *ast.Term) { out = append(out, x) })
		return out
	case ast.Set:
		return c.Slice()
	}
	return nil
}

func evalError(err error) string {
	if strings.Contains(err.Error(), "context deadline exceeded") {
		return "the policies did not finish in time: " + err.Error()
	}
	return "a policy failed: " + err.Error()
}

// read collects one package's decisions from query bindings named
// prefix+rule.
func (e *Engine) read(d *Decision, pkg string, b rego.Vars, prefix string) {
	for _, rule := range decisionRules() {
		vals := elems(b[prefix+rule])
		switch rule {
		case "required_stages", "exception":
			for _, v := range vals {
				s, ok := v.Value.(ast.String)
				if !ok {
					d.Errors = append(d.Errors, fmt.Sprintf("policy %s: %s must be a set of strings; it holds %s", pkg, rule, describe(v.Value)))
					continue
				}
				if rule == "required_stages" {
					d.RequiredStages = append(d.RequiredStages, string(s))
					if pkg != signoffPackage {
						d.StageRequests = append(d.StageRequests, StageRequest{Package: pkg, Stage: string(s)})
					}
				} else {
					d.Exceptions = append(d.Exceptions, Exception{Package: pkg, Rule: string(s)})
				}
			}
		default:
			for _, v := range vals {
				viol, err := e.violation(pkg, ruleLevel(rule), v.Value)
				if err != nil {
					d.Errors = append(d.Errors, fmt.Sprintf("policy %s: %s holds %s; want an object with a \"msg\" string (see policies/README.md)", pkg, rule, err))
					continue
				}
				d.Violations = append(d.Violations, viol)
			}
		}
	}
}

// ruleLevel is the level of the findings of a deny, warn or info rule.
func ruleLevel(rule string) finding.Level {
	switch rule {
	case "deny":
		return finding.Error
	case "warn":
		return finding.Warning
	}
	return finding.Info
}

// resultKeys are the keys Evaluate reads in decisions, made once.
type resultKeys struct {
	msg, rule, suggestion, line, col, endLine, endCol             *ast.Term
	required, satisfied, pending, waitingFor, approvedBy, reasons *ast.Term
}

func newResultKeys() resultKeys {
	k := ast.StringTerm
	return resultKeys{
		msg: k("msg"), rule: k("rule"), suggestion: k("suggestion"),
		line: k("line"), col: k("col"), endLine: k("end_line"), endCol: k("end_col"),
		required: k("required"), satisfied: k("satisfied"), pending: k("pending"),
		waitingFor: k("waiting_for"), approvedBy: k("approved_by"), reasons: k("reasons"),
	}
}

func (e *Engine) violation(pkg string, level finding.Level, v ast.Value) (Violation, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return Violation{}, fmt.Errorf("%s", describe(v))
	}
	k := &e.keys
	msg := str(obj.Get(k.msg))
	if msg == "" {
		return Violation{}, fmt.Errorf("an object without a \"msg\" string")
	}
	viol := Violation{Package: pkg, Level: level, Msg: msg, Rule: pkg}
	if r := str(obj.Get(k.rule)); r != "" {
		viol.Rule = r
	}
	viol.Suggestion = str(obj.Get(k.suggestion))
	viol.Line, viol.Col = number(obj.Get(k.line)), number(obj.Get(k.col))
	viol.EndLine, viol.EndCol = number(obj.Get(k.endLine)), number(obj.Get(k.endCol))
	return viol, nil
}

// str is a string term's string; "" for anything else.
func str(t *ast.Term) string {
	if t == nil {
		return ""
	}
	s, _ := t.Value.(ast.String)
	return string(s)
}

// number is a number term as an int; 0 for anything else or a number
// that is not an integer.
func number(t *ast.Term) int {
	if t == nil {
		return 0
	}
	n, ok := t.Value.(ast.Number)
	if !ok {
		return 0
	}
	i, _ := n.Int()
	return i
}

func describe(v ast.Value) string {
	switch v := v.(type) {
	case ast.String:
		return fmt.Sprintf("a string (%q)", string(v))
	case ast.Number:
		return "a number"
	case ast.Boolean:
		return "a boolean"
	case *ast.Array, ast.Set:
		return "an array"
	case ast.Object:
		return "an object"
	case ast.Null:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

func (e *Engine) readStages(v any) ([]signoff.Stage, error) {
	t, _ := v.(*ast.Term)
	if t == nil {
		return nil, nil
	}
	m, ok := t.Value.(ast.Object)
	if !ok {
		return nil, nil
	}
	out := make([]signoff.Stage, 0, m.Len())
	err := m.Iter(func(key, raw *ast.Term) error {
		name := str(key)
		fields, ok := raw.Value.(ast.Object)
		if !ok {
			return fmt.Errorf("stage %s: %s, want an object", name, describe(raw.Value))
		}
		s := signoff.Stage{Name: name}
		k := &e.keys
		var err error
		s.Required, err = boolField(fields, k.required, err)
		s.Satisfied, err = boolField(fields, k.satisfied, err)
		s.Pending, err = boolField(fields, k.pending, err)
		s.WaitingFor, err = stringsField(fields, k.waitingFor, err)
		s.ApprovedBy, err = stringsField(fields, k.approvedBy, err)
		s.Reasons, err = stringsField(fields, k.reasons, err)
		if err != nil {
			return fmt.Errorf("stage %s: %v", name, err)
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// boolField reads an optional boolean of a stage, unless err is set.
func boolField(m ast.Object, key *ast.Term, err error) (bool, error) {
	if err != nil {
		return false, err
	}
	t := m.Get(key)
	if t == nil {
		return false, nil
	}
	switch v := t.Value.(type) {
	case ast.Boolean:
		return bool(v), nil
	case ast.Null:
		return false, nil
	default:
		return false, fmt.Errorf("%s is %s, want a boolean", key.Value, describe(v))
	}
}

// stringsField reads an optional array of strings of a stage, unless err
// is set.
func stringsField(m ast.Object, key *ast.Term, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	t := m.Get(key)
	if t == nil {
		return nil, nil
	}
	switch t.Value.(type) {
	case ast.Null:
		return nil, nil
	case *ast.Array, ast.Set:
		xs := elems(t)
		out := make([]string, len(xs))
		for i, x := range xs {
			s, ok := x.Value.(ast.String)
			if !ok {
				return nil, fmt.Errorf("%s holds %s, want strings", key.Value, describe(x.Value))
			}
			out[i] = string(s)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("%s is %s, want an array of strings", key.Value, describe(t.Value))
	}
}
