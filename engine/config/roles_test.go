package config_test

import (
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/config"
)

// TestRoleMistakesSayTheFix: a users or team entry GitHub would never
// match is an error that says what to write instead.
func TestRoleMistakesSayTheFix(t *testing.T) {
	tests := []struct {
		name, role, want string
	}{
		{"a mention is written without the @", `users = ["@bruno"]`, `write "bruno", without the @`},
		{"a person's name is not a login", `users = ["Bruno Acme"]`, "is a name, not a GitHub login"},
		{"a team in users belongs in team", `users = ["acme/legal"]`, `write it as team = "acme/legal"`},
		{"a team slug is lowercase", `team = "acme/Copy-Desk"`, `write "acme/copy-desk"`},
		{"a team is written without the @", `team = "@acme/legal"`, `write "acme/legal", without the @`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := config.Parse("greenlight.hcl", []byte("role \"r\" {\n  "+tc.role+"\n}\n"))
			if len(l.Diags) != 1 || l.Diags[0].Subject == nil || l.Diags[0].Subject.Start.Line != 2 ||
				!strings.Contains(l.Diags[0].Detail, tc.want) {
				t.Errorf("diagnostics are %v; want one on line 2 saying %q", l.Diags, tc.want)
			}
		})
	}
}
