package channel_test

import (
	"fmt"
	"testing"

	"github.com/greenlighthq/greenlight/engine/channel"
	"github.com/greenlighthq/greenlight/engine/internal/testdir"
)

// TestGraphemeBreakConformance runs every case of Unicode 17.0's
// GraphemeBreakTest.txt through the Bluesky counter.
func TestGraphemeBreakConformance(t *testing.T) {
	cases := testdir.GraphemeBreakTest(t)
	bluesky := lookup(t, "bluesky")
	passed := 0
	for _, c := range cases {
		name := fmt.Sprintf("line %d: %s", c.Line, c.Comment)
		if t.Run(name, func(t *testing.T) {
			if got := channel.Measure(c.Text, bluesky).Length; got != c.Clusters {
				t.Errorf("%+q: got %d graphemes, want %d", c.Text, got, c.Clusters)
			}
		}) {
			passed++
		}
	}
	t.Logf("unicode GraphemeBreakTest (bluesky graphemes): %d/%d passed", passed, len(cases))
}

// TestEmojiAreOneGrapheme checks that every fully-qualified emoji of
// Unicode's emoji-test.txt counts as one grapheme on Bluesky and Mastodon.
func TestEmojiAreOneGrapheme(t *testing.T) {
	passed, total := 0, 0
	for _, e := range testdir.EmojiTest(t) {
		if e.Status != "fully-qualified" {
			continue
		}
		total++
		if t.Run(fmt.Sprintf("line %d: %s", e.Line, e.Name), func(t *testing.T) {
			for _, name := range []string{"bluesky", "mastodon"} {
				if got := channel.Measure(e.Text, lookup(t, name)).Length; got != 1 {
					t.Errorf("%s: %+q counts %d, want 1", name, e.Text, got)
				}
			}
		}) {
			passed++
		}
	}
	if total == 0 {
		t.Fatal("no fully-qualified emoji read")
	}
	t.Logf("unicode emoji-test fully-qualified (one grapheme): %d/%d passed", passed, total)
}

// TestEmoji17Sequences checks every sequence of Unicode's emoji 17.0 list
// on three counters: one grapheme on Bluesky; and, unless it starts with a
// bare text-default character (which renderers and twitter-text treat as
// text: "©" alone weighs 1 on X), weight 2 on X and its UTF-8 length on
// Threads.
func TestEmoji17Sequences(t *testing.T) {
	textDefault := testdir.TextDefault(t)
	bluesky, x, threads := lookup(t, "bluesky"), lookup(t, "x"), lookup(t, "threads")
	seqs := testdir.EmojiSequences(t)
	passed, asText := 0, 0
	for _, e := range seqs {
		emoji := !testdir.StartsAsText(e.Text, textDefault)
		if !emoji {
			asText++
		}
		if t.Run(fmt.Sprintf("line %d: %+q", e.Line, e.Text), func(t *testing.T) {
			if got := channel.Measure(e.Text, bluesky).Length; got != 1 {
				t.Errorf("bluesky: %d graphemes, want 1", got)
			}
			if !emoji {
				return
			}
			if got := channel.Measure(e.Text, x).Length; got != 2 {
				t.Errorf("x: weighs %d, want 2", got)
			}
			if got := channel.Measure(e.Text, threads).Length; got != len(e.Text) {
				t.Errorf("threads: counts %d, want its %d bytes", got, len(e.Text))
			}
		}) {
			passed++
		}
	}
	if len(seqs) == 0 {
		t.Fatal("no emoji sequence read")
	}
	t.Logf("unicode emoji 17.0 sequences (bluesky 1, x 2, threads bytes): %d/%d passed; %d start as text (bluesky only)", passed, len(seqs), asText)
}
