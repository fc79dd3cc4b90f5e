package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/joshdk/go-junit"
	"github.com/xeipuuv/gojsonschema"
)

// TestCheckFormatsOnExamples pins the README's main job in each format
// made for another CI system, as golden files, and checks each against
// its format's published schema or its reference consumer's rules. The
// schemas in testdata/schema are copies (see NOTICE): reviewdog's
// Diagnostic JSON Schema, GitLab's own schema for each Code Quality issue
// (what its parser checks before it keeps one), and the Jenkins xUnit
// plugin's junit-10.xsd, whose rules validJUnit applies.
func TestCheckFormatsOnExamples(t *testing.T) {
	for _, tc := range []struct {
		format, golden string
		valid          func(t *testing.T, out []byte)
	}{
		{"rdjsonl", "check-examples.rdjsonl", validRDJSONL},
		{"gitlab", "check-examples.gitlab.json", validGitLab},
		{"junit", "check-examples.junit.xml", validJUnit},
	} {
		t.Run(tc.format+" matches its golden file and its schema", func(t *testing.T) {
			stdout, stderr, code := run(t, "check", "--format", tc.format, "examples/")
			if code != 1 {
				t.Fatalf("exit %d, want 1 (error-level findings); stderr:\n%s", code, stderr)
			}
			golden(t, filepath.Join("cmd/greenlight/testdata", tc.golden), stdout)
			tc.valid(t, []byte(stdout))
		})
	}
}

// examplesFindings is the number of findings in examples/ by level, as
// the text summary counts them.
const examplesErrors, examplesFindings = 14, 14 + 16 + 6

func jsonSchema(t *testing.T, name string) *gojsonschema.Schema {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join(repoRoot, "cmd/greenlight/testdata/schema", name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewReferenceLoader("file://" + filepath.ToSlash(abs)))
	if err != nil {
		t.Fatalf("schema %s: %v", name, err)
	}
	return s
}

func validate(t *testing.T, s *gojsonschema.Schema, what string, doc []byte) {
	t.Helper()
	res, err := s.Validate(gojsonschema.NewBytesLoader(doc))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for _, e := range res.Errors() {
		t.Errorf("%s: %s", what, e)
	}
}

// validRDJSONL: every line is a Diagnostic per reviewdog's JSON Schema,
// and what the schema leaves open is as reviewdog.proto describes it.
func validRDJSONL(t *testing.T, out []byte) {
	schema := jsonSchema(t, "reviewdog-Diagnostic.json")
	lines := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
	if len(lines) != examplesFindings {
		t.Errorf("%d lines, want one per finding (%d)", len(lines), examplesFindings)
	}
	type pos struct{ Line, Column int }
	type rng struct{ Start, End pos }
	for i, line := range lines {
		what := fmt.Sprintf("line %d", i+1)
		validate(t, schema, what, line)
		var d struct {
			Message  string
			Severity string
			Location struct {
				Path  string
				Range rng
			}
			Code        struct{ Value string }
			Suggestions []struct{ Range rng }
		}
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		r := d.Location.Range
		switch {
		case !slices.Contains([]string{"ERROR", "WARNING", "INFO"}, d.Severity):
			t.Errorf("%s: severity %q", what, d.Severity)
		case d.Message == "" || d.Code.Value == "" || d.Location.Path == "":
			t.Errorf("%s: no message, rule or path", what)
		case r.Start.Line < 1 || r.Start.Column < 1:
			t.Errorf("%s: start %+v is not 1-based", what, r.Start)
		case r.End.Line < r.Start.Line || r.End.Line == r.Start.Line && r.End.Column <= r.Start.Column:
			t.Errorf("%s: end %+v is not past start %+v (the end is exclusive)", what, r.End, r.Start)
		}
		for _, s := range d.Suggestions {
			if s.Range != r {
				t.Errorf("%s: a suggestion over %+v, not the finding's range %+v", what, s.Range, r)
			}
		}
	}
}

// validGitLab: a JSON array whose every issue passes the schema GitLab's
// parser checks each issue against (it stops at the first that fails),
// with the fields GitLab's documentation requires and one issue per
// fingerprint (GitLab keeps one).
func validGitLab(t *testing.T, out []byte) {
	schema := jsonSchema(t, "gitlab-codeclimate.json")
	var issues []json.RawMessage
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatalf("not a JSON array: %v", err)
	}
	if len(issues) != examplesFindings {
		t.Errorf("%d issues, want one per finding (%d)", len(issues), examplesFindings)
	}
	seen := map[string]bool{}
	for i, raw := range issues {
		what := fmt.Sprintf("issue %d", i)
		validate(t, schema, what, raw)
		var is struct {
			Description, Fingerprint, Severity string
			CheckName                          string `json:"check_name"`
			Location                           struct {
				Path  string
				Lines struct{ Begin, End int }
			}
		}
		if err := json.Unmarshal(raw, &is); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		switch {
		case !slices.Contains([]string{"info", "minor", "major", "critical", "blocker"}, is.Severity):
			t.Errorf("%s: severity %q is not one GitLab knows", what, is.Severity)
		case is.Description == "" || is.CheckName == "" || is.Location.Path == "":
			t.Errorf("%s: no description, check_name or path", what)
		case is.Location.Lines.Begin < 1 || is.Location.Lines.End < is.Location.Lines.Begin:
			t.Errorf("%s: lines %+v", what, is.Location.Lines)
		case len(is.Fingerprint) != 64 || seen[is.Fingerprint]:
			t.Errorf("%s: fingerprint %q is not a unique SHA-256", what, is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
}

// junitXSD is junit-10.xsd (testdata/schema) as rules: for each element,
// the children and attributes it may have, and those it must.
var junitXSD = map[string]struct{ children, attrs, required []string }{
	"testsuites": {[]string{"testsuite"}, []string{"name", "time", "tests", "failures", "errors"}, nil},
	"testsuite": {[]string{"testsuite", "properties", "testcase", "system-out", "system-err"},
		[]string{"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url"},
		[]string{"name", "tests", "failures", "errors"}},
	"properties": {[]string{"property"}, nil, nil},
	"property":   {nil, []string{"name", "value"}, []string{"name", "value"}},
	"testcase": {[]string{"skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure", "flakyError", "system-out", "system-err"},
		[]string{"name", "time", "classname", "group"}, []string{"name"}},
	"failure":    {nil, []string{"type", "message"}, nil},
	"error":      {nil, []string{"type", "message"}, nil},
	"skipped":    {nil, []string{"type", "message"}, nil},
	"system-out": {nil, nil, nil},
	"system-err": {nil, nil, nil},
}

// xmlNode is an element with its attributes and children.
type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xmlNode  `xml:",any"`
}

func (n xmlNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n xmlNode) count(name string) int {
	c := 0
	for _, ch := range n.Children {
		if ch.XMLName.Local == name {
			c++
		}
	}
	return c
}

// validJUnit: the document follows junit-10.xsd, its counts add up, and
// go-junit, a CI's JUnit reader, finds a failure per error-level finding
// (the examples' fail_on is error).
func validJUnit(t *testing.T, out []byte) {
	var root xmlNode
	if err := xml.Unmarshal(out, &root); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	if root.XMLName.Local != "testsuites" {
		t.Fatalf("root <%s>, want <testsuites>", root.XMLName.Local)
	}
	var walk func(n xmlNode, path string)
	walk = func(n xmlNode, path string) {
		path += "/" + n.XMLName.Local
		rule, ok := junitXSD[n.XMLName.Local]
		if !ok || n.XMLName.Space != "" {
			t.Errorf("%s: no such element in the schema", path)
			return
		}
		for _, a := range n.Attrs {
			if !slices.Contains(rule.attrs, a.Name.Local) || a.Name.Space != "" {
				t.Errorf("%s: attribute %s is not in the schema", path, a.Name.Local)
			}
		}
		for _, r := range rule.required {
			if !slices.ContainsFunc(n.Attrs, func(a xml.Attr) bool { return a.Name.Local == r }) {
				t.Errorf("%s: required attribute %s missing", path, r)
			}
		}
		for _, ch := range n.Children {
			if !slices.Contains(rule.children, ch.XMLName.Local) {
				t.Errorf("%s: <%s> may not be a child", path, ch.XMLName.Local)
			}
			walk(ch, path)
		}
	}
	walk(root, "")

	total, failures := 0, 0
	for _, s := range root.Children {
		cases, failed := s.count("testcase"), 0
		for _, c := range s.Children {
			failed += c.count("failure")
		}
		if s.attr("tests") != strconv.Itoa(cases) || s.attr("failures") != strconv.Itoa(failed) {
			t.Errorf("suite %s says tests=%s failures=%s, holds %d and %d", s.attr("name"), s.attr("tests"), s.attr("failures"), cases, failed)
		}
		total += cases
		failures += failed
	}
	if root.attr("tests") != strconv.Itoa(total) || root.attr("failures") != strconv.Itoa(failures) {
		t.Errorf("testsuites says tests=%s failures=%s, holds %d and %d", root.attr("tests"), root.attr("failures"), total, failures)
	}

	suites, err := junit.Ingest(out)
	if err != nil {
		t.Fatalf("go-junit: %v", err)
	}
	var tests, failed int
	for _, s := range suites {
		s.Aggregate()
		tests += s.Totals.Tests
		failed += s.Totals.Failed
	}
	clean := 0
	for _, s := range suites {
		if len(s.Tests) == 1 && s.Tests[0].Name == "greenlight check" {
			clean++
		}
	}
	if len(suites) != 19 || failed != examplesErrors || tests != examplesFindings+clean {
		t.Errorf("go-junit reads %d suites, %d tests, %d failed; want 19 (a post each), %d (a finding each and the %d clean posts), %d (the errors)",
			len(suites), tests, failed, examplesFindings+clean, clean, examplesErrors)
	}
	if strings.Contains(string(out), "time=") {
		t.Error("a time attribute would make the report differ from run to run")
	}
}

// TestSchemasAreTheCopiesNOTICENames: a schema copied into testdata keeps
// its licence beside it.
func TestSchemasAreTheCopiesNOTICENames(t *testing.T) {
	notice, err := os.ReadFile(filepath.Join(repoRoot, "NOTICE"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"reviewdog-Diagnostic.json", "gitlab-codeclimate.json", "junit-10.xsd"} {
		if !strings.Contains(string(notice), f) || !strings.Contains(string(notice), "cmd/greenlight/testdata/schema") {
			t.Errorf("NOTICE does not name %s", f)
		}
	}
}

// TestMachineFormatsCarryTheConfigsProblems: a check that its config
// stops (exit 2) still writes a valid document in each machine format,
// with every problem `validate --format json` lists as an error at its
// file, line and column, so that a program reading stdout sees why the
// check failed rather than an empty document; people still read the
// problems on stderr. A config that does not decode and a policy that
// does not compile (which stops the engine's build) are both covered.
func TestMachineFormatsCarryTheConfigsProblems(t *testing.T) {
	policyDir := t.TempDir()
	writeTree(t, policyDir, map[string]string{
		"greenlight.hcl":  "greenlight {\n  policies = [\"policies\"]\n}\n",
		"policies/p.rego": "package acme.bad\n\ndeny contains x if {\n  x := \n}\n",
		"posts/a-post.md": "---\ntitle: A post\n---\nHello.\n",
	})
	setups := []struct {
		name, dir, path, stderr string
	}{
		{"a config that does not decode", repoRoot, "examples/broken", "examples/broken/greenlight.hcl:11:16: error: Unknown role"},
		{"a policy that does not compile", policyDir, ".", "policies/p.rego:5:1: error: Invalid policy"},
	}
	formats := []struct {
		format string
		places func(t *testing.T, out []byte) []string
		// lines: the format places a problem on its line only.
		lines bool
	}{
		{"json", jsonPlaces, false},
		{"sarif", sarifPlaces, false},
		{"rdjsonl", rdjsonlPlaces, false},
		{"junit", junitPlaces, false},
		{"gitlab", gitlabPlaces, true},
		{"github", githubPlaces, false},
	}
	for _, s := range setups {
		validated, _, code := runIn(t, s.dir, "validate", "--format", "json", s.path)
		if code != 2 {
			t.Fatalf("%s: validate exit %d, want 2", s.name, code)
		}
		var problems []struct {
			Path      string
			Line, Col int
			Severity  string
		}
		if err := json.Unmarshal([]byte(validated), &problems); err != nil {
			t.Fatal(err)
		}
		var want, wantLines []string
		for _, p := range problems {
			if p.Severity == "error" {
				want = append(want, fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col))
				wantLines = append(wantLines, fmt.Sprintf("%s:%d", p.Path, p.Line))
			}
		}
		slices.Sort(want)
		slices.Sort(wantLines)
		if len(want) == 0 {
			t.Fatalf("%s: validate finds no error", s.name)
		}
		for _, f := range formats {
			t.Run(f.format+" on "+s.name+" carries each problem at its place", func(t *testing.T) {
				stdout, stderr, code := runIn(t, s.dir, "check", "--format", f.format, s.path)
				if code != 2 {
					t.Errorf("exit %d, want 2", code)
				}
				if !strings.Contains(stderr, s.stderr) {
					t.Errorf("stderr lacks %q:\n%s", s.stderr, stderr)
				}
				got := f.places(t, []byte(stdout))
				slices.Sort(got)
				want := want
				if f.lines {
					want = wantLines
				}
				if !slices.Equal(got, want) {
					t.Errorf("problems at %q, want %q (as validate lists them); stdout:\n%s", got, want, stdout)
				}
			})
		}
	}
}

// The *Places functions read a report in one format, check it is a valid
// document whose every entry is an error, and return each entry's
// path:line:col.

func jsonPlaces(t *testing.T, out []byte) []string {
	var doc jsonOut
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not the documented JSON: %v", err)
	}
	var places []string
	for _, f := range doc.Findings {
		if f.Level != "error" || f.Rule != "greenlight.config" || f.Message == "" {
			t.Errorf("finding %+v, want an error under greenlight.config", f)
		}
		places = append(places, fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Col))
	}
	if doc.Summary["errors"] != len(places) || doc.Summary["posts"] != 0 {
		t.Errorf("summary %v, want %d errors in 0 posts", doc.Summary, len(places))
	}
	return places
}

func sarifPlaces(t *testing.T, out []byte) []string {
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("not a SARIF 2.1.0 log of one run: %v", err)
	}
	run := log.Runs[0]
	var places []string
	for _, r := range run.Results {
		if r.Level != "error" || r.Message.Text == "" || len(r.Locations) != 1 ||
			r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Fatalf("result %+v is not an error at one place under a listed rule", r)
		}
		l := r.Locations[0].PhysicalLocation
		places = append(places, fmt.Sprintf("%s:%d:%d", l.ArtifactLocation.URI, l.Region.StartLine, l.Region.StartColumn))
	}
	return places
}

func rdjsonlPlaces(t *testing.T, out []byte) []string {
	schema := jsonSchema(t, "reviewdog-Diagnostic.json")
	var places []string
	for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
		validate(t, schema, fmt.Sprintf("line %d", i+1), line)
		var d struct {
			Severity string
			Location struct {
				Path  string
				Range struct{ Start struct{ Line, Column int } }
			}
		}
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if d.Severity != "ERROR" {
			t.Errorf("line %d: severity %q", i+1, d.Severity)
		}
		places = append(places, fmt.Sprintf("%s:%d:%d", d.Location.Path, d.Location.Range.Start.Line, d.Location.Range.Start.Column))
	}
	return places
}

func junitPlaces(t *testing.T, out []byte) []string {
	suites, err := junit.Ingest(out)
	if err != nil {
		t.Fatalf("go-junit: %v", err)
	}
	var places []string
	for _, s := range suites {
		for _, c := range s.Tests {
			var line, col int
			if _, err := fmt.Sscanf(c.Name, "greenlight.config at %d:%d", &line, &col); err != nil || c.Status != junit.StatusFailed {
				t.Errorf("testcase %q (%s), want a failed greenlight.config at LINE:COL", c.Name, c.Status)
			}
			places = append(places, fmt.Sprintf("%s:%d:%d", s.Name, line, col))
		}
	}
	return places
}

func gitlabPlaces(t *testing.T, out []byte) []string {
	schema := jsonSchema(t, "gitlab-codeclimate.json")
	var issues []json.RawMessage
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatalf("not a JSON array: %v", err)
	}
	var places []string
	for i, raw := range issues {
		validate(t, schema, fmt.Sprintf("issue %d", i), raw)
		var is struct {
			Severity string
			Location struct {
				Path  string
				Lines struct{ Begin int }
			}
		}
		if err := json.Unmarshal(raw, &is); err != nil {
			t.Fatal(err)
		}
		if is.Severity != "major" {
			t.Errorf("issue %d: severity %q, want major (an error)", i, is.Severity)
		}
		// A GitLab issue has lines, not columns.
		places = append(places, fmt.Sprintf("%s:%d", is.Location.Path, is.Location.Lines.Begin))
	}
	return places
}

func githubPlaces(t *testing.T, out []byte) []string {
	var places []string
	for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		var file string
		var l, c int
		rest, ok := strings.CutPrefix(line, "::error file=")
		if !ok {
			t.Errorf("%q is not an error annotation on a file", line)
			continue
		}
		file, rest, _ = strings.Cut(rest, ",")
		if _, err := fmt.Sscanf(rest, "line=%d,col=%d,", &l, &c); err != nil {
			t.Errorf("%q: %v", line, err)
		}
		places = append(places, fmt.Sprintf("%s:%d:%d", file, l, c))
	}
	return places
}
