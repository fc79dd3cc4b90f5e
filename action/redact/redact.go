// Package redact takes secrets (tokens, webhook URLs and the forms a
// server may echo them in) out of text before it is shown: an error on
// stderr, a check run, a comment. A server's error may quote what it was
// sent, so every form a secret was sent in is a secret too.
package redact

import (
	"encoding/base64"
	"slices"
	"strings"
)

// Placeholder stands for a secret in text.
const Placeholder = "[redacted]"

// Secrets are the distinct non-empty values of vs, longest first, so that
// a secret inside another is not replaced alone, leaving the rest shown.
func Secrets(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// Basic is the credentials HTTP basic authentication sends for user and
// password, as a server would echo an Authorization header.
func Basic(user, password string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
}

// String is s with every one of secrets (see Secrets) replaced by
// Placeholder.
func String(s string, secrets []string) string {
	for _, sec := range secrets {
		s = strings.ReplaceAll(s, sec, Placeholder)
	}
	return s
}
