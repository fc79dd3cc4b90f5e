package enginetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Post is one generated post file.
type Post struct {
	Name string
	Src  []byte
}

// Corpus returns n posts generated from seed; the same arguments always
// give the same posts.
func Corpus(n int, seed uint64) []Post {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	posts := make([]Post, n)
	for i := range posts {
		posts[i] = Post{Name: fmt.Sprintf("posts/%05d.md", i), Src: post(r, i)}
	}
	return posts
}

var (
	openers = []string{"Meet the new dashboard", "Big news for every team", "We shipped something", "A quick tip for Monday",
		"Our customers asked, we listened", "Three ways to share a report", "Behind the scenes at Acme", "Holiday hours are here"}
	phrases = []string{"faster reports, fewer clicks", "it is really easy to set up", "the the best way to stay in sync",
		"very simple exports to CSV", "a revolutionary way to plan", "sign in with your Github account",
		"send us an e-mail with questions", "it's extremely quick", "we think you'll love it", "no code required",
		"try it today", "your data stays yours", "built with our customers", "available on iOS and Android",
		"synergy across every department", "the Data Export Service (DES) streams rows", "we can't wait to hear from you",
		"it just works, e.g. on mobile", "there are many reasons to upgrade", "the report is generated automatically",
		"join us at 10 am on Friday", "setup takes 2-3 minutes", "see e.g.the docs", "live at 4PM Eastern"}
	tags     = []string{"#analytics", "#dashboards", "#productivity", "#data", "#SaaS", "#launch", "#tips"}
	mentions = []string{"@acme", "@northwind", "@dana@mastodon.social", "@contoso"}
	emoji    = []string{"🚀", "📊", "🎉", "👋🏽", "🇯🇵", "👨‍👩‍👧"}
	channels = []string{"[x]", "[x, bluesky]", "[linkedin]", "[x, linkedin, bluesky]", "[threads, instagram]", "[mastodon]"}
)

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func post(r *rand.Rand, i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nchannels: %s\npublish_at: 2026-12-%02dT%02d:00:00-05:00\ncampaign: bench\n",
		pick(r, openers), pick(r, channels), 1+i%28, 8+i%10)
	if r.IntN(3) == 0 {
		b.WriteString("media:\n  - src: media/image.png\n    alt: A chart of weekly reports\n")
	}
	b.WriteString("---\n")
	b.WriteString(pick(r, openers))
	b.WriteString(": ")
	for s := 2 + r.IntN(4); s > 0; s-- {
		p := pick(r, phrases)
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		b.WriteString([]string{". ", "! ", ". ", "? "}[r.IntN(4)])
	}
	if r.IntN(2) == 0 {
		b.WriteString(pick(r, emoji) + " ")
	}
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "Read more at https://example.com/p/%d ", i)
	}
	if r.IntN(3) == 0 {
		b.WriteString("with `code` ")
	}
	for t := r.IntN(4); t > 0; t-- {
		b.WriteString(pick(r, tags) + " ")
	}
	if r.IntN(3) == 0 {
		b.WriteString(pick(r, mentions))
	}
	b.WriteString("\n")
	return []byte(b.String())
}
