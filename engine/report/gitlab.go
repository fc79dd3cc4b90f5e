package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/greenlighthq/greenlight/engine/finding"
)

// GitLab prints a GitLab Code Quality report: a JSON array of issues,
// which a job publishes with `artifacts: reports: codequality:` and GitLab
// shows in the merge request's widget and diff:
//
//	[{"description":"Use 'GitHub' instead of 'Github'.","check_name":"brand-names","fingerprint":"…","severity":"major","location":{"path":"posts/a.md","lines":{"begin":3,"end":3}}}]
//
// Levels map to severities as error major, warning minor, info info.
// The fingerprint, by which GitLab tells new issues from fixed ones
// between the base and the head of a merge request, is the SHA-256 of the
// path, rule, line and message; a second identical finding on the same
// line adds its ordinal, since GitLab keeps one issue per fingerprint.
type GitLab struct{}

var _ Reporter = GitLab{}

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

func gitlabSeverity(l finding.Level) string {
	switch l {
	case finding.Error:
		return "major"
	case finding.Warning:
		return "minor"
	}
	return "info"
}

// gitlabFingerprint identifies a finding across commits: what it is and
// where, by line, so that an edit elsewhere in the post keeps it.
func gitlabFingerprint(f finding.Finding, occurrence int) string {
	key := fmt.Sprintf("%s\x00%s\x00%d\x00%s", f.Path, f.Rule, f.Span.Start.Line, f.Message)
	if occurrence > 1 {
		key += fmt.Sprintf("\x00%d", occurrence)
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

func (GitLab) Report(w io.Writer, r Run) error {
	issues := make([]gitlabIssue, 0, len(r.Findings))
	seen := map[string]int{}
	for _, f := range r.Findings {
		fp := gitlabFingerprint(f, 1)
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp = gitlabFingerprint(f, n)
		}
		issues = append(issues, gitlabIssue{
			Description: f.Message,
			CheckName:   f.Rule,
			Fingerprint: fp,
			Severity:    gitlabSeverity(f.Level),
			Location:    gitlabLocation{Path: f.Path, Lines: gitlabLines{Begin: f.Span.Start.Line, End: f.Span.End.Line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}
