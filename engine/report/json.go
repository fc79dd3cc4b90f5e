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

type jsonSignoff struct {
	Path   string  `json:"path"`
	Stages []Stage `json:"stages"`
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
		Signoffs []jsonSignoff `json:"signoffs"`
	}{Findings: make([]jsonFinding, 0, len(r.Findings)), Summary: jsonSummary{Posts: r.Posts, Unreadable: r.Unreadable, Counts: Count(r.Findings)},
		Signoffs: make([]jsonSignoff, 0, len(r.Signoffs))}
	for _, s := range r.Signoffs {
		out.Signoffs = append(out.Signoffs, jsonSignoff{Path: s.Path, Stages: s.Stages})
	}
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
