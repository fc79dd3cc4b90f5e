// Package langserver is Greenlight's Language Server Protocol front end:
// an editor's view of the same engine `greenlight check` runs. It checks
// the posts an editor has open as they are typed (once typing pauses: see
// debounce) and publishes the findings as diagnostics (UTF-16 ranges, the
// rule id as code, the rule's link), offers each known fix as a quick fix (the edit of the pull
// request's one-click suggestion), explains a finding or the post's
// channel counts and sign-off stages on hover, and reports mistakes in
// greenlight.hcl at their ranges, rebuilding the engine when the config,
// a policy or a style changes.
//
// Like the reporters, it is an edge of the program: it only reads the
// engine's results. The protocol types are github.com/tliron/glsp's
// (LSP 3.16); the JSON-RPC connection is github.com/sourcegraph/jsonrpc2,
// which glsp's own server uses, driven here directly so that the caller
// chooses the streams and nothing writes to standard output but the
// protocol.
package langserver
