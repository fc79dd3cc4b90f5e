// Package config loads greenlight.hcl: the team's roles, sign-off stages,
// channels, voice, style rules, compliance triggers and embargoes.
//
// Loading never stops at the first mistake. Every problem (unknown blocks
// or attributes, undefined references, cycles, duplicate names, invalid
// regular expressions, bad times and time zones) comes back as an
// hcl.Diagnostic with the file, line, column and source range, so the
// command line can print them all at once with snippets. Each block has its
// own decode function returning the block's struct and its diagnostics, and
// every struct keeps its declaration range for later messages.
package config
