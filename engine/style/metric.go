package style

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/d5/tengo/v2"
	"github.com/d5/tengo/v2/stdlib"
	"github.com/jdkato/prose/v3/summarize"

	"github.com/greenlighthq/greenlight/engine/content"
)

// MetricVariables are the counts a metric formula can name, as Vale
// names them. The word counts are prose's, the library Vale counts them
// with, over the post's paragraphs and list items (Vale's summary);
// paragraphs, list, heading_h1 … heading_h6 and pre count blocks (pre
// counts code blocks, and the front matter as Vale does); blockquote is
// always 0, since a quote's paragraphs are paragraphs in a post.
func MetricVariables() []string {
	return []string{
		"words", "sentences", "syllables", "characters", "complex_words", "long_words", "polysyllabic_words",
		"paragraphs", "list", "blockquote", "pre",
		"heading_h1", "heading_h2", "heading_h3", "heading_h4", "heading_h5", "heading_h6",
	}
}

// metric evaluates a formula over the post's counts and reports the post
// when its value meets the condition: a readability formula Vale does not
// build in, a cap on headings. The formula and the condition are Tengo
// expressions, compiled once.
type metric struct {
	spec      Spec
	formula   *tengo.Compiled
	condition *tengo.Compiled
}

// Vale writes heading counts as heading.h2; Tengo reads that as a field.
var headingVariable = regexp.MustCompile(`heading\.(h[1-6])`)

func newMetric(s Spec) (Rule, error) {
	formula := strings.TrimSpace(headingVariable.ReplaceAllString(s.Formula, "heading_$1"))
	cond := strings.TrimSpace(s.Condition)
	if formula == "" || cond == "" {
		return nil, errors.New("a metric rule needs formula and condition")
	}
	if err := checkExpression(formula); err != nil {
		return nil, fmt.Errorf("formula: %w", err)
	}
	// Vale evaluates the condition as "<value> <condition>", the value
	// written with six decimals; __value__ holds it, rounded the same way.
	if err := checkExpression("__value__ " + cond); err != nil {
		return nil, fmt.Errorf("condition: %w", err)
	}
	f, err := compileExpression(formula)
	if err != nil {
		return nil, fmt.Errorf("formula: %w", err)
	}
	c, err := compileExpression("__value__ " + cond)
	if err != nil {
		return nil, fmt.Errorf("condition: %w", err)
	}
	return &metric{spec: s, formula: f, condition: c}, nil
}

// compileExpression compiles `__res__ := (expr)` with every variable
// declared, and Tengo's math module, as Vale's boilerplate does.
func compileExpression(expr string) (*tengo.Compiled, error) {
	sc := tengo.NewScript([]byte(`math := import("math"); __res__ := (` + expr + `)`))
	sc.SetImports(stdlib.GetModuleMap("math"))
	for _, v := range append(MetricVariables(), "__value__") {
		if err := sc.Add(v, 0.0); err != nil {
			return nil, err
		}
	}
	return sc.Compile()
}

func (r *metric) Spec() *Spec { return &r.spec }

// parts: the rule always runs.
func (r *metric) parts() []part { return []part{{}} }

// run evaluates the formula once per post. Vale reports the finding at the
// file's first line and column, whatever the rule's scope.
func (r *metric) run(c *checker, _ []unit) {
	vars, ok := metricCounts(c.post)
	if !ok {
		return // no words: Vale evaluates nothing
	}
	set := func(p *tengo.Compiled) error {
		for k, v := range vars {
			if err := p.Set(k, v); err != nil {
				return err
			}
		}
		return nil
	}
	out, err := runTengo(c.budget, r.formula, set)
	if err != nil {
		c.budget.fail(c.post.Blocks[0].Text, fmt.Errorf("formula: %w", err))
		return
	}
	var value float64
	switch v := out.Get("__res__").Value().(type) {
	case float64:
		value = v
	case int64:
		value = float64(v)
	default:
		c.budget.fail(c.post.Blocks[0].Text, fmt.Errorf("formula: the value is %T, not a number", v))
		return
	}
	rounded, _ := strconv.ParseFloat(strconv.FormatFloat(value, 'f', 6, 64), 64)
	if math.IsNaN(value) || math.IsInf(value, 0) {
		rounded = value
	}
	out, err = runTengo(c.budget, r.condition, func(p *tengo.Compiled) error {
		if err := set(p); err != nil {
			return err
		}
		return p.Set("__value__", rounded)
	})
	if err != nil {
		c.budget.fail(c.post.Blocks[0].Text, fmt.Errorf("condition: %w", err))
		return
	}
	if hit, ok := out.Get("__res__").Value().(bool); ok && hit {
		c.reportAt(0, formatMessage(r.spec.Message, strconv.FormatFloat(value, 'f', 2, 64)))
	}
}

// metricCounts counts the variables of a post; ok is false when its
// summary has no words.
func metricCounts(p *content.Post) (map[string]any, bool) {
	vars := map[string]any{}
	for _, v := range MetricVariables() {
		vars[v] = 0.0
	}
	if _, ok := p.FrontMatterEnd(); ok {
		// Vale's Markdown reader turns the front matter into a <pre>
		// block, so a post with front matter counts one more.
		vars["pre"] = 1.0
	}
	var summary strings.Builder
	for _, b := range p.Blocks {
		switch b.Kind {
		case content.Paragraph:
			vars["paragraphs"] = vars["paragraphs"].(float64) + 1
		case content.ListItem:
			vars["list"] = vars["list"].(float64) + 1
		case content.Heading:
			if b.Level >= 1 && b.Level <= 6 {
				k := "heading_h" + strconv.Itoa(b.Level)
				vars[k] = vars[k].(float64) + 1
			}
			continue
		case content.Code:
			// A code block's lines end with a newline; a code span has
			// none. Vale counts the blocks (<pre>), not the spans.
			if strings.HasSuffix(b.Text, "\n") {
				vars["pre"] = vars["pre"].(float64) + 1
			}
			continue
		default:
			continue
		}
		// Vale's summary: paragraphs and list items, each followed by a
		// blank line, which is where prose splits its paragraphs.
		summary.WriteString(b.Text + "\n\n")
	}
	doc := summarize.NewDocument(summary.String())
	if doc.NumWords == 0 {
		return nil, false
	}
	vars["words"] = doc.NumWords
	vars["sentences"] = doc.NumSentences
	vars["syllables"] = doc.NumSyllables
	vars["characters"] = doc.NumCharacters
	vars["complex_words"] = doc.NumComplexWords
	vars["long_words"] = doc.NumLongWords
	vars["polysyllabic_words"] = doc.NumPolysylWords
	return vars, true
}
