// Package report prints findings: one Reporter per output format (text,
// json, sarif, github, rdjsonl, junit, gitlab). Reporters only format;
// they never decide what is a failure, and they never see the engine, only
// the Run they are given.
package report
