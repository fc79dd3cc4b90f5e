package config_test

import (
	"reflect"
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

func TestRolesOfIgnoresCase(t *testing.T) {
	m := config.Members{"brand": {"Mia", "sam"}, "legal": {"lee", "SAM"}}
	if got := m.RolesOf("sam"); !reflect.DeepEqual(got, []string{"brand", "legal"}) {
		t.Errorf("sam's roles = %v; an approver in two roles holds both", got)
	}
	if got := m.RolesOf("mia"); !reflect.DeepEqual(got, []string{"brand"}) {
		t.Errorf("mia's roles = %v", got)
	}
	if got := m.RolesOf("eve"); got != nil {
		t.Errorf("eve's roles = %v, want none", got)
	}
}

func TestMembersAreUsersAndTeamMembers(t *testing.T) {
	l := config.Parse("greenlight.hcl", []byte("role \"copy\" {\n  users = [\"ana\"]\n}\nrole \"legal\" {\n  team = \"acme/legal\"\n  users = [\"Sam\"]\n}\n"))
	if l.Diags.HasErrors() {
		t.Fatal(l.Diags)
	}
	m := l.Config.Members(map[string][]string{"acme/legal": {"lee"}, "acme/other": {"eve"}})
	if want := (config.Members{"copy": {"ana"}, "legal": {"Sam", "lee"}}); !reflect.DeepEqual(m, want) {
		t.Errorf("members = %v, want %v", m, want)
	}
	if got := m.RolesOf("sam"); !reflect.DeepEqual(got, []string{"legal"}) {
		t.Errorf("sam's roles = %v, want [legal]", got)
	}
}
