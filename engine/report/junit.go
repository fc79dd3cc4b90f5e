package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/terminal"
)

// JUnit prints a JUnit XML report, which nearly every CI system shows as
// test results (Jenkins, GitLab, Azure Pipelines, CircleCI, Buildkite):
// one testsuite per post and one testcase per finding, a <failure> when
// the finding is at or above Run.FailOn (so the report fails exactly when
// the check does), the finding in <system-out> otherwise. A post without
// findings is one passing testcase. Positions are in the testcase's name
// and the failure's text (path:line:col), since the Jenkins JUnit schema
// has no attribute for them. The output is valid against Jenkins'
// junit-4.xsd, the de facto schema of the format.
type JUnit struct{}

var _ Reporter = JUnit{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func (JUnit) Report(w io.Writer, r Run) error {
	byPath := map[string][]finding.Finding{}
	paths := slices.Clone(r.Paths)
	for _, f := range r.Findings {
		if !slices.Contains(paths, f.Path) {
			paths = append(paths, f.Path)
		}
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	out := junitSuites{Name: "greenlight", Suites: []junitSuite{}}
	for _, p := range paths {
		// A report is read in CI's web pages and logs: text from a post
		// is shown escaped there, as on a terminal.
		suite := junitSuite{Name: terminal.Escape(p)}
		class := terminal.Escape(strings.TrimSuffix(p, path.Ext(p)))
		for _, f := range byPath[p] {
			c := junitCase{Name: fmt.Sprintf("%s at %d:%d", terminal.Escape(f.Rule), f.Span.Start.Line, f.Span.Start.Col), Classname: class}
			text := fmt.Sprintf("%s:%d:%d: %s %s: %s", f.Path, f.Span.Start.Line, f.Span.Start.Col, f.Level, f.Rule, f.Message)
			if s := f.Suggestion(); s != "" {
				text += " (fix: " + s + ")"
			}
			if f.Level >= r.FailOn {
				c.Failure = &junitFailure{Message: terminal.Escape(f.Message), Type: f.Level.String(), Text: terminal.Escape(text)}
				suite.Failures++
			} else {
				c.SystemOut = terminal.Escape(text)
			}
			suite.Cases = append(suite.Cases, c)
		}
		if len(suite.Cases) == 0 {
			suite.Cases = append(suite.Cases, junitCase{Name: "greenlight check", Classname: class})
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Suites = append(out.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
