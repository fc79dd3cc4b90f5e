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
