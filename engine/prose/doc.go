// Package prose measures English text: sentences, words, syllables and the
// Flesch-Kincaid grade. It works on plain strings and returns byte offsets,
// so callers can map results back to files.
package prose
