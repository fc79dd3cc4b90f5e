package channel_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/channel"
)

// realisticPosts returns n generated posts of 5 to 60 words: mostly
// English, with some accented and CJK words, emoji (single, skin-toned,
// ZWJ, flags), links with and without protocol, hashtags and mentions.
func realisticPosts(n int) []string {
	rng := rand.New(rand.NewPCG(2026, 11))
	words := strings.Fields(`the launch of our new release brings faster sync, better search and a
		calmer inbox for every team we worked with customers for months to get this right and we
		are proud of what shipped today read more below or reply with your questions café naïve
		déjà`)
	cjk := []string{"新機能", "リリース", "今日", "업데이트", "发布"}
	emoji := []string{"🚀", "🎉", "👍🏽", "👨\u200d👩\u200d👧", "🇫🇷", "❤️", "✨", "😀"}
	links := []string{"https://example.com/blog/2026/11/launch?utm_source=social", "example.org/docs",
		"https://t.co/AbCdEf123", "http://news.example.co.uk/a-long-story-about-things"}
	tags := []string{"#launch", "#release", "#DevTools", "#日本語"}
	mentions := []string{"@alice", "@bob@mastodon.social", "@team_acme"}
	posts := make([]string, n)
	var b strings.Builder
	for i := range posts {
		b.Reset()
		for w := range 5 + rng.IntN(56) {
			if w > 0 {
				b.WriteByte(' ')
			}
			switch p := rng.IntN(100); {
			case p < 4:
				b.WriteString(cjk[rng.IntN(len(cjk))])
			case p < 9:
				b.WriteString(emoji[rng.IntN(len(emoji))])
			case p < 11:
				b.WriteString(links[rng.IntN(len(links))])
			case p < 14:
				b.WriteString(tags[rng.IntN(len(tags))])
			case p < 16:
				b.WriteString(mentions[rng.IntN(len(mentions))])
			default:
				b.WriteString(words[rng.IntN(len(words))])
				if rng.IntN(12) == 0 {
					b.WriteByte('.')
				}
			}
		}
		posts[i] = b.String()
	}
	return posts
}

// BenchmarkMeasureAll measures 1,000 generated posts on all seven
// channels; ns/post is the time for one post on every channel.
func BenchmarkMeasureAll(b *testing.B) {
	posts := realisticPosts(1000)
	_, limits := channel.Limits()
	total := 0
	for _, p := range posts {
		total += len(p)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range posts {
			for _, lim := range limits {
				channel.Measure(p, lim)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(posts)), "ns/post")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkMeasure measures the same posts channel by channel.
func BenchmarkMeasure(b *testing.B) {
	posts := realisticPosts(1000)
	_, limits := channel.Limits()
	for _, lim := range limits {
		b.Run(lim.Channel, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range posts {
					channel.Measure(p, lim)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(posts)), "ns/post")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkGraphemes counts graphemes on Bluesky in text without links,
// where the segmenter is most of the work: Hindi conjuncts, emoji
// sequences, CJK and accented Latin, 1,000 posts of about 600 bytes.
func BenchmarkGraphemes(b *testing.B) {
	words := []string{"क्षत्रिय", "हिन्दी", "नमस्ते", "👨\u200d👩\u200d👧", "👍🏽", "🇫🇷", "❤️", "新機能", "업데이트",
		"café", "naïve", "e\u0301", "launch", "release", "today"}
	rng := rand.New(rand.NewPCG(2026, 17))
	posts := make([]string, 1000)
	var sb strings.Builder
	total := 0
	for i := range posts {
		sb.Reset()
		for sb.Len() < 600 {
			sb.WriteString(words[rng.IntN(len(words))])
			sb.WriteByte(' ')
		}
		posts[i] = sb.String()
		total += len(posts[i])
	}
	bluesky, _ := channel.Lookup("bluesky")
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range posts {
			channel.Measure(p, bluesky)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(posts)), "ns/post")
	b.ReportMetric(0, "ns/op")
}
