package channel

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/channel/twittertext"
)

// mastodonMentionPattern is Mastodon's Account::MENTION_RE from the '@' on:
//
//	@((USERNAME_RE)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)
//	USERNAME_RE = /[a-z0-9_]+([.-]+[a-z0-9_]+)*/i
//
// Its lookbehind, (?<![=/[:word:]]), is checked in code.
var mastodonMentionPattern = sync.OnceValue(func() *regexp.Regexp {
	const word = `[\p{L}\p{M}\p{Nd}\p{Pc}]`
	return regexp.MustCompile(`^@([a-zA-Z0-9_]+(?:[.\-]+[a-zA-Z0-9_]+)*)(?:@` + word + `+(?:[.\-]+` + word + `+)*)?`)
})

// mastodonMentions finds the mentions Mastodon rewrites to their local
// part before counting, as spans worth len("@user").
func mastodonMentions(text string) []span {
	if !strings.Contains(text, "@") {
		return nil
	}
	re := mastodonMentionPattern()
	var spans []span
	for i := 0; i < len(text); {
		at := strings.IndexByte(text[i:], '@')
		if at < 0 {
			break
		}
		at += i
		if r, _ := utf8.DecodeLastRuneInString(text[:at]); at > 0 && (r == '=' || r == '/' || isRubyWord(r)) {
			i = at + 1
			continue
		}
		m := re.FindStringSubmatchIndex(text[at:])
		if m == nil {
			i = at + 1
			continue
		}
		end := at + m[1]
		i = end
		// Mastodon's extractor applies twitter-text's end_mention_match.
		if twittertext.EndMentionMatch(text[end:]) {
			continue
		}
		spans = append(spans, span{at, end, 1 + m[3] - m[2]})
	}
	return spans
}

// isRubyWord is Onigmo's [[:word:]]: letters, marks, decimal digits and
// connector punctuation.
func isRubyWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || (r >= '0' && r <= '9') || (r|0x20 >= 'a' && r|0x20 <= 'z')
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Pc)
}
