package config

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Attribute values are literals: the config has no variables or functions,
// so every expression is evaluated with a nil context and a reference where
// a value belongs is reported as an error by HCL itself.

func value(attr *hcl.Attribute, want cty.Type, what string) (cty.Value, hcl.Diagnostics) {
	v, diags := attr.Expr.Value(nil)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	if v.IsNull() {
		return cty.NilVal, hcl.Diagnostics{typeError(attr, what, "null")}
	}
	c, err := convert.Convert(v, want)
	if err != nil {
		return cty.NilVal, hcl.Diagnostics{typeError(attr, what, v.Type().FriendlyName())}
	}
	return c, nil
}

func typeError(attr *hcl.Attribute, what, got string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid value for " + attr.Name,
		Detail:   fmt.Sprintf("%q must be %s, not %s.", attr.Name, what, got),
		Subject:  attr.Expr.Range().Ptr(),
	}
}

func getString(attr *hcl.Attribute) (string, hcl.Diagnostics) {
	v, diags := value(attr, cty.String, "a string")
	if diags.HasErrors() {
		return "", diags
	}
	return v.AsString(), nil
}

func getStrings(attr *hcl.Attribute) ([]string, hcl.Diagnostics) {
	v, diags := value(attr, cty.List(cty.String), "a list of strings, like [\"a\", \"b\"]")
	if diags.HasErrors() {
		return nil, diags
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			return nil, hcl.Diagnostics{typeError(attr, "a list of strings", "a list with null in it")}
		}
		out = append(out, e.AsString())
	}
	return out, nil
}

func getBool(attr *hcl.Attribute) (bool, hcl.Diagnostics) {
	v, diags := value(attr, cty.Bool, "true or false")
	if diags.HasErrors() {
		return false, diags
	}
	return v.True(), nil
}

func getNumber(attr *hcl.Attribute) (float64, hcl.Diagnostics) {
	v, diags := value(attr, cty.Number, "a number")
	if diags.HasErrors() {
		return 0, diags
	}
	f, _ := v.AsBigFloat().Float64()
	return f, nil
}

func getInt(attr *hcl.Attribute, minimum int) (int, hcl.Diagnostics) {
	v, diags := value(attr, cty.Number, "a whole number")
	if diags.HasErrors() {
		return 0, diags
	}
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return 0, hcl.Diagnostics{typeError(attr, "a whole number", "a fraction")}
	}
	i, acc := bf.Int64()
	if acc != big.Exact || i < int64(minimum) || i > 1<<31 {
		return 0, hcl.Diagnostics{&hcl.Diagnostic{
			Severity: hcl.DiagError, Summary: "Invalid value for " + attr.Name,
			Detail:  fmt.Sprintf("%q must be at least %d.", attr.Name, minimum),
			Subject: attr.Expr.Range().Ptr(),
		}}
	}
	return int(i), nil
}

// getStringMap reads a map such as swap = { "Github" = "GitHub" }. Keys keep
// their source order where HCL gives it; the result is sorted for stability.
func getStringMap(attr *hcl.Attribute) (map[string]string, hcl.Diagnostics) {
	v, diags := value(attr, cty.Map(cty.String), "a map of strings, like { \"e-mail\" = \"email\" }")
	if diags.HasErrors() {
		return nil, diags
	}
	out := map[string]string{}
	for k, e := range v.AsValueMap() {
		if e.IsNull() {
			return nil, hcl.Diagnostics{typeError(attr, "a map of strings", "a map with null in it")}
		}
		out[k] = e.AsString()
	}
	return out, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// reference is one `kind.name` traversal in a list such as
// approvers = [role.copy, role.brand].
type reference struct {
	Name  string
	Range hcl.Range
}

// getRefs reads a list of references to blocks of kind ("role", "stage"),
// statically: the expression is never evaluated, so a typo is an error
// about the name, with its exact range, not about an unknown variable.
func getRefs(attr *hcl.Attribute, kind string) ([]reference, hcl.Diagnostics) {
	exprs, diags := hcl.ExprList(attr.Expr)
	if diags.HasErrors() {
		return nil, hcl.Diagnostics{&hcl.Diagnostic{
			Severity: hcl.DiagError, Summary: "Invalid value for " + attr.Name,
			Detail:  fmt.Sprintf("%q must be a list of %s references, like [%s.name].", attr.Name, kind, kind),
			Subject: attr.Expr.Range().Ptr(),
		}}
	}
	var refs []reference
	for _, e := range exprs {
		tr, d := hcl.AbsTraversalForExpr(e)
		if d.HasErrors() || len(tr) != 2 || tr.RootName() != kind {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "Invalid reference",
				Detail:  fmt.Sprintf("Each item of %q must be a %s reference, like %s.name (without quotes).", attr.Name, kind, kind),
				Subject: e.Range().Ptr(),
			})
			continue
		}
		name, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "Invalid reference",
				Detail:  fmt.Sprintf("Write %s.name, not an index.", kind),
				Subject: e.Range().Ptr(),
			})
			continue
		}
		refs = append(refs, reference{Name: name.Name, Range: tr.SourceRange()})
	}
	return refs, diags
}
