package config_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/hashicorp/hcl/v2"
)

// repoBase is a repository's config that the fragments of the tests merge
// into: stages legal and edit, and a source naming two fragments.
const repoBase = `role "people" { users = ["kim"] }
stage "edit" { approvers = [role.people] }
stage "legal" { approvers = [role.people] }
source "acme-rules" {
  git    = "https://github.com/acme/rules.git"
  ref    = "v1.0.0"
  config = ["config/a.hcl", "config/b.hcl"]
}
source "other" {
  git    = "https://github.com/other/rules.git"
  ref    = "v1.0.0"
  config = ["config/c.hcl"]
}
`

// sharedCompliance is a compliance trigger legal keeps in a rulebook.
const sharedCompliance = `compliance "financial-claims" {
  tokens   = ["guaranteed", "risk-free"]
  requires = [stage.legal]
  level    = "error"
}
`

func TestSharedBlocksMergeUnderPrecedence(t *testing.T) {
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		own  string // added to repoBase
		a, c string // the fragments config/a.hcl (acme-rules) and config/c.hcl (other)
		// want are the diagnostics, "file:line: summary", in order; none
		// when the merge is clean.
		want []string
		// check looks at the merged config when the merge is clean.
		check func(t *testing.T, c *config.Config)
	}{
		{name: "a shared compliance block is added with the repository's stage",
			a: sharedCompliance,
			check: func(t *testing.T, c *config.Config) {
				got := c.Compliance[len(c.Compliance)-1]
				if got.Name != "financial-claims" || len(got.Requires) != 1 || got.Requires[0] != c.Stage("legal") {
					t.Errorf("compliance = %+v", got)
				}
				if b := c.Shared["compliance.financial-claims"]; b == nil || b.Source != "acme-rules" || b.Own != nil || b.String() != "acme-rules, config/a.hcl:1" {
					t.Errorf("shared = %+v", b)
				}
			}},
		{name: "a shared channel the repository does not declare may tighten the platform",
			a: `channel "x" {
  max_length = 200
  forbidden_domains = ["bit.ly"]
}
`,
			check: func(t *testing.T, c *config.Config) {
				if ch := c.Channel("x"); ch == nil || ch.MaxLength != 200 {
					t.Errorf("channel x = %+v", ch)
				}
			}},
		{name: "a shared channel may not loosen the platform's limits or alt text",
			a: `channel "x" {
  max_length       = 1000
  require_alt_text = false
}
`,
			want: []string{`cache/config/a.hcl:1: A shared channel loosens the platform: max_length 1000 is above the platform's 280; require_alt_text = false, where the platform requires alt text`}},
		{name: "the repository's waiver accepts a shared channel that loosens the platform",
			own: `waiver "long-posts" {
  rules  = ["channel.x"]
  reason = "X Premium account (SOCIAL-7)."
}
`,
			a: `channel "x" { max_length = 1000 }
`,
			check: func(t *testing.T, c *config.Config) {
				if ch, b := c.Channel("x"), c.Shared["channel.x"]; ch == nil || ch.MaxLength != 1000 || b.Waiver != "long-posts" {
					t.Errorf("channel x = %+v, shared = %+v", ch, b)
				}
			}},
		{name: "a stage's when may name a shared trigger",
			own: `stage "claims" {
  approvers = [role.people]
  when      = "compliance.financial-claims"
}
`,
			a: sharedCompliance,
			check: func(t *testing.T, c *config.Config) {
				if s := c.Stage("claims"); s == nil || s.When != "compliance.financial-claims" {
					t.Errorf("stage = %+v", s)
				}
			}},
		{name: "a stage's when naming a trigger no fragment declares is an error at the when",
			own: `stage "claims" {
  approvers = [role.people]
  when      = "compliance.financial-claim"
}
`,
			a:    sharedCompliance,
			want: []string{"greenlight.hcl:16: Unknown compliance block"}},
		{name: "a stage the repository lacks is an error at the fragment's reference",
			a:    strings.Replace(sharedCompliance, "stage.legal", "stage.compliance", 1),
			want: []string{"cache/config/a.hcl:3: Unknown stage"}},
		{name: "a tighter compliance block replaces the shared one",
			own: `compliance "financial-claims" {
  tokens   = ["guaranteed", "risk-free", "no risk"]
  requires = [stage.legal, stage.edit]
}
`,
			a: sharedCompliance,
			check: func(t *testing.T, c *config.Config) {
				if len(c.Compliance) != 1 || len(c.Compliance[0].Tokens) != 3 {
					t.Errorf("compliance = %+v", c.Compliance)
				}
				if b := c.Shared["compliance.financial-claims"]; b.Own == nil || b.Own.Start.Line != 14 || b.Waiver != "" {
					t.Errorf("shared = %+v", b)
				}
			}},
		{name: "a lower level and a dropped token loosen the shared block",
			own: `compliance "financial-claims" {
  tokens   = ["guaranteed"]
  requires = [stage.legal]
  level    = "warning"
}
`,
			a:    sharedCompliance,
			want: []string{`greenlight.hcl:14: Loosens a shared compliance: level "warning" is below the shared "error"; "risk-free" is missing from tokens`}},
		{name: "dropping a required stage loosens the shared block",
			own: `compliance "financial-claims" {
  tokens = ["guaranteed", "risk-free"]
}
`,
			a:    sharedCompliance,
			want: []string{`greenlight.hcl:14: Loosens a shared compliance: "legal" is missing from requires`}},
		{name: "a waiver naming the address lets the repository loosen it",
			own: `compliance "financial-claims" {
  tokens = ["guaranteed"]
  level  = "warning"
}
waiver "softer-claims" {
  rules  = ["compliance.financial-claims"]
  reason = "Legal agreed on 2026-10-01 (LEGAL-42)."
}
`,
			a: sharedCompliance,
			check: func(t *testing.T, c *config.Config) {
				if b := c.Shared["compliance.financial-claims"]; b.Waiver != "softer-claims" || c.Compliance[0].Level != "warning" {
					t.Errorf("shared = %+v, compliance = %+v", b, c.Compliance[0])
				}
			}},
		{name: "a waiver for some posts only does not let it loosen",
			own: `compliance "financial-claims" {
  tokens = ["guaranteed"]
}
waiver "softer-claims" {
  rules  = ["compliance.financial-claims"]
  posts  = ["posts/old/**"]
  reason = "Old posts."
}
`,
			a:    sharedCompliance,
			want: []string{`greenlight.hcl:14: Loosens a shared compliance: "risk-free" is missing from tokens; "legal" is missing from requires`}},
		{name: "an expired waiver no longer lets it loosen",
			own: `compliance "financial-claims" {
  tokens   = ["guaranteed"]
  requires = [stage.legal]
}
waiver "softer-claims" {
  rules  = ["compliance.financial-claims"]
  until  = "2026-10-01T00:00:00Z"
  reason = "Until the audit."
}
`,
			a:    sharedCompliance,
			want: []string{`greenlight.hcl:14: Loosens a shared compliance: "risk-free" is missing from tokens`}},
		{name: "a channel may lower its limits and forbid more domains",
			own: `channel "x" {
  max_length        = 200
  forbidden_domains = ["bit.ly", "t.co"]
}
`,
			a: `channel "x" {
  max_length        = 250
  forbidden_domains = ["bit.ly"]
}
`},
		{name: "a channel that raises a limit or allows what the shared one forbids loosens it",
			own: `channel "x" {
  max_hashtags     = 5
  require_alt_text = false
}
`,
			a: `channel "x" {
  max_hashtags      = 2
  forbidden_domains = ["bit.ly"]
}
`,
			want: []string{`greenlight.hcl:14: Loosens a shared channel: max_hashtags 5 is above the shared 2; require_alt_text = false, where the shared block requires alt text; "bit.ly" is missing from forbidden_domains`}},
		{name: "a channel limit the shared block leaves to the platform may only go below the platform's",
			own: `channel "x" {
  max_length = 1000
  max_links  = 2
}
`,
			a: `channel "x" { max_links = 2 }
`,
			want: []string{`greenlight.hcl:14: Loosens a shared channel: max_length 1000 is above the shared 280`}},
		{name: "a rule may be raised to error and match more",
			own: `rule "hype" {
  level  = "error"
  tokens = ["synergy", "game-changing"]
}
`,
			a: `rule "hype" { tokens = ["synergy"] }
`},
		{name: "a rule at a lower level loosens it",
			own: `rule "hype" {
  level  = "info"
  tokens = ["synergy"]
}
`,
			a: `rule "hype" { tokens = ["synergy"] }
`,
			want: []string{`greenlight.hcl:14: Loosens a shared rule: level info is below the shared warning`}},
		{name: "a rule of another kind cannot be ordered, so it loosens",
			own: `rule "hype" { swap = { synergy = "teamwork" } }
`,
			a: `rule "hype" { tokens = ["synergy"] }
`,
			want: []string{`greenlight.hcl:14: Loosens a shared rule: "\\bsynergy\\b" is missing from tokens; it differs in more than its level, tokens, patterns, message and link`}},
		{name: "a stricter voice tightens and a missing limit loosens",
			own: `voice {
  max_exclamations = 0
  level            = "error"
}
`,
			a: `voice {
  max_exclamations = 1
  max_emoji        = 2
}
`,
			want: []string{`greenlight.hcl:14: Loosens a shared voice: max_emoji is above the shared 2`}},
		{name: "an embargo that ends sooner loosens it",
			own: `embargo "launch" {
  tokens = ["Falcon"]
  until  = "2026-11-10T00:00:00Z"
}
`,
			a: `embargo "launch" {
  tokens = ["Falcon"]
  until  = "2026-12-01T00:00:00Z"
}
`,
			want: []string{`greenlight.hcl:14: Loosens a shared embargo: until 2026-11-10T00:00:00Z ends before the shared 2026-12-01T00:00:00Z`}},
		{name: "two sources declaring one block is an error naming both",
			a:    sharedCompliance,
			c:    sharedCompliance,
			want: []string{"cache/config/c.hcl:1: Two sources declare one block: compliance.financial-claims is declared by source \"acme-rules\" (cache/config/a.hcl:1,1-30) and by source \"other\""}},
		{name: "governance blocks are refused in a fragment",
			a: `stage "legal" { approvers = [role.people] }
waiver "all" {
  rules  = ["hype"]
  reason = "x"
}
`,
			want: []string{"cache/config/a.hcl:1: Block not allowed in a config fragment", "cache/config/a.hcl:2: Block not allowed in a config fragment"}},
		{name: "a fragment that does not parse is an HCL error at its line",
			a:    "compliance \"x\" {\n  tokens = [\n",
			want: []string{"cache/config/a.hcl:3: Missing expression"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := config.Parse("greenlight.hcl", []byte(repoBase+tt.own))
			if l.Config == nil {
				t.Fatalf("repository config: %v", l.Diags)
			}
			cfg := l.Config
			var frags []*config.Fragment
			var diags []string
			for _, f := range []struct {
				source, file, text string
			}{{"acme-rules", "config/a.hcl", tt.a}, {"acme-rules", "config/b.hcl", ""}, {"other", "config/c.hcl", tt.c}} {
				fr, d := config.ParseFragment(cfg.Source(f.source), f.file, "cache/"+f.file, []byte(f.text))
				diags = append(diags, located(d)...)
				if fr != nil {
					frags = append(frags, fr)
				}
			}
			merged, d := cfg.WithShared(frags, now)
			diags = append(diags, located(d)...)
			if len(diags) != len(tt.want) {
				t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(diags, "\n"), strings.Join(tt.want, "\n"))
			}
			for i := range diags {
				if !strings.HasPrefix(diags[i], tt.want[i]) {
					t.Errorf("diagnostic %d:\n%s\nwant it to start with\n%s", i, diags[i], tt.want[i])
				}
			}
			if len(tt.want) == 0 && tt.check != nil {
				tt.check(t, merged)
			}
			if len(cfg.Compliance) > 0 && cfg.Shared != nil {
				t.Error("WithShared changed the repository's config")
			}
		})
	}
}

// located are diagnostics as "file:line: summary: detail".
func located(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		at := "?"
		if d.Subject != nil {
			at = fmt.Sprintf("%s:%d", d.Subject.Filename, d.Subject.Start.Line)
		}
		s := at + ": " + d.Summary
		if strings.HasPrefix(d.Summary, "Loosens") || strings.HasPrefix(d.Summary, "Two sources") || strings.HasPrefix(d.Summary, "A shared channel loosens") {
			// The detail's list of how it loosens, up to the advice.
			detail, _, _ := strings.Cut(d.Detail, ". The repository")
			detail, _, _ = strings.Cut(detail, ". A rulebook may")
			_, how, ok := strings.Cut(detail, "and loosens it: ")
			if !ok {
				_, how, _ = strings.Cut(detail, "own limits: ")
			}
			if how == "" {
				how = detail
			}
			s += ": " + how
		}
		out = append(out, s)
	}
	return out
}
