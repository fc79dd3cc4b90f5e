// Package style is Greenlight's prose linter: Vale-class rule types
// (existence, substitution, occurrence, repetition, capitalization,
// readability, conditional), each declared as a Spec, compiled once into a
// Rule, and run over the prose of many posts. A pattern is checked when its
// Rule is built; one that runs only where its literals occur compiles the
// first time it runs.
//
// A Spec is plain data. It comes from a `rule` block of greenlight.hcl
// (engine/config) or from a Vale style package (engine/style/vale); both
// produce the same Spec, so a Vale rule and an HCL rule behave alike.
package style
