package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
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

// Stage is the sign-off package's verdict on one stage.
type Stage struct {
	Name       string   `json:"name"`
	Required   bool     `json:"required"`
	Satisfied  bool     `json:"satisfied"`
	Pending    bool     `json:"pending"`
	WaitingFor []string `json:"waiting_for"`
	ApprovedBy []string `json:"approved_by"`
	Reasons    []string `json:"reasons"`
}

// Decision is everything the policies decided about one post.
type Decision struct {
	Violations     []Violation
	RequiredStages []string
	Stages         []Stage
	// Exceptions are the rule ids packages waived for this post.
	Exceptions []Exception
	// Errors are malformed decisions and evaluation failures; the caller
	// must treat each as an error-level finding (the gate fails closed).
	Errors []string
}

// Exception is a rule a package waived for the post.
type Exception struct {
	Package string
	Rule    string
}

// Evaluate runs every policy on one input document.
func (e *Engine) Evaluate(ctx context.Context, input map[string]any) Decision {
	var d Decision
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	value, err := e.convert(input)
	if err != nil {
		d.Errors = append(d.Errors, fmt.Sprintf("the input document cannot be converted: %v", err))
		return d
	}
	rs, err := e.main.Eval(ctx, rego.EvalParsedInput(value))
	if err != nil {
		d.Errors = append(d.Errors, evalError(err))
		return d
	}
	if len(rs) > 0 {
		for i, pkg := range e.packages {
			e.read(&d, pkg, rs[0].Bindings, fmt.Sprintf("p%d_", i))
		}
	}
	slices.Sort(d.RequiredStages)
	d.RequiredStages = slices.Compact(d.RequiredStages)
	if e.signoff == nil {
		return d
	}
	obj := value
	stages := make([]*ast.Term, len(d.RequiredStages))
	for i, s := range d.RequiredStages {
		stages[i] = ast.StringTerm(s)
	}
	obj = obj.Copy()
	obj.Insert(ast.StringTerm("required_stages"), ast.ArrayTerm(stages...))
	rs, err = e.signoff.Eval(ctx, rego.EvalParsedInput(obj))
	if err != nil {
		d.Errors = append(d.Errors, evalError(err))
		return d
	}
	if len(rs) > 0 {
		e.read(&d, signoffPackage, rs[0].Bindings, "s_")
		d.Stages, err = readStages(rs[0].Bindings["stages"])
		if err != nil {
			d.Errors = append(d.Errors, fmt.Sprintf("policy %s: stages: %v", signoffPackage, err))
		}
	}
	return d
}

// convert turns the input into an OPA value, using the shared keys'
// converted values.
func (e *Engine) convert(input map[string]any) (ast.Object, error) {
	obj := ast.NewObject()
	for k, v := range input {
		if t, ok := e.shared[k]; ok {
			obj.Insert(ast.StringTerm(k), t)
			continue
		}
		val, err := ast.InterfaceToValue(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		obj.Insert(ast.StringTerm(k), ast.NewTerm(val))
	}
	return obj, nil
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
	levels := map[string]finding.Level{"deny": finding.Error, "warn": finding.Warning, "info": finding.Info}
	for _, rule := range decisionRules() {
		vals, ok := b[prefix+rule].([]any)
		if !ok {
			continue
		}
		switch rule {
		case "required_stages", "exception":
			for _, v := range vals {
				s, ok := v.(string)
				if !ok {
					d.Errors = append(d.Errors, fmt.Sprintf("policy %s: %s must be a set of strings; it holds %s", pkg, rule, describe(v)))
					continue
				}
				if rule == "required_stages" {
					d.RequiredStages = append(d.RequiredStages, s)
				} else {
					d.Exceptions = append(d.Exceptions, Exception{Package: pkg, Rule: s})
				}
			}
		default:
			for _, v := range vals {
				viol, err := violation(pkg, levels[rule], v)
				if err != nil {
					d.Errors = append(d.Errors, fmt.Sprintf("policy %s: %s holds %s; want an object with a \"msg\" string (see policies/README.md)", pkg, rule, err))
					continue
				}
				d.Violations = append(d.Violations, viol)
			}
		}
	}
}

func violation(pkg string, level finding.Level, v any) (Violation, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Violation{}, fmt.Errorf("%s", describe(v))
	}
	msg, ok := obj["msg"].(string)
	if !ok || msg == "" {
		return Violation{}, fmt.Errorf("an object without a \"msg\" string")
	}
	viol := Violation{Package: pkg, Level: level, Msg: msg, Rule: pkg}
	if r, ok := obj["rule"].(string); ok && r != "" {
		viol.Rule = r
	}
	if s, ok := obj["suggestion"].(string); ok {
		viol.Suggestion = s
	}
	viol.Line, viol.Col = number(obj["line"]), number(obj["col"])
	viol.EndLine, viol.EndCol = number(obj["end_line"]), number(obj["end_col"])
	return viol, nil
}

func number(v any) int {
	switch n := v.(type) {
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	case float64:
		return int(n)
	case int:
		return n
	}
	return 0
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case json.Number, float64, int:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

func readStages(v any) ([]Stage, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, nil
	}
	var out []Stage
	for name, raw := range m {
		b, err := json.Marshal(raw)
		if err != nil {
			return nil, err
		}
		s := Stage{Name: name}
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("stage %s: %v", name, err)
		}
		s.Name = name
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
