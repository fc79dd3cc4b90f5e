package channel

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"

	"github.com/greenlighthq/greenlight/engine/channel/twittertext"
	"github.com/greenlighthq/greenlight/engine/internal/emoji"
)

// Count is a post's text measured against one channel's Limit.
type Count struct {
	Channel  string
	Length   int  // in Unit, with the channel's rules for URLs, mentions and emoji
	Limit    int  // the Limit's MaxLength
	Unit     Unit //
	Bytes    int  // UTF-8 bytes of the text
	MaxBytes int  // 0: no byte limit
	Hashtags int  // hashtags, as twitter-text finds them
	Links    int  // distinct URLs, with or without protocol
	// Fits reports whether the text is within every limit: length, bytes,
	// hashtags and links (and, on X, free of invalid characters).
	Fits bool
	// OverflowByte is the byte offset in the text of the first thing that
	// does not fit: the first character past the length or byte limit, or
	// the first hashtag or link past its cap. It is -1 when Fits.
	OverflowByte int
}

// Measure counts text by lim's channel rules (see the package
// documentation). It does not allocate for plain text without URLs,
// hashtags or mentions; the expressions it uses are compiled once.
func Measure(text string, lim Limit) Count {
	c := Count{
		Channel:      lim.Channel,
		Limit:        lim.MaxLength,
		Unit:         lim.Unit,
		Bytes:        len(text),
		MaxBytes:     lim.MaxBytes,
		OverflowByte: -1,
	}
	urls := twittertext.ExtractURLs(text)
	tags := twittertext.ExtractHashtagsWithURLs(text, urls)
	c.Hashtags = len(tags)
	links, linkOverflow := distinctLinks(urls, lim.MaxLinks)
	c.Links = links

	m := meter{max: lim.MaxLength, maxBytes: lim.MaxBytes, overflow: -1}
	switch {
	case lim.Unit == UnitWeighted:
		measureWeighted(text, lim, &m)
	case lim.Channel == "mastodon":
		m.walk(text, mastodonEntities(text, urls, lim.URLLength), UnitGraphemes)
	case lim.Channel == "threads":
		m.walkEmojiBytes(text)
	default:
		var ents []span
		if lim.URLLength > 0 {
			for _, u := range urls {
				ents = append(ents, span{u.Start, u.End, lim.URLLength})
			}
		}
		m.walk(text, ents, lim.Unit)
	}
	c.Length = m.length

	overflow := m.overflow
	if lim.MaxHashtags > 0 && len(tags) > lim.MaxHashtags {
		overflow = earliest(overflow, tags[lim.MaxHashtags].Start)
	}
	overflow = earliest(overflow, linkOverflow)
	c.OverflowByte = overflow
	c.Fits = overflow < 0
	return c
}

// earliest returns the smaller of two offsets, where -1 means none.
func earliest(a, b int) int {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}

// distinctLinks counts the distinct URLs and returns where the first one
// past max starts (-1 if none or max is 0).
func distinctLinks(urls []twittertext.Entity, max int) (n, overflow int) {
	overflow = -1
	for i, u := range urls {
		seen := false
		for _, v := range urls[:i] {
			if v.Text == u.Text {
				seen = true
				break
			}
		}
		if seen {
			continue
		}
		n++
		if max > 0 && n == max+1 {
			overflow = u.Start
		}
	}
	return n, overflow
}

// measureWeighted measures with twitter-text v3, adjusted to lim.
func measureWeighted(text string, lim Limit, m *meter) {
	cfg := twittertext.V3()
	cfg.MaxWeightedTweetLength = lim.MaxLength
	if lim.URLLength > 0 {
		cfg.TransformedURLLength = lim.URLLength
	}
	r := twittertext.Parse(text, cfg)
	m.length = r.WeightedLength
	if r.ValidEndByte < len(text) {
		m.overflow = r.ValidEndByte
	}
	if lim.MaxBytes > 0 && len(text) > lim.MaxBytes {
		m.overflow = earliest(m.overflow, runeStartAtOrBefore(text, lim.MaxBytes))
	}
}

func runeStartAtOrBefore(text string, i int) int {
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// span is a stretch of text that counts as units, whatever its length.
type span struct {
	start, end, units int
}

// meter adds up units and notes where the limits are first exceeded.
type meter struct {
	max, maxBytes int
	length        int
	overflow      int // byte offset, -1 while everything fits
}

// add counts one item, text[start:end], as units.
func (m *meter) add(start, end, units int) {
	m.length += units
	if m.overflow < 0 && (m.length > m.max || (m.maxBytes > 0 && end > m.maxBytes)) {
		m.overflow = start
	}
}

// walk counts text in unit, except that each span (sorted, not
// overlapping) counts as its units.
func (m *meter) walk(text string, spans []span, unit Unit) {
	i := 0
	for _, s := range spans {
		m.count(text, i, s.start, unit)
		m.add(s.start, s.end, s.units)
		i = s.end
	}
	m.count(text, i, len(text), unit)
}

// count counts text[start:end] in unit. Grapheme clusters are segmented
// within that stretch only: a span (a URL, a mention) is its own item, so
// a combining mark right after a link does not join the link's last
// cluster.
func (m *meter) count(text string, start, end int, unit Unit) {
	if unit == UnitGraphemes {
		// The iterator takes the ASCII fast path itself (an ASCII byte
		// followed by another one is a cluster, CR LF aside).
		g := graphemes.FromString(text[start:end])
		for g.Next() {
			m.add(start+g.Start(), start+g.End(), 1)
		}
		return
	}
	for i := start; i < end; {
		_, n := utf8.DecodeRuneInString(text[i:end])
		units := 1 // UnitCharacters
		if unit == UnitBytes {
			units = n
		}
		m.add(i, i+n, units)
		i += n
	}
}

// graphemeCount returns the number of extended grapheme clusters in s.
func graphemeCount(s string) int {
	n := 0
	for g := graphemes.FromString(s); g.Next(); {
		n++
	}
	return n
}

// walkEmojiBytes counts code points, except that an emoji sequence counts
// as its length in UTF-8 bytes (Threads).
func (m *meter) walkEmojiBytes(text string) {
	for i := 0; i < len(text); {
		if l := emoji.Len(text[i:]); l > 0 {
			m.add(i, i+l, l)
			i += l
			continue
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		m.add(i, i+n, 1)
		i += n
	}
}

// mastodonEntities returns the spans Mastodon's StatusLengthValidator
// rewrites before counting: every URL with a protocol becomes urlLength
// characters, every mention @user@host becomes @user. Overlaps are removed
// as twitter-text's removeOverlappingEntities does.
func mastodonEntities(text string, urls []twittertext.Entity, urlLength int) []span {
	var spans []span
	for _, u := range urls {
		if hasHTTPScheme(u.Text) {
			units := urlLength
			if units <= 0 {
				units = graphemeCount(u.Text)
			}
			spans = append(spans, span{u.Start, u.End, units})
		}
	}
	spans = append(spans, mastodonMentions(text)...)
	if len(spans) < 2 {
		return spans
	}
	slices.SortStableFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	kept := spans[:1]
	for _, s := range spans[1:] {
		if kept[len(kept)-1].end > s.start {
			continue
		}
		kept = append(kept, s)
	}
	return kept
}

func hasHTTPScheme(u string) bool {
	return len(u) >= 7 && (strings.EqualFold(u[:7], "http://") || (len(u) >= 8 && strings.EqualFold(u[:8], "https://")))
}
