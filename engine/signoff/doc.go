// Package signoff holds the sign-off state of a post: each stage's verdict
// as the policies decide it, with the deadline the engine adds. Like
// finding, it imports nothing of ours, so that the policies, the engine,
// the reporters and the Action share one type without depending on each
// other.
package signoff
