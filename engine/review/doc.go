// Package review holds the facts about a pull request's reviews that
// policies decide sign-offs from. It is plain data: the GitHub Action fills
// it (package action), a local check has none, and tests build it by hand.
package review
