package config_test

import (
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/config"
)

// TestWhenNamingAnUnknownComplianceBlock: the error is at the when value,
// lists the declared blocks and suggests the closest.
func TestWhenNamingAnUnknownComplianceBlock(t *testing.T) {
	src := `role "legal" { team = "acme/legal" }
compliance "finance" { tokens = ["returns"] }
compliance "health" { tokens = ["cure"] }
stage "money" {
  approvers = [role.legal]
  when      = "compliance.finanse"
}
`
	l := config.Parse("greenlight.hcl", []byte(src))
	if len(l.Diags) != 1 {
		t.Fatalf("diagnostics are %v, want one", l.Diags)
	}
	d := l.Diags[0]
	if d.Subject == nil || d.Subject.Start.Line != 6 || d.Subject.Start.Column != 15 {
		t.Errorf("the error is at %v, want the when value at 6:15", d.Subject)
	}
	for _, want := range []string{`Did you mean "compliance.finance"?`, "Declared: finance, health."} {
		if !strings.Contains(d.Detail, want) {
			t.Errorf("the detail %q does not say %q", d.Detail, want)
		}
	}
}
