// Package policy runs Greenlight's Rego policies: the bundled ones and the
// team's own. It loads and compiles every module once, prepares its
// queries once, and then evaluates any number of input documents, in
// parallel, each with a time limit. Policies run with OPA capabilities that
// leave out network and environment builtins unless the config allows them.
//
// A bundled package whose inputs the config lacks entirely (compliance
// triggers, embargoes, voice limits, stages) cannot decide anything, and is
// not evaluated: see Inputs, which the engine fills from the config.
//
// The contract between Go and Rego (the input document and the decisions a
// package may define) is documented in policies/README.md.
package policy
