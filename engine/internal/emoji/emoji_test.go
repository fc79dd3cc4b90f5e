package emoji_test

import (
	"fmt"
	"testing"

	"github.com/greenlighthq/greenlight/engine/internal/emoji"
	"github.com/greenlighthq/greenlight/engine/internal/testdir"
)

func TestLen(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"plain text is no emoji", "hello", 0},
		{"an emoji-presentation character is one", "😀 hi", 4},
		{"a skin tone joins its base", "👍🏽!", 8},
		{"a ZWJ family is one", "👨\u200d👩\u200d👧\u200d👦", 25},
		{"a flag is two regional indicators", "🇫🇷🇩🇪", 8},
		{"a lone regional indicator is one", "🇫x", 4},
		{"a keycap with VS16", "1\uFE0F\u20E3", 7},
		{"a keycap without VS16", "#\u20E3", 4},
		{"a digit alone is no emoji", "1", 0},
		{"a subdivision flag takes its tags", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", 28},
		{"copyright needs VS16", "©", 0},
		{"copyright with VS16 is one", "©\uFE0F", 5},
		{"a text-style heart is no emoji", "❤", 0},
		{"VS15 asks for text presentation", "⌚\uFE0E", 0},
		{"a text-default base takes a skin tone", "☝🏽", 7},
		{"a ZWJ with nothing after it is left out", "👨\u200d", 4},
		{"a ZWJ element may be text-default without VS16", "🏃\u200d♂", 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := emoji.Len(tt.text); got != tt.want {
				t.Errorf("Len(%+q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestCount(t *testing.T) {
	n, bytes := emoji.Count("Hi 👋, 🇫🇷 and ©!")
	if n != 2 || bytes != 12 {
		t.Errorf("got %d emoji in %d bytes, want 2 in 12", n, bytes)
	}
}

// TestEmojiTestSequences checks that every fully-qualified and component
// sequence of Unicode's emoji-test.txt is exactly one emoji.
func TestEmojiTestSequences(t *testing.T) {
	passed, total := 0, 0
	for _, e := range testdir.EmojiTest(t) {
		if e.Status != "fully-qualified" && e.Status != "component" {
			continue
		}
		total++
		if t.Run(fmt.Sprintf("line %d: %s", e.Line, e.Name), func(t *testing.T) {
			if got := emoji.Len(e.Text); got != len(e.Text) {
				t.Errorf("Len(%+q) = %d, want %d", e.Text, got, len(e.Text))
			}
		}) {
			passed++
		}
	}
	t.Logf("unicode emoji-test fully-qualified and component (one emoji): %d/%d passed", passed, total)
}

// TestEmoji17Sequences checks the Unicode 17.0 table: every sequence of
// emoji-17.0-sequences.txt is exactly one emoji, except those that start
// with a text-default character left bare (unqualified "©", minimally
// qualified "⛹\u200d♀\uFE0F"), which are text by design, as in
// twitter-text.
func TestEmoji17Sequences(t *testing.T) {
	textDefault := testdir.TextDefault(t)
	passed, total, text := 0, 0, 0
	for _, e := range testdir.EmojiSequences(t) {
		if testdir.StartsAsText(e.Text, textDefault) {
			text++
			continue
		}
		total++
		if t.Run(fmt.Sprintf("line %d: %+q", e.Line, e.Text), func(t *testing.T) {
			if got := emoji.Len(e.Text); got != len(e.Text) {
				t.Errorf("Len(%+q) = %d, want %d", e.Text, got, len(e.Text))
			}
		}) {
			passed++
		}
	}
	if total == 0 {
		t.Fatal("no emoji sequence read")
	}
	t.Logf("unicode emoji 17.0 sequences (one emoji): %d/%d passed; %d start as text", passed, total, text)
}
