package content

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/channel/twittertext"
)

// entityMatchers find hashtags and mentions in prose.
//
// Hashtags are twitter-text's (twittertext.ExtractHashtags), the same the
// channel package counts against max_hashtags: a hashtag needs a letter and
// must not follow a word character or '&', nor stand inside a URL, so
// "C#", "&#39;" and URL fragments are not hashtags.
//
// Mentions are not twitter-text's, on purpose: X's screen names are 20
// characters at most and a mention followed by '@' is none, while posts go
// to the fediverse too, so here a mention may name a remote account
// (@user@example.social) and a name may be 30 characters long, as
// Mastodon's are. Policies read these as input.post.mentions, and prose
// leaves them out, for every channel; the channel package measures each
// platform's own mentions (twittertext, mastodonMentions) where length
// depends on them.
type entityMatchers struct {
	mention *regexp.Regexp
}

func newEntityMatchers() *entityMatchers {
	return &entityMatchers{
		mention: regexp.MustCompile(`(?:^|[^\p{L}\p{N}_@/])([@＠][A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)`),
	}
}

func (m *entityMatchers) extract(p *Post, b *Block) {
	// Most blocks have no sigil at all; the regular expressions are slow
	// to find that out.
	if strings.ContainsAny(b.Text, "#＃") {
		m.hashtags(p, b)
	}
	if strings.ContainsAny(b.Text, "@＠") {
		m.mentions(p, b)
	}
}

func (m *entityMatchers) hashtags(p *Post, b *Block) {
	for _, t := range twittertext.ExtractHashtags(b.Text) {
		p.Hashtags = append(p.Hashtags, Entity{Text: t.Text, Span: p.Span(b, t.Start, t.End)})
		p.Blocks = append(p.Blocks, b.sub(Hashtag, t.End-len(t.Text), t.End))
	}
}

func (m *entityMatchers) mentions(p *Post, b *Block) {
	for _, loc := range m.mentionSpans(b.Text) {
		s, e := loc[0], loc[1]
		sigil := len("@")
		if b.Text[s] != '@' {
			sigil = len("＠")
		}
		p.Mentions = append(p.Mentions, Entity{Text: b.Text[s+sigil : e], Span: p.Span(b, s, e)})
	}
}

// mentionSpans are the byte ranges of the mentions in text, sigil
// included.
func (m *entityMatchers) mentionSpans(text string) [][2]int {
	var out [][2]int
	for _, loc := range m.mention.FindAllStringSubmatchIndex(text, -1) {
		s, e := loc[2], loc[3]
		if r, _ := utf8.DecodeRuneInString(text[e:]); unicode.In(r, unicode.L, unicode.M, unicode.N) {
			continue // "@zoë" is not a mention of @zo
		}
		out = append(out, [2]int{s, e})
	}
	return out
}

// withoutMentions is text with its mentions cut out: handles are not
// words a reader reads.
func (m *entityMatchers) withoutMentions(text string) string {
	if !strings.ContainsAny(text, "@＠") {
		return text
	}
	var b strings.Builder
	last := 0
	for _, sp := range m.mentionSpans(text) {
		b.WriteString(text[last:sp[0]])
		last = sp[1]
	}
	b.WriteString(text[last:])
	return b.String()
}
