package vale

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"gopkg.in/yaml.v3"
)

// maxInheritance bounds a chain of rules extending rules, as Vale does.
const maxInheritance = 10

// isRuleRef reports whether an extends value names a rule (Style.Rule)
// rather than a rule type.
func isRuleRef(s string) bool { return strings.Contains(s, ".") }

// flatten resolves a rule that extends another rule, with Vale's overlay
// semantics: the child starts from its parent's keys; a bare key replaces
// the parent's value, `key+` appends to a parent list or merges into a parent
// mapping, and `key-` removes list entries or mapping keys. chain holds the
// ids already on the way down, to catch cycles.
func (l *loader) flatten(doc *document, chain []string) (map[string]entry, hcl.Diagnostics) {
	ext, hasExt := doc.fields["extends"]
	ref := ""
	if hasExt && ext.value.Kind == yaml.ScalarNode {
		ref = ext.value.Value
	}
	if !isRuleRef(ref) {
		var diags hcl.Diagnostics
		for _, key := range doc.keys {
			if strings.HasSuffix(key, "+") || strings.HasSuffix(key, "-") {
				diags = append(diags, keyError(doc.fields[key], "Edit without a parent",
					fmt.Sprintf("%q needs a parent: only a rule that extends another rule (extends: Style.Rule) can use '+' or '-'.", doc.fields[key].key.Value)))
			}
		}
		return doc.fields, diags
	}

	valueError := func(detail string) hcl.Diagnostics {
		rng := ext.valueRange()
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot extend rule",
			Detail:   detail,
			Subject:  &rng,
		}}
	}
	switch {
	case strings.HasPrefix(ref, "Vale."):
		return nil, valueError(fmt.Sprintf("%q is one of Vale's built-in rules, generated at run time; it has no file to extend.", ref))
	case len(chain) > maxInheritance:
		return nil, valueError(fmt.Sprintf("The chain of rules extending rules is over %d deep at %q; is there a cycle?", maxInheritance, ref))
	case slices.Contains(chain, ref):
		return nil, valueError(fmt.Sprintf("Inheritance cycle: %s extends %s.", strings.Join(chain, " extends "), ref))
	}

	parts := strings.Split(ref, ".")
	base := filepath.Join(append([]string{l.root, parts[0]}, parts[1:]...)...)
	path := ""
	for _, ext := range []string{".yml", ".yaml"} {
		if fileExists(base + ext) {
			path = base + ext
			break
		}
	}
	if path == "" {
		return nil, valueError(fmt.Sprintf("The rule %q does not exist: there is no %s.yml beside this style.", ref, base))
	}

	p, diags := l.parse(path)
	if p.errors {
		return nil, append(diags, valueError(fmt.Sprintf("The rule %q, which this rule extends, has errors.", ref))...)
	}
	parent, ds := l.flatten(p.doc, append(chain, ref))
	diags = append(diags, ds...)
	if ds.HasErrors() {
		return nil, diags
	}
	out, ds := overlay(parent, doc)
	return out, append(diags, ds...)
}

func keyError(e entry, summary, detail string) *hcl.Diagnostic {
	rng := e.keyRange()
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &rng}
}

// overlay lays a child's keys over its parent's.
func overlay(parent map[string]entry, child *document) (map[string]entry, hcl.Diagnostics) {
	out := make(map[string]entry, len(parent)+len(child.fields))
	for k, v := range parent {
		out[k] = v
	}
	var diags hcl.Diagnostics
	for _, key := range child.keys {
		e := child.fields[key]
		base := strings.TrimRight(key, "+-")
		switch {
		case key == "extends":
			// Consumed: the result extends the root ancestor's rule type.
		case base == key:
			out[key] = e
		default:
			if _, both := child.fields[base]; both {
				diags = append(diags, keyError(e, "Conflicting keys",
					fmt.Sprintf("%q both replaces %q and edits it; pick one.", e.key.Value, base)))
				continue
			}
			edited, err := editValue(out[base], e, strings.HasSuffix(key, "+"))
			if err != "" {
				diags = append(diags, keyError(e, "Cannot edit inherited value", err))
				continue
			}
			out[base] = edited
		}
	}
	return out, diags
}

// editValue applies one `key+` (add) or `key-` edit to a parent's value.
func editValue(have, edit entry, add bool) (entry, string) {
	key := edit.key.Value
	if have.value == nil {
		return entry{}, fmt.Sprintf("%q: the parent has no such key.", key)
	}
	result := entry{key: edit.key, src: edit.src}
	node := &yaml.Node{Line: edit.value.Line, Column: edit.value.Column}
	result.value = node
	want := deref(edit.value)

	switch have.value.Kind {
	case yaml.SequenceNode:
		if want.Kind != yaml.SequenceNode {
			return entry{}, fmt.Sprintf("%q needs a list.", key)
		}
		node.Kind, node.Tag = yaml.SequenceNode, "!!seq"
		node.Content = slices.Clone(have.value.Content)
		if add {
			node.Content = append(node.Content, want.Content...)
			return result, ""
		}
		for _, rm := range want.Content {
			i := slices.IndexFunc(node.Content, func(n *yaml.Node) bool { return sameScalar(n, rm) })
			if i < 0 {
				return entry{}, fmt.Sprintf("%q: the parent has no entry %q to remove.", key, deref(rm).Value)
			}
			node.Content = slices.Delete(node.Content, i, i+1)
		}
		return result, ""

	case yaml.MappingNode:
		node.Kind, node.Tag = yaml.MappingNode, "!!map"
		node.Content = slices.Clone(have.value.Content)
		if add {
			if want.Kind != yaml.MappingNode {
				return entry{}, fmt.Sprintf("%q needs a mapping.", key)
			}
			for i := 0; i+1 < len(want.Content); i += 2 {
				k, v := want.Content[i], want.Content[i+1]
				if j := mappingIndex(node.Content, k); j >= 0 {
					node.Content[j+1] = v
				} else {
					node.Content = append(node.Content, k, v)
				}
			}
			return result, ""
		}
		if want.Kind != yaml.SequenceNode {
			return entry{}, fmt.Sprintf("%q needs a list of keys to remove.", key)
		}
		for _, k := range want.Content {
			j := mappingIndex(node.Content, k)
			if j < 0 {
				return entry{}, fmt.Sprintf("%q: the parent has no entry %q to remove.", key, deref(k).Value)
			}
			node.Content = slices.Delete(node.Content, j, j+2)
		}
		return result, ""
	}
	return entry{}, fmt.Sprintf("%q: %q is a single value; assign it directly instead.", key, strings.TrimRight(key, "+-"))
}

func sameScalar(a, b *yaml.Node) bool {
	a, b = deref(a), deref(b)
	return a.Kind == yaml.ScalarNode && b.Kind == yaml.ScalarNode && a.Value == b.Value
}

// mappingIndex is the index of key k in a mapping's Content, or -1.
func mappingIndex(content []*yaml.Node, k *yaml.Node) int {
	for i := 0; i+1 < len(content); i += 2 {
		if sameScalar(content[i], k) {
			return i
		}
	}
	return -1
}
