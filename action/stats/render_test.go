package stats

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it after review):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestGoldenFormats(t *testing.T) {
	r := fixtureReport(t)
	for _, tt := range []struct {
		file  string
		write func(io.Writer) error
	}{
		{"report.md", func(w io.Writer) error { return WriteMarkdown(w, r, "stats.svg") }},
		{"stats.svg", func(w io.Writer) error { return WriteSVG(w, r) }},
		{"report.txt", func(w io.Writer) error { return WriteTable(w, r) }},
		{"report.json", func(w io.Writer) error { return WriteJSON(w, r) }},
	} {
		t.Run(tt.file+" matches its golden file, byte for byte, every time", func(t *testing.T) {
			var a, b bytes.Buffer
			if err := tt.write(&a); err != nil {
				t.Fatal(err)
			}
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two renderings of the same report differ")
			}
			golden(t, tt.file, a.Bytes())
		})
	}
}

func TestMarkdownLeadsWithTheBottleneck(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, fixtureReport(t), "stats.svg"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if !strings.HasPrefix(lines[4], "**Bottleneck: brand.** Its median time to approve is 10.00 h (90th percentile 30.00 h") {
		t.Errorf("the headline is not the bottleneck:\n%s", b.String())
	}
	if !slices.Contains(lines, "![Median time to approve per stage](stats.svg)") {
		t.Errorf("the chart is not embedded:\n%s", b.String())
	}
	b.Reset()
	_ = WriteMarkdown(&b, fixtureReport(t), "")
	if strings.Contains(b.String(), "![") {
		t.Errorf("no chart file, yet an image:\n%s", b.String())
	}
}

func TestJSONGivesHoursAndDurations(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, fixtureReport(t)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Stages []struct {
			Name          string
			TimeToApprove struct {
				Count       int
				MedianHours *float64 `json:"median_hours"`
				P90Hours    *float64 `json:"p90_hours"`
				Median, P90 *string
			} `json:"time_to_approve"`
		}
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	legal := got.Stages[2].TimeToApprove
	if legal.Count != 4 || *legal.MedianHours != 4.75 || *legal.P90Hours != 48 || *legal.Median != "4h45m0s" || *legal.P90 != "48h0m0s" {
		t.Errorf("legal: %+v", legal)
	}
	r := fixtureReport(t)
	r.Stages[0].TimeToApprove = Times{}
	raw, _ := json.Marshal(r.Stages[0].TimeToApprove)
	if string(raw) != `{"count":0,"median_hours":null,"p90_hours":null,"median":null,"p90":null}` {
		t.Errorf("no times: %s, want nulls, not zeros", raw)
	}
}

// svgNode is any SVG element, with its children.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n svgNode) walk(f func(svgNode)) {
	f(n)
	for _, c := range n.Children {
		c.walk(f)
	}
}

// bar is a filled axis-aligned rectangle.
type bar struct{ x0, y0, x1, y1 float64 }

var number = regexp.MustCompile(`-?\d+(?:\.\d+)?`)

// rectangle reads a <rect>, or a <path> that traces a closed axis-aligned
// rectangle, whichever a charting library emits.
func rectangle(n svgNode) (bar, bool) {
	f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	switch n.XMLName.Local {
	case "rect":
		x, y := f(n.attr("x")), f(n.attr("y"))
		return bar{x, y, x + f(n.attr("width")), y + f(n.attr("height"))}, true
	case "path":
		d := n.attr("d")
		if strings.ContainsAny(d, "CcQqAaSsTt") {
			return bar{}, false
		}
		nums := number.FindAllString(d, -1)
		if len(nums) < 8 || len(nums)%2 != 0 {
			return bar{}, false
		}
		xs, ys := map[float64]bool{}, map[float64]bool{}
		b := bar{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for i := 0; i < len(nums); i += 2 {
			x, y := f(nums[i]), f(nums[i+1])
			xs[x], ys[y] = true, true
			b = bar{min(b.x0, x), min(b.y0, y), max(b.x1, x), max(b.y1, y)}
		}
		return b, len(xs) == 2 && len(ys) == 2
	}
	return bar{}, false
}

// fill is an element's fill colour, from its attribute or its style.
func fill(n svgNode) string {
	if v := n.attr("fill"); v != "" {
		return v
	}
	for _, decl := range strings.Split(n.attr("style"), ";") {
		if k, v, ok := strings.Cut(decl, ":"); ok && strings.TrimSpace(k) == "fill" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// TestSVGHasOneBarPerStage parses the chart as XML and finds the bars:
// rectangles filled with the bar colour (rgb(31,136,61), #1f883d) standing
// on one baseline. There is one per stage, left to right in the config's
// order, each as tall as its median, with the stage's name below it.
func TestSVGHasOneBarPerStage(t *testing.T) {
	r := fixtureReport(t)
	var b bytes.Buffer
	if err := WriteSVG(&b, r); err != nil {
		t.Fatal(err)
	}
	var root svgNode
	if err := xml.Unmarshal(b.Bytes(), &root); err != nil {
		t.Fatalf("not well-formed XML: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element %q, want svg", root.XMLName.Local)
	}
	var bars []bar
	texts := map[string]svgNode{}
	root.walk(func(n svgNode) {
		if n.XMLName.Local == "text" {
			texts[strings.TrimSpace(n.Text)] = n
		}
		c := strings.ToLower(strings.ReplaceAll(fill(n), " ", ""))
		if c != "rgb(31,136,61)" && c != "#"+barColor {
			return
		}
		if rb, ok := rectangle(n); ok {
			bars = append(bars, rb)
		}
	})
	if len(bars) != len(r.Stages) {
		t.Fatalf("%d bars, want one per stage (%d): %+v", len(bars), len(r.Stages), bars)
	}
	slices.SortFunc(bars, func(a, b bar) int { return int(a.x0 - b.x0) })
	perHour := (bars[1].y1 - bars[1].y0) / r.Stages[1].TimeToApprove.MedianHours()
	for i, s := range r.Stages {
		bb := bars[i]
		if bb.y1 != bars[0].y1 {
			t.Errorf("bar %d stands at y=%v, the others at %v", i, bb.y1, bars[0].y1)
		}
		// Heights are whole pixels, this one's and brand's, which sets the
		// scale: within two pixels of the median's.
		if want := s.TimeToApprove.MedianHours() * perHour; math.Abs((bb.y1-bb.y0)-want) > 2 {
			t.Errorf("%s's bar is %v high, want %.1f for %.2f h", s.Name, bb.y1-bb.y0, want, s.TimeToApprove.MedianHours())
		}
		label, ok := texts[s.Name]
		if !ok {
			t.Errorf("no label %q", s.Name)
			continue
		}
		if x, _ := strconv.ParseFloat(label.attr("x"), 64); x < bb.x0 || x > bb.x1 {
			t.Errorf("label %q at x=%v is not under its bar (%v–%v)", s.Name, x, bb.x0, bb.x1)
		}
		if _, ok := texts[hoursText(s.TimeToApprove.Median)+" h"]; !ok {
			t.Errorf("no value label for %s", s.Name)
		}
	}
	for _, want := range []string{"Median time to approve per stage", "hours", "0"} {
		if _, ok := texts[want]; !ok {
			t.Errorf("no text %q (title, axis)", want)
		}
	}
}

func TestSVGOfAStageWithoutApprovals(t *testing.T) {
	r := Compute(History{}, loadConfig(t), members, now)
	var b bytes.Buffer
	if err := WriteSVG(&b, r); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), ">no approvals</text>"); n != 3 {
		t.Errorf("%d stages say they have no approvals, want 3:\n%s", n, b.String())
	}
	if err := xml.Unmarshal(b.Bytes(), new(svgNode)); err != nil {
		t.Errorf("not well-formed XML: %v", err)
	}
}

// The README's excerpt of the report is the golden report's beginning,
// so that the two never drift apart.
func TestREADMEExcerptIsTheReport(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skip(err)
	}
	_, section, ok := strings.Cut(string(readme), "### Approval metrics\n")
	if !ok {
		t.Fatal("the README has no Approval metrics section")
	}
	_, excerpt, ok := strings.Cut(section, "```markdown\n")
	if !ok {
		t.Fatal("the Approval metrics section has no Markdown excerpt")
	}
	excerpt, _, _ = strings.Cut(excerpt, "```\n")
	report, err := os.ReadFile("testdata/report.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(report), excerpt) {
		t.Errorf("the README's excerpt is not the beginning of testdata/report.md:\n%s", excerpt)
	}
}
