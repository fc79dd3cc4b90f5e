package twittertext_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/channel/twittertext"
	"github.com/greenlighthq/greenlight/engine/internal/testdir"
)

func TestParseValidEndByte(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"a text that fits ends at its length", "Hello 👋", len("Hello 👋")},
		{"the 281st Latin character does not fit", strings.Repeat("a", 281), 280},
		{"a CJK character that crosses the limit does not fit", strings.Repeat("a", 279) + "日", 279},
		{"a URL that crosses the limit does not fit", strings.Repeat("a", 260) + " https://example.com", 261},
		{"an invalid character ends the valid prefix", "ab\uFEFFcd", 2},
		{"a decomposed accent maps back to the original text", strings.Repeat("e\u0301", 281), 280 * 3},
		{"an empty text has an empty valid prefix", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := twittertext.Parse(tt.text, twittertext.V3())
			if r.ValidEndByte != tt.want {
				t.Errorf("ValidEndByte = %d, want %d (%+v)", r.ValidEndByte, tt.want, r)
			}
		})
	}
}

func TestParseEmojiWeights(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		v2, v3 int
	}{
		{"a ZWJ family", "👨\u200d👩\u200d👧\u200d👦", 11, 2},
		{"a skin-toned thumb", "👍🏽", 4, 2},
		{"a flag", "🇯🇵", 4, 2},
		{"a subdivision flag", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 14, 2},
		{"a keycap", "#\uFE0F\u20E3", 5, 2},
		{"copyright without VS16 is a Latin-1 character", "©", 1, 1},
		{"copyright with VS16 is an emoji", "©\uFE0F", 3, 2},
		{"a heart with text presentation is two characters", "❤\uFE0E", 4, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := twittertext.Parse(tt.text, twittertext.V2()).WeightedLength; got != tt.v2 {
				t.Errorf("v2: %d, want %d", got, tt.v2)
			}
			if got := twittertext.Parse(tt.text, twittertext.V3()).WeightedLength; got != tt.v3 {
				t.Errorf("v3: %d, want %d", got, tt.v3)
			}
		})
	}
}

// TestEveryEmojiWeighsTwo checks every fully-qualified sequence of Unicode's
// emoji-test.txt weighs 2 under the v3 configuration, as X documents.
func TestEveryEmojiWeighsTwo(t *testing.T) {
	passed, total := 0, 0
	for _, e := range testdir.EmojiTest(t) {
		if e.Status != "fully-qualified" {
			continue
		}
		total++
		if t.Run(fmt.Sprintf("line %d: %s", e.Line, e.Name), func(t *testing.T) {
			if got := twittertext.Parse(e.Text, twittertext.V3()).WeightedLength; got != 2 {
				t.Errorf("%+q weighs %d, want 2", e.Text, got)
			}
		}) {
			passed++
		}
	}
	t.Logf("unicode emoji-test fully-qualified (weight 2 in v3): %d/%d passed", passed, total)
}

func TestExtractURLsWithProtocol(t *testing.T) {
	got := texts(twittertext.ExtractURLsWithProtocol("see example.com and https://example.org/x, HTTP://A.CO"))
	want := []string{"https://example.org/x", "HTTP://A.CO"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOffsets(t *testing.T) {
	text := "日本 😀 #tag"
	tags := twittertext.ExtractHashtags(text)
	if len(tags) != 1 {
		t.Fatalf("got %v", tags)
	}
	if b, u, c := tags[0].Start, twittertext.UTF16Offset(text, tags[0].Start), twittertext.CodePointOffset(text, tags[0].Start); b != 12 || u != 6 || c != 5 {
		t.Errorf("start: byte %d, UTF-16 %d, code point %d; want 12, 6, 5", b, u, c)
	}
}

// FuzzParse checks invariants of Parse on any input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "Hi http://test.co", "👨\u200d👩\u200d👧", "e\u0301\u0301", "\uFFFE", "a.co/" + strings.Repeat("(", 20), "xn--a.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, cfg := range []twittertext.Config{twittertext.V1(), twittertext.V2(), twittertext.V3()} {
			r := twittertext.Parse(s, cfg)
			if !isBoundary(s, r.ValidEndByte) {
				t.Fatalf("ValidEndByte %d out of place in %q", r.ValidEndByte, s)
			}
			if r.Valid && r.ValidEndByte != len(s) {
				t.Fatalf("valid, but ValidEndByte %d < %d", r.ValidEndByte, len(s))
			}
			if r.WeightedLength < 0 || (r.WeightedLength > cfg.MaxWeightedTweetLength && r.Valid) {
				t.Fatalf("bad result %+v", r)
			}
		}
	})
}

// isBoundary reports whether i is the offset of a character of s (as
// ranging over s yields them, an invalid byte being one) or len(s).
func isBoundary(s string, i int) bool {
	if i == len(s) {
		return true
	}
	for j := range s {
		if j == i {
			return true
		}
	}
	return false
}

// FuzzExtract checks extracted entities lie in the text, in order, without
// overlapping, and say what the text says.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{"#go @gopher $GO https://go.dev", "foo.com/#x", "@a/b-c", "＃日本 ＠x", "a.b.c.d.co.uk/(x)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(kind string, es []twittertext.Entity, sign bool) {
			end := 0
			for _, e := range es {
				if e.Start < end || e.End > len(s) || e.Start >= e.End {
					t.Fatalf("%s %+v out of place in %q", kind, e, s)
				}
				if body := s[e.Start:e.End]; (sign && !strings.HasSuffix(body, e.Text)) || (!sign && body != e.Text) {
					t.Fatalf("%s %+v does not match the text %q", kind, e, body)
				}
				end = e.End
			}
		}
		check("url", twittertext.ExtractURLs(s), false)
		check("hashtag", twittertext.ExtractHashtags(s), true)
		check("mention", twittertext.ExtractMentions(s), true)
		check("cashtag", twittertext.ExtractCashtags(s), true)
	})
}
