package report

import (
	"encoding/json"
	"io"

	"github.com/greenlighthq/greenlight/engine/finding"
)

// JSON prints one object: {"findings": [...], "summary": {...}}. The shape
// is a public contract (see the README); fields are only ever added.
type JSON struct{}

var _ Reporter = JSON{}

type jsonFinding struct {
	Path       string        `json:"path"`
	Line       int           `json:"line"`
	Col        int           `json:"col"`
	EndLine    int           `json:"end_line"`
	EndCol     int           `json:"end_col"`
	Rule       string        `json:"rule"`
	Level      finding.Level `json:"level"`
	Message    string        `json:"message"`
	Suggestion string        `json:"suggestion"`
}

type jsonSummary struct {
	Posts      int `json:"posts"`
	Unreadable int `json:"unreadable"`
	Counts
}

func (JSON) Report(w io.Writer, r Run) error {
	out := struct {
		Findings []jsonFinding `json:"findings"`
		Summary  jsonSummary   `json:"summary"`
	}{Findings: make([]jsonFinding, 0, len(r.Findings)), Summary: jsonSummary{Posts: r.Posts, Unreadable: r.Unreadable, Counts: Count(r.Findings)}}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding{
			Path: f.Path, Line: f.Span.Start.Line, Col: f.Span.Start.Col,
			EndLine: f.Span.End.Line, EndCol: f.Span.End.Col,
			Rule: f.Rule, Level: f.Level, Message: f.Message, Suggestion: f.Suggestion(),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
