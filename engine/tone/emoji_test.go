package tone

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestCountEmoji(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"empty text has no emoji", "", 0},
		{"ASCII text has no emoji", "Ship it: 100% done #1 (really) :)", 0},
		{"accented letters are not emoji", "Café crème, naïve résumé", 0},
		{"one emoji counts one", "Shipped 🚀", 1},
		{"repeated emoji count each", "🎉🎉🎉", 3},
		{"a skin-tone modifier belongs to its emoji", "Nice 👍🏽", 1},
		{"a ZWJ family is one emoji", "👨\u200d👩\u200d👧\u200d👦", 1},
		{"a ZWJ profession is one emoji", "👩\u200d💻 at work", 1},
		{"a flag is one emoji", "Made in 🇫🇷", 1},
		{"two flags are two emoji", "🇺🇸🇬🇧", 2},
		{"a Unicode 16 emoji counts", "Monday \U0001FAE9", 1},
		{"a Unicode 17 emoji counts", "Found it \U0001FA8E", 1},
		// The same grouping the channel counters use, which follows how
		// renderers draw text: a lone regional indicator and a lone skin
		// tone are drawn as emoji; a heart without U+FE0F is drawn as text.
		{"a lone regional indicator is drawn as an emoji", "🇫 alone", 1},
		{"a keycap is one emoji", "Step 1\ufe0f\u20e3 then #\ufe0f\u20e3", 2},
		{"a keycap without U+FE0F is still a keycap", "Step 1\u20e3", 1},
		{"a digit is not an emoji", "Step 1 of 3", 0},
		{"a tag-sequence flag is one emoji", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 1},
		{"a heart with U+FE0F is an emoji", "I \u2764\ufe0f it", 1},
		{"a bare text-style heart is text", "I \u2764 it", 0},
		{"U+FE0E asks for text, not an emoji", "I \u2764\ufe0e it", 0},
		{"copyright and trademark signs are not emoji", "© 2024 Acme™ and Widget®", 0},
		{"a copyright sign with U+FE0F is an emoji", "\u00a9\ufe0f", 1},
		{"a skin tone alone is drawn as an emoji", "\U0001F3FD", 1},
		{"a star that is not an emoji does not count", "★★★★☆", 0},
		{"emoji after an ASCII keycap base are found", "1🚀", 1},
		{"CRLF before an emoji does not hide it", "ok\r\n🚀", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countEmoji(tt.text); got != tt.want {
				t.Errorf("countEmoji(%q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

// emojiTestFile is Unicode's emoji-test.txt in the shared test data beside
// the repository; tests that need it skip when it is absent.
const emojiTestFile = "../../../shared/testdata/unicode/emoji-test.txt"

func TestEveryFullyQualifiedEmojiCountsOnce(t *testing.T) {
	f, err := os.Open(emojiTestFile)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent", emojiTestFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	var all strings.Builder
	n := 0
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		points, rest, ok := strings.Cut(sc.Text(), ";")
		if !ok || strings.HasPrefix(points, "#") || !strings.HasPrefix(strings.TrimSpace(rest), "fully-qualified") {
			continue
		}
		var e strings.Builder
		for _, f := range strings.Fields(points) {
			cp, err := strconv.ParseUint(f, 16, 32)
			if err != nil {
				t.Fatalf("emoji-test.txt:%d: %v", line, err)
			}
			e.WriteRune(rune(cp))
		}
		if got := countEmoji(e.String()); got != 1 {
			t.Errorf("emoji-test.txt:%d: %q counts %d emoji, want 1", line, e.String(), got)
		}
		all.WriteString(e.String())
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 3000 {
		t.Fatalf("read %d fully-qualified emoji, want more than 3000", n)
	}
	// Side by side, no two emoji merge into one cluster.
	if got := countEmoji(all.String()); got != n {
		t.Errorf("all %d fully-qualified emoji in a row count %d", n, got)
	}
}
