// Package schema gives JSON Schemas (draft-07) of what Greenlight reads and
// writes, for editors and programs: a post's front matter, which
// yaml-language-server checks as a writer types (a modeline in the post,
// or a mapping in the editor's settings), and the report of check
// --format json, a public contract whose fields are only ever added.
//
// The schemas are built from the same lists the engine checks against
// (content.FrontMatterKeys, the config's channels and front_matter_keys),
// so an editor never accepts what check refuses.
package schema
