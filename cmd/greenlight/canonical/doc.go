// Package canonical lays out greenlight.hcl and Rego files the one way the
// project writes them: HCL as terraform fmt does (hclwrite.Format), Rego as
// opa fmt does for Rego v1. A file that does not parse is never laid out:
// its problems come back as diagnostics with file, line and column, so that
// a formatter never rewrites what it could not read.
package canonical
