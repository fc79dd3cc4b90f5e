package terminal_test

import (
	"testing"

	"github.com/greenlighthq/greenlight/engine/terminal"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is unchanged", "Use 'GitHub' — café 🚀", "Use 'GitHub' — café 🚀"},
		{"a tab stays a tab", "a\tb", "a\tb"},
		{"an escape sequence is shown, not run", "\x1b[2J\x1b]0;pwned\x07", `\x1b[2J\x1b]0;pwned\x07`},
		{"carriage returns and newlines cannot rewrite a line", "ok\rfake\nline", `ok\x0dfake\x0aline`},
		{"DEL and NUL are shown", "\x7f\x00", `\x7f\x00`},
		{"C1 controls are shown", "a\u0085b\u009bc", "a<U+0085>b<U+009B>c"},
		{"bidi overrides and isolates are shown", "\u202Egnp.exe\u202C \u2066x\u2069", "<U+202E>gnp.exe<U+202C> <U+2066>x<U+2069>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := terminal.Escape(tc.in); got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// A byte that is not UTF-8 is shown as an escape, never passed to the
// terminal raw: a lone 0x9b starts a control sequence on some terminals.
func TestEscapeInvalidBytes(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"a\x9b[2Jb":        `a\x9b[2Jb`,
		"ok \xff":          `ok \xff`,
		"\xe2\x80":         `\xe2\x80`,
		"valid é and \x1b": `valid é and \x1b`,
	} {
		if got := terminal.Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
