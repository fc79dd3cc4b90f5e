package style_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
)

// lint runs one rule on one post and returns "line:col-endcol rule message
// [fix]" lines.
func lint(t *testing.T, spec style.Spec, post string) []string {
	t.Helper()
	if spec.ID == "" {
		spec.ID = "r"
	}
	l, err := style.NewLinter([]style.Spec{spec}, style.WithClock(func() time.Time { return time.Time{} })) // no budget runs out under load
	if err != nil {
		t.Fatal(err)
	}
	p, diags := content.NewParser(nil).Parse("p.md", []byte(post))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var out []string
	fs := l.Lint(p)
	finding.Sort(fs)
	for _, f := range fs {
		end := fmt.Sprint(f.Span.End.Col)
		if f.Span.End.Line != f.Span.Start.Line {
			end = fmt.Sprintf("%d:%d", f.Span.End.Line, f.Span.End.Col)
		}
		line := fmt.Sprintf("%d:%d-%s %s %s", f.Span.Start.Line, f.Span.Start.Col, end, f.Rule, f.Message)
		if s := f.Suggestion(); s != "" {
			line += " [" + s + "]"
		}
		out = append(out, line)
	}
	return out
}

func TestRuleTypes(t *testing.T) {
	fm := "---\ntitle: Big News For Everyone\n---\n"
	tests := []struct {
		name string
		spec style.Spec
		post string
		want []string
	}{
		{
			name: "existence reports each token on word boundaries, ignoring case",
			spec: style.Spec{Kind: style.Existence, IgnoreCase: true, Tokens: []string{"synergy", "game-changing"}, Message: "Avoid '%s'."},
			post: fm + "Synergy is game-changing. Not synergyX.\n",
			want: []string{"4:1-7 r Avoid 'Synergy'.", "4:12-24 r Avoid 'game-changing'."},
		},
		{
			name: "existence skips code spans, code blocks and URLs",
			spec: style.Spec{Kind: style.Existence, Tokens: []string{"synergy"}, Message: "Avoid '%s'."},
			post: fm + "`synergy` https://synergy.example.com\n\n```\nsynergy\n```\n\n    synergy\n",
			want: nil,
		},
		{
			name: "existence exceptions let a listed match through",
			spec: style.Spec{Kind: style.Existence, Tokens: []string{`[A-Z]{3,}`}, Exceptions: []string{"FAQ"}, Message: "'%s'"},
			post: fm + "Read the FAQ and the CSV notes.\n",
			want: []string{"4:22-24 r 'CSV'"},
		},
		{
			name: "substitution suggests the replacement and keeps the case",
			spec: style.Spec{Kind: style.Substitution, IgnoreCase: true, MatchCase: true, Swap: map[string]string{"e-mail": "email", "Github": "GitHub"}, Message: "Use '%s' instead of '%s'."},
			post: fm + "E-mail us on github, or GitHub.\n",
			want: []string{"4:1-6 r Use 'Email' instead of 'E-mail'. [Email]", "4:14-19 r Use 'GitHub' instead of 'github'. [GitHub]"},
		},
		{
			name: "substitution after an emoji counts columns in code points",
			spec: style.Spec{Kind: style.Substitution, Swap: map[string]string{"Github": "GitHub"}, Message: "%s"},
			post: fm + "👨‍👩‍👧 🚀 Github\n",
			want: []string{"4:9-14 r GitHub [GitHub]"},
		},
		{
			name: "occurrence reports a sentence with too many matches at the first",
			spec: style.Spec{Kind: style.Occurrence, Scope: []style.Scope{style.ScopeSentence}, Patterns: []string{","}, Max: 2, Message: "%s commas"},
			post: fm + "One, two, three, four. Five, six.\n",
			want: []string{"4:4-4 r 3 commas"},
		},
		{
			name: "occurrence with min reports a post that lacks the pattern",
			spec: style.Spec{Kind: style.Occurrence, Scope: []style.Scope{style.ScopeParagraph}, Patterns: []string{"#ad"}, Min: 1, Message: "needs #ad (%s)"},
			post: fm + "A sponsored post.\n",
			want: []string{"4:1-17 r needs #ad (0)"},
		},
		{
			name: "repetition finds a doubled word across a line break but not across sentences",
			spec: style.Spec{Kind: style.Repetition, IgnoreCase: true, Alpha: true, Message: "'%s' is repeated"},
			post: fm + "We love the\nthe team. Team work.\n",
			want: []string{"4:9-5:3 r 'the' is repeated"},
		},
		{
			name: "capitalization checks the title",
			spec: style.Spec{Kind: style.Capitalization, Match: "$sentence", Scope: []style.Scope{style.ScopeTitle}, Message: "'%s' should be in %s"},
			post: fm + "Body.\n",
			want: []string{"2:8-28 r 'Big News For Everyone' should be in sentence case"},
		},
		{
			name: "capitalization in AP title case lets small words stay lower-case",
			spec: style.Spec{Kind: style.Capitalization, Match: "$title", Scope: []style.Scope{style.ScopeHeading}, Message: "%s"},
			post: fm + "# The Best of the Year\n\n# The best of the year\n",
			want: []string{"6:3-22 r The best of the year"},
		},
		{
			// The title is no channel's copy: left out, as the voice
			// leaves it out, so the two never disagree on a grade.
			name: "readability grades the copy's prose at the post's first line, without the title",
			spec: style.Spec{Kind: style.Readability, Metrics: []string{"Flesch-Kincaid"}, Grade: 8, Message: "grade %s above %s"},
			post: fm + "Comprehensive institutional documentation necessitates organizational accountability.\n",
			want: []string{"1:1-1 r grade 45.75 above 8"},
		},
		{
			name: "conditional accepts an acronym defined earlier in the post",
			spec: style.Spec{Kind: style.Conditional, First: `\b([A-Z]{3,5})\b`, Second: `(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)`, Message: "define %s"},
			post: fm + "The Data Export Service (DES) is new.\n\nDES is fast, and so is CSV.\n",
			want: []string{"6:24-26 r define CSV"},
		},
		{
			name: "link_text scope reads only link text",
			spec: style.Spec{Kind: style.Existence, IgnoreCase: true, Tokens: []string{"click here"}, Scope: []style.Scope{style.ScopeLinkText}, Message: "%s"},
			post: fm + "Please click here or [click here](https://e.com).\n",
			want: []string{"4:23-32 r click here"},
		},
		{
			name: "inline controls turn a rule off and on",
			spec: style.Spec{ID: "hype", Kind: style.Existence, Tokens: []string{"synergy"}, Message: "%s"},
			post: fm + "synergy\n\n<!-- greenlight disable=hype -->\nsynergy\n<!-- greenlight enable=hype -->\n\nsynergy\n",
			want: []string{"4:1-7 hype synergy", "10:1-7 hype synergy"},
		},
		{
			name: "a lookaround pattern runs on the backtracking engine with byte-exact positions",
			spec: style.Spec{Kind: style.Existence, Nonword: true, Tokens: []string{`(?<!\.)\bcom\b(?!\.)`}, Message: "%s"},
			post: fm + "é example.com and com here\n",
			want: []string{"4:19-21 r com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lint(t, tt.spec, tt.post)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestCompileErrorsNameTheRule(t *testing.T) {
	for _, s := range []style.Spec{
		{ID: "a", Kind: style.Existence},
		{ID: "b", Kind: style.Existence, Tokens: []string{"(unclosed"}},
		{ID: "c", Kind: style.Occurrence, Patterns: []string{"x"}},
		{ID: "d", Kind: style.Readability, Grade: 8, Metrics: []string{"Gunning"}},
		{ID: "e", Kind: "grammar"},
		{ID: "f", Kind: style.Spelling, Filters: []string{"(unclosed"}},
		{ID: "g", Kind: style.Spelling, Dictionaries: []style.Dictionary{{Dic: "missing.dic", Aff: "missing.aff"}}},
		{ID: "h", Kind: style.Spelling, WordLists: []string{"missing.txt"}},
	} {
		if _, err := style.Compile(s); err == nil || !strings.HasPrefix(err.Error(), "rule "+s.ID+":") {
			t.Errorf("%s: error %v, want one naming the rule", s.ID, err)
		}
	}
}
