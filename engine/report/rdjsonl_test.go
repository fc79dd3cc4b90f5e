package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/report"
)

type rdRange struct {
	Start, End struct{ Line, Column int }
}

type rdDiagnostic struct {
	Message  string
	Location struct {
		Path  string
		Range rdRange
	}
	Severity    string
	Source      struct{ Name, URL string }
	Code        struct{ Value, URL string }
	Suggestions []struct {
		Range rdRange
		Text  string
	}
}

func span(line, col, endLine, endCol int) finding.Span {
	return finding.Span{Start: finding.Pos{Line: line, Col: col}, End: finding.Pos{Line: endLine, Col: endCol}}
}

// TestRDJSONLCountsColumnsInBytes: reviewdog's columns are 1-based UTF-8
// bytes and its ranges end after the last character, where a Finding
// counts code points and ends on it.
func TestRDJSONLCountsColumnsInBytes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		source string // "" for no text: columns stay code points
		span   finding.Span
		want   [4]int // start line, column, end line, column
	}{
		{"an ASCII word ends one byte past its last letter", "Use Github today.\n", span(1, 5, 1, 10), [4]int{1, 5, 1, 11}},
		{"a two-byte letter before the word shifts it by one byte", "Ça Github.\n", span(1, 4, 1, 9), [4]int{1, 5, 1, 11}},
		{"a four-byte emoji as the span counts four bytes", "a 😀 b\n", span(1, 3, 1, 3), [4]int{1, 3, 1, 7}},
		{"a CJK word after CJK text counts three bytes a character", "見て 新機能\n", span(1, 4, 1, 6), [4]int{1, 8, 1, 17}},
		{"a span across lines converts each end on its own line", "é\nÉclair é\n", span(1, 1, 2, 6), [4]int{1, 1, 2, 8}},
		{"a position on the line break is one byte past the text", "ab\r\ncd\n", span(1, 3, 1, 3), [4]int{1, 3, 1, 4}},
		{"without the post's text the columns stay as they are", "", span(3, 14, 3, 19), [4]int{3, 14, 3, 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := report.Run{Findings: []finding.Finding{{Path: "posts/a.md", Span: tc.span, Rule: "r", Level: finding.Warning, Message: "m"}}}
			if tc.source != "" {
				run.Source = func(path string) []byte {
					if path != "posts/a.md" {
						t.Errorf("asked for %q", path)
					}
					return []byte(tc.source)
				}
			}
			d := rdjsonl(t, run)[0]
			r := d.Location.Range
			if got := [4]int{r.Start.Line, r.Start.Column, r.End.Line, r.End.Column}; got != tc.want {
				t.Errorf("range %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRDJSONLDiagnostic(t *testing.T) {
	run := report.Run{
		Rules: []report.Rule{{ID: "brand-names", Link: "https://example.com/brand"}},
		Findings: []finding.Finding{
			{Path: "a.md", Span: span(3, 14, 3, 19), Rule: "brand-names", Level: finding.Error, Message: "Use 'GitHub'.", Fix: &finding.Fix{Replacement: "GitHub"}},
			{Path: "a.md", Span: span(4, 1, 4, 4), Rule: "hype", Level: finding.Warning, Message: "Hype."},
			{Path: "b.md", Span: span(1, 1, 1, 1), Rule: "greenlight.tone", Level: finding.Info, Message: "Tone."},
		},
	}
	got := rdjsonl(t, run)
	if len(got) != 3 {
		t.Fatalf("%d lines, want one per finding", len(got))
	}
	t.Run("levels map to ERROR, WARNING and INFO", func(t *testing.T) {
		for i, want := range []string{"ERROR", "WARNING", "INFO"} {
			if got[i].Severity != want {
				t.Errorf("finding %d: severity %q, want %q", i, got[i].Severity, want)
			}
		}
	})
	t.Run("the rule is the code, with its link when known", func(t *testing.T) {
		if c := got[0].Code; c.Value != "brand-names" || c.URL != "https://example.com/brand" || got[1].Code.URL != "" {
			t.Errorf("codes %+v, %+v", c, got[1].Code)
		}
		if got[0].Source.Name != "greenlight" {
			t.Errorf("source %q, want greenlight", got[0].Source.Name)
		}
	})
	t.Run("a fix is a suggestion over the finding's range", func(t *testing.T) {
		s := got[0].Suggestions
		if len(s) != 1 || s[0].Text != "GitHub" || s[0].Range != got[0].Location.Range {
			t.Errorf("suggestions %+v, want GitHub over %+v", s, got[0].Location.Range)
		}
		if len(got[1].Suggestions) != 0 {
			t.Errorf("a finding without a fix has suggestions %+v", got[1].Suggestions)
		}
	})
}

// rdjsonl reports run and decodes each line as a Diagnostic.
func rdjsonl(t *testing.T, run report.Run) []rdDiagnostic {
	t.Helper()
	var b bytes.Buffer
	if err := (report.RDJSONL{}).Report(&b, run); err != nil {
		t.Fatal(err)
	}
	var out []rdDiagnostic
	for _, line := range bytes.Split(bytes.TrimSuffix(b.Bytes(), []byte("\n")), []byte("\n")) {
		var d rdDiagnostic
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		out = append(out, d)
	}
	return out
}
