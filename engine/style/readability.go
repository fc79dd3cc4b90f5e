package style

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/greenlighthq/greenlight/engine/prose"
)

// readability reports a post whose prose is too hard to read, by the
// average of its metrics. Greenlight computes Flesch-Kincaid; other metric
// names in a Vale style are reported when the style loads.
type readability struct {
	spec Spec
}

func newReadability(s Spec) (Rule, error) {
	if s.Grade <= 0 {
		return nil, errors.New("a readability rule needs a grade above 0")
	}
	if len(s.Metrics) == 0 {
		s.Metrics = []string{"Flesch-Kincaid"}
	}
	for _, m := range s.Metrics {
		if !slices.Contains(Metrics(), m) {
			return nil, fmt.Errorf("unknown readability metric %q (Greenlight computes %s)", m, strings.Join(Metrics(), ", "))
		}
	}
	return &readability{spec: s}, nil
}

// Metrics lists the readability metrics Greenlight computes.
func Metrics() []string { return []string{"Flesch-Kincaid"} }

func (r *readability) Spec() *Spec { return &r.spec }

// parts: the rule always runs.
func (r *readability) parts() []part { return []part{{}} }

// run measures all units together: readability is a property of the post.
func (r *readability) run(c *checker, units []unit) {
	var all prose.Stats
	for _, u := range units {
		s := prose.Measure(u.text())
		all.Sentences += s.Sentences
		all.Words += s.Words
		all.Syllables += s.Syllables
	}
	grade := all.FleschKincaid()
	if grade <= r.spec.Grade {
		return
	}
	g := strconv.FormatFloat(grade, 'f', 2, 64)
	limit := strconv.FormatFloat(r.spec.Grade, 'f', -1, 64)
	// A property of the whole post: reported at its first line, as Vale does.
	c.reportAt(0, formatMessage(r.spec.Message, g, limit))
}
