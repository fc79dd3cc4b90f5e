package engine

import (
	"fmt"
	"github.com/greenlighthq/greenlight/engine/didyoumean"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/policy"
)

// unknownStages reports each stage a policy requires that the config does
// not declare. The sign-off policy only reads stages it knows, so such a
// name ("Legal" for legal) used to require nothing at all: the gate would
// open without the sign-off the policy asked for.
func (e *Engine) unknownStages(p *content.Post, requests []policy.StageRequest) []finding.Finding {
	declared := make([]string, 0, len(e.cfg.Stages))
	for _, s := range e.cfg.Stages {
		declared = append(declared, s.Name)
	}
	var out []finding.Finding
	seen := map[policy.StageRequest]bool{}
	for _, r := range requests {
		if slices.Contains(declared, r.Stage) || seen[r] {
			continue
		}
		seen[r] = true
		msg := fmt.Sprintf("Policy %s requires the stage %q, which no stage block declares", r.Package, r.Stage)
		if len(declared) == 0 {
			msg += "; the config declares no stages."
		} else {
			msg += fmt.Sprintf("; declared stages are %s.", strings.Join(declared, ", "))
		}
		if near := closest(r.Stage, declared); near != "" {
			msg += fmt.Sprintf(" Did you mean %q?", near)
		}
		out = append(out, finding.Finding{Path: p.Path, Span: p.FileSpan(0, 1), Rule: RuleUnknownStage,
			Level: finding.Error, Message: msg, Source: "policy"})
	}
	return out
}

// closest is the declared name that name most likely meant (the same but
// for case, or a plausible typo); "" when none is close.
func closest(name string, declared []string) string {
	return didyoumean.NameSuggestion(name, declared)
}
