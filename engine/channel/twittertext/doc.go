// Package twittertext is a Go port of the parsing and extraction parts of
// twitter-text (https://github.com/twitter/twitter-text, Apache License 2.0),
// the library X uses to count the weighted length of a post and to find its
// URLs, hashtags, mentions and cashtags.
//
// It follows the JavaScript implementation at the commit that last changed
// the conformance data (65e7e00, 2020-03-31) and passes that conformance
// suite (conformance/validate.yml and extract.yml); see conformance_test.go.
//
// Differences from upstream, all deliberate:
//
//   - Offsets of extracted entities are byte offsets into the Go string;
//     UTF16Offset and CodePointOffset convert them. Parse reports its ranges
//     in UTF-16 code units like upstream, plus ValidEndByte.
//   - Hashtag letters, marks and digits come from Go's unicode tables
//     (\p{L}, \p{M}, \p{Nd}), a newer Unicode version than upstream's
//     generated tables (which also had a few Apple private-use characters).
//   - Emoji sequences are found with the Unicode 17.0 emoji data (see the
//     internal emoji package) instead of the twemoji-parser regular
//     expression; both count one sequence once. twitter-text 3.1.0 ships
//     twemoji-parser 11 (Emoji 11.0), whose expression knows only the
//     fully-qualified forms of the sequences of its time, so it weighs a
//     newer sequence, or an older one written without its last U+FE0F
//     (the minimally-qualified "🏃\u200d♀"), as its parts: of the 5,266
//     emoji 17.0 sequences, 2,009 weigh differently there
//     (mostly 4 to 11 instead of 2). Non-standard ZWJ combinations may group
//     differently too.
//   - Go's regexp is RE2, without lookaround; upstream's lookaheads are
//     emulated as described in regexps.go, keeping the same matches.
package twittertext
