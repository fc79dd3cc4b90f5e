// Package rulebook loads shared rulebooks (the config's source blocks)
// from the local cache, and only as greenlight.lock pins them.
//
// greenlight sync fetches each source's pinned commit into
// <cache>/<name>/<commit>/ and writes greenlight.lock beside the config:
// for each source its URL, ref, resolved commit and a digest of the files
// used. Every other command (check, validate, test, the language server,
// the GitHub Action) reads a rulebook only through Open, which finds the
// cache entry of the locked commit and recomputes its digest on every
// load: a missing lock, a missing entry or a changed file fails closed,
// naming the command that mends it. Fetching is not here: the engine
// never touches the network (see action/rulebooks).
package rulebook
