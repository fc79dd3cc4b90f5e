package config

import (
	"slices"
	"strings"
)

// Members are the logins holding each role (role name → logins).
type Members map[string][]string

// Members are the logins holding each of c's roles: its listed users and
// the members of its team in teams ("org/slug" → logins), which the caller
// reads from GitHub or from a recorded history.
func (c *Config) Members(teams map[string][]string) Members {
	out := Members{}
	for _, r := range c.Roles {
		out[r.Name] = append(slices.Clone(r.Users), teams[r.Team]...)
	}
	return out
}

// RolesOf lists the roles a login holds, sorted. Logins compare without
// case, as GitHub's do.
func (m Members) RolesOf(login string) []string {
	var roles []string
	for role, users := range m {
		if slices.ContainsFunc(users, func(u string) bool { return strings.EqualFold(u, login) }) {
			roles = append(roles, role)
		}
	}
	slices.Sort(roles)
	return roles
}
