package vale_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/greenlighthq/greenlight/engine/style/vale"
)

// valeTestdata is Vale's own test data, shared beside the repository and
// never copied into it (see ../shared/testdata/vale/SOURCES.md).
const valeTestdata = "../../../../shared/testdata/vale"

func needValeTestdata(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(valeTestdata, "testdata")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Vale's test data is missing: %v", err)
		}
		t.Skip("Vale's test data is not beside the repository (../shared/testdata/vale)")
	}
	return dir
}

// scenario says how to lint one Vale feature scenario's fixture folder,
// following its .vale.ini (Greenlight reads greenlight.hcl, not
// .vale.ini, so each is transcribed here).
type scenario struct {
	// name is the Scenario title in features/misc.feature.
	name string
	// dir is the fixture folder under testdata/fixtures; styles its
	// StylesPath, relative to dir.
	dir, styles string
	vocabs      []string
	// rules names the rules .vale.ini turns on for a file.
	rules func(file string) []string
	// excluded are expected alerts Greenlight cannot give, with why;
	// extra those it gives that Vale does not, with why.
	excluded, extra map[string]string
}

const notMarkdown = "Greenlight reads Markdown posts; Vale reads this file as HTML, reStructuredText or AsciiDoc"

func valeScenarios() []scenario {
	valeStyle := []string{"Vale.Spelling", "Vale.Terms", "Vale.Avoid"}
	return []scenario{
		{
			name: "Spelling", dir: "spelling", styles: "../../styles",
			rules: func(f string) []string {
				switch {
				case strings.HasSuffix(f, ".dic.md"):
					return []string{"Spelling.Test"}
				case strings.HasSuffix(f, ".md"):
					return []string{"Spelling.Ignore"}
				case strings.HasSuffix(f, ".txt"):
					// Plain text reads the same as Markdown here.
					return []string{"Spelling.GB"}
				}
				return nil
			},
			excluded: map[string]string{
				"test.html:5:21:Spelling.Ignores:Did you really mean 'docbook'?": notMarkdown,
				"test.html:14:96:Spelling.Ignores:Did you really mean 'TODO'?":   notMarkdown,
			},
		},
		{
			name: "v3.0 Spelling", dir: "spellingv3", styles: "../../styles", vocabs: []string{"Cap"},
			rules: func(f string) []string { return []string{"Vale.Spelling"} },
			excluded: map[string]string{
				"test.html:5:21:Vale.Spelling:Did you really mean 'docbook'?": notMarkdown,
			},
		},
		{
			name: "Vocab", dir: "vocab/Basic", styles: "../styles", vocabs: []string{"Basic"},
			rules: func(string) []string { return valeStyle },
			extra: map[string]string{
				"test.md:31:25:Vale.Terms:Use '[Oo]bservability' instead of 'oBservability'.": "the blockquote paragraph of lines 31-32 has " +
					"'oBservability' twice (31:25 and 32:8); Vale gives one alert, at 32:8, for both matches of its paragraph",
			},
		},
		{
			name: "Vocab does not suppress nonword rules (#1058)", dir: "vocab/Nonword", styles: "../styles", vocabs: []string{"Nonword"},
			rules: func(string) []string { return []string{"Bug.Quotes"} },
		},
		{
			// .vale.ini's TokenIgnores (hyphenated words) has no Greenlight
			// equivalent; no expected alert depends on it.
			name: "Multiple Vocabs", dir: "vocab/Multi", styles: "../styles", vocabs: []string{"Basic", "Second"},
			rules: func(string) []string { return valeStyle },
		},
		{
			name: "Multi-word vocab phrases (#1035)", dir: "vocab/Phrases", styles: "../styles", vocabs: []string{"Phrases"},
			rules: func(string) []string { return append(valeStyle, "Test.Place") },
		},
	}
}

// valeSpelling is Vale's built-in Vale.Spelling rule (internal/check's
// defaultRules and makeSpeller): the default dictionary plus every
// dictionary of <StylesPath>/config/dictionaries, the ignore files under
// <StylesPath>/config/ignore, Vale's default filters. english is the
// default dictionary.
func valeSpelling(t *testing.T, stylesPath string, english style.Dictionary) style.Spec {
	t.Helper()
	s := style.Spec{
		ID: "Vale.Spelling", Kind: style.Spelling, Level: finding.Error,
		Message: "Did you really mean '%s'?", Vocab: true, Filters: style.DefaultSpellingFilters(),
	}
	if english.Dic != "" {
		s.Dictionaries = append(s.Dictionaries, english)
	} else {
		s.AppendEnglish = true
	}
	dics, _ := filepath.Glob(filepath.Join(stylesPath, "config/dictionaries/*.dic"))
	for _, d := range dics {
		s.Dictionaries = append(s.Dictionaries, style.Dictionary{Dic: d, Aff: strings.TrimSuffix(d, ".dic") + ".aff"})
	}
	_ = filepath.WalkDir(filepath.Join(stylesPath, "config/ignore"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			s.WordLists = append(s.WordLists, p)
		}
		return nil
	})
	return s
}

// expectedAlerts reads each scenario's expected `file:line:col:Check:Message`
// lines from Vale's feature files.
func expectedAlerts(t *testing.T, features string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	paths, _ := filepath.Glob(filepath.Join(features, "*.feature"))
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		name, inDoc := "", false
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			switch {
			case strings.HasPrefix(line, "Scenario:"):
				name = strings.TrimSpace(strings.TrimPrefix(line, "Scenario:"))
				out[name] = []string{}
			case line == `"""`:
				inDoc = !inDoc
			case inDoc && name != "" && line != "":
				out[name] = append(out[name], line)
			}
		}
		f.Close()
	}
	return out
}

// TestSpellingAndVocabulariesAsVale lints Vale's spelling and vocabulary
// fixtures with the rules their .vale.ini turns on and compares the alerts
// with those Vale's feature files expect, position and message included.
// Vale.Spelling gets Vale's own default dictionary (en_US-web) so that the
// comparison is of the engines; TestEmbeddedDictionaryOnValeFixtures
// shows what changes with Greenlight's.
func TestSpellingAndVocabulariesAsVale(t *testing.T) {
	root := needValeTestdata(t)
	web := filepath.Join(valeTestdata, "internal/spell/data/en_US-web")
	english := style.Dictionary{Dic: web + ".dic", Aff: web + ".aff"}
	expected := expectedAlerts(t, filepath.Join(root, "features"))
	total, same := 0, 0
	for _, sc := range valeScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			want, ok := expected[sc.name]
			if !ok {
				t.Fatalf("no scenario %q in the feature files", sc.name)
			}
			got := lintFixture(t, root, sc, english)
			gotSet := map[string]bool{}
			for _, g := range got {
				gotSet[g] = true
			}
			for _, w := range want {
				total++
				if reason, ok := sc.excluded[w]; ok {
					t.Logf("excluded: %s (%s)", w, reason)
					continue
				}
				if gotSet[w] {
					same++
					continue
				}
				t.Errorf("Vale alert missing: %s", w)
			}
			for _, g := range got {
				if reason, ok := sc.extra[g]; ok {
					t.Logf("extra: %s (%s)", g, reason)
					continue
				}
				if !slices.Contains(want, g) {
					t.Errorf("alert Vale does not give: %s", g)
				}
			}
		})
	}
	t.Logf("%d of %d Vale alerts reproduced; the other %d are excluded as logged above", same, total, total-same)
}

// lintFixture lints every Markdown or text file of a scenario's folder and
// returns Vale-style alert lines, sorted.
func lintFixture(t *testing.T, root string, sc scenario, english style.Dictionary) []string {
	t.Helper()
	dir := filepath.Join(root, "fixtures", sc.dir)
	stylesPath := filepath.Join(dir, sc.styles)
	var all []style.Spec
	entries, err := os.ReadDir(stylesPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "config" {
			continue
		}
		specs, diags := vale.Load(filepath.Join(stylesPath, e.Name()))
		if diags.HasErrors() {
			t.Fatalf("%s: %s", e.Name(), diags)
		}
		all = append(all, specs...)
	}
	all = append(all, valeSpelling(t, stylesPath, english))
	var vocabs []vale.Vocabulary
	for _, name := range sc.vocabs {
		v, diags := vale.LoadVocabulary(filepath.Join(stylesPath, "config/vocabularies", name), nil)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		vocabs = append(vocabs, v)
	}
	all = vale.ApplyVocabularies(all, vocabs...)

	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	linters := map[string]*style.Linter{}
	parser := content.NewParser(nil)
	var out []string
	for _, path := range files {
		name := filepath.Base(path)
		if !strings.HasSuffix(name, ".md") && !strings.HasSuffix(name, ".txt") {
			continue // see scenario.excluded
		}
		ids := sc.rules(name)
		key := strings.Join(ids, ",")
		l, ok := linters[key]
		if !ok {
			var specs []style.Spec
			for _, s := range all {
				if slices.Contains(ids, s.ID) {
					specs = append(specs, s)
				}
			}
			if l, err = style.NewLinter(specs, style.WithClock(func() time.Time { return time.Time{} })); err != nil {
				t.Fatal(err)
			}
			linters[key] = l
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		p, diags := parser.Parse(name, src)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		for _, f := range l.Lint(p) {
			out = append(out, fmt.Sprintf("%s:%d:%d:%s:%s", f.Path, f.Span.Start.Line, f.Span.Start.Col, f.Rule, f.Message))
		}
	}
	slices.Sort(out)
	return out
}

// TestEmbeddedDictionaryOnValeFixtures runs the same scenarios with
// Greenlight's embedded dictionary as Vale.Spelling's default: only words
// Debian's SCOWL build and Vale's en_US-web disagree on may differ.
func TestEmbeddedDictionaryOnValeFixtures(t *testing.T) {
	root := needValeTestdata(t)
	web := filepath.Join(valeTestdata, "internal/spell/data/en_US-web")
	for _, sc := range valeScenarios() {
		if !slices.Contains(sc.rules("test.md"), "Vale.Spelling") {
			continue // the scenario names its dictionaries
		}
		t.Run(sc.name, func(t *testing.T) {
			theirs := lintFixture(t, root, sc, style.Dictionary{Dic: web + ".dic", Aff: web + ".aff"})
			ours := lintFixture(t, root, sc, style.Dictionary{})
			if !slices.Equal(ours, theirs) {
				t.Errorf("with the embedded dictionary:\n got %q\nwith Vale's %q", ours, theirs)
			}
		})
	}
}
