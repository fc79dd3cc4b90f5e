package config

import (
	"fmt"
	"github.com/greenlighthq/greenlight/engine/deadline"
	"github.com/greenlighthq/greenlight/engine/finding"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// attrs reads a block's attributes into Go values, collecting diagnostics,
// so that each decode function is a flat list of "this name goes there".
type attrs struct {
	m     hcl.Attributes
	diags hcl.Diagnostics
}

func (a *attrs) has(name string) bool { _, ok := a.m[name]; return ok }

func (a *attrs) str(name string, dst *string) {
	if at, ok := a.m[name]; ok {
		v, d := getString(at)
		a.diags = append(a.diags, d...)
		if !d.HasErrors() {
			*dst = v
		}
	}
}

// level reads a finding level ("error", "warning" or "info", or Vale's
// "suggestion"), with a diagnostic at the attribute for any other value.
func (a *attrs) level(name string, dst *finding.Level) {
	if !a.has(name) {
		return
	}
	var s string
	a.str(name, &s)
	l, err := finding.ParseLevel(s)
	if err != nil {
		a.errorAt(name, "Invalid "+name, name+` must be "error", "warning" or "info".`)
		return
	}
	*dst = l
}

func (a *attrs) strs(name string, dst *[]string) {
	if at, ok := a.m[name]; ok {
		v, d := getStrings(at)
		a.diags = append(a.diags, d...)
		if !d.HasErrors() {
			*dst = v
		}
	}
}

func (a *attrs) boolean(name string, dst *bool) {
	if at, ok := a.m[name]; ok {
		v, d := getBool(at)
		a.diags = append(a.diags, d...)
		if !d.HasErrors() {
			*dst = v
		}
	}
}

func (a *attrs) optBool(name string, dst **bool) {
	if a.has(name) {
		var b bool
		a.boolean(name, &b)
		*dst = &b
	}
}

func (a *attrs) number(name string, dst *float64) {
	if at, ok := a.m[name]; ok {
		v, d := getNumber(at)
		a.diags = append(a.diags, d...)
		if !d.HasErrors() {
			*dst = v
		}
	}
}

func (a *attrs) optNumber(name string, dst **float64) {
	if a.has(name) {
		var f float64
		a.number(name, &f)
		*dst = &f
	}
}

func (a *attrs) integer(name string, minimum int, dst *int) {
	if at, ok := a.m[name]; ok {
		v, d := getInt(at, minimum)
		a.diags = append(a.diags, d...)
		if !d.HasErrors() {
			*dst = v
		}
	}
}

func (a *attrs) optInt(name string, dst **int) {
	if a.has(name) {
		var i int
		a.integer(name, 0, &i)
		*dst = &i
	}
}

func (a *attrs) strMap(name string, dst *map[string]string) {
	if at, ok := a.m[name]; ok {
		v, d := getStringMap(at)
		a.diags = append(a.diags, d...)
		if !d.HasErrors() {
			*dst = v
		}
	}
}

// time reads an RFC 3339 time with an offset.
func (a *attrs) time(name string, dst *time.Time) {
	var s string
	a.str(name, &s)
	if !a.has(name) {
		return
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		a.errorAt(name, "Invalid time",
			fmt.Sprintf("%q is not a time with an offset; write it like \"2027-01-15T09:00:00-05:00\".", s))
		return
	}
	*dst = t
}

// itemRanges is where each element of a list attribute is written; the
// whole value's range stands in for elements HCL cannot place (a list
// built by an expression).
func (a *attrs) itemRanges(name string) []hcl.Range {
	at, ok := a.m[name]
	if !ok {
		return nil
	}
	items, d := hcl.ExprList(at.Expr)
	if d.HasErrors() {
		return nil
	}
	out := make([]hcl.Range, len(items))
	for i, it := range items {
		out[i] = it.Range()
	}
	return out
}

// errorAt records a problem with the value of an attribute.
func (a *attrs) errorAt(name, summary, detail string) {
	r := a.m[name].Expr.Range()
	a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &r})
}

func optional(names ...string) []hcl.AttributeSchema {
	out := make([]hcl.AttributeSchema, len(names))
	for i, n := range names {
		out[i] = hcl.AttributeSchema{Name: n}
	}
	return out
}

// deadline reads a deadline rule ("24h before publish"); nil when unset
// or invalid (then with a diagnostic).
func (a *attrs) deadline(name string) *deadline.Rule {
	var s string
	a.str(name, &s)
	if !a.has(name) {
		return nil
	}
	r, err := deadline.Parse(s)
	if err != nil {
		a.errorAt(name, "Invalid deadline", err.Error()+".")
		return nil
	}
	return &r
}

// duration reads a positive Go duration ("2h", "90m").
func (a *attrs) duration(name string, dst *time.Duration) {
	var s string
	a.str(name, &s)
	if !a.has(name) {
		return
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		a.errorAt(name, "Invalid "+name, fmt.Sprintf("%q is not a duration; write it like \"2h\" or \"90m\".", s))
		return
	}
	*dst = d
}
