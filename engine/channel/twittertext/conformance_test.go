package twittertext_test

import (
	"maps"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/greenlighthq/greenlight/engine/channel/twittertext"
	"github.com/greenlighthq/greenlight/engine/internal/testdir"
)

// conformanceSkips lists conformance cases this port does not follow, by
// "group/description", with the reason. Keep it empty where possible.
var conformanceSkips = map[string]string{}

type conformanceCase struct {
	Description string    `yaml:"description"`
	Text        string    `yaml:"text"`
	Expected    yaml.Node `yaml:"expected"`
}

type conformanceFile struct {
	Tests map[string][]conformanceCase `yaml:"tests"`
}

func loadConformance(t *testing.T, name string) conformanceFile {
	t.Helper()
	path := testdir.Shared(t, "twitter-text", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f conformanceFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

// runGroup runs check on every case of a group, one subtest per case named
// after its description, and reports the pass count.
func runGroup(t *testing.T, file, group string, cases []conformanceCase, check func(t *testing.T, c conformanceCase)) {
	t.Helper()
	if len(cases) == 0 {
		t.Fatalf("group %s has no cases", group)
	}
	t.Run(group, func(t *testing.T) {
		passed, skipped := 0, 0
		for _, c := range cases {
			if reason, ok := conformanceSkips[group+"/"+c.Description]; ok {
				skipped++
				t.Run(c.Description, func(t *testing.T) { t.Skip(reason) })
				continue
			}
			if t.Run(c.Description, func(t *testing.T) { check(t, c) }) {
				passed++
			}
		}
		line := "twitter-text " + file + " " + group + ": " + itoa(passed) + "/" + itoa(len(cases)) + " passed"
		if skipped > 0 {
			line += " (" + itoa(skipped) + " skipped)"
		}
		t.Log(line)
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

func decodeExpected[T any](t *testing.T, c conformanceCase) T {
	t.Helper()
	var v T
	if err := c.Expected.Decode(&v); err != nil {
		t.Fatalf("expected: %v", err)
	}
	return v
}

type weightedExpectation struct {
	WeightedLength    int  `yaml:"weightedLength"`
	Valid             bool `yaml:"valid"`
	Permillage        int  `yaml:"permillage"`
	DisplayRangeStart int  `yaml:"displayRangeStart"`
	DisplayRangeEnd   int  `yaml:"displayRangeEnd"`
	ValidRangeStart   int  `yaml:"validRangeStart"`
	ValidRangeEnd     int  `yaml:"validRangeEnd"`
}

func TestValidateConformance(t *testing.T) {
	f := loadConformance(t, "validate.yml")
	boolean := map[string]func(string) bool{
		"tweets":                func(s string) bool { return twittertext.IsValidTweetText(s, twittertext.V1()) },
		"usernames":             twittertext.IsValidUsername,
		"lists":                 twittertext.IsValidList,
		"hashtags":              twittertext.IsValidHashtag,
		"urls":                  func(s string) bool { return twittertext.IsValidURL(s, true, true) },
		"urls_without_protocol": func(s string) bool { return twittertext.IsValidURL(s, true, false) },
	}
	weighted := map[string]twittertext.Config{
		"WeightedTweetsCounterTest":                    twittertext.V2(),
		"WeightedTweetsWithDiscountedEmojiCounterTest": twittertext.V3(),
		"UnicodeDirectionalMarkerCounterTest":          twittertext.V3(),
	}
	for group := range f.Tests {
		if boolean[group] == nil {
			if _, ok := weighted[group]; !ok {
				t.Errorf("validate.yml group %s is not covered", group)
			}
		}
	}
	for _, group := range []string{"tweets", "usernames", "lists", "hashtags", "urls", "urls_without_protocol"} {
		fn := boolean[group]
		runGroup(t, "validate", group, f.Tests[group], func(t *testing.T, c conformanceCase) {
			want := decodeExpected[bool](t, c)
			if got := fn(c.Text); got != want {
				t.Errorf("%q: got %v, want %v", c.Text, got, want)
			}
		})
	}
	for _, group := range []string{"WeightedTweetsCounterTest", "WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest"} {
		cfg := weighted[group]
		runGroup(t, "validate", group, f.Tests[group], func(t *testing.T, c conformanceCase) {
			want := decodeExpected[weightedExpectation](t, c)
			r := twittertext.Parse(c.Text, cfg)
			got := weightedExpectation{
				WeightedLength:    r.WeightedLength,
				Valid:             r.Valid,
				Permillage:        r.Permillage,
				DisplayRangeStart: r.DisplayRange.Start,
				DisplayRangeEnd:   r.DisplayRange.End,
				ValidRangeStart:   r.ValidRange.Start,
				ValidRangeEnd:     r.ValidRange.End,
			}
			if got != want {
				t.Errorf("text %q\n got %+v\nwant %+v", abbreviate(c.Text), got, want)
			}
		})
	}
}

func abbreviate(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:100]) + "…"
	}
	return s
}

// indexed is an extracted entity in the conformance format: its text and
// [start, end) in UTF-16 code units.
type indexed struct {
	Text     string
	ListSlug string
	Indices  [2]int
}

func toIndexed(text string, es []twittertext.Entity) []indexed {
	out := []indexed{}
	for _, e := range es {
		out = append(out, indexed{Text: e.Text, Indices: [2]int{
			twittertext.UTF16Offset(text, e.Start), twittertext.UTF16Offset(text, e.End)}})
	}
	return out
}

func texts(es []twittertext.Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Text)
	}
	return out
}

func TestExtractConformance(t *testing.T) {
	f := loadConformance(t, "extract.yml")
	plain := map[string]func(string) []twittertext.Entity{
		"mentions":             twittertext.ExtractMentions,
		"urls":                 twittertext.ExtractURLs,
		"tco_urls_with_params": twittertext.ExtractURLs,
		"hashtags":             twittertext.ExtractHashtags,
		"hashtags_from_astral": twittertext.ExtractHashtags,
		"cashtags":             twittertext.ExtractCashtags,
	}
	// withIndices maps a group to its extractor and the YAML key of the
	// entity text.
	withIndices := map[string]struct {
		fn  func(string) []twittertext.Entity
		key string
	}{
		"mentions_with_indices":         {twittertext.ExtractMentions, "screen_name"},
		"urls_with_indices":             {twittertext.ExtractURLs, "url"},
		"urls_with_directional_markers": {twittertext.ExtractURLs, "url"},
		"hashtags_with_indices":         {twittertext.ExtractHashtags, "hashtag"},
		"cashtags_with_indices":         {twittertext.ExtractCashtags, "cashtag"},
	}
	for group := range f.Tests {
		_, p := plain[group]
		_, w := withIndices[group]
		if !p && !w && group != "mentions_or_lists_with_indices" && group != "replies" {
			t.Errorf("extract.yml group %s is not covered", group)
		}
	}
	for _, group := range sortedKeys(plain) {
		fn := plain[group]
		runGroup(t, "extract", group, f.Tests[group], func(t *testing.T, c conformanceCase) {
			want := decodeExpected[[]string](t, c)
			if want == nil {
				want = []string{}
			}
			if got := texts(fn(c.Text)); !reflect.DeepEqual(got, want) {
				t.Errorf("%q:\n got %q\nwant %q", c.Text, got, want)
			}
		})
	}
	for _, group := range sortedKeys(withIndices) {
		spec := withIndices[group]
		runGroup(t, "extract", group, f.Tests[group], func(t *testing.T, c conformanceCase) {
			raw := decodeExpected[[]map[string]any](t, c)
			want := []indexed{}
			for _, e := range raw {
				want = append(want, indexed{Text: e[spec.key].(string), Indices: indices(t, e["indices"])})
			}
			if got := toIndexed(c.Text, spec.fn(c.Text)); !reflect.DeepEqual(got, want) {
				t.Errorf("%q:\n got %+v\nwant %+v", c.Text, got, want)
			}
		})
	}
	runGroup(t, "extract", "mentions_or_lists_with_indices", f.Tests["mentions_or_lists_with_indices"], func(t *testing.T, c conformanceCase) {
		raw := decodeExpected[[]map[string]any](t, c)
		want := []indexed{}
		for _, e := range raw {
			want = append(want, indexed{Text: e["screen_name"].(string), ListSlug: e["list_slug"].(string), Indices: indices(t, e["indices"])})
		}
		got := []indexed{}
		for _, m := range twittertext.ExtractMentionsOrLists(c.Text) {
			got = append(got, indexed{Text: m.ScreenName, ListSlug: m.ListSlug, Indices: [2]int{
				twittertext.UTF16Offset(c.Text, m.Start), twittertext.UTF16Offset(c.Text, m.End)}})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", c.Text, got, want)
		}
	})
	runGroup(t, "extract", "replies", f.Tests["replies"], func(t *testing.T, c conformanceCase) {
		var want string
		if c.Expected.Tag != "!!null" {
			want = decodeExpected[string](t, c)
		}
		if got := twittertext.ExtractReplyScreenName(c.Text); got != want {
			t.Errorf("%q: got %q, want %q", c.Text, got, want)
		}
	})
}

func indices(t *testing.T, v any) [2]int {
	t.Helper()
	l, ok := v.([]any)
	if !ok || len(l) != 2 {
		t.Fatalf("bad indices %v", v)
	}
	return [2]int{l[0].(int), l[1].(int)}
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
