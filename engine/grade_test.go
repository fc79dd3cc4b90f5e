package engine_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/open-policy-agent/opa/v1/ast"
)

// gradeConfig has a readability rule and a voice with a grade limit low
// enough that both report every copy they grade.
const gradeConfig = `
greenlight { content = ["posts/*.md"] }
voice { max_grade = 1 }
rule "plain" {
  metrics = ["Flesch-Kincaid"]
  grade   = 1
  message = "Grade %s."
}
`

// One copy has one grade, wherever it is shown: the readability rule's
// finding, the voice policy's and the input document's tone agree, for a
// post whose heading has no full stop and which mentions an account and
// links a page (neither of which a reader reads as words), and for each
// copy of a post with channel sections.
func TestOneGradePerCopy(t *testing.T) {
	t.Parallel()
	examplePost, err := os.ReadFile(filepath.Join("..", "examples", "posts", "2026-12-09-readability.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, post string
		copies     []string // "" the common copy
	}{
		{"the readability example", string(examplePost), []string{""}},
		{"a heading without a full stop, a mention and a link", "---\ntitle: A title of many syllables nobody posts\nchannels: [x]\n---\n" +
			"# Announcing documentation\n\nAsk @acme_support about the institutional documentation at https://example.com/docs/organizational today.\n",
			[]string{""}},
		{"channel sections", "---\ntitle: Variants\nchannels: [x, linkedin, bluesky]\n---\n" +
			"Short words for all.\n\n## X\nComprehensive institutional documentation https://example.com/a necessitates accountability.\n\n" +
			"## LinkedIn\nOrganizational accountability is a long word festival, @acme.\n",
			[]string{"", "x", "linkedin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := setup(t, map[string]string{"greenlight.hcl": gradeConfig, "posts/p.md": tc.post})
			eng, diags := engine.New(context.Background(), cfg, engine.Options{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			src, _ := os.ReadFile(filepath.Join(cfg.Dir, "posts", "p.md"))
			p, d := eng.Parse("posts/p.md", src)
			if d.HasErrors() {
				t.Fatal(d)
			}
			c := eng.CheckPost(context.Background(), p)
			grades := regexp.MustCompile(`(?:Grade|Reading grade) (-?\d+(?:\.\d+)?)`)
			var shown []string
			for _, f := range c.Findings {
				if m := grades.FindStringSubmatch(f.Message); m != nil {
					shown = append(shown, m[1])
				}
			}
			obj, err := eng.Input(p)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ast.JSON(obj)
			if err != nil {
				t.Fatal(err)
			}
			in := doc.(map[string]any)
			var measured []string
			for _, ch := range tc.copies {
				tone := in["tone"].(map[string]any)
				if ch != "" || len(tc.copies) > 1 {
					tone = in["channels"].(map[string]any)[orCommon(ch, tc.copies)].(map[string]any)["tone"].(map[string]any)
				}
				g, err := tone["grade"].(json.Number).Float64()
				if err != nil {
					t.Fatal(err)
				}
				if g <= 1 {
					continue // within the limits: nothing to show
				}
				measured = append(measured, strconv.FormatFloat(math.Round(g*100)/100, 'f', -1, 64))
			}
			for _, g := range shown {
				if !slices.Contains(measured, g) {
					t.Errorf("a finding shows grade %s; the input's copies measure %v", g, measured)
				}
			}
			for _, g := range measured {
				if n := count(shown, g); n != 2 {
					t.Errorf("grade %s is shown %d times, want twice (the rule and the voice): %v", g, n, shown)
				}
			}
		})
	}
}

// orCommon is the channel whose copy is ch: ch itself, or for the common
// copy a channel the post has without a section of its own.
func orCommon(ch string, copies []string) string {
	if ch != "" {
		return ch
	}
	for _, c := range []string{"bluesky", "x", "linkedin"} {
		if !slices.Contains(copies, c) {
			return c
		}
	}
	return "x"
}

func count(ss []string, s string) int {
	n := 0
	for _, x := range ss {
		if x == s {
			n++
		}
	}
	return n
}

// TestReportedCountsAreThePoliciesMeasurements checks that the channel
// counts a verdict carries (the pull-request summary's meters) are the
// lengths and limits the policies saw in input.channels, post by post, on
// the examples: measured once, shown as measured.
func TestReportedCountsAreThePoliciesMeasurements(t *testing.T) {
	t.Parallel()
	loaded := config.Load(filepath.Join("..", "examples", "greenlight.hcl"))
	if loaded.Config == nil {
		t.Fatal(loaded.Diags)
	}
	eng, diags := engine.New(context.Background(), loaded.Config, engine.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	files, err := engine.Discover(loaded.Config, []string{filepath.Join(loaded.Config.Dir, "posts")})
	if err != nil {
		t.Fatal(err)
	}
	counted := 0
	for _, f := range files {
		src, _ := eng.ReadPost(f)
		p, d := eng.Parse(f.Path, src)
		if d.HasErrors() {
			continue
		}
		c := eng.CheckPost(context.Background(), p)
		obj, err := eng.Input(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := ast.JSON(obj)
		channels := doc.(map[string]any)["channels"].(map[string]any)
		if len(c.Post.Counts) != len(channels) {
			t.Errorf("%s: %d counts, the input has %d channels", f.Path, len(c.Post.Counts), len(channels))
		}
		for _, n := range c.Post.Counts {
			ch := channels[n.Channel].(map[string]any)
			if ch["length"] != json.Number(strconv.Itoa(n.Length)) || ch["limit"] != json.Number(strconv.Itoa(n.Limit)) || ch["fits"] != n.Fits {
				t.Errorf("%s: %s counts %d/%d fits %v; the policies saw %v/%v fits %v", f.Path, n.Channel, n.Length, n.Limit, n.Fits, ch["length"], ch["limit"], ch["fits"])
			}
			counted++
		}
	}
	if counted < 10 {
		t.Errorf("only %d counts compared: the test proves little", counted)
	}
}
