package tone

import "testing"

// benchPosts are realistic posts, as content.Post.Body gives them.
var benchPosts = []struct{ name, text string }{
	{"short", "Shipped 🚀 Thanks, team!"},
	{"announcement", "Big news! Our new release is out today and it's really, really good. " +
		"Thanks to everyone who tested the beta 🙏 We couldn't have done it without you. " +
		"Not perfect yet, but we're proud of it. Try it and tell us what you think! #release"},
	{"apology", "We're sorry about this morning's outage. Publishing was down for 40 minutes " +
		"and scheduled posts went out late. That is not OK, and we know how frustrating it was. " +
		"The full report is on our status page."},
	{"thread", "1/ Why we rewrote the scheduler 🧵\n\n" +
		"The old one was simple, and simple was GREAT until it wasn't. Posts queued behind " +
		"a slow channel, retries piled up, and nobody could tell what would go out when.\n\n" +
		"2/ So we split it: one queue per channel, retries with backoff, and a calendar " +
		"you can actually read. It's kind of boring, which is the point.\n\n" +
		"3/ Early numbers: 99.9% on time, zero stuck posts in three weeks 🎉🎉 " +
		"Huge thanks to @ops for the late nights!"},
}

// BenchmarkMeasure measures one post per op.
func BenchmarkMeasure(b *testing.B) {
	a := newTestAnalyzer(b)
	for _, p := range benchPosts {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(p.text)))
			for b.Loop() {
				a.Measure(p.text)
			}
		})
	}
}

// BenchmarkSentiment measures the VADER score alone.
func BenchmarkSentiment(b *testing.B) {
	a := newTestAnalyzer(b)
	for _, p := range benchPosts {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(p.text)))
			for b.Loop() {
				a.lx.compound(p.text)
			}
		})
	}
}

func BenchmarkNewAnalyzer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewAnalyzer(); err != nil {
			b.Fatal(err)
		}
	}
}
