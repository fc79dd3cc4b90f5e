package engine

import (
	"fmt"
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
		out = append(out, finding.Finding{Path: p.Path, Span: p.FileSpan(0, 1), Rule: "greenlight.unknown-stage",
			Level: finding.Error, Message: msg, Source: "policy"})
	}
	return out
}

// closest is the declared name that name most likely meant: the same but
// for case, else the nearest within two edits (and less than half its
// length); "" when none is close.
func closest(name string, declared []string) string {
	for _, d := range declared {
		if strings.EqualFold(d, name) {
			return d
		}
	}
	best, bestDist := "", 3
	for _, d := range declared {
		dist := editDistance(strings.ToLower(name), strings.ToLower(d))
		if dist < bestDist && 2*dist < len(d) {
			best, bestDist = d, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
