package style_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/enginetest"
	"github.com/greenlighthq/greenlight/engine/style"
)

func TestSpelling(t *testing.T) {
	fm := "---\ntitle: Launch day\n---\n"
	english := style.Spec{Kind: style.Spelling, Message: "Did you really mean '%s'?", Filters: style.DefaultSpellingFilters()}
	with := func(f func(s *style.Spec)) style.Spec {
		s := english
		f(&s)
		return s
	}
	tests := []struct {
		name string
		spec style.Spec
		post string
		want []string
	}{
		{
			name: "a typo is reported with the best suggestion as its fix",
			spec: english,
			post: fm + "This is a typpo.\n",
			want: []string{"4:11-15 r Did you really mean 'typpo'? [typo]"},
		},
		{
			name: "a capitalized typo gets a capitalized suggestion",
			spec: english,
			post: fm + "Annoucement: we launch today.\n",
			want: []string{"4:1-11 r Did you really mean 'Annoucement'? [Announcement]"},
		},
		{
			name: "words in URLs, code, hashtags, mentions and e-mail addresses are not checked",
			spec: english,
			post: fm + "See https://exmple.com/pathh and www.tset.org, `codde`, #hashtg, @mentio and jo@exmple.cmo.\n",
			want: nil,
		},
		{
			name: "a typo in a hashtag-less sentence around a hashtag is still found",
			spec: english,
			post: fm + "Our #launch is tomorow.\n",
			want: []string{"4:16-22 r Did you really mean 'tomorow'? [tomorrow]"},
		},
		{
			name: "typographic apostrophes are read as straight ones",
			spec: english,
			post: fm + "That doesn’t work, and that doesn't either.\n",
			want: nil,
		},
		{
			name: "the default filters skip camel case, capitals and words with digits or hyphens",
			spec: english,
			post: fm + "Try HubSpotter, the NSFW-ish API and co-worky stuf in 4ever.\n",
			want: []string{"4:47-50 r Did you really mean 'stuf'? [stuff]"},
		},
		{
			name: "without the default filters hyphenated words are checked whole",
			spec: with(func(s *style.Spec) { s.Filters = nil }),
			post: fm + "It is human-friendly.\n",
			want: []string{"4:7-20 r Did you really mean 'human-friendly'?"},
		},
		{
			name: "an accepted term passes in any case",
			spec: with(func(s *style.Spec) { s.Accepted = []string{"Greenlight", "[pP]y.*\\b"} }),
			post: fm + "greenlight reads Pyyaml.\n",
			want: nil,
		},
		{
			name: "an accepted phrase passes, its words alone do not",
			spec: with(func(s *style.Spec) { s.Accepted = []string{"flooberg place"} }),
			post: fm + "A flooberg place. A flooberg.\n",
			want: []string{"4:21-28 r Did you really mean 'flooberg'? [flooder]"},
		},
		{
			name: "a filter skips the words it matches",
			spec: with(func(s *style.Spec) { s.Filters = []string{"^[Ff]loo"} }),
			post: fm + "A flooberg.\n",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lint(t, tt.spec, tt.post)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSpellingWordListsAndDictionaries(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ignore := write("ignore.txt", "flooberg\n")
	dic, aff := write("team.dic", "1\nzorblax/S\n"), write("team.aff", "SFX S Y 1\nSFX S 0 s .\n")
	tests := []struct {
		name string
		spec style.Spec
		want []string
	}{
		{
			name: "an ignore file's words pass",
			spec: style.Spec{WordLists: []string{ignore}},
			want: []string{"2:8-14 r 'zorblax'", "4:20-27 r 'zorblaxs'"},
		},
		{
			name: "a named dictionary replaces the English one",
			spec: style.Spec{Dictionaries: []style.Dictionary{{Dic: dic, Aff: aff}}},
			want: []string{"4:1-1 r 'A'", "4:3-10 r 'flooberg'", "4:12-14 r 'and'", "4:16-18 r 'the'"},
		},
		{
			name: "append keeps the English one beside it",
			spec: style.Spec{Dictionaries: []style.Dictionary{{Dic: dic, Aff: aff}}, AppendEnglish: true},
			want: []string{"4:3-10 r 'flooberg'"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.spec.Kind, tt.spec.Message = style.Spelling, "'%s'"
			var got []string
			for _, g := range lint(t, tt.spec, "---\ntitle: zorblax\n---\nA flooberg and the zorblaxs.\n") {
				if i := len(g) - 1; g[i] == ']' {
					g = g[:lastIndex(g, " [")]
				}
				got = append(got, g)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func lastIndex(s, sub string) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestVocabularyInOtherRules(t *testing.T) {
	spec := style.Spec{Kind: style.Existence, Tokens: []string{"place"}, Message: "Avoid '%s'.", Accepted: []string{"flooberg place"}}
	got := lint(t, spec, "---\ntitle: x\n---\nA flooberg place. Just a place.\n")
	if want := []string{"4:26-30 r Avoid 'place'."}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// BenchmarkSpelling is a run of the spelling block's rule alone: building
// it (reading the English dictionary) and checking 1,000 generated posts
// one after another. It reports the time per post with the build shared.
func BenchmarkSpelling(b *testing.B) {
	parser := content.NewParser(nil)
	var posts []*content.Post
	for _, p := range enginetest.Corpus(1000, 1) {
		post, diags := parser.Parse(p.Name, p.Src)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		posts = append(posts, post)
	}
	spec := style.Spec{ID: "spelling", Kind: style.Spelling, Message: "Did you really mean '%s'?", Filters: style.DefaultSpellingFilters()}
	var findings int
	for b.Loop() {
		l, err := style.NewLinter([]style.Spec{spec})
		if err != nil {
			b.Fatal(err)
		}
		findings = 0
		for _, p := range posts {
			findings += len(l.Lint(p))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(len(posts)*b.N), "µs/post")
	b.ReportMetric(float64(findings), "findings")
}
