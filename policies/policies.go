// Package policies embeds Greenlight's bundled Rego policies and their
// tests, one concern per folder. The contract they implement is in
// README.md beside them.
package policies

import "embed"

// FS holds every bundled .rego file, tests included, at paths such as
// "channels/channels.rego".
//
//go:embed */*.rego
var FS embed.FS
