package style

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
)

// failing is a matcher that cannot finish on any text holding "slow", as
// a backtracking pattern that times out, and matches "fast".
type failing struct{}

func (failing) each(b *budget, s string, fn func(loc []int)) {
	if strings.Contains(s, "slow") {
		b.fail(s, errors.New("match timeout"))
		return
	}
	if i := strings.Index(s, "fast"); i >= 0 {
		fn([]int{i, i + len("fast")})
	}
}
func (f failing) match(b *budget, s string) bool {
	found := false
	f.each(b, s, func([]int) { found = true })
	return found
}
func (failing) String() string { return "failing" }

func parsePost(t testing.TB, src string) *content.Post {
	t.Helper()
	p, diags := content.NewParser(nil).Parse("post.md", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return p
}

func rules(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestAMatchThatCannotFinishIsAnErrorNotNoMatch(t *testing.T) {
	l, err := NewLinter([]Spec{{ID: "Team.Slow", Kind: Existence, Patterns: []string{`(?<=\s)\w+`}, Message: "%s"}})
	if err != nil {
		t.Fatal(err)
	}
	l.rules[0].(*existence).pattern = failing{}
	l.rules[0].(*existence).part = part{}
	r := l.Judge(parsePost(t, "A slow paragraph.\n\nA fast one.\n"), time.Time{})
	if len(r.Findings) != 1 || r.Findings[0].Span.Start.Line != 3 {
		t.Errorf("findings %v, want the match in the paragraph after the one that failed", r.Findings)
	}
	if len(r.Incomplete) != 1 {
		t.Fatalf("incomplete %v, want one timeout", r.Incomplete)
	}
	f := r.Incomplete[0]
	if f.Rule != "greenlight.match-timeout" || f.Level != finding.Error || f.Span.Start.Line != 1 ||
		!strings.Contains(f.Message, "Team.Slow") || !strings.Contains(f.Message, "paragraph on line 1") {
		t.Errorf("incomplete finding %+v, want an error naming Team.Slow and the paragraph on line 1", f)
	}
}

func TestTheBudgetStopsTheRulesLeft(t *testing.T) {
	specs := []Spec{
		{ID: "first", Kind: Existence, Tokens: []string{"alpha"}, Message: "%s"},
		{ID: "second", Kind: Existence, Tokens: []string{"alpha"}, Message: "%s"},
		{ID: "third", Kind: Existence, Tokens: []string{"alpha"}, Message: "%s"},
	}
	tests := []struct {
		name string
		// step is how far the clock moves at each reading; the budget is 10s.
		step       time.Duration
		wantRules  []string
		wantBudget bool
	}{
		{"a budget that lasts runs every rule", time.Millisecond, []string{"first", "second", "third"}, false},
		{"a budget spent after the first rule runs no other", 6 * time.Second, []string{"first"}, true},
		{"a budget spent after the second rule leaves the third", 4 * time.Second, []string{"first", "second"}, true},
		{"a budget spent before the post runs no rule", 20 * time.Second, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := time.Unix(0, 0)
			clock := func() time.Time { now = now.Add(tt.step); return now }
			l, err := NewLinter(specs, WithBudget(10*time.Second), WithClock(clock))
			if err != nil {
				t.Fatal(err)
			}
			r := l.Judge(parsePost(t, "Say alpha.\n"), time.Time{})
			if got := strings.Join(rules(r.Findings), " "); got != strings.Join(tt.wantRules, " ") {
				t.Errorf("rules that ran: %s, want %s", got, strings.Join(tt.wantRules, " "))
			}
			if got := len(r.Incomplete) == 1 && r.Incomplete[0].Rule == "greenlight.match-budget"; got != tt.wantBudget {
				t.Errorf("incomplete %v, want a budget finding: %v", r.Incomplete, tt.wantBudget)
			}
		})
	}
}

func TestInlineControlsAndIgnoringThem(t *testing.T) {
	specs := []Spec{{ID: "hype", Kind: Existence, Tokens: []string{"synergy"}, Message: "%s"}}
	post := parsePost(t, "<!-- greenlight off -->\n\nPure synergy.\n")
	tests := []struct {
		name string
		opts []Option
		want int
	}{
		{"a style linter obeys the switch", nil, 0},
		{"a linter of policy terms ignores it", []Option{IgnoringControls()}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := NewLinter(specs, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(l.Lint(post)); got != tt.want {
				t.Errorf("%d findings, want %d", got, tt.want)
			}
		})
	}
}

// BenchmarkSlowPattern runs a team pattern with catastrophic backtracking
// (a lookahead sends it to regexp2) over a post of 20 long paragraphs that
// each trigger it, within the default budget: a post is judged, or said
// not to be, in about the budget, never the minutes the pattern would take.
func BenchmarkSlowPattern(b *testing.B) {
	l, err := NewLinter([]Spec{{ID: "Team.Slow", Kind: Existence, Patterns: []string{`(?=a)(a+)+$`}, Message: "%s"}})
	if err != nil {
		b.Fatal(err)
	}
	para := strings.Repeat("a", 5000) + "!"
	post := parsePost(b, strings.Repeat(para+"\n\n", 20))
	for b.Loop() {
		start := time.Now()
		r := l.Judge(post, time.Time{})
		if took := time.Since(start); took >= DefaultBudget {
			b.Fatalf("judging took %v, more than the budget %v", took, DefaultBudget)
		}
		if len(r.Incomplete) == 0 {
			b.Fatal("a pattern that cannot finish left no finding")
		}
	}
}
