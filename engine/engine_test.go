package engine_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/review"
)

// setup writes a content repository to a temp dir and loads its config.
func setup(t *testing.T, files map[string]string) *config.Config {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := config.Load(filepath.Join(dir, "greenlight.hcl"))
	if l.Config == nil {
		t.Fatal(l.Diags)
	}
	return l.Config
}

const teamConfig = `
greenlight { content = ["posts/*.md"] }
role "copy"  { users = ["cam"] }
role "legal" { users = ["lee", "cam"] }
stage "copy-edit" { approvers = [role.copy] }
stage "legal" {
  after     = [stage.copy-edit]
  approvers = [role.legal]
  when      = "compliance"
}
compliance "financial-claims" {
  tokens   = ["risk-free"]
  requires = [stage.legal]
}
`

// checkAll checks every post under the config's folder, as `greenlight
// check` does, and returns the result whatever it holds.
func checkAll(t *testing.T, cfg *config.Config, opts engine.Options) engine.Result {
	t.Helper()
	eng, diags := engine.New(context.Background(), cfg, opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := engine.Discover(cfg, []string{cfg.Dir})
	if err != nil {
		t.Fatal(err)
	}
	return eng.Check(context.Background(), files)
}

func check(t *testing.T, cfg *config.Config, opts engine.Options) (lines []string, stages map[string]string) {
	t.Helper()
	res := checkAll(t, cfg, opts)
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	stages = map[string]string{}
	for _, f := range res.Findings {
		lines = append(lines, f.Level.String()+" "+f.Rule)
	}
	for _, p := range res.Posts {
		for _, s := range p.Stages {
			state := "not required"
			switch {
			case s.Required && s.Satisfied:
				state = "approved by " + strings.Join(s.ApprovedBy, ",")
			case s.Required:
				state = "pending"
			}
			stages[s.Name] = state
		}
	}
	return lines, stages
}

func TestSignoffsFollowTheReviewFacts(t *testing.T) {
	cfg := setup(t, map[string]string{
		"greenlight.hcl": teamConfig,
		"posts/a.md":     "---\ntitle: Plan ahead\nchannels: [x]\n---\nA risk-free way to plan.\n",
	})
	facts := func(approvals ...review.Approval) engine.Options {
		return engine.Options{Review: func(string) *review.Facts {
			return &review.Facts{PullRequest: 1, Author: "amy", Head: "h2", Approvals: approvals}
		}}
	}
	tests := []struct {
		name       string
		opts       engine.Options
		wantDeny   int
		wantStages map[string]string
	}{
		{"a local check shows the stages as pending, without failing", engine.Options{}, 0,
			map[string]string{"copy-edit": "pending", "legal": "pending"}},
		{"--require-signoffs makes every pending stage an error", engine.Options{RequireSignoffs: true}, 2,
			map[string]string{"copy-edit": "pending", "legal": "pending"}},
		{"with review facts and no approvals both stages deny", facts(), 2,
			map[string]string{"copy-edit": "pending", "legal": "pending"}},
		{"an approver in two roles satisfies both stages", facts(review.Approval{User: "cam", Roles: []string{"copy", "legal"}, Commit: "h2"}), 0,
			map[string]string{"copy-edit": "approved by cam", "legal": "approved by cam"}},
		{"a stale approval does not count", facts(review.Approval{User: "cam", Roles: []string{"copy", "legal"}, Commit: "h1", Stale: true}), 2,
			map[string]string{"copy-edit": "pending", "legal": "pending"}},
		{"the author's own approval does not count", facts(review.Approval{User: "amy", Roles: []string{"copy"}, Commit: "h2"}), 2,
			map[string]string{"copy-edit": "pending", "legal": "pending"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, stages := check(t, cfg, tt.opts)
			deny := 0
			for _, l := range lines {
				if l == "error greenlight.signoff.pending" {
					deny++
				}
			}
			if deny != tt.wantDeny {
				t.Errorf("%d pending-sign-off errors, want %d: %v", deny, tt.wantDeny, lines)
			}
			for name, want := range tt.wantStages {
				if stages[name] != want {
					t.Errorf("stage %s: %q, want %q", name, stages[name], want)
				}
			}
		})
	}
}

// One engine judges many pull requests: each view judges by its own
// review facts, and the engine it came from by none.
func TestWithReviewJudgesByItsOwnFacts(t *testing.T) {
	cfg := setup(t, map[string]string{
		"greenlight.hcl": teamConfig,
		"posts/a.md":     "---\ntitle: Plan ahead\nchannels: [x]\n---\nA plan.\n",
	})
	files := []engine.File{{Path: "posts/a.md", Abs: filepath.Join(cfg.Dir, "posts", "a.md")}}
	eng, diags := engine.New(context.Background(), cfg, engine.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	pending := func(e *engine.Engine) int {
		n := 0
		for _, f := range e.Check(context.Background(), files).Findings {
			if f.Rule == "greenlight.signoff.pending" {
				n++
			}
		}
		return n
	}
	byCam := eng.WithReview(func(string) *review.Facts {
		return &review.Facts{PullRequest: 1, Author: "amy", Head: "h", Approvals: []review.Approval{{User: "cam", Roles: []string{"copy"}, Commit: "h"}}}
	})
	unapproved := eng.WithReview(func(string) *review.Facts { return &review.Facts{PullRequest: 2, Author: "amy", Head: "h"} })
	if got := [3]int{pending(byCam), pending(unapproved), pending(eng)}; got != [3]int{0, 1, 0} {
		t.Errorf("pending sign-offs approved, unapproved, without facts: %v, want [0 1 0]", got)
	}
}

func TestTheGateFailsClosed(t *testing.T) {
	cfg := setup(t, map[string]string{
		"greenlight.hcl":    "greenlight {\n  content  = [\"posts/*.md\"]\n  policies = [\"policies\"]\n}\n",
		"policies/bad.rego": "package team.bad\n\ndeny contains \"not an object\" if true\n",
		"posts/a.md":        "---\ntitle: Fine\n---\nA fine post.\n",
	})
	lines, _ := check(t, cfg, engine.Options{})
	if !slices.Contains(lines, "error greenlight.policy-error") {
		t.Errorf("a malformed decision must fail the check: %v", lines)
	}
}

func TestWaiversAreReported(t *testing.T) {
	cfg := setup(t, map[string]string{
		"greenlight.hcl": `
greenlight { content = ["posts/*.md"] }
rule "hype" {
  level  = "error"
  tokens = ["synergy"]
}
waiver "launch-quote" {
  rules  = ["hype"]
  posts  = ["posts/a.md"]
  reason = "A customer's quote, approved by brand."
}
waiver "expired" {
  rules  = ["hype"]
  posts  = ["posts/b.md"]
  reason = "Was fine last year."
  until  = "2020-01-01T00:00:00Z"
}
`,
		"posts/a.md": "---\ntitle: Quote\n---\nThey said: synergy.\n",
		"posts/b.md": "---\ntitle: Quote\n---\nWe say: synergy.\n",
	})
	lines, _ := check(t, cfg, engine.Options{Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	slices.Sort(lines)
	want := []string{"error hype", "info greenlight.waived"}
	if !slices.Equal(lines, want) {
		t.Errorf("findings %v, want %v (b.md's waiver has expired)", lines, want)
	}
}

// waiverConfig declares a rule of every origin a waiver can name; the
// waiver's rules are filled in per test, on line 14.
const waiverConfig = `greenlight {
  content  = ["posts/*.md"]
  styles   = ["styles/Acme"]
  policies = ["policies"]
}
role "legal" { users = ["lee"] }
stage "legal" { approvers = [role.legal] }
compliance "financial-claims" {
  tokens   = ["risk-free"]
  requires = [stage.legal]
}
rule "hype" { tokens = ["synergy"] }
waiver "w" {
  rules  = [%s]
  reason = "Approved by brand."
}
`

func TestWaiversNameRulesThatExist(t *testing.T) {
	tests := []struct {
		name   string
		rules  string
		want   string // the diagnostic's summary; "" when the config is valid
		at     string // its subject's start, line:col
		detail []string
	}{
		{name: "a rule block's id passes", rules: `"hype"`},
		{name: "a Vale package rule's id passes", rules: `"Acme.Weasel"`},
		{name: "a team policy's custom.id passes", rules: `"acme.finance.disclaimer"`},
		{name: "a team policy's package passes: a violation without a rule id carries it", rules: `"acme.finance"`},
		{name: "a bundled policy's id passes", rules: `"greenlight.voice.max-caps"`},
		{name: "the compliance ids pass", rules: `"greenlight.compliance.match", "greenlight.compliance.must-include"`},
		{name: "the ids Go reports pass", rules: `"greenlight.unknown-channel", "greenlight.policy-error"`},
		{
			name: "a typo gets the id it is closest to", rules: `"hype", "greenlight.voice.max-cap"`,
			want: "Unknown rule", at: "14:21",
			detail: []string{`names "greenlight.voice.max-cap"`, `Did you mean "greenlight.voice.max-caps"?`},
		},
		{
			name: "a Vale rule's typo gets the Vale rule", rules: `"Acme.Weasle"`,
			want: "Unknown rule", at: "14:13", detail: []string{`Did you mean "Acme.Weasel"?`},
		},
		{
			name: "a compliance trigger's name is no id: the compliance ids are listed", rules: `"greenlight.compliance.financial-claims"`,
			want: "Unknown rule", at: "14:13",
			detail: []string{"The ids under greenlight.compliance are greenlight.compliance, greenlight.compliance.match, greenlight.compliance.must-include."},
		},
		{
			name: "a wholly unknown id points to greenlight explain", rules: `"no-such-rule"`,
			want: "Unknown rule", at: "14:13",
			detail: []string{"waive nothing", "Run `greenlight explain` to list the policies' rule ids", "Style.Rule"},
		},
		{
			name: "the waivers' own reports cannot be waived", rules: `"greenlight.waived"`,
			want: "Rule cannot be waived", at: "14:13", detail: []string{"after they apply"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := setup(t, map[string]string{
				"greenlight.hcl":         fmt.Sprintf(waiverConfig, tc.rules),
				"styles/Acme/Weasel.yml": "extends: existence\nmessage: \"'%s' is a weasel word.\"\ntokens:\n  - very\n",
				"policies/finance.rego":  financePolicy,
			})
			eng, diags := engine.New(context.Background(), cfg, engine.Options{})
			if tc.want == "" {
				if diags.HasErrors() || eng == nil {
					t.Fatalf("the waiver is refused:\n%s", diags.Error())
				}
				return
			}
			if eng != nil || len(diags) != 1 {
				t.Fatalf("want one diagnostic and no engine; got %d:\n%s", len(diags), diags.Error())
			}
			d := diags[0]
			if d.Summary != tc.want || d.Subject == nil {
				t.Fatalf("diagnostic %q at %v, want %q with a subject", d.Summary, d.Subject, tc.want)
			}
			if at := fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column); at != tc.at || d.Subject.Filename != cfg.File {
				t.Errorf("at %s:%s, want %s:%s", d.Subject.Filename, at, cfg.File, tc.at)
			}
			for _, w := range tc.detail {
				if !strings.Contains(d.Detail, w) {
					t.Errorf("detail does not say %q:\n%s", w, d.Detail)
				}
			}
		})
	}
}

const financePolicy = `package acme.finance

# METADATA
# title: Finance disclaimer
# custom:
#   id: acme.finance.disclaimer
deny contains {"msg": "Say it is not financial advice.", "rule": "acme.finance.disclaimer"} if {
	input.post.front.topic == "finance"
}
`

// TestAnUnknownChannelSaysWhichItMeans checks that a post naming a
// platform by another name, or either misspelt, hears which channel it means;
// a name like no channel hears only the list. The channel it means is
// the finding's fix.
func TestAnUnknownChannelSaysWhichItMeans(t *testing.T) {
	t.Parallel()
	cfg := setup(t, map[string]string{"greenlight.hcl": `greenlight { content = ["posts/*.md"] }
channel "newsletter" { max_length = 2000 }
`})
	fs, _ := checkOne(t, cfg, engine.Options{}, "---\ntitle: Hi\nchannels: [twitter, twiter, linkdin, newsleter, podcast]\n---\nHello.\n")
	var got, fixes []string
	for _, f := range withRule(fs, engine.RuleUnknownChannel) {
		hint, fix := "", ""
		if _, after, ok := strings.Cut(f.Message, "newsletter."); ok {
			hint = strings.TrimSpace(after)
		}
		if f.Fix != nil {
			fix = f.Fix.Replacement
		}
		got, fixes = append(got, hint), append(fixes, fix)
	}
	want := []string{`Did you mean "x"?`, `Did you mean "x"?`, `Did you mean "linkedin"?`, `Did you mean "newsletter"?`, ""}
	if !slices.Equal(got, want) {
		t.Errorf("hints %q, want %q", got, want)
	}
	// The fix replaces the name where it stands in the front matter.
	if want := []string{"x", "x", "linkedin", "newsletter", ""}; !slices.Equal(fixes, want) {
		t.Errorf("fixes %q, want %q", fixes, want)
	}
	// Not when the post lists the channel meant already: the fix would
	// name it twice.
	fs, _ = checkOne(t, cfg, engine.Options{}, "---\ntitle: Hi\nchannels: [x, twitter]\n---\nHello.\n")
	if u := withRule(fs, engine.RuleUnknownChannel); len(u) != 1 || u[0].Fix != nil || !strings.Contains(u[0].Message, `Did you mean "x"?`) {
		t.Errorf("findings %+v, want the hint without a fix", u)
	}
}
