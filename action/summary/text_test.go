package summary

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenFile compares got with testdata/name, rewritten with -update.
func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update after checking the change):\n%s", golden, got)
	}
}

func TestTextGolden(t *testing.T) {
	r, _ := sample(t)
	got := r.Text()
	goldenFile(t, "summary.txt", got)
	for _, markup := range []string{"**", "`", "<details", "|---", "<!--"} {
		if strings.Contains(got, markup) {
			t.Errorf("the terminal text has Markdown %q in it:\n%s", markup, got)
		}
	}
}

func TestTextSaysWhatIsNextWhenNobodyWasAsked(t *testing.T) {
	r, _ := sample(t)
	r.Requested = nil
	if got := r.Text(); !strings.Contains(got, "\nNext to sign off: brand.\n") {
		t.Errorf("without review requests the text does not name the next stage:\n%s", got)
	}
}

func TestJSONGolden(t *testing.T) {
	r, _ := sample(t)
	raw, err := json.MarshalIndent(r.JSON(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	goldenFile(t, "summary.json", string(raw)+"\n")
}

// A pull request with no posts still prints lists, never null.
func TestJSONEmptyListsAreNotNull(t *testing.T) {
	raw, err := json.Marshal(Report{Base: "main", Conclusion: "success"}.JSON())
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"blocked_stages", "next_stages", "problems", "findings", "posts", "removed", "requested", "notes"} {
		if !strings.Contains(string(raw), `"`+key+`":[]`) {
			t.Errorf("%s is not an empty list: %s", key, raw)
		}
	}
}
