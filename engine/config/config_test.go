package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the example's time zone, without the system's database

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
)

const examplePath = "../../examples/greenlight.hcl"

// parse validates src as greenlight.hcl and fails the test on any
// diagnostic.
func parse(t *testing.T, src string) *config.Config {
	t.Helper()
	l := config.Parse("greenlight.hcl", []byte(src))
	if len(l.Diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagLines(l.Diags))
	}
	if l.Config == nil {
		t.Fatal("no diagnostics and no config")
	}
	return l.Config
}

func diagLines(diags hcl.Diagnostics) string {
	var lines []string
	for _, d := range diags {
		lines = append(lines, fmt.Sprintf("%s: %s: %s", d.Subject, d.Summary, d.Detail))
	}
	return strings.Join(lines, "\n")
}

func roleNames(roles []*config.Role) []string {
	var out []string
	for _, r := range roles {
		out = append(out, r.Name)
	}
	return out
}

func stageNames(stages []*config.Stage) []string {
	var out []string
	for _, s := range stages {
		out = append(out, s.Name)
	}
	return out
}

// summary writes a config one line per block, in a form a test can pin.
func summary(c *config.Config) []string {
	var out []string
	s := c.Settings
	out = append(out, fmt.Sprintf("greenlight publish_branch=%s content=%q ignore=%q timezone=%s location=%s policies=%q styles=%q fail_on=%s",
		s.PublishBranch, s.Content, s.Ignore, s.Timezone, s.Location, s.Policies, s.Styles, s.FailOn))
	for _, r := range c.Roles {
		out = append(out, fmt.Sprintf("role %s team=%q users=%q", r.Name, r.Team, r.Users))
	}
	for _, st := range c.Stages {
		out = append(out, fmt.Sprintf("stage %s approvers=%v after=%v when=%s min_approvals=%d",
			st.Name, roleNames(st.Approvers), stageNames(st.After), st.When, st.MinApprovals))
	}
	for _, ch := range c.Channels {
		alt := "default"
		if ch.RequireAltText != nil {
			alt = fmt.Sprint(*ch.RequireAltText)
		}
		line := fmt.Sprintf("channel %s max_length=%d max_hashtags=%d max_links=%d require_alt_text=%s allowed=%q forbidden=%q utm=%q",
			ch.Name, ch.MaxLength, ch.MaxHashtags, ch.MaxLinks, alt, ch.AllowedDomains, ch.ForbiddenDomains, ch.UTM)
		if ch.Voice != nil {
			line += " voice " + voice(ch.Voice)
		}
		out = append(out, line)
	}
	if c.Voice != nil {
		out = append(out, "voice "+voice(c.Voice))
	}
	for _, r := range c.Rules {
		out = append(out, fmt.Sprintf("rule %s %s %s", r.ID, r.Kind, r.Level))
	}
	for _, cp := range c.Compliance {
		out = append(out, fmt.Sprintf("compliance %s tokens=%q patterns=%q ignorecase=%v when=%q requires=%v must_include=%q level=%s",
			cp.Name, cp.Tokens, cp.Patterns, cp.IgnoreCase, cp.When, stageNames(cp.Requires), cp.MustInclude, cp.Level))
	}
	for _, e := range c.Embargoes {
		out = append(out, fmt.Sprintf("embargo %s tokens=%q patterns=%q until=%s", e.Name, e.Tokens, e.Patterns, e.Until.UTC().Format(time.RFC3339)))
	}
	return out
}

func voice(v *config.Voice) string {
	var parts []string
	if v.MaxGrade != nil {
		parts = append(parts, fmt.Sprintf("max_grade=%g", *v.MaxGrade))
	}
	if v.MaxExclamations != nil {
		parts = append(parts, fmt.Sprintf("max_exclamations=%d", *v.MaxExclamations))
	}
	if v.MinSentiment != nil {
		parts = append(parts, fmt.Sprintf("min_sentiment=%g", *v.MinSentiment))
	}
	if v.MaxCaps != nil {
		parts = append(parts, fmt.Sprintf("max_caps=%d", *v.MaxCaps))
	}
	if v.MaxEmoji != nil {
		parts = append(parts, fmt.Sprintf("max_emoji=%d", *v.MaxEmoji))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

func TestExampleConfigLoads(t *testing.T) {
	l := config.Load(examplePath)
	if len(l.Diags) > 0 {
		t.Fatalf("the example config has diagnostics:\n%s", diagLines(l.Diags))
	}
	c := l.Config
	if c.File != examplePath || c.Dir != filepath.Dir(examplePath) {
		t.Errorf("File, Dir = %q, %q; want %q, %q", c.File, c.Dir, examplePath, filepath.Dir(examplePath))
	}
	if _, ok := l.Files[examplePath]; !ok {
		t.Errorf("Files has no entry for %s, so diagnostics could not show snippets", examplePath)
	}
	want := []string{
		`greenlight publish_branch=main content=["posts/**/*.md"] ignore=["**/README.md" "**/CHANGELOG.md" ".github/**" "node_modules/**" "vendor/**"] timezone=America/New_York location=America/New_York policies=["policies"] styles=["styles/Acme"] fail_on=error`,
		`role copy team="acme/copy-desk" users=[]`,
		`role brand team="" users=["mia" "sam"]`,
		`role legal team="acme/legal" users=[]`,
		`stage copy-edit approvers=[copy] after=[] when=always min_approvals=1`,
		`stage brand approvers=[brand] after=[copy-edit] when=always min_approvals=1`,
		`stage legal approvers=[legal] after=[brand] when=compliance min_approvals=1`,
		`channel linkedin max_length=1300 max_hashtags=0 max_links=0 require_alt_text=default allowed=[] forbidden=[] utm=["utm_source" "utm_campaign"] voice {max_grade=12}`,
		`channel x max_length=0 max_hashtags=2 max_links=0 require_alt_text=default allowed=[] forbidden=[] utm=[]`,
		`voice {max_grade=9 max_exclamations=1 min_sentiment=-0.2 max_caps=2}`,
		`rule brand-names substitution error`,
		`rule hype existence warning`,
		`rule doubled-words repetition error`,
		`rule hashtag-count occurrence warning`,
		`rule exclaim-per-sentence occurrence info`,
		`rule title-case capitalization warning`,
		`rule plain-language readability warning`,
		`rule define-acronyms conditional warning`,
		`rule no-click-here existence warning`,
		`compliance financial-claims tokens=["guaranteed returns" "risk-free"] patterns=[] ignorecase=true when="" requires=[legal] must_include=[] level=error`,
		`compliance sponsored tokens=[] patterns=[] ignorecase=true when="post.sponsored" requires=[legal] must_include=["#ad"] level=error`,
		`compliance giveaways tokens=["giveaway" "give away" "sweepstakes" "contest" "win a" "chance to win" "enter to win" "raffle"] patterns=[] ignorecase=true when="" requires=[legal] must_include=["rules"] level=error`,
		`embargo orion tokens=["Project Orion"] patterns=[] until=2027-01-15T14:00:00Z`,
	}
	if got := summary(c); !slices.Equal(got, want) {
		t.Errorf("the example config decodes to\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}

	t.Run("stages link to the very role and stage values of the config", func(t *testing.T) {
		brand := c.Stage("brand")
		if brand == nil || len(brand.After) != 1 || brand.After[0] != c.Stage("copy-edit") {
			t.Errorf("brand's after is not the copy-edit stage")
		}
		if brand == nil || len(brand.Approvers) != 1 || brand.Approvers[0] != c.Role("brand") {
			t.Errorf("brand's approvers are not the brand role")
		}
		for _, cp := range c.Compliance {
			if len(cp.Requires) != 1 || cp.Requires[0] != c.Stage("legal") {
				t.Errorf("compliance %s does not require the legal stage", cp.Name)
			}
		}
	})
	t.Run("every declaration keeps its range in the file", func(t *testing.T) {
		for _, r := range c.Roles {
			checkDecl(t, "role "+r.Name, r.DeclRange)
		}
		for _, s := range c.Stages {
			checkDecl(t, "stage "+s.Name, s.DeclRange)
		}
		for _, ch := range c.Channels {
			checkDecl(t, "channel "+ch.Name, ch.DeclRange)
		}
		checkDecl(t, "voice", c.Voice.DeclRange)
		for _, cp := range c.Compliance {
			checkDecl(t, "compliance "+cp.Name, cp.DeclRange)
		}
		for _, e := range c.Embargoes {
			checkDecl(t, "embargo "+e.Name, e.DeclRange)
		}
		for _, r := range c.Rules {
			if !strings.HasPrefix(r.Source, examplePath+":") {
				t.Errorf("rule %s has source %q, want it in %s", r.ID, r.Source, examplePath)
			}
		}
	})
	t.Run("every rule compiles", func(t *testing.T) {
		for _, r := range c.Rules {
			if _, err := style.Compile(r); err != nil {
				t.Errorf("rule %s: %v", r.ID, err)
			}
		}
	})
	t.Run("the embargo time keeps its instant", func(t *testing.T) {
		want := time.Date(2027, 1, 15, 9, 0, 0, 0, time.FixedZone("", -5*60*60))
		if got := c.Embargoes[0].Until; !got.Equal(want) {
			t.Errorf("until is %s, want %s", got, want)
		}
	})
}

func checkDecl(t *testing.T, what string, r hcl.Range) {
	t.Helper()
	if r.Filename != examplePath || r.Start.Line < 1 {
		t.Errorf("%s is declared at %s, want a line of %s", what, r, examplePath)
	}
}

func TestRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// want is checked against the decoded rule.
		want func(t *testing.T, r style.Spec)
	}{
		{
			name: "a rule with swap is a substitution whose words are quoted, bounded where they are words, and whose case is kept",
			src:  `rule "r" { swap = { "e.g." = "for example", "Github" = "GitHub" } }`,
			want: func(t *testing.T, r style.Spec) {
				want := map[string]string{`\be\.g\.`: "for example", `\bGithub\b`: "GitHub"}
				if r.Kind != style.Substitution || !mapsEqual(r.Swap, want) || !r.MatchCase {
					t.Errorf("got kind %s, swap %q, matchcase %v", r.Kind, r.Swap, r.MatchCase)
				}
			},
		},
		{
			name: "a rule with tokens is an existence rule whose tokens are quoted and bounded only at word characters",
			src:  `rule "r" { tokens = ["e.g.", "C++"] }`,
			want: func(t *testing.T, r style.Spec) {
				if r.Kind != style.Existence || !slices.Equal(r.Tokens, []string{`\be\.g\.`, `\bC\+\+`}) || !r.Nonword {
					t.Errorf("got kind %s, tokens %q", r.Kind, r.Tokens)
				}
			},
		},
		{
			name: "a rule with patterns is an existence rule whose patterns stay regular expressions",
			src:  `rule "r" { patterns = ["colou?r"] }`,
			want: func(t *testing.T, r style.Spec) {
				if r.Kind != style.Existence || !slices.Equal(r.Patterns, []string{"colou?r"}) {
					t.Errorf("got kind %s, patterns %q", r.Kind, r.Patterns)
				}
			},
		},
		{
			name: "a rule with max is an occurrence rule",
			src:  "rule \"r\" {\n  patterns = [\"!\"]\n  max      = 2\n}",
			want: func(t *testing.T, r style.Spec) {
				if r.Kind != style.Occurrence || r.Max != 2 {
					t.Errorf("got kind %s, max %d", r.Kind, r.Max)
				}
			},
		},
		{
			name: "a rule with match is a capitalization rule",
			src:  `rule "r" { match = "$title" }`,
			want: func(t *testing.T, r style.Spec) {
				if r.Kind != style.Capitalization {
					t.Errorf("got kind %s", r.Kind)
				}
			},
		},
		{
			name: "a rule with grade is a readability rule",
			src:  `rule "r" { grade = 8.5 }`,
			want: func(t *testing.T, r style.Spec) {
				if r.Kind != style.Readability || r.Grade != 8.5 {
					t.Errorf("got kind %s, grade %g", r.Kind, r.Grade)
				}
			},
		},
		{
			name: "a rule with first and second is a conditional rule",
			src:  `rule "r" {` + "\n" + `first = "\\b([A-Z]{3})\\b"` + "\n" + `second = "\\(([A-Z]{3})\\)"` + "\n}",
			want: func(t *testing.T, r style.Spec) {
				if r.Kind != style.Conditional || r.First != `\b([A-Z]{3})\b` {
					t.Errorf("got kind %s, first %q", r.Kind, r.First)
				}
			},
		},
		{
			name: "a rule without level or message is a warning with the kind's message",
			src:  `rule "r" { tokens = ["synergy"] }`,
			want: func(t *testing.T, r style.Spec) {
				if r.Level.String() != "warning" || r.Message != "Avoid '%s'." {
					t.Errorf("got level %s, message %q", r.Level, r.Message)
				}
			},
		},
		{
			name: "a rule's scopes, level and options are read as written",
			src: `rule "r" {
  type       = "existence"
  tokens     = ["here"]
  scope      = ["link_text", "title"]
  level      = "suggestion"
  ignorecase = true
  nonword    = true
  link       = "https://example.com/style#here"
  message    = "Say where '%s' goes."
}`,
			want: func(t *testing.T, r style.Spec) {
				if !slices.Equal(r.Scope, []style.Scope{style.ScopeLinkText, style.ScopeTitle}) || r.Level.String() != "info" ||
					!r.IgnoreCase || !r.Nonword || r.Link != "https://example.com/style#here" || r.Message != "Say where '%s' goes." {
					t.Errorf("got %+v", r)
				}
			},
		},
		{
			name: "a rule's source names the file and line it is declared on",
			src:  "\n\nrule \"r\" { tokens = [\"x\"] }",
			want: func(t *testing.T, r style.Spec) {
				if !strings.HasPrefix(r.Source, "greenlight.hcl:3") {
					t.Errorf("source is %q", r.Source)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := parse(t, tc.src)
			if len(c.Rules) != 1 {
				t.Fatalf("got %d rules, want 1", len(c.Rules))
			}
			tc.want(t, c.Rules[0])
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestStageOrder(t *testing.T) {
	const roles = `role "r" { users = ["mia"] }` + "\n"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "stages without after keep the order they are declared in",
			src:  `stage "a" { approvers = [role.r] }` + "\n" + `stage "b" { approvers = [role.r] }`,
			want: []string{"a", "b"},
		},
		{
			name: "a stage declared before the stage it comes after is moved behind it",
			src: `stage "publish" {
  approvers = [role.r]
  after     = [stage.legal, stage.brand]
}
stage "legal" {
  approvers = [role.r]
  after     = [stage.brand]
}
stage "brand" { approvers = [role.r] }`,
			want: []string{"brand", "legal", "publish"},
		},
		{
			name: "a diamond puts the join after both branches",
			src: `stage "join" {
  approvers = [role.r]
  after     = [stage.left, stage.right]
}
stage "left" {
  approvers = [role.r]
  after     = [stage.root]
}
stage "right" {
  approvers = [role.r]
  after     = [stage.root]
}
stage "root" { approvers = [role.r] }`,
			want: []string{"root", "left", "right", "join"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := parse(t, roles+tc.src)
			if got := stageNames(c.Stages); !slices.Equal(got, tc.want) {
				t.Errorf("stages are in the order %v, want %v", got, tc.want)
			}
		})
	}
}

func TestValidValues(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"every kind of when a stage can have is accepted", `
role "r" { team = "acme/r" }
channel "newsletter" { max_length = 5000 }
compliance "gdpr" { tokens = ["personal data"] }
stage "a" {
  approvers = [role.r]
  when = "always"
}
stage "b" {
  approvers = [role.r]
  when = "compliance"
}
stage "c" {
  approvers = [role.r]
  when = "compliance.gdpr"
}
stage "d" {
  approvers = [role.r]
  when = "channel.x"
}
stage "e" {
  approvers = [role.r]
  when = "channel.newsletter"
}
stage "f" {
  approvers = [role.r]
  when = "post.sponsored"
}
stage "owners" {
  approvers = [role.r]
  when = "config"
}
greenlight {
  config_stage     = "owners"
  comment_commands = true
}`},
		{"a channel of one's own with max_length is accepted", `channel "newsletter" { max_length = 5000 }`},
		{"a role with both a team and users is accepted", `role "r" {
  team  = "acme/social-team"
  users = ["mia"]
}`},
		{"an empty file is accepted", ``},
		{"levels are read in any case and with Vale's names", `
rule "a" {
  tokens = ["x"]
  level = "Suggestion"
}
rule "b" {
  tokens = ["y"]
  level = "WARN"
}
greenlight { fail_on = "warning" }`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parse(t, tc.src)
		})
	}
}

func TestSchedule(t *testing.T) {
	if got := parse(t, ``).Schedule; got.MergeMethod != "squash" || got.Grace != 2*time.Hour || got.Due != "earliest" || got.PublishLate || got.Label != "greenlight: missed schedule" {
		t.Errorf("default schedule = %+v", got)
	}
	got := parse(t, `schedule {
  merge_method = "merge"
  grace        = "90m"
  publish_late = true
  due          = "latest"
  label        = "late"
}`).Schedule
	if got.MergeMethod != "merge" || got.Grace != 90*time.Minute || got.Due != "latest" || !got.PublishLate || got.Label != "late" {
		t.Errorf("schedule = %+v", got)
	}
	if s := parse(t, ``).Settings; s.ConfigStage != "owners" || s.CommentCommands {
		t.Errorf("settings = %+v; config_stage defaults to owners and comment commands are off", s)
	}
}

func TestDeadlinesAndNotify(t *testing.T) {
	cfg := parse(t, `
greenlight { timezone = "Europe/Berlin" }
role "r" { users = ["a"] }
stage "copy" { approvers = [role.r] }
stage "legal" {
  approvers = [role.r]
  due       = "2 business days before publish"
}
deadlines {
  default        = "24h before publish"
  business_hours = "08:30-16:00"
  business_days  = ["Monday", "tue", "wed", "thu"]
  remind_before  = "4h"
}
notify "team-chat" {
  type    = "slack"
  url_env = "SLACK_WEBHOOK_URL"
  events  = ["reminder", "published"]
}`)
	dl := cfg.Deadlines
	if dl.DueFor(cfg.Stage("legal")).Text != "2 business days before publish" || dl.DueFor(cfg.Stage("copy")).Text != "24h before publish" {
		t.Errorf("stage deadlines: legal %v, copy %v", dl.DueFor(cfg.Stage("legal")), dl.DueFor(cfg.Stage("copy")))
	}
	c := dl.Calendar
	if c.Start != 8*time.Hour+30*time.Minute || c.End != 16*time.Hour || c.Days[time.Friday] || !c.Days[time.Monday] || c.Location.String() != "Europe/Berlin" || dl.RemindBefore != 4*time.Hour {
		t.Errorf("deadlines = %+v", dl)
	}
	if n := cfg.Notify; len(n) != 1 || n[0].Type != "slack" || n[0].URLEnv != "SLACK_WEBHOOK_URL" || strings.Join(n[0].Events, ",") != "reminder,published" {
		t.Errorf("notify = %+v", n)
	}
	if d := parse(t, ``).Deadlines; d.Default != nil || d.RemindBefore != 24*time.Hour || !d.Calendar.Days[time.Friday] || d.Calendar.Days[time.Saturday] {
		t.Errorf("default deadlines = %+v", d)
	}
}

func TestChannelAndComplianceDefaults(t *testing.T) {
	c := parse(t, `
channel "x" {
  require_alt_text = false
  voice { max_emoji = 0 }
}
compliance "claims" { patterns = ["risk-?free"] }
`)
	x := c.Channel("x")
	if x == nil || x.RequireAltText == nil || *x.RequireAltText || x.Voice == nil || x.Voice.MaxEmoji == nil || *x.Voice.MaxEmoji != 0 {
		t.Errorf("channel x is %+v", x)
	}
	if c.Channel("linkedin") != nil {
		t.Errorf("a channel the config does not declare has settings")
	}
	cp := c.Compliance[0]
	if !cp.IgnoreCase || cp.Level != "error" {
		t.Errorf("compliance defaults are ignorecase=%v level=%q, want true and error", cp.IgnoreCase, cp.Level)
	}
	if c.Role("nobody") != nil || c.Stage("nowhere") != nil {
		t.Errorf("lookups of undeclared names return something")
	}
}

func TestDefault(t *testing.T) {
	c := config.Default("/repo")
	want := []string{
		`greenlight publish_branch=main content=["**/*.md"] ignore=["**/README.md" "**/CHANGELOG.md" ".github/**" "node_modules/**" "vendor/**"] timezone=UTC location=UTC policies=[] styles=[] fail_on=error`,
	}
	if got := summary(c); !slices.Equal(got, want) {
		t.Errorf("the default config is\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if c.File != "" || c.Dir != "/repo" {
		t.Errorf("File, Dir = %q, %q; want \"\", /repo", c.File, c.Dir)
	}
	t.Run("each call returns a config of its own", func(t *testing.T) {
		a, b := config.Default("a"), config.Default("b")
		a.Settings.Content[0] = "changed"
		if b.Settings.Content[0] != "**/*.md" || a.Dir == b.Dir {
			t.Errorf("Default shares state between calls")
		}
	})
}

func TestLoadOfAMissingFile(t *testing.T) {
	l := config.Load(filepath.Join(t.TempDir(), config.FileName))
	if l.Config != nil || !l.Diags.HasErrors() || l.Diags[0].Summary != "Cannot read config" {
		t.Errorf("Load of a missing file gave config %v and diagnostics %v", l.Config, l.Diags)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(t *testing.T, dir string) string {
		t.Helper()
		p := filepath.Join(dir, config.FileName)
		if err := os.WriteFile(p, []byte("# empty\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A greenlight.hcl above the temporary folder would be found by the
	// "no config" case; skip that case rather than fail on such a machine.
	_, above, err := config.Find(root)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("a folder with no config anywhere above it has none", func(t *testing.T) {
		if above {
			t.Skip("a greenlight.hcl exists above the temporary folder")
		}
		if p, ok, err := config.Find(deep); ok || err != nil {
			t.Errorf("Find = %q, %v, %v; want none", p, ok, err)
		}
	})
	outer := write(t, filepath.Join(root, "a"))
	t.Run("the config in a parent folder is found from a folder below it", func(t *testing.T) {
		if p, ok, err := config.Find(deep); !ok || err != nil || p != outer {
			t.Errorf("Find = %q, %v, %v; want %q", p, ok, err, outer)
		}
	})
	t.Run("the config in the folder itself is found", func(t *testing.T) {
		if p, ok, err := config.Find(filepath.Join(root, "a")); !ok || err != nil || p != outer {
			t.Errorf("Find = %q, %v, %v; want %q", p, ok, err, outer)
		}
	})
	inner := write(t, filepath.Join(root, "a", "b"))
	t.Run("the nearest config wins", func(t *testing.T) {
		if p, ok, err := config.Find(deep); !ok || err != nil || p != inner {
			t.Errorf("Find = %q, %v, %v; want %q", p, ok, err, inner)
		}
	})
	t.Run("a relative folder is found as an absolute path", func(t *testing.T) {
		t.Chdir(deep)
		if p, ok, err := config.Find("."); !ok || err != nil || p != inner {
			t.Errorf("Find = %q, %v, %v; want %q", p, ok, err, inner)
		}
	})
}

// marker is one expected diagnostic of an invalid fixture.
type marker struct {
	line    int
	summary string
}

func (m marker) String() string { return fmt.Sprintf("%d: %s", m.line, m.summary) }

// markers reads the "# ERROR: <summary>" comments that mark the lines of a
// fixture where a diagnostic must start. A line may hold several.
func markers(src []byte) []marker {
	var out []marker
	for i, line := range strings.Split(string(src), "\n") {
		parts := strings.Split(line, "# ERROR:")
		for _, p := range parts[1:] {
			out = append(out, marker{line: i + 1, summary: strings.TrimSpace(p)})
		}
	}
	return out
}

func sortMarkers(ms []marker) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].line != ms[j].line {
			return ms[i].line < ms[j].line
		}
		return ms[i].summary < ms[j].summary
	})
}

// TestInvalidConfigs loads every testdata/invalid/*.hcl and checks that
// exactly the marked diagnostics come back, all at once, each at its line.
func TestInvalidConfigs(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no invalid fixtures")
	}
	for _, path := range paths {
		name := strings.ReplaceAll(strings.TrimSuffix(filepath.Base(path), ".hcl"), "-", " ")
		t.Run(name+" is reported at the marked lines", func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := markers(src)
			if len(want) == 0 {
				t.Fatalf("%s marks no line with # ERROR:", path)
			}
			l := config.Parse(path, src)
			if l.Config != nil {
				// Folders are checked on disk (by engine.New), once the
				// config itself is valid.
				if d := l.Config.CheckFolders(); d.HasErrors() {
					l.Diags, l.Config = append(l.Diags, d...), nil
				}
			}
			var got []marker
			for _, d := range l.Diags {
				if d.Severity != hcl.DiagError {
					t.Errorf("%s: %s is not an error", d.Subject, d.Summary)
				}
				if d.Subject == nil {
					t.Errorf("%s has no subject", d.Summary)
					continue
				}
				if d.Subject.Filename != path {
					t.Errorf("%s: %s is in %q, want %q", d.Subject, d.Summary, d.Subject.Filename, path)
				}
				got = append(got, marker{line: d.Subject.Start.Line, summary: d.Summary})
			}
			sortMarkers(got)
			sortMarkers(want)
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics are\n\t%s\nwant\n\t%s\nall of them:\n%s", join(got), join(want), diagLines(l.Diags))
			}
			if l.Config != nil {
				t.Errorf("an invalid config was returned")
			}
		})
	}
}

func join(ms []marker) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.String())
	}
	return strings.Join(s, "\n\t")
}

// TestFiveMistakesFixture keeps the showcase fixture honest: five mistakes
// of five different kinds.
func TestFiveMistakesFixture(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "invalid", "five-mistakes.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, m := range markers(src) {
		kinds[m.summary] = true
	}
	if len(markers(src)) != 5 || len(kinds) != 5 {
		t.Errorf("five-mistakes.hcl marks %d mistakes of %d kinds, want 5 of 5", len(markers(src)), len(kinds))
	}
}

func TestDuplicateDetails(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "a second named block names the first one's place",
			src:  "role \"copy\" { users = [\"a\"] }\nrole \"copy\" { users = [\"b\"] }\n",
			want: `A role named "copy" is already declared at greenlight.hcl:1,1-12.`,
		},
		{
			name: "a second block without a name is not called a block named \"\"",
			src:  "voice { max_grade = 8 }\nvoice { max_grade = 9 }\n",
			want: `A voice block is already declared at greenlight.hcl:1,1-6.`,
		},
		{
			name: "a second greenlight block is a duplicate too",
			src:  "greenlight {}\ngreenlight {}\n",
			want: `A greenlight block is already declared at greenlight.hcl:1,1-11.`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := config.Parse("greenlight.hcl", []byte(tc.src))
			if len(l.Diags) != 1 || l.Diags[0].Detail != tc.want {
				t.Errorf("diagnostics are\n%s\nwant one saying %q", diagLines(l.Diags), tc.want)
			}
		})
	}
}

func TestWaiverRuleRanges(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // RuleRange of each rule
	}{
		{
			name: "each element of a literal list is at itself",
			src:  "waiver \"w\" {\n  rules  = [\"a\",\n    \"bb\"]\n  reason = \"r\"\n}\n",
			want: []string{"greenlight.hcl:2,13-16", "greenlight.hcl:3,5-9"},
		},
		{
			name: "a list built by an expression stands for its elements",
			src:  "waiver \"w\" {\n  rules  = [for r in [\"a\", \"b\"] : r]\n  reason = \"r\"\n}\n",
			want: []string{"greenlight.hcl:2,12-37", "greenlight.hcl:2,12-37"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := parse(t, tc.src)
			w := cfg.Waivers[0]
			if len(w.Rules) != len(tc.want) {
				t.Fatalf("rules %q, want %d", w.Rules, len(tc.want))
			}
			for i, want := range tc.want {
				if got := w.RuleRange(i).String(); got != want {
					t.Errorf("RuleRange(%d) = %s, want %s", i, got, want)
				}
			}
		})
	}
}
