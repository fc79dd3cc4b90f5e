// Package engine is Greenlight's pipeline: it takes a loaded config and a
// set of post files, parses the posts, runs the style rules, and returns
// findings and diagnostics. It knows nothing of terminals, GitHub or exit
// codes; the command line and the Action build on it.
//
//	config + posts → content.Post → style (and, later, channel, tone, policy) → findings
package engine
