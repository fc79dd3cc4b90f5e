// Package vale loads a Vale style package — a folder of rule YAML files such
// as styles/Microsoft — unchanged, as style.Specs.
//
// Each file declares one rule, named "<Folder>.<File>" as Vale names it
// (Microsoft/Contractions.yml is Microsoft.Contractions). Every key Vale
// documents for the seven rule types Greenlight supports (existence,
// substitution, occurrence, repetition, capitalization, readability,
// conditional) maps onto a style.Spec field, and a rule may extend another
// rule ("extends: Microsoft.Terms") as Vale allows.
//
// Problems are reported as hcl.Diagnostics that carry the file and the line
// and column of the offending YAML node: malformed YAML, wrong types, unknown
// keys and unknown scopes are errors, and the rule is left out. A rule of a
// type Greenlight does not run (sequence, consistency, metric, script), or
// one that reads only parts of a document Greenlight does not model (raw,
// code, table cells, …), is skipped with a warning so that users know it is
// not applied.
//
// Keys that only matter to Vale itself (description, limit, selector,
// action, tests) are accepted and ignored, as are the
// capitalization keys indicators, threshold and prefix, which style.Spec
// cannot yet express.
package vale
