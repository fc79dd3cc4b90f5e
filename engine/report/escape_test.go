package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/report"
	"github.com/hashicorp/hcl/v2"
)

// hostile is a message quoting a post that holds a terminal escape, a bell,
// a bidi override, and a line break followed by a forged workflow command.
const hostile = "Use 'GitHub' instead of '\x1b]0;pwned\x07\u202Eevil'.\r\n::error file=x.md,line=1::forged 100%"

func hostileRun() report.Run {
	span := finding.Span{Start: finding.Pos{Line: 2, Col: 3}, End: finding.Pos{Line: 2, Col: 8}}
	return report.Run{Posts: 1, Findings: []finding.Finding{{
		Path: "posts/a.md", Span: span, Rule: "brand-names", Level: finding.Error, Message: hostile, Source: "style",
	}}}
}

// TestReportersNeverPassControlCharactersThrough: whatever a post holds, no
// format lets it act on the terminal or on the Actions runner.
func TestReportersNeverPassControlCharactersThrough(t *testing.T) {
	for _, format := range report.Formats() {
		t.Run(format+" output holds no raw control character from the post", func(t *testing.T) {
			rep, err := report.New(format, false)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := rep.Report(&b, hostileRun()); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			// JSON keeps U+202E as data (it is no control to a parser);
			// every other format shows it escaped.
			raw := "\x1b\x07\r\u202E"
			if isJSON(format) {
				raw = "\x1b\x07\r"
			}
			if strings.ContainsAny(out, raw) {
				t.Errorf("raw control characters in the output:\n%q", out)
			}
			switch {
			case isJSON(format):
				// encoding/json escapes them, and the message survives intact.
				var v any
				if err := json.Unmarshal(b.Bytes(), &v); err != nil {
					t.Fatalf("not JSON: %v", err)
				}
				if !strings.Contains(flatten(v), hostile) {
					t.Errorf("the message does not round-trip through %s:\n%s", format, out)
				}
			case format == "github":
				// Only the runner's own line breaks start a command.
				for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
					if strings.HasPrefix(line, "::") && !strings.HasPrefix(line, "::error file=posts/a.md,") {
						t.Errorf("a message injected a workflow command: %q", line)
					}
				}
				if !strings.Contains(out, `\x1b]0;pwned\x07<U+202E>evil'.%0D%0A::error file=x.md,line=1::forged 100%25`) {
					t.Errorf("the message is not escaped as the runner unescapes it:\n%s", out)
				}
			case format == "text":
				if !strings.Contains(out, `\x1b]0;pwned\x07<U+202E>evil'.\x0d\x0a::error`) {
					t.Errorf("the message is not shown escaped:\n%s", out)
				}
			case format == "junit":
				// XML cannot hold most control characters at all: they are
				// shown escaped, as on a terminal, and the XML stays well formed.
				if !strings.Contains(out, `\x1b]0;pwned\x07&lt;U+202E&gt;evil&#39;.\x0d\x0a::error`) {
					t.Errorf("the message is not shown escaped:\n%s", out)
				}
				if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
					t.Errorf("not well-formed XML: %v", err)
				}
			}
		})
	}
}

// TestGitHubProblemsCannotInjectCommands: a diagnostic's detail and
// summary (which quote posts) stay inside their annotation.
func TestGitHubProblemsCannotInjectCommands(t *testing.T) {
	r := hcl.Range{Filename: "posts/a,b:c.md", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
	var b bytes.Buffer
	err := report.GitHubProblems(&b, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Bad\n::warning::x",
		Detail: "detail\n::error::forged", Subject: &r}})
	if err != nil {
		t.Fatal(err)
	}
	want := "::error file=posts/a%2Cb%3Ac.md,line=1,col=1,endLine=1,endColumn=1,title=Bad%0A%3A%3Awarning%3A%3Ax::detail%0A::error::forged\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

// isJSON reports whether a format is JSON, or JSON Lines of one value per
// finding (the hostile run has one).
func isJSON(format string) bool {
	return format == "json" || format == "sarif" || format == "rdjsonl" || format == "gitlab"
}

// flatten is every string in a decoded JSON value, one per line.
func flatten(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v + "\n")
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return b.String()
}
