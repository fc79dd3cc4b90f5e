package tone

import (
	"sync"
	"testing"

	"github.com/greenlighthq/greenlight/engine/prose"
)

func TestMeasure(t *testing.T) {
	a := newTestAnalyzer(t)
	tests := []struct {
		name  string
		text  string
		check func(Tone) bool
	}{
		{"empty text measures zero", "", func(got Tone) bool { return got == Tone{} }},
		{"exclamation marks are counted", "Launch day! We did it!!", func(got Tone) bool { return got.Exclamations == 3 }},
		{"fullwidth exclamation marks are counted", "やった！ Done!", func(got Tone) bool { return got.Exclamations == 2 }},
		{"question marks are not exclamations", "Ready? Set?", func(got Tone) bool { return got.Exclamations == 0 }},
		{"shouted words are counted", "This is HUGE and you MUST-SEE it, DON'T wait", func(got Tone) bool { return got.Caps == 3 }},
		{"a capital I is not shouting", "I think I can", func(got Tone) bool { return got.Caps == 0 }},
		{"common acronyms are not shouting", "Our CEO explains the new API at NASA", func(got Tone) bool { return got.Caps == 0 }},
		{"words with digits are not shouting", "Now in 4K with COVID-19 rules and MP3", func(got Tone) bool { return got.Caps == 0 }},
		{"a plural acronym is not shouting", "Three new APIs", func(got Tone) bool { return got.Caps == 0 }},
		{"shouting in other scripts counts", "ÉNORME ПРИВЕТ", func(got Tone) bool { return got.Caps == 2 }},
		{"a text in capitals shouts every word", "WE ARE LIVE", func(got Tone) bool { return got.Caps == 3 }},
		{"emoji are counted", "Shipped 🚀🎉 today", func(got Tone) bool { return got.Emoji == 2 }},
		{"emoji density is emoji per word", "Shipped 🚀🎉 today", func(got Tone) bool { return got.EmojiDensity == 1 }},
		{"emoji alone count as one word for density", "🎉🎉🎉", func(got Tone) bool { return got.EmojiDensity == 3 && got.Words == 0 }},
		{"no emoji means zero density", "Just words here.", func(got Tone) bool { return got.EmojiDensity == 0 }},
		{"words and sentences come from prose", "One two. Three four five!", func(got Tone) bool {
			return got.Words == 5 && got.Sentences == 2
		}},
		{"grade is prose's Flesch-Kincaid", "The cat sat on the mat. It was warm.", func(got Tone) bool {
			return got.Grade == prose.Measure("The cat sat on the mat. It was warm.").FleschKincaid()
		}},
		{"a cheerful post is positive", "Big news! Our new release is out and it's really good 🎉", func(got Tone) bool {
			return got.Sentiment > 0.5
		}},
		{"an angry post is negative", "This outage is UNACCEPTABLE. Terrible support, awful week!!!", func(got Tone) bool {
			return got.Sentiment < -0.5
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Measure(tt.text); !tt.check(got) {
				t.Errorf("Measure(%q) = %+v", tt.text, got)
			}
		})
	}
}

func TestMeasureIsSafeForConcurrentUse(t *testing.T) {
	a := newTestAnalyzer(t)
	want := make([]Tone, len(benchPosts))
	for i, p := range benchPosts {
		want[i] = a.Measure(p.text)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				for i, p := range benchPosts {
					if got := a.Measure(p.text); got != want[i] {
						t.Errorf("concurrent Measure(%s) = %+v, want %+v", p.name, got, want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestNewAnalyzerLoadsTheWholeLexicon(t *testing.T) {
	a := newTestAnalyzer(t)
	if n := len(a.lx.valence); n < 7500 {
		t.Errorf("lexicon has %d words, want about 7,500", n)
	}
	if n := len(a.lx.emoji); n < 1200 {
		t.Errorf("emoji lexicon has %d emoji, want about 1,200", n)
	}
	if v := a.lx.valence["good"]; v != 1.9 {
		t.Errorf(`valence of "good" = %v, want 1.9`, v)
	}
}
