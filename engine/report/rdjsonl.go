package report

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/finding"
)

// RDJSONL prints reviewdog's Diagnostic Format as JSON Lines, one
// Diagnostic per finding, for `reviewdog -f=rdjsonl` (comments on GitLab
// merge requests, Bitbucket, Gitea and others):
//
//	{"message":"Use 'GitHub' instead of 'Github'.","location":{"path":"posts/a.md","range":{"start":{"line":3,"column":14},"end":{"line":3,"column":20}}},"severity":"ERROR",...}
//
// reviewdog counts columns in UTF-8 bytes and ends ranges exclusively
// (proto/rdf/reviewdog.proto), where a Finding counts code points and
// ends on its last character: the columns are converted with the post's
// text from Run.Source.
type RDJSONL struct{}

var _ Reporter = RDJSONL{}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      rdSource       `json:"source"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

func rdSeverity(l finding.Level) string {
	switch l {
	case finding.Error:
		return "ERROR"
	case finding.Warning:
		return "WARNING"
	}
	return "INFO"
}

func (RDJSONL) Report(w io.Writer, r Run) error {
	links := map[string]string{}
	for _, rule := range r.Rules {
		links[rule.ID] = rule.Link
	}
	// Findings come sorted by path: one post's text is held at a time,
	// read once.
	var path string
	var text lineText
	enc := json.NewEncoder(w)
	for _, f := range r.Findings {
		if f.Path != path {
			path, text = f.Path, lineText{}
			if r.Source != nil {
				text = newLineText(r.Source(f.Path))
			}
		}
		rng := text.byteRange(f.Span)
		d := rdDiagnostic{
			Message:  f.Message,
			Location: rdLocation{Path: f.Path, Range: rng},
			Severity: rdSeverity(f.Level),
			Source:   rdSource{Name: "greenlight", URL: "https://github.com/greenlighthq/greenlight"},
			Code:     rdCode{Value: f.Rule, URL: links[f.Rule]},
		}
		if f.Fix != nil {
			d.Suggestions = []rdSuggestion{{Range: rng, Text: f.Fix.Replacement}}
		}
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}

// lineText is a post's text split at line feeds, to turn code-point
// columns into byte columns; the zero value (no text) keeps columns as
// they are.
type lineText [][]byte

func newLineText(src []byte) lineText {
	if src == nil {
		return nil
	}
	return bytes.SplitAfter(src, []byte("\n"))
}

// byteRange is the span as reviewdog's range: 1-based UTF-8 byte columns,
// the end just past the span's last character.
func (t lineText) byteRange(s finding.Span) rdRange {
	start := t.byteColumn(s.Start)
	end := t.byteColumn(s.End)
	return rdRange{
		Start: rdPosition{Line: s.Start.Line, Column: start},
		End:   rdPosition{Line: s.End.Line, Column: end + t.width(s.End.Line, end)},
	}
}

// byteColumn is the 1-based byte column of p's code-point column on its
// line. A column past the line's end (a position on the line break)
// counts one byte per missing character.
func (t lineText) byteColumn(p finding.Pos) int {
	if p.Line < 1 || p.Line > len(t) {
		return p.Col
	}
	line := t[p.Line-1]
	off := 0
	for c := 1; c < p.Col; c++ {
		if off >= len(line) || line[off] == '\n' {
			return off + 1 + p.Col - c
		}
		_, n := utf8.DecodeRune(line[off:])
		off += n
	}
	return off + 1
}

// width is the byte length of the character at a 1-based byte column of
// a line: 1 for a line break, past the end, or without the text.
func (t lineText) width(line, col int) int {
	if line < 1 || line > len(t) || col-1 >= len(t[line-1]) {
		return 1
	}
	_, n := utf8.DecodeRune(t[line-1][col-1:])
	return max(n, 1)
}
