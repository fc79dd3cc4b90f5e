package style

import (
	"errors"
	"fmt"
	"math"
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

// run grades each copy of the post the way every grade of a copy is
// measured (content.Post.Prose: its prose blocks, each on its own, without
// code, URLs, mentions or the title), so the rule and the voice policy
// never give one copy two grades. This is where Greenlight leaves Vale,
// which reads the rule's scope, title included: a grade belongs to what a
// channel posts. A post with channel sections is graded per copy.
func (r *readability) run(c *checker, _ []unit) {
	copies := append([]string{""}, c.post.Variants()...)
	for _, ch := range copies {
		grade := prose.MeasureBlocks(c.post.Prose(ch)).FleschKincaid()
		if grade <= r.spec.Grade {
			continue
		}
		// Two decimals at most, trailing zeros dropped: as the policies
		// print numbers (lib.number), so both show the same grade.
		g := strconv.FormatFloat(math.Round(grade*100)/100, 'f', -1, 64)
		limit := strconv.FormatFloat(r.spec.Grade, 'f', -1, 64)
		msg := formatMessage(r.spec.Message, g, limit)
		// A property of the whole copy: reported at the post's first line,
		// as Vale does, or at the heading of the channel's own section.
		off := 0
		if ch != "" {
			off, _ = c.post.VariantHeading(ch)
			msg = strings.TrimSuffix(msg, ".") + " (the " + ch + " copy)."
		}
		c.reportAt(off, msg)
	}
}
