package report

import (
	"encoding/json"
	"io"

	"github.com/greenlighthq/greenlight/engine/finding"
)

// SARIF prints a SARIF 2.1.0 log that GitHub code scanning accepts
// (upload it with github/codeql-action/upload-sarif). Columns are Unicode
// code points, declared with columnKind; region ends are exclusive.
type SARIF struct{}

var _ Reporter = SARIF{}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifText    `json:"shortDescription"`
	HelpURI              string       `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleCfg `json:"defaultConfiguration"`
}

type sarifRuleCfg struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
	Fixes     []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText           `json:"description"`
	ArtifactChanges []sarifArtifactEdit `json:"artifactChanges"`
}

type sarifArtifactEdit struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

func sarifLevel(l finding.Level) string {
	switch l {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

func (SARIF) Report(w io.Writer, r Run) error {
	rules := rulesSeen(r)
	index := map[string]int{}
	driver := sarifDriver{Name: "greenlight", InformationURI: "https://github.com/greenlighthq/greenlight", Version: r.Version, Rules: []sarifRule{}}
	for i, rule := range rules {
		index[rule.ID] = i
		desc := rule.Description
		if desc == "" {
			desc = rule.ID
		}
		driver.Rules = append(driver.Rules, sarifRule{ID: rule.ID, ShortDescription: sarifText{desc}, HelpURI: rule.Link,
			DefaultConfiguration: sarifRuleCfg{sarifLevel(rule.Level)}})
	}
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, f := range r.Findings {
		region := sarifRegion{StartLine: f.Span.Start.Line, StartColumn: f.Span.Start.Col, EndLine: f.Span.End.Line, EndColumn: f.Span.End.Col + 1}
		art := sarifArtifact{URI: f.Path}
		res := sarifResult{RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Level), Message: sarifText{f.Message},
			Locations: []sarifLocation{{sarifPhysical{art, region}}}}
		if s := f.Suggestion(); s != "" {
			res.Fixes = []sarifFix{{Description: sarifText{"Replace with " + s},
				ArtifactChanges: []sarifArtifactEdit{{art, []sarifReplacement{{region, sarifText{s}}}}}}}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}
