package engine_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/finding"
)

const matchConfig = `
greenlight { content = ["posts/*.md"] }
role "legal" { users = ["lee"] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}
compliance "returns" {
  tokens       = ["guaranteed returns"]
  requires     = [stage.legal]
  must_include = ["Capital at risk"]
}
embargo "orion" {
  tokens = ["Project Orion"]
  until  = "2030-01-01T00:00:00Z"
}
rule "hype" {
  level  = "warning"
  tokens = ["synergy"]
}
rule "we" {
  level    = "warning"
  patterns = ["\\bWe\\b"]
  type     = "occurrence"
  max      = 100
}
`

// checkOne checks one post against cfg and returns its findings and the
// stages it requires.
func checkOne(t *testing.T, cfg *config.Config, opts engine.Options, src string) ([]finding.Finding, []string) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	}
	eng, diags := engine.New(context.Background(), cfg, opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p, diags := eng.Parse("posts/a.md", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c := eng.CheckPost(context.Background(), p)
	return c.Findings, c.Post.RequiredStages
}

func withRule(fs []finding.Finding, rule string) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestEvasionsStillFireComplianceTriggers(t *testing.T) {
	cfg := setup(t, map[string]string{"greenlight.hcl": matchConfig})
	const head = "---\ntitle: Plan\nchannels: [x]\n---\nCapital at risk.\n\n"
	tests := []struct {
		name, body string
		// at is line:col-line:col of the match, as written.
		at         string
		normalized bool
	}{
		{"the term as written", "Enjoy guaranteed returns now.", "7:7-7:24", false},
		{"a no-break space", "Enjoy guaranteed\u00A0returns now.", "7:7-7:24", true},
		{"a zero-width space", "Enjoy guar\u200Banteed returns now.", "7:7-7:25", true},
		{"a soft hyphen", "Enjoy guar\u00ADanteed returns now.", "7:7-7:25", true},
		{"full-width letters", "Enjoy ｇｕａｒａｎｔｅｅｄ returns now.", "7:7-7:24", true},
		{"a Cyrillic e", "Enjoy guarant\u0435ed returns now.", "7:7-7:24", true},
		{"a decimal character reference", "Enjoy guarant&#101;ed returns now.", "7:7-7:29", true},
		{"a named character reference", "Enjoy guaranteed&nbsp;returns now.", "7:7-7:29", true},
		{"a code span", "Enjoy `guaranteed returns` now.", "7:8-7:25", false},
		{"an image's alt text", "See ![guaranteed returns](chart.png).", "7:7-7:24", false},
		{"mixed evasions in a code span", "Enjoy `ｇuar\u00ADant\u0435ed&nbsp;returns` now.", "7:8-7:31", true},
		{"an HTML block", "<div>\nEnjoy guaranteed returns now.\n</div>", "8:7-8:24", false},
		{"an HTML block whose tag splits the term", "<p>Enjoy guaranteed <b>returns</b> now.</p>", "7:10-7:30", false},
		{"an HTML attribute", "See <span title=\"guaranteed returns\">this</span>.", "7:18-7:35", false},
		{"a link's title", "Read [this](https://e.com \"guaranteed returns\").", "7:28-7:45", false},
		{"a link reference definition's title", "Read [this][g].\n\n[g]: https://e.com \"guaranteed returns\"", "9:21-9:38", false},
	}
	for _, tt := range tests {
		t.Run(tt.name+" fires the trigger where it is written", func(t *testing.T) {
			fs, stages := checkOne(t, cfg, engine.Options{}, head+tt.body+"\n")
			if !slices.Contains(stages, "legal") {
				t.Errorf("required stages %v, want legal", stages)
			}
			ms := withRule(fs, "greenlight.compliance.match")
			if len(ms) != 1 {
				t.Fatalf("%d compliance matches, want 1: %v", len(ms), fs)
			}
			s := ms[0].Span
			if got := fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col); got != tt.at {
				t.Errorf("match at %s, want %s", got, tt.at)
			}
			if got := strings.Contains(ms[0].Message, "found after normalizing"); got != tt.normalized {
				t.Errorf("message %q: noted as normalized %v, want %v", ms[0].Message, got, tt.normalized)
			}
		})
	}
}

func TestBannedWordsAreMatchedAfterNormalizing(t *testing.T) {
	cfg := setup(t, map[string]string{"greenlight.hcl": matchConfig})
	fs, _ := checkOne(t, cfg, engine.Options{}, "---\ntitle: Plan\n---\nPure ｓｙｎ\u00ADergy.\n")
	hype := withRule(fs, "hype")
	if len(hype) != 1 || !strings.Contains(hype[0].Message, "found after normalizing") {
		t.Fatalf("hype findings %v, want one noted as found after normalizing", hype)
	}
	if s := hype[0].Span; s.Start.Line != 4 || s.Start.Col != 6 || s.End.Col != 13 {
		t.Errorf("span %v, want 4:6-4:13", s)
	}
}

func TestInlineSwitchesOnlySilenceStyleRules(t *testing.T) {
	cfg := setup(t, map[string]string{"greenlight.hcl": matchConfig})
	tests := []struct {
		name, body string
		want       []string // rules that must be reported
		silenced   []string // rules that must not
		legal      bool
	}{
		{"greenlight off leaves a compliance trigger and its must_include",
			"<!-- greenlight off -->\n\nEnjoy guaranteed returns.\n",
			[]string{"greenlight.compliance.match", "greenlight.compliance.must-include"}, nil, true},
		{"disabling the compliance rules by name changes nothing",
			"<!-- greenlight disable=greenlight.compliance.match,greenlight.compliance.must-include -->\n\nEnjoy guaranteed returns.\n",
			[]string{"greenlight.compliance.match", "greenlight.compliance.must-include"}, nil, true},
		{"vale off leaves an embargoed term denied",
			"<!-- vale off -->\n\nMeet Project Orion.\n", []string{"greenlight.embargo.embargoed"}, nil, false},
		{"greenlight off silences a style rule",
			"<!-- greenlight off -->\n\nPure synergy.\n", nil, []string{"hype"}, false},
		{"disable= silences the style rule it names",
			"<!-- greenlight disable=hype -->\n\nPure synergy.\n", nil, []string{"hype"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, stages := checkOne(t, cfg, engine.Options{}, "---\ntitle: Plan\nchannels: [x]\n---\n"+tt.body)
			for _, r := range tt.want {
				if len(withRule(fs, r)) == 0 {
					t.Errorf("no %s finding: %v", r, fs)
				}
			}
			for _, r := range tt.silenced {
				if len(withRule(fs, r)) > 0 {
					t.Errorf("%s reported inside the switch: %v", r, fs)
				}
			}
			if got := slices.Contains(stages, "legal"); got != tt.legal {
				t.Errorf("legal required %v, want %v (stages %v)", got, tt.legal, stages)
			}
		})
	}
}

// tickingClock advances by step at every reading: a budget runs out after
// a known number of readings, without waiting.
func tickingClock(step time.Duration) func() time.Time {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time {
		now = now.Add(step)
		return now
	}
}

func TestASpentMatchBudgetFailsThePostClosed(t *testing.T) {
	cfg := setup(t, map[string]string{"greenlight.hcl": matchConfig})
	post := "---\ntitle: Plan\nchannels: [x]\n---\nPure synergy.\n\nEnjoy guaranteed returns. We said so.\n"
	tests := []struct {
		name   string
		opts   engine.Options
		budget bool
	}{
		{"a post judged within its budget has no budget finding", engine.Options{}, false},
		{"a post whose budget runs out gets an error finding", engine.Options{MatchBudget: 2 * time.Second, Clock: tickingClock(time.Second)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, _ := checkOne(t, cfg, tt.opts, post)
			got := withRule(fs, "greenlight.match-budget")
			if (len(got) > 0) != tt.budget {
				t.Fatalf("budget findings %v, want any: %v", got, tt.budget)
			}
			if tt.budget {
				if got[0].Level != finding.Error || !strings.Contains(got[0].Message, "could not be fully judged") {
					t.Errorf("budget finding %+v, want an error saying the post could not be fully judged", got[0])
				}
			}
		})
	}
}

func TestARequiredStageNoStageDeclaresIsAnError(t *testing.T) {
	const hcl = `
greenlight {
  content  = ["posts/*.md"]
  policies = ["policies"]
}
role "legal" { users = ["lee"] }
stage "copy-edit" { approvers = [role.legal] }
stage "legal" { approvers = [role.legal] }
`
	policy := func(stage string) string {
		return "package team.finance\n\nrequired_stages contains \"" + stage + "\" if true\n"
	}
	tests := []struct {
		name, stage string
		// want is a part of the message, "" for no finding.
		want string
	}{
		{"a declared stage is required, silently", "legal", ""},
		{"a name that differs in case is an error with the stage meant",
			"Legal", `Policy team.finance requires the stage "Legal", which no stage block declares; declared stages are copy-edit, legal. Did you mean "legal"?`},
		{"a misspelt name is an error with the stage meant", "copyedit", `Did you mean "copy-edit"?`},
		{"a name like no stage is an error naming the declared stages", "security", `declared stages are copy-edit, legal.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := setup(t, map[string]string{"greenlight.hcl": hcl, "policies/finance.rego": policy(tt.stage)})
			fs, _ := checkOne(t, cfg, engine.Options{}, "---\ntitle: Plan\n---\nA plan.\n")
			got := withRule(fs, "greenlight.unknown-stage")
			if tt.want == "" {
				if len(got) > 0 {
					t.Errorf("unexpected %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Level != finding.Error || !strings.Contains(got[0].Message, tt.want) {
				t.Fatalf("unknown-stage findings %v, want one error containing %q", got, tt.want)
			}
			if strings.Contains(got[0].Message, "greenlight.signoff") {
				t.Errorf("the sign-off package only echoes the request: %q", got[0].Message)
			}
		})
	}
}

func TestClosestStage(t *testing.T) {
	declared := []string{"copy-edit", "brand", "legal"}
	tests := []struct{ name, want string }{
		{"LEGAL", "legal"}, {"legl", "legal"}, {"copyedit", "copy-edit"}, {"brnd", "brand"}, {"ops", ""}, {"x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+" means "+tt.want, func(t *testing.T) {
			if got := engine.ClosestStage(tt.name, declared); got != tt.want {
				t.Errorf("closest(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestFrontMatterWithoutAJSONFormBlocks checks that a front-matter value
// the input document cannot hold (YAML's .inf and .nan have no JSON form)
// is an error finding that names the key, not a value left out: the
// policies would judge the post on less than it says.
func TestFrontMatterWithoutAJSONFormBlocks(t *testing.T) {
	t.Parallel()
	cfg := setup(t, map[string]string{"greenlight.hcl": `greenlight {
  content = ["posts/*.md"]
  front_matter_keys = ["score"]
}
`})
	for _, v := range []string{".inf", "-.Inf", ".nan", "[1, .inf]", "{a: .nan}"} {
		fs, _ := checkOne(t, cfg, engine.Options{}, "---\ntitle: Plan\nchannels: [x]\nscore: "+v+"\n---\nHello.\n")
		errs := withRule(fs, engine.RulePolicyError)
		if len(errs) != 1 || errs[0].Level != finding.Error || !strings.Contains(errs[0].Message, "front matter score") {
			t.Errorf("score: %s: policy errors %+v, want one naming the key", v, errs)
		}
	}
}

// TestAuthorSwitchesFollowTheConfig: what an author's inline switch turns
// off is the config's author_switches to say. By default it quiets the
// style guide's warnings and info, never an error the team set to block,
// which is reported with the reason; "all" lets it quiet errors too, as
// Vale does; "none" makes switches do nothing. Whatever it quiets is
// noted on the post, as a waiver is.
func TestAuthorSwitchesFollowTheConfig(t *testing.T) {
	const rules = `
rule "hype" {
  tokens = ["synergy"]
}
rule "brand-names" {
  level = "error"
  swap  = { "Github" = "GitHub" }
}
`
	post := "---\ntitle: Plan\n---\nIntro.\n\n<!-- greenlight off -->\n\nPure synergy on Github.\n\n<!-- greenlight on -->\n\nMore synergy.\n"
	tests := []struct {
		setting string
		// want are the rules reported, with how many findings each.
		want map[string]int
		// note is the waived note, "" for none.
		note string
		// why is whether the error says why it is still reported.
		why bool
	}{
		{"", map[string]int{"hype": 1, "brand-names": 1, "greenlight.waived": 1}, "hype switched off by the author: 1 warning not reported, from line 8.", true},
		{`"warnings"`, map[string]int{"hype": 1, "brand-names": 1, "greenlight.waived": 1}, "hype switched off by the author: 1 warning not reported, from line 8.", true},
		{`"all"`, map[string]int{"hype": 1, "greenlight.waived": 2}, "brand-names switched off by the author: 1 error not reported, from line 8.", false},
		{`"none"`, map[string]int{"hype": 2, "brand-names": 1}, "", false},
	}
	for _, tt := range tests {
		t.Run("author_switches = "+tt.setting, func(t *testing.T) {
			settings := ""
			if tt.setting != "" {
				settings = "greenlight {\n  author_switches = " + tt.setting + "\n}\n"
			}
			cfg := setup(t, map[string]string{"greenlight.hcl": settings + rules})
			fs, _ := checkOne(t, cfg, engine.Options{}, post)
			got := map[string]int{}
			for _, f := range fs {
				got[f.Rule]++
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("findings by rule %v, want %v: %v", got, tt.want, fs)
			}
			var notes []string
			for _, f := range withRule(fs, "greenlight.waived") {
				notes = append(notes, f.Message)
			}
			if tt.note != "" && !slices.Contains(notes, tt.note) {
				t.Errorf("notes %q, want %q", notes, tt.note)
			}
			for _, f := range withRule(fs, "brand-names") {
				if got := strings.Contains(f.Message, "an author switches off only warnings and info"); got != tt.why {
					t.Errorf("error %q says why it is reported: %v, want %v", f.Message, got, tt.why)
				}
			}
		})
	}
}
