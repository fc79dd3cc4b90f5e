package twittertext

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Entity is a hashtag, mention, cashtag or URL found in a text.
type Entity struct {
	// Text is the entity without its sign: the hashtag without '#', the
	// screen name without '@', the cashtag without '$', or the whole URL.
	Text string
	// Start and End are byte offsets into the input. Like upstream's
	// indices they cover the sign too ("#tag", "@name", "$TAG").
	Start, End int
}

// MentionOrList is a mention, or a list when ListSlug is not empty.
type MentionOrList struct {
	ScreenName string
	ListSlug   string // "/slug" or ""
	Start, End int    // byte offsets, '@' included
}

// ExtractHashtags returns the hashtags in text, leaving out those inside
// URLs, as twitter-text's extractHashtagsWithIndices does.
func ExtractHashtags(text string) []Entity {
	tags := scanHashtags(text)
	if len(tags) == 0 {
		return tags
	}
	return withoutURLOverlap(tags, ExtractURLs(text))
}

// ExtractHashtagsWithURLs is ExtractHashtags for a caller that already has
// the text's URLs (from ExtractURLs), to avoid finding them twice.
func ExtractHashtagsWithURLs(text string, urls []Entity) []Entity {
	return withoutURLOverlap(scanHashtags(text), urls)
}

// scanHashtags ports validHashtag with endHashtagMatch:
//
//	(hashtagBoundary)(hashSigns)(?!\uFE0F|\u20E3)(alnum*alpha alnum*)
//
// where hashtagBoundary is ^, U+FE0E, U+FE0F, or a code point that is
// neither hashtagAlphaNumeric nor '&'. The hashtag text is the longest run
// of alphanumerics after the sign, provided it has a letter or mark.
func scanHashtags(text string) []Entity {
	if !strings.ContainsRune(text, '#') && !strings.ContainsRune(text, '＃') {
		return nil
	}
	var tags []Entity
	pos := 0 // where the next match may begin (JavaScript's lastIndex)
	for h := 0; h < len(text); {
		r, size := utf8.DecodeRuneInString(text[h:])
		if r != '#' && r != '＃' {
			h += size
			continue
		}
		if !hashtagBoundaryBefore(text, pos, h) {
			h += size
			continue
		}
		hash, start := h, h+size
		end := start
		hasAlpha := false
		for end < len(text) {
			c, n := utf8.DecodeRuneInString(text[end:])
			if !isHashtagAlphaNumeric(c) || (end == start && (c == '\uFE0F' || c == '\u20E3')) {
				break
			}
			hasAlpha = hasAlpha || isHashtagAlpha(c)
			end += n
		}
		if !hasAlpha {
			h += size
			continue
		}
		pos = end
		h = end
		if after := text[end:]; strings.HasPrefix(after, "#") || strings.HasPrefix(after, "＃") || strings.HasPrefix(after, "://") {
			continue
		}
		tags = append(tags, Entity{Text: text[start:end], Start: hash, End: end})
	}
	return tags
}

// hashtagBoundaryBefore reports whether the hash sign at h can start a match
// that begins at or after pos: it is at the start of the text, or the code
// point before it (which the match consumes) begins at or after pos and is
// U+FE0E, U+FE0F, or neither alphanumeric nor '&'.
func hashtagBoundaryBefore(text string, pos, h int) bool {
	if h == 0 {
		return pos == 0
	}
	r, size := utf8.DecodeLastRuneInString(text[:h])
	if h-size < pos {
		return false
	}
	return r == '\uFE0E' || r == '\uFE0F' || (!isHashtagAlphaNumeric(r) && r != '&')
}

// isHashtagAlpha ports hashtagAlpha: bmpLetterAndMarks and
// astralLetterAndMarks, which upstream generated from \p{L}\p{M}.
func isHashtagAlpha(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M)
}

// isHashtagAlphaNumeric ports hashtagAlphaNumeric: letters, marks, decimal
// digits (bmpNumerals, astralNumerals) and hashtagSpecialChars.
func isHashtagAlphaNumeric(r rune) bool {
	if r < 0x80 {
		return r == '_' || (r >= '0' && r <= '9') || (r|0x20 >= 'a' && r|0x20 <= 'z')
	}
	switch r {
	case '\u200c', '\u200d', '\ua67e', '\u05be', '\u05f3', '\u05f4', '\uff5e', '\u301c',
		'\u309b', '\u309c', '\u30a0', '\u30fb', '\u3003', '\u0f0b', '\u0f0c', '\u00b7':
		return true
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.Nd)
}

// withoutURLOverlap ports the checkUrlOverlap step: merge with the URLs,
// sort by start (stably, hashtags first on ties), drop every entity that
// starts before the previous kept one ends, and keep the hashtags. Both
// lists are already sorted, so it merges them, filtering tags in place.
func withoutURLOverlap(tags, urls []Entity) []Entity {
	if len(urls) == 0 || len(tags) == 0 {
		return tags
	}
	out := tags[:0]
	prevEnd := -1
	for i, j := 0, 0; i < len(tags) || j < len(urls); {
		isTag := j == len(urls) || (i < len(tags) && tags[i].Start <= urls[j].Start)
		var e Entity
		if isTag {
			e = tags[i]
			i++
		} else {
			e = urls[j]
			j++
		}
		if prevEnd > e.Start {
			continue
		}
		prevEnd = e.End
		if isTag {
			out = append(out, e)
		}
	}
	return out
}

// mentionPatterns holds validMentionOrList (first search and later ones)
// and validReply; built once, read-only.
type mentionPatterns struct {
	first, next, list, reply *regexp.Regexp
}

const (
	// validMentionPrecedingChars without its "^" alternatives.
	mentionPrecedingNext  = `(?:[^a-zA-Z0-9_!#$%&*@＠]|[^a-zA-Z0-9_+~.\-](?:rt|RT|rT|Rt):?)`
	mentionPrecedingFirst = `(?:^|[^a-zA-Z0-9_!#$%&*@＠]|(?:^|[^a-zA-Z0-9_+~.\-])(?:rt|RT|rT|Rt):?)`
	// atSigns, screen name, optional list.
	mentionBody = `([@＠])([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_\-]{0,24})?`
)

var compiledMentionPatterns = sync.OnceValue(func() *mentionPatterns {
	return &mentionPatterns{
		first: regexp.MustCompile(`(` + mentionPrecedingFirst + `)` + mentionBody),
		next:  regexp.MustCompile(`(` + mentionPrecedingNext + `)` + mentionBody),
		list:  regexp.MustCompile(`^(` + mentionPrecedingFirst + `)` + mentionBody + `$`),
		reply: regexp.MustCompile(`^(?:[` + spacesGroup + `])*[@＠]([a-zA-Z0-9_]{1,20})`),
	}
})

// ExtractMentions returns the mentioned screen names (mentions that are not
// lists), as twitter-text's extractMentionsWithIndices.
//
// These are X's mentions only: a post's mentions as policies read them
// (engine/content) are found by a pattern of their own that also takes
// fediverse accounts (@user@example.social) and 30-character names, which
// X does not link; its hashtags, by contrast, are ExtractHashtags'.
func ExtractMentions(text string) []Entity {
	var out []Entity
	for _, m := range ExtractMentionsOrLists(text) {
		if m.ListSlug == "" {
			out = append(out, Entity{Text: m.ScreenName, Start: m.Start, End: m.End})
		}
	}
	return out
}

// ExtractMentionsOrLists ports extractMentionsOrListsWithIndices.
func ExtractMentionsOrLists(text string) []MentionOrList {
	if !strings.ContainsRune(text, '@') && !strings.ContainsRune(text, '＠') {
		return nil
	}
	p := compiledMentionPatterns()
	var out []MentionOrList
	for pos := 0; pos < len(text); {
		m := findFrom(p.first, p.next, text, pos)
		if m == nil {
			break
		}
		end := m[1]
		pos = end
		if EndMentionMatch(text[end:]) {
			continue
		}
		mention := MentionOrList{ScreenName: text[m[6]:m[7]], Start: m[4], End: end}
		if m[8] >= 0 {
			mention.ListSlug = text[m[8]:m[9]]
		}
		out = append(out, mention)
	}
	return out
}

// ExtractReplyScreenName ports extractReplies: the screen name a text
// replies to (a mention at its very start, after spaces only), or "".
func ExtractReplyScreenName(text string) string {
	m := compiledMentionPatterns().reply.FindStringSubmatchIndex(text)
	if m == nil || EndMentionMatch(text[m[1]:]) {
		return ""
	}
	return text[m[2]:m[3]]
}

// EndMentionMatch ports endMentionMatch: /^(?:[@＠]|[latinAccentChars]|:\/\/)/.
// It reports whether what follows a mention rules the mention out: an at
// sign, a Latin accented letter or "://". Mastodon's extractor applies it
// too (see engine/channel's mastodonMentions).
func EndMentionMatch(after string) bool {
	if strings.HasPrefix(after, "://") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	return r == '@' || r == '＠' || isLatinAccent(r)
}

// isLatinAccent is latinAccentChars.
func isLatinAccent(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x24F,
		r >= 0x300 && r <= 0x36F, r >= 0x1E00 && r <= 0x1EFF:
		return true
	}
	switch r {
	case 0x253, 0x254, 0x256, 0x257, 0x259, 0x25B, 0x263, 0x268, 0x26F, 0x272, 0x289, 0x28B, 0x2BB:
		return true
	}
	return false
}

// cashtagPatterns holds validCashtag for the first search and later ones.
type cashtagPatterns struct{ first, next *regexp.Regexp }

const (
	// JavaScript's \s.
	jsWhitespace = `\t\n\x0B\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}`
	// cashtag, then its lookahead (?=$|\s|[punct]) made consuming.
	cashtagBody = `\$([a-zA-Z]{1,6}(?:[._][a-zA-Z]{1,2})?)(?:$|[` + jsWhitespace + punct + `])`
)

var compiledCashtagPatterns = sync.OnceValue(func() *cashtagPatterns {
	return &cashtagPatterns{
		first: regexp.MustCompile(`(?:^|[` + spacesGroup + `])` + cashtagBody),
		next:  regexp.MustCompile(`[` + spacesGroup + `]` + cashtagBody),
	}
})

// ExtractCashtags ports extractCashtagsWithIndices.
func ExtractCashtags(text string) []Entity {
	if !strings.ContainsRune(text, '$') {
		return nil
	}
	p := compiledCashtagPatterns()
	var out []Entity
	for pos := 0; pos < len(text); {
		m := findFrom(p.first, p.next, text, pos)
		if m == nil {
			break
		}
		// m[2]:m[3] is the cashtag; the '$' is the byte before it.
		out = append(out, Entity{Text: text[m[2]:m[3]], Start: m[2] - 1, End: m[3]})
		pos = m[3]
	}
	return out
}

// findFrom finds the next match at or after pos: with first at the start
// of the text, else with next (which stands in for upstream's lookbehind)
// on the rest, and returns offsets into text.
func findFrom(first, next *regexp.Regexp, text string, pos int) []int {
	if pos == 0 {
		return first.FindStringSubmatchIndex(text)
	}
	m := next.FindStringSubmatchIndex(text[pos:])
	for i := range m {
		if m[i] >= 0 {
			m[i] += pos
		}
	}
	return m
}
