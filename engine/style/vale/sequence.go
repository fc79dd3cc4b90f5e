package vale

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"gopkg.in/yaml.v3"

	"github.com/greenlighthq/greenlight/engine/style"
)

// tokenKeys are the keys of one token of a Vale sequence rule.
var tokenKeys = []string{"pattern", "tag", "upos", "negate", "skip", "min", "target"}

// sequence maps a Vale sequence rule: its tokens, one mapping each, its
// exceptions (regular expressions over the sentence, not vocabulary) and
// ignorecase. A rule that names a tagger model (`model`, a dictionary
// Vale loads beside its default tagger) is skipped with a warning:
// Greenlight tags with prose's own model only, and the rule's tags would
// mean something else.
func (b *builder) sequence() {
	s := &b.spec
	s.IgnoreCase = b.flag("ignorecase")
	s.SequenceExceptions = b.list("exceptions")
	if m := b.optStr("model"); m != "" {
		b.keyProblem("model", hcl.DiagWarning, "Unsupported tagger model",
			fmt.Sprintf("%s reads its tags with the model %q, which Greenlight does not load; the rule is skipped.", s.ID, m))
		b.skip = true
	}
	e, ok := b.fields["tokens"]
	if !ok {
		b.diags = append(b.diags, missingKey(b.doc, "tokens"))
		return
	}
	if e.value.Kind != yaml.SequenceNode {
		b.typeError(e, e.value, "a list of tokens")
		return
	}
	for _, n := range e.value.Content {
		n = deref(n)
		if n.Kind != yaml.MappingNode {
			b.typeError(e, n, "a mapping (pattern, tag, negate, skip …)")
			continue
		}
		var t style.SequenceToken
		for i := 0; i+1 < len(n.Content); i += 2 {
			sub := entry{key: deref(n.Content[i]), value: deref(n.Content[i+1]), src: e.src}
			switch sub.key.Value {
			case "pattern":
				t.Pattern = b.str(sub)
			case "tag":
				t.Tag = b.str(sub)
			case "upos":
				t.UPOS = b.str(sub)
			case "negate":
				t.Negate = b.boolean(sub)
			case "target":
				t.Target = b.boolean(sub)
			case "skip":
				t.Skip = b.integer(sub)
			case "min":
				t.Min = b.integer(sub)
			default:
				rng := sub.keyRange()
				b.diags = append(b.diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Unknown token key",
					Detail:   fmt.Sprintf("%q is not a key of a sequence token. It accepts %v.", sub.key.Value, tokenKeys),
					Subject:  &rng,
				})
			}
		}
		if t.Skip < 0 || t.Min < 0 {
			rng := e.src.rangeOf(n)
			b.diags = append(b.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid token",
				Detail: "skip and min cannot be negative.", Subject: &rng})
		}
		s.Sequence = append(s.Sequence, t)
	}
	if !slices.ContainsFunc(s.Sequence, func(t style.SequenceToken) bool { return t.Pattern != "" || t.Tag != "" || t.UPOS != "" }) {
		b.keyProblem("tokens", hcl.DiagError, "Invalid tokens", "A sequence needs a token with a pattern, a tag or a upos.")
	}
}
