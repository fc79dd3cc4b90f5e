package twittertext

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// IsValidTweetText reports whether text is a valid post under cfg: not
// empty, within the weighted limit, and free of invalid characters
// (twitter-text's isValidTweetText).
func IsValidTweetText(text string, cfg Config) bool {
	if text == "" {
		return false
	}
	if Parse(text, cfg).WeightedLength > cfg.MaxWeightedTweetLength {
		return false
	}
	for _, r := range text {
		if isInvalidChar(r) {
			return false
		}
	}
	return true
}

// IsValidUsername reports whether s is exactly one mention, "@name".
func IsValidUsername(s string) bool {
	if s == "" {
		return false
	}
	m := ExtractMentions(s)
	return len(m) == 1 && m[0].Text == dropFirstRune(s)
}

// IsValidList reports whether s is exactly one list, "@name/slug".
func IsValidList(s string) bool {
	m := compiledMentionPatterns().list.FindStringSubmatchIndex(s)
	return m != nil && m[2] == m[3] && m[8] >= 0 && m[9] > m[8]
}

// IsValidHashtag reports whether s is exactly one hashtag, "#tag".
func IsValidHashtag(s string) bool {
	if s == "" {
		return false
	}
	tags := ExtractHashtags(s)
	return len(tags) == 1 && tags[0].Text == dropFirstRune(s)
}

func dropFirstRune(s string) string {
	_, size := utf8.DecodeRuneInString(s)
	return s[size:]
}

// IsValidURL ports twitter-text's isValidUrl: s must be a whole URL with
// an http or https scheme (unless requireProtocol is false) and a valid
// authority, path, query and fragment. unicodeDomains allows unencoded
// internationalized host names.
func IsValidURL(s string, unicodeDomains, requireProtocol bool) bool {
	if s == "" {
		return false
	}
	p := compiledValidateURLPatterns()
	parts := p.unencoded.FindStringSubmatchIndex(s)
	if parts == nil || parts[0] != 0 || parts[1] != len(s) {
		return false
	}
	group := func(i int) (string, bool) {
		if parts[2*i] < 0 {
			return "", false
		}
		return s[parts[2*i]:parts[2*i+1]], true
	}
	scheme, hasScheme := group(1)
	authority, _ := group(2)
	path, _ := group(3)
	query, _ := group(4)
	fragment, _ := group(5)

	if requireProtocol {
		if !hasScheme || !wholeMatch(p.scheme, scheme) {
			return false
		}
		if l := strings.ToLower(scheme); l != "http" && l != "https" {
			return false
		}
	}
	if !wholeMatch(p.path, path) ||
		(query != "" && !wholeMatch(p.query, query)) ||
		(fragment != "" && !wholeMatch(p.fragment, fragment)) {
		return false
	}
	if unicodeDomains {
		return wholeMatch(p.unicodeAuthority, authority)
	}
	return wholeMatch(p.authority, authority)
}

// wholeMatch ports isValidMatch: the first match of re in s must be s.
func wholeMatch(re *regexp.Regexp, s string) bool {
	loc := re.FindStringIndex(s)
	return loc != nil && loc[0] == 0 && loc[1] == len(s)
}

type validateURLPatterns struct {
	unencoded, scheme, path, query, fragment, authority, unicodeAuthority *regexp.Regexp
}

// The validateUrl* patterns (RFC 3986 based), all case-insensitive.
const (
	vuUnreserved = `[a-z\x{400}-\x{4FF}0-9\-._~]`
	vuPctEncoded = `(?:%[0-9a-f]{2})`
	vuSubDelims  = `[!$&'()*+,;=]`
	vuPchar      = `(?:` + vuUnreserved + `|` + vuPctEncoded + `|` + vuSubDelims + `|[:|@])`
	vuUserinfo   = `(?:` + vuUnreserved + `|` + vuPctEncoded + `|` + vuSubDelims + `|:)*`
	vuDecOctet   = `(?:[0-9]|(?:[1-9][0-9])|(?:1[0-9]{2})|(?:2[0-4][0-9])|(?:25[0-5]))`
	vuIPv4       = `(?:` + vuDecOctet + `(?:\.` + vuDecOctet + `){3})`
	vuIPv6       = `(?:\[[a-f0-9:.]+\])`
	vuIP         = `(?:` + vuIPv4 + `|` + vuIPv6 + `)`
	vuPort       = `[0-9]{1,5}`

	vuSubDomainSegment = `(?:[a-z0-9](?:[a-z0-9_\-]*[a-z0-9])?)`
	vuDomainSegment    = `(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)`
	vuDomainTLD        = `(?:[a-z](?:[a-z0-9\-]*[a-z0-9])?)`
	vuDomain           = `(?:(?:` + vuSubDomainSegment + `\.)*(?:` + vuDomainSegment + `\.)` + vuDomainTLD + `)`
	vuHost             = `(?:` + vuIP + `|` + vuDomain + `)`

	nonASCII                  = `[^\x00-\x7f]`
	vuUnicodeSubDomainSegment = `(?:(?:[a-z0-9]|` + nonASCII + `)(?:(?:[a-z0-9_\-]|` + nonASCII + `)*(?:[a-z0-9]|` + nonASCII + `))?)`
	vuUnicodeDomainSegment    = `(?:(?:[a-z0-9]|` + nonASCII + `)(?:(?:[a-z0-9\-]|` + nonASCII + `)*(?:[a-z0-9]|` + nonASCII + `))?)`
	vuUnicodeDomainTLD        = `(?:(?:[a-z]|` + nonASCII + `)(?:(?:[a-z0-9\-]|` + nonASCII + `)*(?:[a-z0-9]|` + nonASCII + `))?)`
	vuUnicodeDomain           = `(?:(?:` + vuUnicodeSubDomainSegment + `\.)*(?:` + vuUnicodeDomainSegment + `\.)` + vuUnicodeDomainTLD + `)`
	vuUnicodeHost             = `(?:` + vuIP + `|` + vuUnicodeDomain + `)`
)

var compiledValidateURLPatterns = sync.OnceValue(func() *validateURLPatterns {
	return &validateURLPatterns{
		// validateUrlUnencoded (modified RFC 3986 Appendix B); JavaScript's
		// '.' does not match line terminators.
		unencoded: regexp.MustCompile(`(?i)^(?:([^:/?#]+)://)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#([^\n\r\x{2028}\x{2029}]*))?$`),
		scheme:    regexp.MustCompile(`(?i)(?:[a-z][a-z0-9+\-.]*)`),
		path:      regexp.MustCompile(`(?i)(/` + vuPchar + `*)*`),
		query:     regexp.MustCompile(`(?i)(` + vuPchar + `|/|\?)*`),
		fragment:  regexp.MustCompile(`(?i)(` + vuPchar + `|/|\?)*`),
		authority: regexp.MustCompile(`(?i)(?:(` + vuUserinfo + `)@)?(` + vuHost + `)(?::(` + vuPort + `))?`),
		unicodeAuthority: regexp.MustCompile(`(?i)(?:(` + vuUserinfo + `)@)?(` + vuUnicodeHost + `)(?::(` +
			vuPort + `))?`),
	}
})
