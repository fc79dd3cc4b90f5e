// Package normalize prepares text for matching policy terms: compliance
// triggers, embargoed terms and a team's banned words. A post that writes
// "ｇｕａｒａｎｔｅｅｄ", "guar\u00ADanteed", "guarant&#101;ed" or
// "guarantееd" (with Cyrillic е) publishes "guaranteed" to every reader,
// so a term must match it too.
//
// Text applies, in order: HTML character references decoded (as
// html.UnescapeString decodes them); the backslash of a Markdown escape
// (risk\-free) dropped; Unicode default-ignorable code points
// removed (zero-width space, soft hyphen, word joiner, byte-order mark,
// variation selectors, tag characters, bidirectional controls…) except
// inside emoji sequences, where joiners and selectors belong; every other
// space character made an ASCII space; NFKC (full-width and mathematical
// letters, ligatures, composed accents); characters that look like an
// ASCII character (Unicode TR39 confusables: Cyrillic а, Greek ο, a
// Unicode hyphen) replaced by it, and the Latin small capitals of "small
// caps" text (ʀɪsᴋ) by their letters, which TR39 maps only in part; and
// combining diacritical marks that composed with no letter (the underline
// and strike-through of "fancy text") dropped. Runs of white space are left as they are: a term's
// spaces match any run (config.PolicyToken).
//
// Text keeps, for every byte of the normalized text, the bytes of the
// original that produced it, so a match is reported on the exact span the
// author wrote. Pure ASCII text without '&' or '\' is returned as it is,
// at the cost of one scan.
//
// Only policy terms are matched on normalized text. Style rules keep Vale's
// semantics and see the text as written.
package normalize
