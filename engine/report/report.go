package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

// Run is what a reporter prints: the findings of one check.
type Run struct {
	Findings []finding.Finding
	Posts    int
	// Unreadable counts posts that could not be checked (input errors,
	// reported separately as diagnostics).
	Unreadable int
	// Rules describes every rule that could have produced a finding, for
	// formats that list them (SARIF).
	Rules   []Rule
	Version string
	// Signoffs are the sign-off stages of each post that has any.
	Signoffs []signoff.Post
	// Fails says the run fails on its findings at the caller's fail-on
	// level, so that the text summary's mark agrees with the exit status
	// (a --fail-on warning run with only warnings fails too).
	Fails bool
	// Paths are the posts that were checked, in path order, for formats
	// that list every post (JUnit).
	Paths []string
	// FailOn is the lowest level that fails the check, for formats that
	// mark failures (JUnit). The command decides it; the zero value, Info,
	// counts every finding as a failure.
	FailOn finding.Level
	// Rulebooks name the shared rulebooks whose rules judged the run,
	// as "legal v1.1.0 (3f1c0e9)"; none when the config uses none.
	Rulebooks []string
	// Source returns the text of a checked post, for formats that count
	// columns in UTF-8 bytes (rdjsonl). When it is nil or returns nil,
	// columns stay in code points, which agree on ASCII lines.
	Source func(path string) []byte
}

// Rule describes a rule for formats that list rules.
type Rule struct {
	ID    string
	Level finding.Level
	// Description is the rule's message template or title.
	Description string
	Link        string
}

// Reporter writes a Run in one format.
type Reporter interface {
	Report(w io.Writer, r Run) error
}

// Formats lists the names New accepts.
func Formats() []string {
	return []string{"text", "json", "sarif", "github", "rdjsonl", "junit", "gitlab"}
}

// New returns the reporter for a format name. color applies to text only.
func New(format string, color bool) (Reporter, error) {
	switch format {
	case "text", "":
		return Text{Color: color}, nil
	case "json":
		return JSON{}, nil
	case "sarif":
		return SARIF{}, nil
	case "github":
		return GitHub{}, nil
	case "rdjsonl":
		return RDJSONL{}, nil
	case "junit":
		return JUnit{}, nil
	case "gitlab":
		return GitLab{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
}

// Counts are the number of findings at each level.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Info     int `json:"info"`
}

// Count tallies findings by level.
func Count(fs []finding.Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Level {
		case finding.Error:
			c.Errors++
		case finding.Warning:
			c.Warnings++
		default:
			c.Info++
		}
	}
	return c
}

// rulesSeen lists rules in the order of Run.Rules, plus any rule a finding
// names that Run.Rules lacks (policy and channel rules).
func rulesSeen(r Run) []Rule {
	rules := slices.Clone(r.Rules)
	for _, f := range r.Findings {
		if !slices.ContainsFunc(rules, func(x Rule) bool { return x.ID == f.Rule }) {
			rules = append(rules, Rule{ID: f.Rule, Level: f.Level})
		}
	}
	return rules
}
