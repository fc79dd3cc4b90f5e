package redact

import "testing"

func TestString(t *testing.T) {
	token := "ghp_REDTEAMtoken1234567890"
	basic := Basic("x-access-token", token)
	tests := []struct {
		name, in, want string
		secrets        []string
	}{
		{"a token and its basic credentials", "remote error: you sent " + token + " as Basic " + basic,
			"remote error: you sent [redacted] as Basic [redacted]", Secrets(token, basic)},
		{"the longer secret first, so none of it is left", "https://hooks.example/T1/SECRETPART",
			"[redacted]", Secrets("SECRETPART", "https://hooks.example/T1/SECRETPART")},
		{"empty secrets change nothing", "nothing to hide", "nothing to hide", Secrets("", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in, tt.secrets); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
