package diffhunk_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/diffhunk"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name  string
		patch string
		lines string // commentable lines, as Lines.String
		added []int
	}{
		{
			name:  "an empty patch (binary or too large) has nothing to comment on",
			patch: "",
		},
		{
			name: "one hunk comments on its context and added lines",
			patch: "@@ -1,4 +1,5 @@\n" +
				" # Launch\n" +
				"-We ship Monday.\n" +
				"+We ship Tuesday.\n" +
				"+Sign up now.\n" +
				" \n" +
				" Thanks!",
			lines: "1-5",
			added: []int{2, 3},
		},
		{
			name: "several hunks leave the lines between them out",
			patch: "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n" +
				"@@ -10,3 +10,4 @@ ## Pricing\n j\n k\n+k2\n l",
			lines: "1-3,10-13",
			added: []int{2, 12},
		},
		{
			name:  "a header without counts means one line each",
			patch: "@@ -1 +1 @@\n-old title\n+new title",
			lines: "1",
			added: []int{1},
		},
		{
			name:  "a new file is all added lines",
			patch: "@@ -0,0 +1,3 @@\n+# Hello\n+\n+World",
			lines: "1-3",
			added: []int{1, 2, 3},
		},
		{
			name:  "a new one-line file omits the new count",
			patch: "@@ -0,0 +1 @@\n+Hello",
			lines: "1",
			added: []int{1},
		},
		{
			name: "no-newline markers are not lines",
			patch: "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n" +
				"\\ No newline at end of file",
			lines: "1-2",
			added: []int{2},
		},
		{
			name:  "a deleted file has nothing to comment on",
			patch: "@@ -1,2 +0,0 @@\n-a\n-b",
		},
		{
			name: "a hunk that only removes lines adds nothing commentable",
			patch: "@@ -1,2 +1,2 @@\n-a\n+A\n b\n" +
				"@@ -8,2 +7,0 @@\n-h\n-i\n" +
				"@@ -20,1 +18,2 @@\n t\n+u",
			lines: "1-2,18-19",
			added: []int{1, 19},
		},
		{
			name:  "CRLF line endings are read like LF",
			patch: "@@ -1,2 +1,3 @@\r\n a\r\n-b\r\n+B\r\n+C\r\n",
			lines: "1-3",
			added: []int{2, 3},
		},
		{
			name:  "a final newline is not a line",
			patch: "@@ -1 +1 @@\n-a\n+b\n",
			lines: "1",
			added: []int{1},
		},
		{
			name:  "a blank line inside a hunk is a context line that lost its space",
			patch: "@@ -1,3 +1,3 @@\n a\n\n-c\n+C",
			lines: "1-3",
			added: []int{3},
		},
		{
			name:  "an added line that looks like a header is an added line",
			patch: "@@ -1 +1,2 @@\n a\n+@@ -1 +1 @@",
			lines: "1-2",
			added: []int{2},
		},
		{
			name:  "a hunk shorter than its header counts is read as far as it goes",
			patch: "@@ -5,7 +5,8 @@\n e\n+f",
			lines: "5-6",
			added: []int{6},
		},
		{
			name:  "hunks out of order are still found",
			patch: "@@ -10 +10 @@\n-j\n+J\n@@ -1 +1 @@\n-a\n+A",
			lines: "1,10",
			added: []int{1, 10},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := diffhunk.Parse(tc.patch)
			if err != nil {
				t.Fatal(err)
			}
			if got := l.String(); got != tc.lines {
				t.Errorf("commentable lines = %q, want %q", got, tc.lines)
			}
			if l.Empty() != (tc.lines == "") {
				t.Errorf("Empty() = %v with lines %q", l.Empty(), tc.lines)
			}
			added := map[int]bool{}
			for _, n := range tc.added {
				added[n] = true
			}
			for n := -1; n <= 25; n++ {
				if l.Added(n) != added[n] {
					t.Errorf("Added(%d) = %v, want %v", n, l.Added(n), added[n])
				}
				if l.Added(n) && !l.Contains(n) {
					t.Errorf("line %d is added but not commentable", n)
				}
			}
			if l.Contains(0) || l.Contains(-1) {
				t.Error("line 0 or -1 is commentable")
			}
		})
	}
}

// TestParseContains spells out Contains for one patch, line by line.
func TestParseContains(t *testing.T) {
	l, err := diffhunk.Parse("@@ -2,3 +2,4 @@ intro\n b\n-c\n+C\n+C2\n d\n@@ -9,2 +10,2 @@\n i\n-j\n+J")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]bool{2: true, 3: true, 4: true, 5: true, 10: true, 11: true}
	for n := 0; n <= 13; n++ {
		if l.Contains(n) != want[n] {
			t.Errorf("Contains(%d) = %v, want %v", n, l.Contains(n), want[n])
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, patch string
		want        string // in the error
	}{
		{"a header with letters for numbers is malformed", "@@ -a,b +c,d @@\n x", `"@@ -a,b +c,d @@"`},
		{"a header without its closing @@ is malformed", "@@ -1,2 +1,2\n a\n b", `"@@ -1,2 +1,2"`},
		{"a header missing the new range is malformed", "@@ -1,2 @@\n a", `"@@ -1,2 @@"`},
		{"a malformed second header is named", "@@ -1 +1 @@\n-a\n+b\n@@ -x +y @@\n z", `line 4: malformed hunk header "@@ -x +y @@"`},
		{"a header starting lines at 0 with a count is malformed", "@@ -1,2 +0,3 @@\n a", "lines start at 1"},
		{"a header with an enormous number is malformed", "@@ -1 +99999999999999999999 @@\n a", "out of range"},
		{"text before the first hunk is an error", "diff --git a/x b/x\n@@ -1 +1 @@\n-a\n+b", "before the first hunk header"},
		{"more added lines than counted is an error", "@@ -1 +1 @@\n+a\n+b", "more added lines"},
		{"more context than counted is an error", "@@ -1 +1,2 @@\n a\n b", "more context"},
		{"a line with an unknown prefix is an error", "@@ -1,2 +1,2 @@\n a\n*b", `"*b" is not a diff line`},
		{"text after a complete hunk is an error", "@@ -1 +1 @@\n-a\n+b\ntrailing", "past the end of its hunk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := diffhunk.Parse(tc.patch)
			if err == nil {
				t.Fatalf("Parse = %v, want an error", l)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// TestParseGitHubExample parses the patches of GitHub's documented
// example response for "list pull request files".
func TestParseGitHubExample(t *testing.T) {
	const path = "../../../shared/testdata/github-api/pulls.list-files.json"
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("GitHub's example response %s is not in this checkout", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	var files []struct {
		Filename string `json:"filename"`
		Status   string `json:"status"`
		Patch    string `json:"patch"`
	}
	if err := json.Unmarshal(data, &files); err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("the example lists no files")
	}
	for _, f := range files {
		t.Run(f.Filename, func(t *testing.T) {
			l, err := diffhunk.Parse(f.Patch)
			if err != nil {
				t.Fatal(err)
			}
			// The documented patch is a single header line whose section
			// heading repeats a header, with no lines under it: nothing
			// is known to be in the diff, so nothing is commentable.
			if f.Filename == "file1.txt" && !l.Empty() {
				t.Errorf("lines %q are commentable in a patch that shows no lines", l)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"",
		"@@ -1,4 +1,5 @@\n a\n-b\n+B\n+C\n c\n d",
		"@@ -1 +1 @@\r\n-a\r\n\\ No newline at end of file\r\n+b\r\n",
		"@@ -0,0 +1,2 @@\n+a\n+b\n@@ -9,2 +10,0 @@\n-x\n-y",
		"@@ -132,7 +132,7 @@ module Test @@ -1000,7 +1000,7 @@ module Test",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, patch string) {
		l, err := diffhunk.Parse(patch)
		if err != nil {
			if !l.Empty() {
				t.Errorf("Parse failed but returned lines %q", l)
			}
			return
		}
		if l.Contains(0) || l.Contains(-1) {
			t.Errorf("line 0 or -1 is commentable in %q", patch)
		}
		for n := 1; n <= 64; n++ {
			if l.Added(n) && !l.Contains(n) {
				t.Errorf("line %d is added but not commentable in %q", n, patch)
			}
		}
	})
}
