package vale

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/greenlighthq/greenlight/engine/style"
)

// scopes maps Vale's scope names onto Greenlight's. Greenlight's own names are
// accepted too, so a rule written for Greenlight in Vale's format can use them.
var scopes = map[string]style.Scope{
	"text":      style.ScopeText,
	"paragraph": style.ScopeParagraph,
	"sentence":  style.ScopeSentence,
	"heading":   style.ScopeHeading,
	"title":     style.ScopeTitle,
	"list":      style.ScopeList,
	"link":      style.ScopeLinkText, // Vale's inline scope for a link's text
	"link_text": style.ScopeLinkText,
	"hashtags":  style.ScopeHashtags,
}

// valeOnlyScopes are scopes Vale reads that a post has no equivalent for.
var valeOnlyScopes = []string{
	"raw", "summary", "table", "figure", "blockquote", "alt", "code",
	"comment", "string", "strong", "emphasis",
}

// markdownFormats are the format suffixes that still select Markdown
// (heading.md); any other format suffix restricts a scope to other files.
var markdownFormats = []string{"md", "markdown", "mdx"}

// scope maps a rule's scope: a name or a list of names. Vale's heading.h1 …
// heading.h6 become heading. A scope Vale knows but Greenlight cannot read
// (raw, code, table.cell, a negated ~heading, a combined a & b) is dropped
// with a warning; when none is left the rule is skipped. A name Vale does not
// know is an error.
func (b *builder) scope(e entry) {
	var kept []style.Scope
	var dropped []string
	var dropNodes []hcl.Range
	for _, n := range b.items(e) {
		name := strings.TrimSpace(n.Value)
		s, known := mapScope(name)
		if name == "raw" && b.spec.Kind == style.Script {
			// A script reads the file as written, as in Vale.
			s = style.ScopeRaw
		}
		switch {
		case s != "":
			if !slices.Contains(kept, s) {
				kept = append(kept, s)
			}
		case known:
			dropped = append(dropped, name)
			dropNodes = append(dropNodes, e.src.rangeOf(n))
		default:
			rng := e.src.rangeOf(n)
			b.diags = append(b.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unknown scope",
				Detail: fmt.Sprintf("%q is not a Vale scope. Greenlight reads text, paragraph, sentence, heading (and heading.h1 to heading.h6), title, list and link.",
					name),
				Subject: &rng,
			})
		}
	}
	for i, name := range dropped {
		consequence := "the rule runs on its other scopes only"
		if len(kept) == 0 {
			consequence = "the rule is skipped"
			b.skip = true
		}
		b.diags = append(b.diags, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Unsupported scope",
			Detail: fmt.Sprintf("%s reads scope %q, which Greenlight cannot read in a post; %s.",
				b.spec.ID, name, consequence),
			Subject: &dropNodes[i],
		})
	}
	b.spec.Scope = kept
}

// mapScope returns the Greenlight scope for a Vale scope name, or "" with
// known reporting whether Vale itself knows the name.
func mapScope(name string) (s style.Scope, known bool) {
	if strings.Contains(name, "&") {
		return "", true
	}
	if neg, ok := strings.CutPrefix(name, "~"); ok {
		_, known := mapScope(neg)
		return "", known
	}
	parts := strings.Split(name, ".")
	if n := len(parts); n > 1 && slices.Contains(markdownFormats, parts[n-1]) {
		parts = parts[:n-1]
	}
	family := parts[0]
	if slices.Contains(valeOnlyScopes, family) {
		return "", true
	}
	s, ok := scopes[family]
	if !ok {
		return "", false
	}
	switch {
	case len(parts) == 1:
		return s, true
	case family == "heading" && len(parts) == 2 && isHeadingLevel(parts[1]):
		return s, true
	}
	// A sub-scope or another format (paragraph.rst, text.html): Vale knows
	// the family, but the selector does not describe a post's Markdown.
	return "", true
}

func isHeadingLevel(s string) bool {
	return len(s) == 2 && s[0] == 'h' && s[1] >= '1' && s[1] <= '6'
}
