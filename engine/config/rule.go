package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/normalize"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
)

var ruleSchema = &hcl.BodySchema{Attributes: optional(
	"type", "level", "message", "link", "scope", "ignorecase", "nonword",
	"tokens", "patterns", "exceptions", "swap", "min", "max", "alpha",
	"match", "style", "metrics", "grade", "first", "second")}

// defaultMessage is used when a rule sets no message. %s is the match (for
// substitutions, first the replacement, then the match).
func defaultMessage(k style.Kind) string {
	switch k {
	case style.Existence:
		return "Avoid '%s'."
	case style.Substitution:
		return "Use '%s' instead of '%s'."
	case style.Occurrence:
		return "'%s' occurs too often."
	case style.Repetition:
		return "'%s' is repeated."
	case style.Capitalization:
		return "'%s' should be in %s."
	case style.Readability:
		return "Grade level %s is too high; aim for %s or lower."
	case style.Conditional:
		return "'%s' is used without being defined first."
	}
	return ""
}

// decodeRule reads a `rule` block into a style.Spec. Unlike a Vale rule,
// whose tokens are regular expressions, an HCL rule's tokens, exceptions and
// swap keys are words or phrases as a copywriter writes them, so they are
// quoted here; `patterns` are the regular expressions.
func decodeRule(b *hcl.Block) (style.Spec, hcl.Diagnostics) {
	s := style.Spec{ID: b.Labels[0], Level: finding.Warning, Source: b.DefRange.String()}
	content, diags := b.Body.Content(ruleSchema)
	a := attrs{m: content.Attributes, diags: diags}

	var kind string
	var tokens, exceptions, scopes []string
	var swap map[string]string
	a.str("type", &kind)
	a.str("message", &s.Message)
	a.str("link", &s.Link)
	a.strs("scope", &scopes)
	a.boolean("ignorecase", &s.IgnoreCase)
	a.boolean("nonword", &s.Nonword)
	a.strs("tokens", &tokens)
	a.strs("patterns", &s.Patterns)
	a.strs("exceptions", &exceptions)
	a.strMap("swap", &swap)
	a.integer("min", 0, &s.Min)
	a.integer("max", 0, &s.Max)
	a.boolean("alpha", &s.Alpha)
	a.str("match", &s.Match)
	a.str("style", &s.Style)
	a.strs("metrics", &s.Metrics)
	a.number("grade", &s.Grade)
	a.str("first", &s.First)
	a.str("second", &s.Second)
	a.level("level", &s.Level)

	nonword := s.Nonword
	for _, e := range exceptions {
		s.Exceptions = append(s.Exceptions, regexp.QuoteMeta(e))
	}
	if swap != nil {
		s.Swap = map[string]string{}
		for _, k := range sortedKeys(swap) {
			if nonword {
				s.Swap[regexp.QuoteMeta(k)] = swap[k]
			} else {
				s.Swap[WordToken(k)] = swap[k]
			}
		}
		// A copywriter's swap keeps the case of what it replaces:
		// "E-mail" becomes "Email".
		s.MatchCase = true
	}
	for _, sc := range scopes {
		if !style.ValidScope(style.Scope(sc)) {
			a.errorAt("scope", "Invalid scope", fmt.Sprintf("%q is not a scope; use %s.", sc, joinScopes()))
			continue
		}
		s.Scope = append(s.Scope, style.Scope(sc))
	}
	checkPatterns(&a, "patterns", s.Patterns)
	for _, name := range []string{"first", "second"} {
		if at, ok := a.m[name]; ok {
			v, _ := getString(at)
			if err := style.CheckPattern(v); err != nil {
				a.errorAt(name, "Invalid regular expression", fmt.Sprintf("%q: %s.", v, err))
			}
		}
	}

	s.Kind = style.Kind(kind)
	if kind == "" {
		s.Kind = inferKind(&a)
	}
	if s.Kind == "" {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Rule type unknown",
			Detail:  fmt.Sprintf("Rule %q sets nothing that says what it checks: add tokens, patterns or swap, or set type to one of %s.", s.ID, joinKinds()),
			Subject: b.DefRange.Ptr()})
	} else if s.Kind == style.Spelling {
		a.errorAt("type", "Spelling is a block", "Turn spell-checking on with a spelling block (spelling { level = \"error\" }), not a rule.")
	} else if !validKind(s.Kind) {
		a.errorAt("type", "Invalid rule type", fmt.Sprintf("%q is not a rule type; use %s.", kind, joinKinds()))
	}
	if s.Kind == style.Existence {
		// A team's banned words are its own policy terms: matched on the
		// text as readers see it (package normalize), as compliance
		// triggers are, so "ｓｙｎｅｒｇｙ" or a soft hyphen does not hide one.
		s.Normalize = true
		for i, t := range tokens {
			tokens[i] = normalize.String(t).String
		}
	}
	for _, t := range tokens {
		var q string
		switch {
		case s.Normalize && !nonword:
			q = PolicyToken(t)
		case s.Normalize:
			q = spaced(regexp.QuoteMeta(t))
		case nonword:
			q = regexp.QuoteMeta(t)
		default:
			q = WordToken(t)
		}
		s.Tokens = append(s.Tokens, q)
	}
	// The tokens carry their own boundaries (see WordToken).
	s.Nonword = true
	if s.Message == "" {
		s.Message = defaultMessage(s.Kind)
	}
	if !a.diags.HasErrors() {
		if _, err := style.Compile(s); err != nil {
			a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid rule",
				Detail: err.Error() + ".", Subject: b.DefRange.Ptr()})
		}
	}
	return s, a.diags
}

// inferKind works out the rule type from the attributes a rule sets, so
// the common rules read naturally without a type line.
func inferKind(a *attrs) style.Kind {
	switch {
	case a.has("swap"):
		return style.Substitution
	case a.has("first") || a.has("second"):
		return style.Conditional
	case a.has("metrics") || a.has("grade"):
		return style.Readability
	case a.has("match"):
		return style.Capitalization
	case a.has("min") || a.has("max"):
		return style.Occurrence
	case a.has("tokens") || a.has("patterns"):
		return style.Existence
	}
	return ""
}

// validKind: a rule block takes every rule type but spelling, which has
// its own block, and the four that only a Vale style declares
// (consistency, metric, sequence, script): their fields (either, formula,
// token mappings, a program) have no HCL form yet.
func validKind(k style.Kind) bool {
	switch k {
	case style.Spelling, style.Consistency, style.Metric, style.Sequence, style.Script:
		return false
	}
	return slices.Contains(style.Kinds(), k)
}

func joinKinds() string {
	var names []string
	for _, k := range style.Kinds() {
		if validKind(k) {
			names = append(names, string(k))
		}
	}
	return strings.Join(names, ", ")
}

func joinScopes() string {
	var names []string
	for _, s := range style.Scopes() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}

// WordToken turns a word or phrase into a pattern that matches it on word
// boundaries, as a copywriter expects: "synergy" does not match inside
// "synergyX". A boundary is required only at an end that is a word
// character, so "#1" and "C++" still match.
func WordToken(t string) string {
	q := regexp.QuoteMeta(t)
	if t == "" {
		return q
	}
	if isWordChar(t[0]) {
		q = `\b` + q
	}
	if isWordChar(t[len(t)-1]) {
		q += `\b`
	}
	return q
}

// PolicyToken is WordToken for a policy term (a compliance trigger, an
// embargoed term, a banned word), matched on normalized text:
//   - the spaces between its words match any run of white space, since
//     every reader (and every renderer, which collapses it) reads "Project
//     Orion", a tab or a line break between the words as "Project Orion";
//   - a hyphen matches a hyphen, an em dash or a horizontal bar (the dashes
//     normalizing leaves), and the white space after it, since a reader
//     reads "risk-" at the end of a line and "free" on the next as
//     "risk-free", as in print;
//   - a term of several words or parts is also matched as a hashtag, the
//     words run together or joined by underscores (#RiskFree, #risk_free,
//     #ProjectOrion): a hashtag holds no space or hyphen, and says the
//     term all the same.
func PolicyToken(t string) string {
	q := spaced(WordToken(t))
	if tag := hashtagForm(t); tag != "" {
		q = "(?:" + q + "|" + tag + ")"
	}
	return q
}

// separators are the runs of spaces in a quoted term, and its hyphens
// (which regexp.QuoteMeta leaves as they are).
var separators = regexp.MustCompile(` +|-`)

// spaced makes each run of spaces in a quoted term match any run of white
// space, and each hyphen match a dash and the white space after it.
func spaced(q string) string {
	return separators.ReplaceAllStringFunc(q, func(m string) string {
		if m == "-" {
			return "[-\u2014\u2015]\\s*"
		}
		return `\s+`
	})
}

// hashtagForm is the pattern of a term of several parts (split at spaces
// and hyphens) as a hashtag: "#" and the parts, each of word characters,
// run together or joined by underscores; "" for a term of one part or one
// no hashtag can hold.
func hashtagForm(t string) string {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '-' })
	if len(parts) < 2 {
		return ""
	}
	for i, p := range parts {
		if strings.IndexFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' }) >= 0 {
			return ""
		}
		parts[i] = regexp.QuoteMeta(p)
	}
	q := "#" + strings.Join(parts, "_?")
	if isWordChar(t[len(t)-1]) {
		q += `\b`
	}
	return q
}

func isWordChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
