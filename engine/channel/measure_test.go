package channel_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/clipperhouse/uax29/v2/graphemes"

	"github.com/greenlighthq/greenlight/engine/channel"
)

func lookup(t testing.TB, name string) channel.Limit {
	t.Helper()
	lim, ok := channel.Lookup(name)
	if !ok {
		t.Fatalf("no built-in limit for %q", name)
	}
	return lim
}

const family = "👨\u200d👩\u200d👧\u200d👦" // 4 people, 3 ZWJ: 25 bytes, 7 code points

func TestMeasure(t *testing.T) {
	tests := []struct {
		name     string
		channel  string
		text     string
		length   int
		fits     bool
		overflow int // -1 when it fits
		hashtags int
		links    int
	}{
		// X: twitter-text v3 weights.
		{"x counts Latin text one per character", "x", "Hello, world", 12, true, -1, 0, 0},
		{"x counts a ZWJ family as one emoji of weight 2", "x", family, 2, true, -1, 0, 0},
		{"x counts a skin-toned emoji as 2", "x", "👍🏽", 2, true, -1, 0, 0},
		{"x counts a flag as 2", "x", "🇯🇵", 2, true, -1, 0, 0},
		{"x counts CJK two per character", "x", "日本語", 6, true, -1, 0, 0},
		{"x counts a long URL as 23", "x", "Read https://example.com/a/very/long/path?with=query", 5 + 23, true, -1, 0, 1},
		{"x counts a URL without protocol as 23", "x", "see example.com", 4 + 23, true, -1, 0, 1},
		{"x rejects 281 Latin characters at the 281st", "x", strings.Repeat("a", 281), 281, false, 280, 0, 0},
		{"x fits 140 CJK characters exactly", "x", strings.Repeat("あ", 140), 280, true, -1, 0, 0},
		{"x overflows at the 141st CJK character", "x", strings.Repeat("あ", 141), 282, false, 140 * 3, 0, 0},
		{"x overflows at an emoji that crosses the limit", "x", strings.Repeat("a", 279) + "😀", 281, false, 279, 0, 0},
		{"x points at an invalid character", "x", "ok\uFFFEok", 6, false, 2, 0, 0},
		{"x accepts an empty text", "x", "", 0, true, -1, 0, 0},
		{"x counts hashtags but not those inside URLs", "x", "#go and https://go.dev/#tag #gopher", 8 + 23 + 8, true, -1, 2, 1},

		// Bluesky: graphemes and bytes.
		{"bluesky counts a ZWJ family as one grapheme", "bluesky", family, 1, true, -1, 0, 0},
		{"bluesky counts a letter with a combining accent as one", "bluesky", "e\u0301", 1, true, -1, 0, 0},
		{"bluesky counts a flag as one", "bluesky", "🇫🇷", 1, true, -1, 0, 0},
		{"bluesky counts CJK one per character", "bluesky", "日本語", 3, true, -1, 0, 0},
		{"bluesky counts URLs in full", "bluesky", "https://example.com", 19, true, -1, 0, 1},
		{"bluesky fits 300 graphemes", "bluesky", strings.Repeat("a", 300), 300, true, -1, 0, 0},
		{"bluesky overflows at the 301st grapheme", "bluesky", strings.Repeat("a", 301), 301, false, 300, 0, 0},
		{"bluesky overflows at the first grapheme past 3000 bytes", "bluesky", strings.Repeat(family, 300), 300, false, 3000, 0, 0},
		{"bluesky counts CR LF as one grapheme", "bluesky", "a\r\nb", 3, true, -1, 0, 0},
		// Unicode 15.1's rule GB9c keeps a Devanagari conjunct (consonant,
		// virama, consonant) in one cluster, as Bluesky's counter does.
		{"bluesky counts a Devanagari word by its conjuncts", "bluesky", "क्षत्रिय", 3, true, -1, 0, 0},

		// Mastodon: graphemes, URLs 23, remote mentions by local part.
		{"mastodon counts a remote mention by its local part", "mastodon", "Hi @alice@example.social", 3 + 6, true, -1, 0, 0},
		{"mastodon counts a local mention as written", "mastodon", "@bob", 4, true, -1, 0, 0},
		{"mastodon counts a URL with protocol as 23", "mastodon", "https://example.com/" + strings.Repeat("x", 100), 23, true, -1, 0, 1},
		{"mastodon counts a URL without protocol in full", "mastodon", "see example.com", 15, true, -1, 0, 1},
		{"mastodon does not take an e-mail address for a mention", "mastodon", "mail me: a@b.social", 19, true, -1, 0, 0},
		{"mastodon counts a ZWJ family as one", "mastodon", family, 1, true, -1, 0, 0},
		{"mastodon counts several mentions by their local parts", "mastodon", "cc @alice@example.social, @bob", 3 + 6 + 2 + 4, true, -1, 0, 0},
		{"mastodon counts a profile URL as a URL, not a mention", "mastodon", "https://mastodon.social/@alice", 23, true, -1, 0, 1},
		{"mastodon overflows at a URL that crosses the limit", "mastodon", strings.Repeat("a", 480) + " https://example.com/x", 504, false, 481, 0, 1},
		{"mastodon overflows at the 501st grapheme", "mastodon", strings.Repeat("é", 501), 501, false, 1000, 0, 0},

		// Threads: code points, emoji by UTF-8 bytes, at most 5 links.
		{"threads counts an emoji by its bytes", "threads", "Hi 👋", 3 + 4, true, -1, 0, 0},
		{"threads counts a ZWJ family by its 25 bytes", "threads", family, 25, true, -1, 0, 0},
		{"threads counts a flag by its 8 bytes", "threads", "🇫🇷", 8, true, -1, 0, 0},
		{"threads counts a Unicode 16 emoji by its 4 bytes", "threads", "\U0001FAE9", 4, true, -1, 0, 0},
		{"threads counts a Unicode 17 skin-toned ZWJ sequence by its 26 bytes", "threads", "\U0001F9D1\U0001F3FB\u200d\U0001FAEF\u200d\U0001F9D1\U0001F3FC", 26, true, -1, 0, 0},
		{"x weighs a Unicode 17 skin-toned ZWJ sequence 2", "x", "\U0001F9D1\U0001F3FB\u200d\U0001FAEF\u200d\U0001F9D1\U0001F3FC", 2, true, -1, 0, 0},
		{"threads counts a heart with VS16 by its 6 bytes", "threads", "❤️", 6, true, -1, 0, 0},
		{"threads counts a bare text-style heart as one character", "threads", "❤", 1, true, -1, 0, 0},
		{"threads counts CJK one per character", "threads", "日本", 2, true, -1, 0, 0},
		{"threads fits 500 with an emoji at the end", "threads", strings.Repeat("a", 496) + "😀", 500, true, -1, 0, 0},
		{"threads overflows at an emoji that crosses the limit", "threads", strings.Repeat("a", 497) + "😀", 501, false, 497, 0, 0},
		{"threads rejects a sixth distinct link", "threads", "a.com b.com c.com d.com e.com f.com", 35, false, 30, 0, 6},
		{"threads counts a repeated link once", "threads", "x.com x.com x.com x.com x.com x.com", 35, true, -1, 0, 1},

		// LinkedIn, Instagram, Facebook: code points.
		{"linkedin counts code points", "linkedin", "Hello (world) 😀", 15, true, -1, 0, 0},
		{"linkedin overflows at the 3001st character", "linkedin", strings.Repeat("a", 3001), 3001, false, 3000, 0, 0},
		{"instagram fits five hashtags", "instagram", "#a #b #c #d #e", 14, true, -1, 5, 0},
		{"instagram rejects a sixth hashtag", "instagram", "#a #b #c #d #e #f", 17, false, 15, 6, 0},
		{"instagram counts a ZWJ family as seven code points", "instagram", family, 7, true, -1, 0, 0},
		{"facebook fits 63206 characters", "facebook", strings.Repeat("a", 63206), 63206, true, -1, 0, 0},
		{"facebook overflows at the 63207th character", "facebook", strings.Repeat("ß", 63207), 63207, false, 63206 * 2, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := lookup(t, tt.channel)
			c := channel.Measure(tt.text, lim)
			if c.Length != tt.length || c.Fits != tt.fits || c.OverflowByte != tt.overflow ||
				c.Hashtags != tt.hashtags || c.Links != tt.links {
				t.Errorf("got length %d, fits %v, overflow %d, hashtags %d, links %d; want %d, %v, %d, %d, %d",
					c.Length, c.Fits, c.OverflowByte, c.Hashtags, c.Links,
					tt.length, tt.fits, tt.overflow, tt.hashtags, tt.links)
			}
			if c.Channel != lim.Channel || c.Limit != lim.MaxLength || c.Unit != lim.Unit ||
				c.Bytes != len(tt.text) || c.MaxBytes != lim.MaxBytes {
				t.Errorf("count does not describe its limit: %+v", c)
			}
		})
	}
}

func TestMeasureWithInstanceOverride(t *testing.T) {
	lim := lookup(t, "mastodon")
	lim.MaxLength = 1000 // an instance with a higher limit
	text := strings.Repeat("a", 900)
	if c := channel.Measure(text, lim); !c.Fits || c.Limit != 1000 {
		t.Errorf("a 900-character post should fit a 1000-character instance: %+v", c)
	}
}

func TestMeasureUnknownChannelByUnit(t *testing.T) {
	tests := []struct {
		name string
		lim  channel.Limit
		text string
		want int
	}{
		{"bytes count UTF-8", channel.Limit{Channel: "pager", MaxLength: 10, Unit: channel.UnitBytes}, "héllo", 6},
		{"graphemes count clusters", channel.Limit{Channel: "other", MaxLength: 10, Unit: channel.UnitGraphemes}, family + "e\u0301", 2},
		{"URL length applies to any channel", channel.Limit{Channel: "other", MaxLength: 100, Unit: channel.UnitCharacters, URLLength: 10}, "go https://example.com/long", 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := channel.Measure(tt.text, tt.lim).Length; got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestReservedLinkedIn(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []int
	}{
		{"plain text has none", "Hello, world. 100% sure!", nil},
		{"every reserved character is found", `| { } @ [ ] ( ) < > # \ * _ ~`, []int{0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28}},
		{"escaped characters are not reported", `Price \(USD\) \#1 \\`, nil},
		{"a backslash that escapes nothing is reported", `a\b (c)`, []int{1, 4, 6}},
		{"offsets are bytes", "é(", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := channel.ReservedLinkedIn(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// FuzzMeasure checks invariants of Measure on any input, on every channel,
// and that Bluesky's count, walked around entities, agrees with the
// segmenter's count over the whole text.
func FuzzMeasure(f *testing.F) {
	for _, s := range []string{"", "Hi @a@b.social https://x.co/y #z", family + "e\u0301\r\n", "🇫🇷🇫", "a\u200db"} {
		f.Add(s)
	}
	_, limits := channel.Limits()
	f.Fuzz(func(t *testing.T, s string) {
		for _, lim := range limits {
			c := channel.Measure(s, lim)
			if c.Fits != (c.OverflowByte < 0) || c.OverflowByte >= len(s) || c.Length < 0 {
				t.Fatalf("%s: inconsistent %+v for %q", lim.Channel, c, s)
			}
		}
		want := 0
		for g := graphemes.FromString(s); g.Next(); {
			want++
		}
		if got := channel.Measure(s, lookup(t, "bluesky")).Length; got != want {
			t.Fatalf("bluesky counts %d graphemes in %+q, the segmenter %d", got, s, want)
		}
	})
}

func TestMeasurePlainTextDoesNotAllocate(t *testing.T) {
	text := strings.Repeat("A plain sentence, with no link and no tag. ", 6) + "Ünïcödé 日本語 too."
	_, limits := channel.Limits()
	channel.Measure(text, limits[0]) // compile the expressions first
	for _, lim := range limits {
		if n := testing.AllocsPerRun(20, func() { channel.Measure(text, lim) }); n != 0 {
			t.Errorf("%s: %.0f allocations per call", lim.Channel, n)
		}
	}
}
