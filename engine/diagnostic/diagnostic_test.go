package diagnostic_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/diagnostic"
	"github.com/hashicorp/hcl/v2"
)

func TestWriteEscapesControlCharacters(t *testing.T) {
	src := "---\ntitle: \x1b]0;pwned\x07 \u202Eevil\n---\n"
	r := hcl.Range{Filename: "posts/a\x1b[31m.md", Start: hcl.Pos{Line: 2, Column: 20}, End: hcl.Pos{Line: 2, Column: 24}}
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Bad \x1b[2J", Detail: "\"\u202Eevil\" is not\x1b[0m allowed.", Subject: &r}
	var b bytes.Buffer
	diagnostic.Write(&b, hcl.Diagnostics{d}, map[string][]byte{r.Filename: []byte(src)})
	got := b.String()
	want := `posts/a\x1b[31m.md:2:20: error: Bad \x1b[2J
 2 | title: \x1b]0;pwned\x07 <U+202E>evil
   | ` + strings.Repeat(" ", len(`title: \x1b]0;pwned\x07 <U+202E>`)) + `^^^^
   "<U+202E>evil" is not\x1b[0m allowed.

`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.ContainsAny(got, "\x1b\x07\u202E") {
		t.Errorf("raw control characters reach the terminal: %q", got)
	}
}
