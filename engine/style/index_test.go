package style

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/enginetest"
)

// TestIndexedMatchesAreOneAlternationsMatches pins the fast path to the
// slow one: a rule split into alternatives, filtered by the literal index,
// anchored at literal positions or answered from the index alone must
// report exactly what its single Vale-style alternation reports when run
// over every block.
func TestIndexedMatchesAreOneAlternationsMatches(t *testing.T) {
	specs := indexSpecs()
	parser := content.NewParser(nil)
	var posts []*content.Post
	for _, p := range enginetest.Corpus(400, 7) {
		post, _ := parser.Parse(p.Name, p.Src)
		posts = append(posts, post)
	}
	for i, s := range specs {
		s.ID, s.Level, s.Message = fmt.Sprint("rule", i), 0, "%s"
		l, err := NewLinter([]Spec{s})
		if err != nil {
			t.Fatal(err)
		}
		ref, err := reference(s)
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, p := range posts {
			for _, f := range l.Lint(p) {
				got = append(got, fmt.Sprintf("%s:%d:%d-%d", p.Path, f.Span.Start.Line, f.Span.Start.Col, f.Span.End.Col))
			}
			want = append(want, ref(p)...)
		}
		slices.Sort(got)
		slices.Sort(want)
		if len(want) == 0 {
			t.Errorf("rule %d matches nothing in the corpus: the comparison proves nothing", i)
		}
		if !slices.Equal(got, want) {
			t.Errorf("rule %d (%s): %d indexed matches, %d by one alternation; first differences:\n%s", i, s.Kind, len(got), len(want), diff(got, want))
		}
	}
}

// reference runs a rule the slow way: one pattern, built as Vale builds
// it, over every unit.
func reference(s Spec) (func(*content.Post) []string, error) {
	var expr string
	group := 0
	switch s.Kind {
	case Existence:
		expr = strings.Join(s.Raw, "") + wordPattern(&Spec{}, s.Tokens, !s.Nonword)
	case Substitution:
		var keys []string
		for k := range s.Swap {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return strings.Compare(a, b)
		})
		for i := range keys {
			keys[i] = "(" + nonCapturing(keys[i]) + ")"
		}
		expr, group = wordPattern(&Spec{}, []string{strings.Join(keys, "|")}, !s.Nonword), -1
	case Occurrence:
		expr = strings.Join(s.Patterns, "|")
	}
	if s.IgnoreCase {
		expr = "(?i)" + expr
	}
	m, err := compilePattern(expr)
	if err != nil {
		return nil, err
	}
	return func(p *content.Post) []string {
		var out []string
		for _, u := range appendUnits(nil, p.Blocks, scopesOf(&s)[0]) {
			text := u.text()
			var locs [][]int
			m.each(nil, text, func(loc []int) { locs = append(locs, slices.Clone(loc)) })
			if s.Kind == Occurrence {
				if len(locs) > s.Max {
					locs = locs[:1]
				} else {
					locs = nil
				}
			}
			for _, loc := range locs {
				st, en := loc[0], loc[1]
				if group < 0 { // the substitution's matching key group
					for g := 2; g+1 < len(loc); g += 2 {
						if loc[g] >= 0 {
							st, en = loc[g], loc[g+1]
							break
						}
					}
				}
				sp := p.Span(u.block, u.start+st, u.start+en)
				out = append(out, fmt.Sprintf("%s:%d:%d-%d", p.Path, sp.Start.Line, sp.Start.Col, sp.End.Col))
			}
		}
		return out
	}, nil
}

func diff(got, want []string) string {
	var b strings.Builder
	n := 0
	for _, g := range got {
		if !slices.Contains(want, g) && n < 5 {
			fmt.Fprintf(&b, "  only indexed: %s\n", g)
			n++
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) && n < 10 {
			fmt.Fprintf(&b, "  only one alternation: %s\n", w)
			n++
		}
	}
	return b.String()
}

// indexSpecs are rules of every shape the literal index serves: pure
// literals, anchors, alternations, substitutions, patterns it cannot
// read.
func indexSpecs() []Spec {
	return []Spec{
		{Kind: Existence, IgnoreCase: true, Tokens: []string{"synergy", "game-changing", "really", "very", "just"}},
		{Kind: Existence, IgnoreCase: true, Nonword: true, Tokens: []string{`(?:^|\s)I\s`, `\bme\b`, `\bours?\b`, `\bus\b`, `\bwe'(?:ve|re)\b`, `\bwe\b`}},
		{Kind: Existence, IgnoreCase: true, Raw: []string{`\b(am|are|were|being|is|been|was|be)\b\s*`}, Tokens: []string{`[\w]+ed`, "built", "done", "generated"}},
		{Kind: Existence, IgnoreCase: true, Nonword: true, Tokens: []string{`\d{1,2}[AP]M`, `\d{1,2} ?[ap]m`, `\d{1,2} ?[aApP]\.[mM]\.`}},
		{Kind: Existence, Nonword: true, Tokens: []string{`\b\d+\s?[-–]\s?\d+\b`, `e\.g\.(?![ ,])`}},
		{Kind: Existence, Tokens: []string{"Github", "it", "the"}},
		{Kind: Existence, IgnoreCase: true, Tokens: []string{`\w+ly`, `(?:the|a) (?:best|only)`}},
		{Kind: Substitution, IgnoreCase: true, Swap: map[string]string{"e-mail": "email", "github": "GitHub", "sign in": "sign in", "sign in with": "log in with", "it just works": "it works", "(?:very|really) simple": "simple"}},
		{Kind: Substitution, IgnoreCase: true, Nonword: true, Swap: map[string]string{`\b(?:eg|e\.g\.)[\s,]`: "for example", `\b(?:ie|i\.e\.)[\s,]`: "that is", `\b(viz\.)[\s,]`: "namely"}},
		{Kind: Occurrence, Scope: []Scope{ScopeSentence}, Patterns: []string{`\b(\w+)\b`}, Max: 12},
	}
}

// TestDirectSearchesFindWhatTheAutomatonFinds pins the index's two ways
// of scanning to each other: searching each literal directly (the first
// blocks of a run) and the Aho-Corasick automaton (the rest) must turn on
// the same parts and give the same literal positions, on every block of
// generated posts and on text where literals overlap and repeat.
func TestDirectSearchesFindWhatTheAutomatonFinds(t *testing.T) {
	t.Parallel()
	overlapping := Spec{ID: "overlap", Kind: Existence, Tokens: []string{"ana", "nan", "banana", "an"}, Message: "%s"}
	l, err := NewLinter(append(indexSpecs(), overlapping))
	if err != nil {
		t.Fatal(err)
	}
	direct := l.index
	auto := &literalIndex{nparts: direct.nparts, always: direct.always, positional: direct.positional,
		patterns: direct.patterns, lits: direct.lits, parts: direct.parts, empty: direct.empty}
	texts := []string{"the the very very e-mail E-MAIL sign in with Github it just works, e.g. 10AM 2-3",
		"thethe", "veryvery", "bananana BANANANA", ""}
	for _, p := range enginetest.Corpus(200, 3) {
		texts = append(texts, string(p.Src))
	}
	sorted := func(h hits) map[int32][]int {
		out := map[int32][]int{}
		for p, s := range h.starts {
			out[p] = slices.Sorted(slices.Values(s))
		}
		return out
	}
	for _, text := range texts {
		direct.searched.Store(0)
		want, got := auto.scan(text), direct.scan(text)
		if !slices.Equal(got.bits, want.bits) || !reflect.DeepEqual(sorted(got), sorted(want)) {
			t.Fatalf("on %q: direct %v %v, automaton %v %v", text, got.bits, sorted(got), want.bits, sorted(want))
		}
	}
	if n := direct.searched.Load(); n == 0 || n > directWork {
		t.Fatalf("the direct search did not run (%d searches)", n)
	}
}

// TestTokensAreCheckedAsOneAlternation checks an existence rule's tokens
// as Vale compiles them, one alternation: a broken token is refused with
// the alternation's error, and tokens that are each valid RE2 load.
func TestTokensAreCheckedAsOneAlternation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tokens []string
		err    string
	}{
		{[]string{"valid", "(broken"}, "missing closing )"},
		{[]string{"valid", `\bwe'(?:ve|re)\b`, `(?<=a)b`}, ""}, // a lookbehind: regexp2
		{[]string{"valid", "(?<=a"}, "missing closing )"},
	} {
		_, err := NewLinter([]Spec{{ID: "T", Kind: Existence, Tokens: tc.tokens, Message: "%s"}})
		if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("tokens %q: error %v, want %q", tc.tokens, err, tc.err)
		}
	}
}
