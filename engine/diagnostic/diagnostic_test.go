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

// A snippet of a very long line shows the part around the problem, cut
// with "…", the caret still under it.
func TestLongLinesAreCutAroundTheProblem(t *testing.T) {
	t.Parallel()
	line := strings.Repeat("a", 1000) + "BAD" + strings.Repeat("b", 1000)
	at := hcl.Range{Filename: "p.md", Start: hcl.Pos{Line: 1, Column: 1001}, End: hcl.Pos{Line: 1, Column: 1004}}
	var out bytes.Buffer
	diagnostic.Write(&out, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Bad", Subject: &at}}, map[string][]byte{"p.md": []byte(line)})
	lines := strings.Split(out.String(), "\n")
	src, caret := lines[1], lines[2]
	if n := len([]rune(src)); n > 170 {
		t.Errorf("the snippet is %d characters long", n)
	}
	if !strings.Contains(src, "…") || !strings.Contains(src, "BAD") {
		t.Fatalf("snippet %q", src)
	}
	if i, j := strings.Index(src, "BAD"), strings.Index(caret, "^^^"); len([]rune(src[:i])) != len([]rune(caret[:j])) {
		t.Errorf("the caret is not under the problem:\n%s\n%s", src, caret)
	}
	if strings.Count(caret, "^") != 3 {
		t.Errorf("caret %q, want 3 marks", caret)
	}
}
