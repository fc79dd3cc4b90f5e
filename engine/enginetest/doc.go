// Package enginetest makes realistic corpora of posts for benchmarks and
// tests: short social copy with hashtags, mentions, links, emoji, the odd
// hype word and brand-name slip, generated deterministically from a seed.
package enginetest
