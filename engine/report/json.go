package report

import (
	"encoding/json"
	"io"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

// JSON prints one object: {"findings": [...], "summary": {...}}. The shape
// is a public contract (see the README); fields are only ever added.
type JSON struct{}

var _ Reporter = JSON{}

// JSONFinding is one finding in the JSON shape: check's --format json,
// and greenlight pr's, which share it.
type JSONFinding struct {
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

// NewJSONFinding is f in the JSON shape.
func NewJSONFinding(f finding.Finding) JSONFinding {
	return JSONFinding{
		Path: f.Path, Line: f.Span.Start.Line, Col: f.Span.Start.Col,
		EndLine: f.Span.End.Line, EndCol: f.Span.End.Col,
		Rule: f.Rule, Level: f.Level, Message: f.Message, Suggestion: f.Suggestion(),
	}
}

type jsonSignoff struct {
	Path   string          `json:"path"`
	Stages []signoff.Stage `json:"stages"`
}

type jsonSummary struct {
	Posts      int `json:"posts"`
	Unreadable int `json:"unreadable"`
	Counts
}

func (JSON) Report(w io.Writer, r Run) error {
	out := struct {
		Findings []JSONFinding `json:"findings"`
		Summary  jsonSummary   `json:"summary"`
		Signoffs []jsonSignoff `json:"signoffs"`
	}{Findings: make([]JSONFinding, 0, len(r.Findings)), Summary: jsonSummary{Posts: r.Posts, Unreadable: r.Unreadable, Counts: Count(r.Findings)},
		Signoffs: make([]jsonSignoff, 0, len(r.Signoffs))}
	for _, s := range r.Signoffs {
		out.Signoffs = append(out.Signoffs, jsonSignoff{Path: s.Path, Stages: s.Stages})
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, NewJSONFinding(f))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
