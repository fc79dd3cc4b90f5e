package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// docsFence is a fenced hcl block of a Markdown page: its opening line, its
// body, and the closing fence on a line of its own.
var docsFence = regexp.MustCompile("(?ms)^```hcl[ \t]*\n(.*?)^```[ \t]*$")

// docsFragment marks an example that is intentionally partial.
var docsFragment = regexp.MustCompile(`(?m)^\s*# fragment\s*$`)

// docsFixtures are the files the examples of docs/config name, beside the
// example repository's styles/Acme and policies, which are copied.
var docsFixtures = map[string]string{
	"styles/config/vocabularies/Team/accept.txt": "# The team's words\nGreenlyte\nNorthwind\n",
	"styles/config/vocabularies/Team/reject.txt": "synergize\n",
	"dictionaries/en_GB.aff":                     "SET UTF-8\nTRY esianrtolcdugmphbyfvkwz'\n",
	"dictionaries/en_GB.dic":                     "3\ncolour\nfavour\norganise\n",
	"words.txt":                                  "Greenlight\n",
}

// TestDocsExamplesValidate: every hcl example of docs/config is a complete,
// valid greenlight.hcl, as the pages promise; one with a "# fragment" line
// is left out.
func TestDocsExamplesValidate(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(repoRoot, "docs", "config", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 14 {
		t.Fatalf("docs/config has %d pages, want the index and one per block", len(pages))
	}
	template := t.TempDir()
	for _, dir := range []string{"styles", "policies"} {
		copyTree(t, filepath.Join(repoRoot, "examples", dir), filepath.Join(template, dir))
	}
	for name, text := range docsFixtures {
		writeFile(t, filepath.Join(template, name), text)
	}
	examples := 0
	for _, page := range pages {
		src, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range docsFence.FindAllSubmatchIndex(src, -1) {
			body := string(src[m[2]:m[3]])
			if docsFragment.MatchString(body) {
				continue
			}
			examples++
			line := 1 + strings.Count(string(src[:m[0]]), "\n")
			name := filepath.Base(page) + ":" + strconv.Itoa(line)
			t.Run(name, func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "repo")
				copyTree(t, template, dir)
				writeFile(t, filepath.Join(dir, "greenlight.hcl"), body)
				stdout, stderr, code := runIn(t, dir, "validate")
				if code != 0 {
					t.Errorf("example %d of %s (line %d) is not a valid config: exit %d\n%s%s\n%s",
						i+1, filepath.Base(page), line, code, stdout, stderr, body)
				}
			})
		}
	}
	if examples < 13 {
		t.Errorf("docs/config has %d complete examples, want at least one per block", examples)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the regular files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(dst, rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
