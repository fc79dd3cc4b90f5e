package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/didyoumean"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
)

// The rule ids of the findings Greenlight's Go code makes itself, beside
// the style rules' and the policies'.
const (
	// RulePolicyError is a policy that could not decide: the gate fails
	// closed with an error at the post.
	RulePolicyError = "greenlight.policy-error"
	// RuleUnknownChannel is a channel a post names that the config does
	// not know.
	RuleUnknownChannel = "greenlight.unknown-channel"
	// RuleWaived reports a waiver or a policy exception that applied.
	RuleWaived = "greenlight.waived"
	// RuleInput is a post the GitHub Action cannot read or trust.
	RuleInput = "greenlight.input"
	// RuleConfig is a config (or a style or policy it loads) that stops
	// the check before it reads any post.
	RuleConfig = "greenlight.config"
	// RuleUnknownStage is a stage a policy requires that the config does
	// not declare.
	RuleUnknownStage = "greenlight.unknown-stage"
	// RuleMatchBudget and RuleMatchTimeout are matching that did not
	// finish (see package style).
	RuleMatchBudget  = style.RuleMatchBudget
	RuleMatchTimeout = style.RuleMatchTimeout
)

// checkWaivers reports, at the element of `rules` that names it, each rule
// id a waiver names that no finding can carry. Such a waiver would pass
// and waive nothing while its author believes the rule is waived; the
// same is true of the ids whose findings are made after waivers apply.
// known are the ids findings can carry besides the built-in ones.
func checkWaivers(cfg *config.Config, known []string) hcl.Diagnostics {
	known = append(slices.Clone(known), RulePolicyError, RuleUnknownChannel)
	slices.Sort(known)
	known = slices.Compact(known)
	var diags hcl.Diagnostics
	for _, w := range cfg.Waivers {
		for i, id := range w.Rules {
			switch {
			case id == RuleWaived || id == RuleInput || id == RuleConfig:
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Rule cannot be waived",
					Detail:  fmt.Sprintf("Waiver %q names %q, which no waiver can remove: %s.", w.Name, id, unwaivable(id)),
					Subject: w.RuleRange(i)})
			case !slices.Contains(known, id):
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown rule",
					Detail: unknownRule(w.Name, id, known), Subject: w.RuleRange(i)})
			}
		}
	}
	return diags
}

func unwaivable(id string) string {
	switch id {
	case RuleWaived:
		return "it reports the waivers themselves, after they apply"
	case RuleConfig:
		return "a config that cannot be loaded applies no waiver"
	}
	return "a post Greenlight cannot read is never checked, so nothing about it can be waived"
}

// unknownRule explains an unknown id: the closest known id, else the ids
// beside it (a waiver of "greenlight.compliance.NAME" learns that
// compliance findings carry greenlight.compliance.match and
// greenlight.compliance.must-include, whatever the trigger), and where
// ids come from.
func unknownRule(waiver, id string, known []string) string {
	detail := fmt.Sprintf("Waiver %q names %q, but no finding carries that rule id, so the waiver would waive nothing.", waiver, id)
	if m := didyoumean.NameSuggestion(id, known); m != "" {
		detail += fmt.Sprintf(" Did you mean %q?", m)
	} else if dot := strings.LastIndex(id, "."); dot > 0 {
		parent := id[:dot]
		var near []string
		for _, k := range known {
			if k == parent || strings.HasPrefix(k, parent+".") {
				near = append(near, k)
			}
		}
		if len(near) > 0 {
			detail += fmt.Sprintf(" The ids under %s are %s.", parent, strings.Join(near, ", "))
		}
	}
	return detail + " Run `greenlight explain` to list the policies' rule ids; a style rule's id is its rule block's name, or Style.Rule for a rule of a style folder."
}
