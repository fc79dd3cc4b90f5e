package main

import (
	"strings"
	"testing"
)

// TestExplainKnowsEveryKindOfID: an id from each place findings get their
// ids is explained with its level, where it is declared and how to waive it.
func TestExplainKnowsEveryKindOfID(t *testing.T) {
	tests := []struct {
		name string
		id   string
		want []string
	}{
		{"a rule block is declared at its config line", "brand-names",
			[]string{"source:    rule blocks", "level:     error", "declared:  examples/greenlight.hcl:78", `rules  = ["brand-names"]`}},
		{"a Vale rule is declared in its style file", "Acme.Weasel",
			[]string{"source:    style packages", "level:     warning", "declared:  examples/styles/Acme/Weasel.yml", `rules  = ["Acme.Weasel"]`, `vale_rules = { "Acme.Weasel" = "NO" }`}},
		{"a bundled policy's rule is shown as bundled, not as a path in the team's folder", "greenlight.channels.too-long",
			[]string{"Too long", "source:    bundled policies", "level:     error", "declared:  bundled: policies/channels/channels.rego:21 (rule deny)"}},
		{"a voice rule takes the config's voice level", "greenlight.voice.max-caps",
			[]string{"level:     warning, from the voice block's level", "declared:  bundled: policies/voice/voice.rego:80 (rule breach)"}},
		{"a compliance rule takes the trigger's level", "greenlight.compliance.must-include",
			[]string{"level:     the compliance trigger's level"}},
		{"an embargo rule", "greenlight.embargo.embargoed", []string{"declared:  bundled: policies/embargo/embargo.rego"}},
		{"a sign-off rule", "greenlight.signoff.pending", []string{"declared:  bundled: policies/signoff/signoff.rego"}},
		{"a team policy's rule is declared in the team's folder", "acme.finance.disclaimer",
			[]string{"source:    team policies", "declared:  examples/policies/finance.rego:16 (rule deny)", "Not financial advice"}},
		{"a team policy's package is an id too", "acme.finance", []string{"package acme.finance", "without a rule id of their own"}},
		{"a built-in id that can be waived", "greenlight.unknown-channel", []string{"source:    built-in", `rules  = ["greenlight.unknown-channel"]`}},
		{"a built-in id that no waiver removes", "greenlight.waived", []string{"level:     info", "no waiver can remove it"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "explain", "--config", "examples/greenlight.hcl", tc.id)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("explain %s does not say %q:\n%s", tc.id, w, stdout)
				}
			}
		})
	}
}

func TestExplainListsEveryIDGroupedBySource(t *testing.T) {
	stdout, stderr, code := run(t, "explain", "--config", "examples/greenlight.hcl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "cmd/greenlight/testdata/explain-examples.txt", stdout)
}

// The README's and the help's example of the start of ids: with its dot,
// the voice's ids are listed; without it, greenlight.voice is an id itself.
func TestExplainTheDocumentedStartOfIDs(t *testing.T) {
	stdout, _, code := run(t, "explain", "--config", "examples/greenlight.hcl", "greenlight.voice.")
	if code != 0 || !strings.Contains(stdout, "greenlight.voice.max-caps") || !strings.Contains(stdout, "greenlight.voice.max-grade") {
		t.Errorf("exit %d, want the voice's ids listed:\n%s", code, stdout)
	}
}

func TestExplainStartOfIDsListsThem(t *testing.T) {
	stdout, _, code := run(t, "explain", "--config", "examples/greenlight.hcl", "greenlight.channels.too")
	if code != 0 || !strings.Contains(stdout, "greenlight.channels.too-long") || strings.Contains(stdout, "greenlight.voice") {
		t.Errorf("exit %d, want the channels' too-* ids only:\n%s", code, stdout)
	}
}

func TestExplainUnknownIDSuggestsTheClosest(t *testing.T) {
	_, stderr, code := run(t, "explain", "--config", "examples/greenlight.hcl", "greenlight.voice.max-cpas")
	if code != 2 || !strings.Contains(stderr, `did you mean "greenlight.voice.max-caps"?`) {
		t.Errorf("exit %d, want 2 and a suggestion:\n%s", code, stderr)
	}
}
