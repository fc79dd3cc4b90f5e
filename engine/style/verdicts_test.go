package style

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/finding"
)

// flaky is an accepted pattern that cannot finish the first time it reads
// a word with "slow" in it, and accepts that word afterwards.
type flaky struct{ tried map[string]bool }

func (f *flaky) each(b *budget, s string, fn func(loc []int)) {
	if !strings.Contains(s, "slow") {
		return
	}
	if !f.tried[s] {
		f.tried[s] = true
		b.fail(s, errors.New("match timeout"))
		return
	}
	fn([]int{0, len(s)})
}
func (f *flaky) match(b *budget, s string) bool {
	found := false
	f.each(b, s, func([]int) { found = true })
	return found
}
func (*flaky) String() string { return "flaky" }

func spellingFindings(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		s := f.Message
		if f.Fix != nil {
			s += " [" + f.Fix.Replacement + "]"
		}
		out = append(out, s)
	}
	return out
}

func TestSpellingVerdicts(t *testing.T) {
	spec := Spec{ID: "Spell", Kind: Spelling, Message: "%s", Filters: DefaultSpellingFilters()}
	t.Run("a word's verdict and fix are the same in every post, checked at once", func(t *testing.T) {
		l, err := NewLinter([]Spec{spec}, WithClock(func() time.Time { return time.Time{} }))
		if err != nil {
			t.Fatal(err)
		}
		post := "---\ntitle: Annoucement\n---\nOur annoucement is out, tomorow. Our annoucement, again.\n"
		want := []string{"Annoucement [Announcement]", "annoucement [announcement]", "tomorow [tomorrow]", "annoucement [announcement]"}
		var wg sync.WaitGroup
		got := make([][]string, 8)
		for i := range got {
			wg.Go(func() { got[i] = spellingFindings(l.Lint(parsePost(t, post))) })
		}
		wg.Wait()
		for _, g := range got {
			if !slices.Equal(g, want) {
				t.Errorf("got  %q\nwant %q", g, want)
			}
		}
	})
	t.Run("a verdict whose accepted pattern could not finish is not kept for the next post", func(t *testing.T) {
		l, err := NewLinter([]Spec{spec}, WithClock(func() time.Time { return time.Time{} }))
		if err != nil {
			t.Fatal(err)
		}
		l.rules[0].(*spelling).accepted = &flaky{tried: map[string]bool{}}
		post := parsePost(t, "---\ntitle: x\n---\nA zorbslow.\n")
		first := l.Judge(post, time.Time{})
		if got := spellingFindings(first.Findings); !slices.Equal(got, []string{"zorbslow"}) || len(first.Incomplete) != 1 {
			t.Fatalf("first post: findings %q and %d incomplete, want zorbslow and one", got, len(first.Incomplete))
		}
		if second := l.Judge(post, time.Time{}); len(second.Findings) != 0 || len(second.Incomplete) != 0 {
			t.Errorf("second post: %v, %v; want the word accepted", second.Findings, second.Incomplete)
		}
	})
}
