package command

import (
	"reflect"
	"strings"
	"testing"
)

func TestApprove(t *testing.T) {
	t.Parallel()
	p := NewParser()
	for _, tt := range []struct {
		name   string
		body   string
		ok     bool
		stages []string
	}{
		{"a bare command", "/approve", true, nil},
		{"a command on its own line among others", "Looks good.\n/approve legal\nThanks", true, []string{"legal"}},
		{"stages separated by commas", "/approve brand, legal", true, []string{"brand", "legal"}},
		{"CRLF line endings as browsers send them", "LGTM\r\n/approve legal\r\n", true, []string{"legal"}},
		{"a quoted command is someone else's", "> /approve legal\nI don't agree", false, nil},
		{"a command in passing", "please /approve this", false, nil},
		{"another word", "/approved", false, nil},
		{"trailing text that is no stage", "/approve legal; rm -rf /", false, nil},
		{"inside a fenced code block", "How to approve:\n\n```\n/approve\n```\n", false, nil},
		{"inside a tilde fence", "~~~md\n/approve legal\n~~~", false, nil},
		{"inside an indented code block", "Example:\n\n    /approve\n", false, nil},
		{"inside an HTML comment", "<!--\n/approve\n-->\nnot yet", false, nil},
		{"inside a one-line HTML comment", "<!-- /approve -->", false, nil},
		{"inside an inline HTML comment in a paragraph", "Nothing to see <!--\n/approve\n--> here", false, nil},
		{"inside a code span", "`/approve`", false, nil},
		{"inside a code span over lines", "text `x\n/approve\ny` text", false, nil},
		{"inside a details block's HTML", "<details>\n/approve\n</details>", false, nil},
		{"in a list item", "- /approve", false, nil},
		{"in a heading", "# /approve", false, nil},
		{"in a table cell", "| a |\n|---|\n| /approve |", false, nil},
		{"emphasised", "*/approve*", false, nil},
		{"as a link's text", "[/approve](https://example.com)", false, nil},
		{"after a code block, on its own", "```\ncode\n```\n\n/approve brand", true, []string{"brand"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stages, ok := p.Approve(tt.body)
			if ok != tt.ok || !reflect.DeepEqual(stages, tt.stages) {
				t.Errorf("Approve(%q) = %v, %v; want %v, %v", tt.body, stages, ok, tt.stages, tt.ok)
			}
		})
	}
}

func TestSchedule(t *testing.T) {
	t.Parallel()
	p := NewParser()
	for _, tt := range []struct {
		body string
		when string
		ok   bool
	}{
		{"/schedule 2026-12-01 09:00", "2026-12-01 09:00", true},
		{"/schedule 2026-12-01\nthen\n/schedule 2026-12-02 10:00", "2026-12-02 10:00", true},
		{"```\n/schedule 2026-12-01 09:00\n```", "", false},
		{"<!-- /schedule 2026-12-01 09:00 -->", "", false},
		{"> /schedule 2026-12-01 09:00", "", false},
	} {
		when, ok := p.Schedule(tt.body)
		if when != tt.when || ok != tt.ok {
			t.Errorf("Schedule(%q) = %q, %v; want %q, %v", tt.body, when, ok, tt.when, tt.ok)
		}
	}
}

// FuzzApprove checks that whatever a comment holds, a command is found
// only on a line that is, as GitHub shows it, the command and nothing
// else: never inside code, HTML or a quote.
func FuzzApprove(f *testing.F) {
	for _, s := range []string{"/approve", "/approve legal", "```\n/approve\n```", "<!-- /approve -->", "> /approve",
		"`/approve`", "a\n/approve brand, legal\nb", "<details>\n\n/approve\n\n</details>", "    /approve", "\\/approve"} {
		f.Add(s)
	}
	p := NewParser()
	f.Fuzz(func(t *testing.T, body string) {
		stages, ok := p.Approve(body)
		if !ok {
			if len(stages) > 0 {
				t.Fatalf("stages %v without a command", stages)
			}
			return
		}
		if !strings.Contains(body, "/approve") {
			t.Fatalf("a command found in %q, which has none", body)
		}
		for _, fence := range []string{"```\n/approve\n```", "<!--\n/approve\n-->", "> /approve"} {
			if _, wrapped := p.Approve(strings.Replace(fence, "/approve", body, 1)); wrapped && !strings.Contains(body, "```") &&
				!strings.Contains(body, "-->") && !strings.Contains(body, "\n") {
				t.Fatalf("a command found inside %q", strings.Replace(fence, "/approve", body, 1))
			}
		}
		for _, s := range stages {
			if s == "" || strings.ContainsAny(s, " ,\t\n") {
				t.Fatalf("stage %q is not a name", s)
			}
		}
	})
}
