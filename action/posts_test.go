package action

import (
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/finding"
)

// inlineFor is the review comment body inlines writes for a style finding
// on src's only line, over [start, end) with replacement as its fix.
func inlineFor(t *testing.T, src, message string, start, end int, replacement string) string {
	t.Helper()
	f := finding.Finding{Source: "style", Rule: "Acme.Swap", Level: finding.Warning, Message: message, Path: "posts/a.md",
		Span: finding.Span{Start: finding.Pos{Line: 1, Col: start + 1, Offset: start}, End: finding.Pos{Line: 1, Col: end, Offset: end - 1}},
		Fix:  &finding.Fix{Replacement: replacement}}
	out := inlines([]finding.Finding{f}, []byte(src))
	if len(out) != 1 {
		t.Fatalf("inlines = %+v, want one", out)
	}
	return out[0].Body
}

// A suggestion's fence is longer than any run of backticks in the line it
// suggests, so a line of backticks (a swap that deletes a word after
// "```") cannot close it early and suggest deleting the line; and a
// message quoting the post cannot open an HTML comment hiding the rest.
func TestInlineSuggestionsAndMessagesCannotBeClosedOrHidden(t *testing.T) {
	t.Run("a fixed line of backticks", func(t *testing.T) {
		body := inlineFor(t, "```really\n", "Drop 'really'.", 3, 9, "")
		if !strings.Contains(body, "\n````suggestion\n```\n````") {
			t.Errorf("body = %q, want a fence of four around the line of three", body)
		}
	})
	t.Run("a run of backticks inside the line", func(t *testing.T) {
		body := inlineFor(t, "a ````` b Github\n", "Use 'GitHub'.", 10, 16, "GitHub")
		if !strings.Contains(body, "\n``````suggestion\na ````` b GitHub\n``````") {
			t.Errorf("body = %q, want a fence of six", body)
		}
	})
	t.Run("a message quoting an HTML comment and a line break", func(t *testing.T) {
		body := inlineFor(t, "risk free\n", "'risk <!--' is a claim.\n```suggestion\nforged", 0, 4, "no risk")
		if strings.Contains(body, "<!--") || strings.Contains(body, "claim.\n") {
			t.Errorf("body = %q, want the message's HTML escaped and on one line", body)
		}
	})
}
