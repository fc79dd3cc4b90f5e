// Package finding is the currency every part of Greenlight speaks: a Finding
// is one thing wrong (or worth knowing) about one post, at one place, with an
// optional fix. It imports nothing of ours so that rules, policies and
// reporters can all depend on it without depending on each other.
package finding
