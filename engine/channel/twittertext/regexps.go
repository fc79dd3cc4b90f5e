package twittertext

import (
	"regexp"
	"sync"
)

// The patterns below follow twitter-text's js/src/regexp/*.js one for one
// (names in comments). Go's regexp package is RE2: it returns the match a
// backtracking engine would find first ("leftmost-first"), but it has no
// lookaround. Where upstream looks ahead:
//
//   - after a top-level domain, (?=[^0-9a-zA-Z@+-]|$): the extraction code
//     in urlmatch.go tests the next character itself. The test oracle in
//     urlregexp_test.go compiles the whole extractUrl expression instead,
//     with the lookahead as a consuming group placed last (nothing follows
//     it but the optional port, path and query, which all start with a
//     character the lookahead accepts), and checks both agree;
//   - after a cashtag, (?=$|\s|[punct]): consumed likewise, and the scan
//     resumes before the consumed character, as JavaScript's lastIndex does;
//   - in hashtags, (?!\uFE0F|\u20E3) and (?!#{hashtagAlphaNumeric}|&): a
//     single-character test, done in code (extract.go).
//
// A "^" alternative of a preceding-character group is kept in a
// first-search variant of a pattern only; later searches start after the
// previous match, where "^" can never match. JavaScript's case-insensitive
// matching without the u flag folds only through toUpperCase, so ASCII
// classes that must not pick up U+017F ſ or U+212A K (which Go's (?i) adds)
// are marked (?-i:…) or spell out both cases instead.

const (
	// invalidCharsGroup
	invalidCharsGroup = `\x{FFFE}\x{FEFF}\x{FFFF}`
	// punct (note: upstream has no '"' and no '`' in it)
	punct = `!'#%&()*+,\\\-./:;<=>?@\[\]\^_{|}~$`
	// spacesGroup
	spacesGroup = `\x09-\x0D\x20\x{85}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}`
	// latinAccentChars
	latinAccentChars = `\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}\x{100}-\x{24F}\x{253}\x{254}\x{256}\x{257}\x{259}\x{25B}\x{263}\x{268}\x{26F}\x{272}\x{289}\x{28B}\x{2BB}\x{300}-\x{36F}\x{1E00}-\x{1EFF}`
	// cyrillicLettersAndMarks
	cyrillicLettersAndMarks = `\x{400}-\x{4FF}`

	// validDomainChars = [^#{invalidDomainChars}]
	validDomainChars = `[^` + punct + spacesGroup + invalidCharsGroup + `]`
	// validSubdomain
	validSubdomain = `(?:(?:` + validDomainChars + `(?:[_-]|` + validDomainChars + `)*)?` + validDomainChars + `\.)`
	// validDomainName
	validDomainName = `(?:(?:` + validDomainChars + `(?:-|` + validDomainChars + `)*)?` + validDomainChars + `\.)`
	// validGTLD and validCCTLD without their trailing lookahead
	validTLD = `(?:` + gTLDs + `|` + ccTLDs + `)`
	// tldLookaheadPattern is (?=[^0-9a-zA-Z@+-]|$) made consuming.
	tldLookaheadPattern = `(?:(?-i:[^0-9a-zA-Z@+\-])|$)`
	// validPunycode
	validPunycode = `(?:xn--[\-0-9a-z]+)`

	// validUrlPrecedingChars, without its "^" alternative. The upstream
	// [#{directionalMarkersGroup}] alternative is already covered by the
	// negated class.
	validURLPrecedingChar = `(?-i:[^A-Za-z0-9@＠$#＃` + invalidCharsGroup + `])`

	// validGeneralUrlPathChars
	validGeneralURLPathChars = `[a-zA-Z` + cyrillicLettersAndMarks + `0-9!*';:=+,.$/%#\[\]\-\x{2013}_~@|&` + latinAccentChars + `]`
	// validUrlBalancedParens: up to one nested level of balanced parentheses
	validURLBalancedParens = `\((?:` + validGeneralURLPathChars + `+|(?:` + validGeneralURLPathChars + `*\(` + validGeneralURLPathChars + `+\)` + validGeneralURLPathChars + `*))\)`
	// validUrlPathEndingChars
	validURLPathEndingChars = `(?:[+\-a-zA-Z` + cyrillicLettersAndMarks + `0-9=_#/` + latinAccentChars + `]|(?:` + validURLBalancedParens + `))`
	// validUrlPath
	validURLPath = `(?:(?:` + validGeneralURLPathChars + `*(?:` + validURLBalancedParens + validGeneralURLPathChars + `*)*` + validURLPathEndingChars + `)|(?:@` + validGeneralURLPathChars + `+/))`
	// validUrlQueryChars and validUrlQueryEndingChars
	validURLQueryChars       = `[a-zA-Z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]`
	validURLQueryEndingChars = `[a-zA-Z0-9\-_&=#/]`
	urlQuery                 = `\?` + validURLQueryChars + `*` + validURLQueryEndingChars
	// validPortNumber
	validPortNumber = `[0-9]+`
)

// compiledTCOPattern is validTcoUrl.
var compiledTCOPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[hH][tT][tT][pP][sS]?://[tT]\.[cC][oO]/([a-zA-Z0-9]+)(?:` + urlQuery + `)?`)
})
