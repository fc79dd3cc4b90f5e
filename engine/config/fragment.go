package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// Fragment is one config fragment of a shared rulebook: an HCL file whose
// blocks are added to the repository's config (WithShared). It holds only
// blocks that say how posts are judged; who signs off, what is waived and
// where rules come from stay the repository's (FragmentBlocks).
type Fragment struct {
	// Source is the source block that names the fragment; File the
	// fragment's path inside the rulebook, as its config entry names it.
	Source *Source
	File   string

	Channels   []*Channel
	Voice      *Voice
	Rules      []style.Spec
	Compliance []*Compliance
	Embargoes  []*Embargo

	// ranges are where each block is declared, by address.
	ranges map[string]hcl.Range
	// requires are the stages each compliance block names, resolved
	// against the repository's stages only when it is merged.
	requires map[*Compliance][]reference
}

// FragmentBlocks are the block types a config fragment may hold. The
// others (greenlight, role, stage, waiver, source, notify, schedule,
// deadlines, spelling) govern the repository itself, and a rulebook never
// decides them.
func FragmentBlocks() []string { return []string{"compliance", "embargo", "channel", "rule", "voice"} }

// Address names a block of the config as a waiver names a shared block:
// "compliance.financial-claims", "channel.x", "rule.hype", "embargo.launch",
// or "voice" (there is one).
func Address(kind, name string) string {
	if name == "" {
		return kind
	}
	return kind + "." + name
}

// ParseFragment reads the config fragment file of source src, whose
// contents are data, read from path (the file in the cache: diagnostics
// name it, so they are shown with their lines). It decodes each block as
// greenlight.hcl's own, and refuses any block type FragmentBlocks leaves
// out, at the block.
func ParseFragment(src *Source, file, path string, data []byte) (*Fragment, hcl.Diagnostics) {
	p := hclparse.NewParser()
	f, diags := p.ParseHCL(data, path)
	if diags.HasErrors() {
		return nil, diags
	}
	content, d := f.Body.Content(rootSchema)
	diags = append(diags, d...)
	fr := &Fragment{Source: src, File: file, ranges: map[string]hcl.Range{}, requires: map[*Compliance][]reference{}}
	refs := unresolved{requires: fr.requires}
	for _, b := range content.Blocks {
		if !slices.Contains(FragmentBlocks(), b.Type) {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Block not allowed in a config fragment",
				Detail: fmt.Sprintf("A shared rulebook's config fragment (source %q, %s) may hold %s blocks; a %s block governs the repository itself, so it belongs in the repository's %s.",
					src.Name, file, strings.Join(FragmentBlocks(), ", "), b.Type, FileName),
				Subject: b.DefRange.Ptr()})
			continue
		}
		name := ""
		if len(b.Labels) > 0 {
			name = b.Labels[0]
		}
		addr := Address(b.Type, name)
		if first, ok := fr.ranges[addr]; ok {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate " + b.Type,
				Detail: fmt.Sprintf("%s is already declared at %s.", addr, first), Subject: b.DefRange.Ptr()})
			continue
		}
		fr.ranges[addr] = b.DefRange
		d := judged{&fr.Channels, &fr.Voice, &fr.Rules, &fr.Compliance, &fr.Embargoes}.decode(b, &refs)
		diags = append(diags, d...)
	}
	for _, c := range fr.Compliance {
		if d := checkComplianceWhen(c); d != nil {
			diags = append(diags, d)
		}
	}
	return fr, diags
}
