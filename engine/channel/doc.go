// Package channel measures a post's text against the length rules of the
// channels it is published to: X, Bluesky, Mastodon, Threads, LinkedIn,
// Instagram and Facebook.
//
// The figures are data, in the embedded limits.json, each with its source
// and the date it was checked; Limits and Lookup return them. How a channel
// counts is code, in Measure:
//
//   - x: twitter-text v3 weighted length (see package twittertext): most
//     Latin text weighs 1 per character, CJK 2, an emoji sequence 2, every
//     URL 23.
//   - bluesky: grapheme clusters, and UTF-8 bytes against MaxBytes.
//   - mastodon: grapheme clusters, where every http(s) URL counts as
//     URLLength and a remote mention @user@host counts as @user.
//   - threads: code points, where an emoji sequence counts as its UTF-8
//     byte length.
//   - linkedin, instagram, facebook and any other channel: in its Unit
//     (code points for "characters"); URLs count as URLLength when set.
//
// Hashtags and links (distinct URLs) are found with twittertext and
// checked against MaxHashtags and MaxLinks where a channel caps them.
// ReservedLinkedIn finds the characters LinkedIn's API silently truncates
// at, so a finding can warn about them.
package channel
