// Package bundle packs a rulebook's folders into an OPA bundle, and reads
// one back, verifying its signature, into the files Greenlight loads.
//
// A rulebook bundle is an ordinary OPA bundle (a .tar.gz with a
// .manifest, read and written by OPA's own bundle package): its Rego files
// are the bundle's modules, at their paths in the rulebook; every other
// file of the folders packed (Vale styles, vocabularies) is carried as
// text in the bundle's data document under "greenlight_rulebook.files",
// keyed by its path. The manifest's revision is the rulebook's version.
// A signed bundle carries OPA's .signatures.json, which covers every file
// of the archive; Read refuses a bundle that is unsigned, signed by
// another key, or changed after signing, whenever it is given a key.
package bundle
