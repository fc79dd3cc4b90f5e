package policy

import (
	"runtime"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

func TestConverterGivesWhatOPAGives(t *testing.T) {
	tone := map[string]any{"grade": 7.1, "caps": 0, "sentiment": -0.25}
	voice := map[string]any{"max_grade": 9, "max_emoji": nil, "level": "warning", "overrides": []any{}}
	doc := map[string]any{
		"post": map[string]any{"title": "Launch", "channels": []any{"x", "linkedin"}, "draft": false,
			"front": map[string]any{}, "links": []any{map[string]any{"url": "https://example.com", "query": map[string]any{}}}},
		"channels": map[string]any{
			"x":        map[string]any{"length": 97, "tone": tone, "voice": voice},
			"linkedin": map[string]any{"length": 97, "tone": tone, "voice": map[string]any{"max_grade": 12}},
		},
		"tone":   tone,
		"review": nil,
		"big":    uint64(1) << 63,
	}
	c := newConverter()
	if err := c.share(voice); err != nil {
		t.Fatal(err)
	}
	for name, conv := range map[string]*converter{"a document": c.document(), "a second document": c.document()} {
		t.Run(name, func(t *testing.T) {
			got, err := conv.value(doc)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ast.InterfaceToValue(doc)
			if err != nil {
				t.Fatal(err)
			}
			if got.Compare(want) != 0 {
				t.Errorf("converted\n%v\nwant\n%v", got, want)
			}
		})
	}
}

func TestConverterNeverMistakesAMapForAFreedSharedOne(t *testing.T) {
	// A shared map is kept alive by the converter, so that no map of a
	// later document can be allocated at its address.
	c := newConverter()
	for range 100 {
		if err := c.share(map[string]any{"shared": true}); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	for i := range 1000 {
		doc := map[string]any{"n": i}
		got, err := c.document().value(doc)
		if err != nil {
			t.Fatal(err)
		}
		if want := ast.MustInterfaceToValue(doc); got.Compare(want) != 0 {
			t.Fatalf("document %d converted to %v, want %v", i, got, want)
		}
	}
}

func TestConverterReportsWhatItCannotConvert(t *testing.T) {
	c := newConverter()
	_, err := c.document().value(map[string]any{"post": map[string]any{"front": map[string]any{"f": func() {}}}})
	if err == nil {
		t.Fatal("a function converted")
	}
	if want := "post: front: f: "; len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
		t.Errorf("error %q, want it to name the path %q", err, want)
	}
}
