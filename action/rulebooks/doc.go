// Package rulebooks fetches shared rulebooks (the config's source blocks)
// from git into the cache that engine/rulebook reads, for greenlight sync
// and the GitHub Action.
//
// It resolves a source's ref on the server (a tag to its commit; a branch
// is refused), fetches exactly that commit into a bare repository of its
// own with git (https only; plain http to this machine only when the
// transport allows it, for tests), and writes the blobs of the folders the
// config uses from the object store into <cache>/<name>/<commit>/, as
// action/gitrepo.Extract does: no checkout, no attribute or filter, no
// symlink or submodule materialized. The digest of what was written is
// what greenlight.lock pins.
package rulebooks
