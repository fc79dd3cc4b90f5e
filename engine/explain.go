package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/policy"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
)

// Where a rule id comes from, in the order `greenlight explain` lists them.
const (
	SourceBuiltin      = "built-in"
	SourceConfigRule   = "rule blocks"
	SourceStyle        = "style packages"
	SourceBundledRego  = "bundled policies"
	SourceTeamPolicies = "team policies"
)

// Sources lists the groups of RuleInfo.Source in listing order.
func Sources() []string {
	return []string{SourceBuiltin, SourceConfigRule, SourceStyle, SourceBundledRego, SourceTeamPolicies}
}

// RuleInfo is what Greenlight knows about one rule id a finding can carry:
// what it checks, at which level, where it is declared and how a team
// waives it or turns it off.
type RuleInfo struct {
	ID          string
	Source      string // one of Sources
	Title       string
	Description string
	// Level is the level of its findings, or where that level is set.
	Level string
	// Declared is where the rule is written: config file:line, a Vale
	// rule's file, a policy file:line and rule, "bundled: FILE:line" for
	// Greenlight's own policies, or "Greenlight" for the built-in ids.
	Declared string
	// Waivable is false for the ids no waiver can remove.
	Waivable bool
	// Off says how to turn the rule off or change its level, beyond a
	// waiver; "" when only a waiver does.
	Off string
}

// builtinRules are the ids the engine's Go code gives its own findings.
func builtinRules() []RuleInfo {
	b := func(id, title, desc, off string, waivable bool) RuleInfo {
		return RuleInfo{ID: id, Source: SourceBuiltin, Title: title, Description: desc, Level: "error",
			Declared: "Greenlight", Waivable: waivable, Off: off}
	}
	waived := b(RuleWaived, "Waived finding", "A waiver, a policy's exception or the author's inline switch removed a finding; this names the waiver and its reason (or the switched-off rule and how many findings it quieted), so an auditor can follow.",
		"Remove the waiver or the exception.", false)
	waived.Level = "info"
	return []RuleInfo{
		b(RulePolicyError, "Policy error", "A policy could not decide about the post (an evaluation error or a time-out): the gate fails closed.",
			"Fix the policy the message names.", true),
		b(RuleUnknownChannel, "Unknown channel", "A post names a channel that is neither one of the platforms Greenlight knows nor a channel block of the config, so none of its checks would run.",
			"Fix the channel's name in the post, or declare it with a channel block.", true),
		b(RuleInput, "Unreadable post", "The GitHub Action cannot read or trust a post: bad front matter, too large, a symbolic link or a special file.",
			"Fix the post; a post that cannot be read is never judged.", false),
		b(RuleConfig, "Invalid config", "The config, or a style or policy it loads, has an error, so no post was checked: a machine-readable report carries the error at its place.",
			"Fix the config; greenlight validate lists every problem.", false),
		b(RuleUnknownStage, "Unknown stage", "A policy requires a sign-off stage that no stage block declares.",
			"Declare the stage, or fix the policy's required_stages.", false),
		b(RuleMatchBudget, "Match budget spent", "Matching the post's rules took longer than its time budget: the post could not be fully judged.",
			"Simplify the slow rule's patterns.", false),
		b(RuleMatchTimeout, "Match time-out", "A rule's pattern backtracked past the time it may take on one block of the post.",
			"Simplify the rule's pattern.", false),
		waived,
	}
}

// Explain lists every rule id a finding can carry with the engine's config:
// built-in, rule blocks, style packages, bundled and team policies, in
// Sources order and id order within each.
func (e *Engine) Explain() ([]RuleInfo, hcl.Diagnostics) {
	out := builtinRules()
	waivable := append(e.policy.RuleIDs(), RulePolicyError, RuleUnknownChannel)
	for _, s := range e.rules {
		out = append(out, specInfo(s))
	}
	for _, s := range e.off {
		info := specInfo(s)
		info.Level = "off (greenlight { vale_rules }); its own level is " + s.Level.String()
		info.Off = fmt.Sprintf("Remove %q from vale_rules to turn it on again.", s.ID)
		out = append(out, info)
	}
	docs, diags := policy.Explain(e.PolicySources())
	if diags.HasErrors() {
		return nil, diags
	}
	for _, d := range docs {
		out = append(out, e.policyInfo(d))
	}
	for i := range out {
		if out[i].Source != SourceBuiltin {
			out[i].Waivable = out[i].Source == SourceConfigRule || out[i].Source == SourceStyle || slices.Contains(waivable, out[i].ID)
		}
	}
	order := Sources()
	slices.SortStableFunc(out, func(a, b RuleInfo) int {
		if d := slices.Index(order, a.Source) - slices.Index(order, b.Source); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

func specInfo(s style.Spec) RuleInfo {
	info := RuleInfo{ID: s.ID, Title: string(s.Kind) + " rule", Description: s.Message, Level: s.Level.String()}
	if s.Message == "" {
		info.Description = fmt.Sprintf("A %s rule without a message of its own.", s.Kind)
	}
	if s.Link != "" {
		info.Description += " See " + s.Link + "."
	}
	if strings.Contains(s.ID, ".") {
		info.Source, info.Declared = SourceStyle, s.Source
		info.Off = fmt.Sprintf("In the greenlight block, as in .vale.ini: vale_rules = { %q = \"NO\" } turns it off; \"warning\" (or \"error\", \"info\") changes its level.", s.ID)
		return info
	}
	info.Source = SourceConfigRule
	// A rule block's Source is its range, "file:line,col-col": the line is
	// enough to find it.
	info.Declared, _, _ = strings.Cut(s.Source, ",")
	info.Off = fmt.Sprintf("Change the level of rule %q, or delete the block.", s.ID)
	return info
}

func (e *Engine) policyInfo(d policy.RuleDoc) RuleInfo {
	info := RuleInfo{ID: d.ID, Title: d.Title, Description: strings.TrimSpace(d.Description),
		Level: strings.Join(d.Levels, ", "), Declared: fmt.Sprintf("%s:%d", d.File, d.Line)}
	if d.Rule != "" {
		info.Declared += " (rule " + d.Rule + ")"
	} else {
		info.Declared += " (package " + d.Package + ")"
	}
	info.Source = SourceTeamPolicies
	if d.Bundled {
		info.Source = SourceBundledRego
		info.Declared = "bundled: " + info.Declared
	}
	switch {
	case d.Rule == "":
		info.Level = "each finding's own"
		info.Description = strings.TrimSpace(info.Description + "\n\nThe package's findings without a rule id of their own carry this id.")
	case strings.HasPrefix(d.ID, "greenlight.voice."):
		info.Level = "the voice's level (voice { level = ... }; a channel's own voice overrides it)"
		if e.cfg.Voice != nil {
			info.Level = e.cfg.Voice.Level + ", from the voice block's level (a channel's own voice may override it)"
		}
		info.Off = "Remove the limit from the voice block (and from each channel's voice)."
	case d.ID == "greenlight.compliance.must-include":
		info.Level = "the compliance trigger's level (default error)"
		info.Off = "Change the trigger's must_include or level."
	case strings.HasPrefix(d.ID, "greenlight.channels."):
		info.Off = "Change the limit in the channel's block."
	}
	return info
}
