package engine_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
)

const valeRulesConfig = `greenlight {
  content = ["posts/*.md"]
  styles  = ["styles/Acme"]
  vale_rules = { %s }
}
`

// TestValeRulesTurnOffOrRelevelAPackagesRules: vale_rules does what
// .vale.ini's Style.Rule = NO | LEVEL does, and a rule that does not
// exist is an error at its name.
func TestValeRulesTurnOffOrRelevelAPackagesRules(t *testing.T) {
	tests := []struct {
		name  string
		rules string
		want  []string // the post's findings, "level rule"
		diag  string   // the diagnostic's summary, when the config is refused
		at    string   // its line:col
		hint  string
	}{
		{name: "without an entry the rule keeps its own level", rules: ``, want: []string{"warning Acme.Weasel"}},
		{name: "NO turns the rule off", rules: `"Acme.Weasel" = "NO"`, want: nil},
		{name: "a level re-levels it", rules: `"Acme.Weasel" = "error"`, want: []string{"error Acme.Weasel"}},
		{name: "Vale's suggestion is info", rules: `"Acme.Weasel" = "suggestion"`, want: []string{"info Acme.Weasel"}},
		{name: "YES keeps it on at its own level", rules: `"Acme.Weasel" = "YES"`, want: []string{"warning Acme.Weasel"}},
		{
			name: "a rule no package has is an error at its name, with the closest rule", rules: `"Acme.Weasle" = "NO"`,
			diag: "Unknown Vale rule", at: "4:18", hint: `Did you mean "Acme.Weasel"?`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := setup(t, map[string]string{
				"greenlight.hcl":         fmt.Sprintf(valeRulesConfig, tc.rules),
				"styles/Acme/Weasel.yml": "extends: existence\nmessage: \"'%s' is a weasel word.\"\nlevel: warning\ntokens:\n  - very\n",
				"posts/a.md":             "---\ntitle: A post\n---\nThis is very good.\n",
			})
			if tc.diag != "" {
				eng, diags := engine.New(context.Background(), cfg, engine.Options{})
				if eng != nil || len(diags) != 1 {
					t.Fatalf("want one diagnostic and no engine, got %d:\n%s", len(diags), diags.Error())
				}
				d := diags[0]
				if d.Summary != tc.diag || d.Subject == nil || fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column) != tc.at {
					t.Fatalf("got %q at %v, want %q at %s", d.Summary, d.Subject, tc.diag, tc.at)
				}
				if !strings.Contains(d.Detail, tc.hint) {
					t.Errorf("detail does not say %q:\n%s", tc.hint, d.Detail)
				}
				return
			}
			lines, _ := check(t, cfg, engine.Options{})
			got := slices.DeleteFunc(lines, func(l string) bool { return !strings.Contains(l, "Acme.") })
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings %q, want %q", got, tc.want)
			}
		})
	}
}
