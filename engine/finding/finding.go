package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Level is how much a finding matters. The zero value is Info so that a
// forgotten level never blocks a merge by accident; rules always set one.
type Level int

const (
	Info Level = iota
	Warning
	Error
)

// ParseLevel reads a level as users write it. "suggestion" is Vale's name
// for info and is accepted so Vale styles load unchanged.
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info", "suggestion":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Info, fmt.Errorf("unknown level %q (want error, warning or info)", s)
}

func (l Level) String() string {
	switch l {
	case Warning:
		return "warning"
	case Error:
		return "error"
	default:
		return "info"
	}
}

// MarshalText makes a Level print as its name in JSON and YAML.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText is the inverse of MarshalText.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Pos is a place in a file: 1-based line, 1-based column counted in Unicode
// code points (as Vale counts), and the byte offset in the file.
type Pos struct {
	Line   int `json:"line"`
	Col    int `json:"col"`
	Offset int `json:"-"`
}

// Span is the part of a file a finding is about. End is the position of the
// last character of the span (inclusive), as editors and GitHub annotations
// expect; EndOffset is exclusive, for slicing.
type Span struct {
	Start Pos
	End   Pos
}

// Fix is a known replacement for the text of the span.
type Fix struct {
	Replacement string
}

// Finding is one result about one post.
type Finding struct {
	Path    string
	Span    Span
	Rule    string
	Level   Level
	Message string
	// Fix is nil when no automatic fix is known.
	Fix *Fix
	// Source says which layer produced the finding: "style", "policy",
	// "channel", "content". Reporters may group by it.
	Source string
}

// Suggestion is the replacement text, or "" when there is no fix.
func (f Finding) Suggestion() string {
	if f.Fix == nil {
		return ""
	}
	return f.Fix.Replacement
}

// Compare orders findings by path, position, rule and message, which is the
// order every reporter prints them in, so output is stable across runs.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Span.Start.Line, b.Span.Start.Line),
		cmp.Compare(a.Span.Start.Col, b.Span.Start.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts findings in place in the order of Compare.
func Sort(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// Max is the highest level among the findings, and false when there are none.
func Max(fs []Finding) (Level, bool) {
	if len(fs) == 0 {
		return Info, false
	}
	m := Info
	for _, f := range fs {
		m = max(m, f.Level)
	}
	return m, true
}
