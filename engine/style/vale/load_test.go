package vale_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/greenlighthq/greenlight/engine/style/vale"
)

var update = flag.Bool("update", false, "rewrite golden files")

const fixtureDir = "testdata/styles/Fixture"

func TestLoadFixtureStyle(t *testing.T) {
	specs, diags := vale.Load(fixtureDir)

	t.Run("no rule is skipped", func(t *testing.T) {
		if got := render(diags); len(got) > 0 {
			t.Errorf("diagnostics: %q", got)
		}
	})

	type summary struct {
		ID      string
		Kind    style.Kind
		Level   finding.Level
		Message string
		Scope   []style.Scope
	}
	want := []summary{
		{"Fixture.Acronyms", style.Conditional, finding.Info, "Spell out '%s', if it's unfamiliar to the audience.", nil},
		{"Fixture.BigData", style.Sequence, finding.Warning, "'%s %s': say what is in the data, not how much.", nil},
		{"Fixture.Commas", style.Occurrence, finding.Info, "Try to keep sentences short (more than 3 commas).", []style.Scope{style.ScopeSentence}},
		{"Fixture.Grade", style.Metric, finding.Warning, "Try to keep the Automated Readability Index (%s) below 8.", nil},
		{"Fixture.Headings", style.Capitalization, finding.Warning, "'%s' should use title-style capitalization.", []style.Scope{style.ScopeHeading}},
		{"Fixture.Headlines", style.Existence, finding.Error, "Don't oversell in a heading: '%s'.", []style.Scope{style.ScopeHeading}},
		{"Fixture.Hype", style.Existence, finding.Warning, "Avoid hype words like '%s'.", nil},
		{"Fixture.Latin", style.Existence, finding.Warning, "Add a comma or a space after '%s'.", nil},
		{"Fixture.Modal", style.Sequence, finding.Warning, "Avoid the hedge '%s'.", nil},
		{"Fixture.Readability", style.Readability, finding.Info, "Try to keep the Flesch-Kincaid grade level (%s) below 8.", nil},
		{"Fixture.Repetition", style.Repetition, finding.Error, "'%s' is repeated!", nil},
		{"Fixture.Sections", style.Script, finding.Warning, "Consider a heading: the post runs on without one.", []style.Scope{style.ScopeRaw}},
		{"Fixture.Spacing", style.Existence, finding.Error, "'%s' should have one space after it.", nil},
		{"Fixture.Spellings", style.Consistency, finding.Error, "Inconsistent spelling of '%s'.", nil},
		{"Fixture.Structure", style.Metric, finding.Warning, "Too much structure for a post (%s): fewer headings and list items.", nil},
		{"Fixture.Very", style.Script, finding.Info, "Cut '%s': it rarely adds anything.", nil},
		{"Fixture.Wordiness", style.Substitution, finding.Error, "Use '%s' instead of '%s'.", nil},
	}
	var got []summary
	for _, s := range specs {
		got = append(got, summary{s.ID, s.Kind, s.Level, s.Message, s.Scope})
	}
	t.Run("every supported rule loads, in file order, with its id, kind, level, message and scope", func(t *testing.T) {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("specs:\n got %+v\nwant %+v", got, want)
		}
	})

	t.Run("every field matches the golden file", func(t *testing.T) {
		for i := range specs {
			specs[i].Source = filepath.ToSlash(specs[i].Source)
		}
		b, err := json.MarshalIndent(specs, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "testdata/fixture-specs.golden", append(b, '\n'))
	})
}

// TestLoadReportsMarkedProblems loads testdata/invalid/Broken, where every
// file marks the line of each expected problem with "# ERROR: <summary>" or
// "# WARNING: <summary>".
func TestLoadReportsMarkedProblems(t *testing.T) {
	dir := "testdata/invalid/Broken"
	specs, diags := vale.Load(dir)

	var want []string
	files, err := filepath.Glob(filepath.Join(dir, "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	marker := regexp.MustCompile(`#\s*(ERROR|WARNING):\s*(.+?)\s*$`)
	for _, f := range files {
		want = append(want, markers(t, f, marker)...)
	}
	slices.Sort(want)
	got := render(diags)
	slices.Sort(got)

	t.Run("each marked line gets its diagnostic and nothing else", func(t *testing.T) {
		if !slices.Equal(got, want) {
			t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
		}
	})
	t.Run("every diagnostic names its file and range", func(t *testing.T) {
		for _, d := range diags {
			if d.Subject == nil || d.Subject.Filename == "" || d.Subject.Start.Line < 1 {
				t.Errorf("%s: no range", d.Summary)
			}
		}
	})
	t.Run("rules with warnings only still load", func(t *testing.T) {
		var ids []string
		for _, s := range specs {
			ids = append(ids, s.ID)
		}
		if want := []string{"Broken.PartlyScoped", "Broken.Valid"}; !slices.Equal(ids, want) {
			t.Errorf("loaded %q, want %q", ids, want)
		}
	})
}

func markers(t *testing.T, path string, re *regexp.Regexp) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, fmt.Sprintf("%s:%d: %s: %s", filepath.Base(path), line, strings.ToLower(m[1]), m[2]))
		}
	}
	return out
}

// render writes diagnostics as "file:line: severity: summary".
func render(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		loc := "?"
		if d.Subject != nil {
			loc = fmt.Sprintf("%s:%d", filepath.Base(d.Subject.Filename), d.Subject.Start.Line)
		}
		out = append(out, fmt.Sprintf("%s: %s: %s", loc, sev, d.Summary))
	}
	return out
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (run go test -update to accept):\n got %s\nwant %s", path, got, want)
	}
}

// writeStyles lays out a StylesPath in a temporary folder: files maps
// "Style/Rule.yml" to its YAML.
func writeStyles(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestLoadMapsEveryValeKey(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want style.Spec
	}{
		{
			name: "an existence rule keeps tokens, raw, append and its matching options",
			yaml: `
extends: existence
message: "Avoid '%s'."
description: Vale-only prose, ignored.
level: error
link: https://example.com/avoid
scope: [sentence, heading.h3, link, title, list, paragraph, text]
ignorecase: true
nonword: true
append: true
matchcase: true
vocab: false
limit: 3
action:
  name: remove
tokens:
  - foo
  - ''
  - bar\w+
raw:
  - '(?:a|'
  - 'b)'
exceptions: [foobar]
`,
			want: style.Spec{
				ID: "Style.Rule", Kind: style.Existence, Level: finding.Error,
				Message: "Avoid '%s'.", Link: "https://example.com/avoid",
				Scope: []style.Scope{style.ScopeSentence, style.ScopeHeading, style.ScopeLinkText,
					style.ScopeTitle, style.ScopeList, style.ScopeParagraph, style.ScopeText},
				IgnoreCase: true, Nonword: true, Append: true, MatchCase: true,
				Tokens: []string{"foo", `bar\w+`}, Raw: []string{"(?:a|", "b)"},
				Exceptions: []string{"foobar"},
			},
		},
		{
			name: "a rule without a level is a warning, as in Vale",
			yaml: "extends: existence\nmessage: m\ntokens: [foo]\n",
			want: style.Spec{ID: "Style.Rule", Vocab: true, Kind: style.Existence, Level: finding.Warning, Message: "m", Tokens: []string{"foo"}},
		},
		{
			name: "a substitution keeps its swap map, multi-word keys included",
			yaml: `
extends: substitution
message: "Use '%s' instead of '%s'."
level: suggestion
ignorecase: true
capitalize: true
nonword: false
pos: NN
swap:
  in order to: to
  utilize: use
  '(?:e-mail|email)': email
  '1': one
  empty:
exceptions: [Utilize Inc]
`,
			want: style.Spec{
				ID: "Style.Rule", Vocab: true, Kind: style.Substitution, Level: finding.Info,
				Message: "Use '%s' instead of '%s'.", IgnoreCase: true, Capitalize: true,
				Swap: map[string]string{
					"in order to": "to", "utilize": "use", "(?:e-mail|email)": "email",
					"1": "one", "empty": "",
				},
				Exceptions: []string{"Utilize Inc"},
			},
		},
		{
			name: "an occurrence rule's single token becomes a pattern matched as written",
			yaml: `
extends: occurrence
message: Too many commas.
scope: sentence
ignorecase: true
max: 3
min: 1
token: '[,;]'
`,
			want: style.Spec{
				ID: "Style.Rule", Kind: style.Occurrence, Level: finding.Warning, Message: "Too many commas.",
				Scope: []style.Scope{style.ScopeSentence}, IgnoreCase: true, Max: 3, Min: 1,
				Patterns: []string{"[,;]"},
			},
		},
		{
			name: "a repetition rule's tokens become patterns matched as written",
			yaml: `
extends: repetition
message: "'%s' is repeated!"
level: error
ignorecase: true
alpha: true
max: 1
tokens: ['[^\s.!?]+']
exceptions: [that]
`,
			want: style.Spec{
				ID: "Style.Rule", Vocab: true, Kind: style.Repetition, Level: finding.Error, Message: "'%s' is repeated!",
				IgnoreCase: true, Alpha: true, Max: 1, Patterns: []string{`[^\s.!?]+`}, Exceptions: []string{"that"},
			},
		},
		{
			name: "a capitalization rule keeps match, style and exceptions",
			yaml: `
extends: capitalization
message: "'%s' should use sentence-style capitalization."
scope: heading
match: $sentence
style: Chicago
indicators: [':']
threshold: 0.6
prefix: '^[0-9]+\. '
exceptions: [Azure, macOS]
`,
			want: style.Spec{
				ID: "Style.Rule", Vocab: true, Kind: style.Capitalization, Level: finding.Warning,
				Message: "'%s' should use sentence-style capitalization.", Scope: []style.Scope{style.ScopeHeading},
				Match: "$sentence", Style: "Chicago", Exceptions: []string{"Azure", "macOS"},
			},
		},
		{
			name: "a readability rule keeps metrics and grade and, like Vale, ignores its scope",
			yaml: `
extends: readability
message: "Grade %s."
scope: raw
metrics: [Flesch-Kincaid, Gunning Fog]
grade: 9.5
`,
			want: style.Spec{
				ID: "Style.Rule", Kind: style.Readability, Level: finding.Warning, Message: "Grade %s.",
				Metrics: []string{"Flesch-Kincaid", "Gunning Fog"}, Grade: 9.5,
			},
		},
		{
			name: "a conditional rule keeps first, second and exceptions but not ignorecase, which Vale ignores",
			yaml: `
extends: conditional
message: "'%s' has no definition."
ignorecase: true
first: '\b([A-Z]{3,5})\b'
second: '(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)'
exceptions: [API]
`,
			want: style.Spec{
				ID: "Style.Rule", Vocab: true, Kind: style.Conditional, Level: finding.Warning, Message: "'%s' has no definition.",
				First: `\b([A-Z]{3,5})\b`, Second: `(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)`, Exceptions: []string{"API"},
			},
		},
		{
			name: "values are read as weakly as Vale reads them",
			yaml: `
Extends: occurrence
Message: m
IgnoreCase: "true"
max: "3"
min: 1.0
token: ","
scope: heading.h1
`,
			want: style.Spec{
				ID: "Style.Rule", Kind: style.Occurrence, Level: finding.Warning, Message: "m",
				Scope: []style.Scope{style.ScopeHeading}, IgnoreCase: true, Max: 3, Min: 1, Patterns: []string{","},
			},
		},
		{
			name: "heading levels and a Markdown format suffix collapse into heading, once",
			yaml: "extends: existence\nmessage: m\ntokens: x\nscope: [heading.h1, heading.h2.md, heading]\n",
			want: style.Spec{
				ID: "Style.Rule", Vocab: true, Kind: style.Existence, Level: finding.Warning, Message: "m",
				Scope: []style.Scope{style.ScopeHeading}, Tokens: []string{"x"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeStyles(t, map[string]string{"Style/Rule.yml": tt.yaml})
			specs, diags := vale.Load(filepath.Join(root, "Style"))
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %s", diags.Error())
			}
			if len(specs) != 1 {
				t.Fatalf("got %d specs, want 1", len(specs))
			}
			got := specs[0]
			got.Source = ""
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %s\nwant %s", dump(got), dump(tt.want))
			}
		})
	}
}

func dump(s style.Spec) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestLoadResolvesRulesThatExtendRules(t *testing.T) {
	root := writeStyles(t, map[string]string{
		"Base/Terms.yml": `
extends: substitution
message: "Use '%s' instead of '%s'."
ignorecase: true
swap:
  utilize: use
  leverage: use
  e-mail: email
`,
		"Base/Hype.yml": `
extends: existence
message: "Avoid '%s'."
level: suggestion
tokens: [amazing, epic, stunning]
`,
		"Mine/Terms.yml": `
extends: Base.Terms
level: error
swap+:
  in order to: to
swap-: [leverage]
`,
		"Mine/Hype.yml": `
extends: Base.Hype
tokens+: [mind-blowing]
tokens-: [epic]
scope: heading
`,
		"Mine/Strict.yml": `
extends: Mine.Terms
message: "Never '%[2]s'; write '%[1]s'."
ignorecase: false
`,
	})
	specs, diags := vale.Load(filepath.Join(root, "Mine"))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %s", diags.Error())
	}
	want := []style.Spec{
		{
			ID: "Mine.Hype", Vocab: true, Kind: style.Existence, Level: finding.Info, Message: "Avoid '%s'.",
			Scope: []style.Scope{style.ScopeHeading}, Tokens: []string{"amazing", "stunning", "mind-blowing"},
		},
		{
			ID: "Mine.Strict", Vocab: true, Kind: style.Substitution, Level: finding.Error, Message: "Never '%[2]s'; write '%[1]s'.",
			Swap: map[string]string{"utilize": "use", "e-mail": "email", "in order to": "to"},
		},
		{
			ID: "Mine.Terms", Vocab: true, Kind: style.Substitution, Level: finding.Error, Message: "Use '%s' instead of '%s'.",
			IgnoreCase: true, Swap: map[string]string{"utilize": "use", "e-mail": "email", "in order to": "to"},
		},
	}
	for i := range specs {
		specs[i].Source = ""
	}
	if !reflect.DeepEqual(specs, want) {
		t.Errorf("\n got %+v\nwant %+v", specs, want)
	}
}

func TestLoadNamesRulesInSubfoldersAsVale(t *testing.T) {
	root := writeStyles(t, map[string]string{
		"Style/A.yml":            "extends: existence\nmessage: m\ntokens: a\n",
		"Style/b.rule.yaml":      "extends: existence\nmessage: m\ntokens: b\n",
		"Style/sub/C.yml":        "extends: existence\nmessage: m\ntokens: c\n",
		"Style/A.test.yml":       "not: a rule\n",
		"Style/_drafts/D.yml":    "not: a rule\n",
		"Style/.hidden/E.yml":    "not: a rule\n",
		"Style/meta.json":        "{}",
		"Style/sub/README.md":    "# notes",
		"Style/vocab/accept.txt": "Greenlight",
	})
	specs, diags := vale.Load(filepath.Join(root, "Style"))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %s", diags.Error())
	}
	var ids []string
	for _, s := range specs {
		ids = append(ids, s.ID)
	}
	if want := []string{"Style.A", "Style.b", "Style.sub.C"}; !slices.Equal(ids, want) {
		t.Errorf("ids %q, want %q", ids, want)
	}
}

func TestLoadReportsAMissingFolder(t *testing.T) {
	specs, diags := vale.Load(filepath.Join(t.TempDir(), "Nope"))
	if len(specs) != 0 || !diags.HasErrors() {
		t.Errorf("got %d specs and %v, want an error", len(specs), diags)
	}
}

func TestLoadGivesSyntaxErrorsALine(t *testing.T) {
	root := writeStyles(t, map[string]string{
		"Style/Tabs.yml": "extends: existence\nmessage: m\ntokens:\n\t- foo\n",
	})
	_, diags := vale.Load(filepath.Join(root, "Style"))
	if len(diags) != 1 || diags[0].Subject == nil || diags[0].Subject.Start.Line != 4 {
		t.Fatalf("want one diagnostic on line 4, got %v", render(diags))
	}
	if !strings.Contains(diags[0].Detail, "tab") {
		t.Errorf("detail %q should explain the tab", diags[0].Detail)
	}
}

func ExampleLoad() {
	specs, diags := vale.Load("testdata/styles/Fixture")
	for _, s := range specs {
		fmt.Println(s.ID, s.Kind, s.Level)
	}
	for _, d := range diags {
		fmt.Println(d.Severity == hcl.DiagWarning, d.Summary)
	}
	// Output:
	// Fixture.Acronyms conditional info
	// Fixture.BigData sequence warning
	// Fixture.Commas occurrence info
	// Fixture.Grade metric warning
	// Fixture.Headings capitalization warning
	// Fixture.Headlines existence error
	// Fixture.Hype existence warning
	// Fixture.Latin existence warning
	// Fixture.Modal sequence warning
	// Fixture.Readability readability info
	// Fixture.Repetition repetition error
	// Fixture.Sections script warning
	// Fixture.Spacing existence error
	// Fixture.Spellings consistency error
	// Fixture.Structure metric warning
	// Fixture.Very script info
	// Fixture.Wordiness substitution error
}
