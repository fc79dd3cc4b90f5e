package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"gopkg.in/yaml.v3"
)

// frontMatterJSON is a post's front matter as yaml-language-server sees
// it, as JSON; ok is false for a post without front matter.
func frontMatterJSON(t *testing.T, src string) (string, bool) {
	t.Helper()
	src = strings.ReplaceAll(src, "\r\n", "\n")
	rest, ok := strings.CutPrefix(src, "---\n")
	if !ok {
		return "", false
	}
	fm, _, ok := strings.Cut(rest, "\n---")
	if !ok {
		return "", false
	}
	var v map[string]any
	if err := yaml.Unmarshal([]byte(fm), &v); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw), true
}

// The front-matter schema accepts every example post and refuses what
// check refuses: an unknown key, a channel the config does not know, a
// publish_at that is no time, a media item without src.
func TestSchemaOfTheFrontMatter(t *testing.T) {
	stdout, stderr, code := run(t, "schema", "front-matter", "examples/")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewStringLoader(stdout))
	if err != nil {
		t.Fatalf("not a JSON Schema: %v", err)
	}
	posts, _ := filepath.Glob(filepath.Join(repoRoot, "examples", "posts", "*.md"))
	valid := 0
	for _, p := range posts {
		src, _ := os.ReadFile(p)
		doc, ok := frontMatterJSON(t, string(src))
		if !ok {
			continue
		}
		res, err := s.Validate(gojsonschema.NewStringLoader(doc))
		if err != nil {
			t.Fatal(err)
		}
		// One example post names an unknown channel on purpose.
		if strings.HasSuffix(p, "typo-channel.md") {
			if res.Valid() {
				t.Errorf("%s names an unknown channel, and the schema accepts it", p)
			}
			continue
		}
		if !res.Valid() {
			t.Errorf("%s: %v", filepath.Base(p), res.Errors())
		}
		valid++
	}
	if valid < 15 {
		t.Errorf("only %d example posts validated", valid)
	}
	for name, doc := range map[string]string{
		"an unknown key":          `{"chanels": ["x"]}`,
		"an unknown channel":      `{"channels": ["myspace"]}`,
		"publish_at that is text": `{"publish_at": "next tuesday"}`,
		"media without src":       `{"media": [{"alt": "a cat"}]}`,
		"sponsored as text":       `{"sponsored": "yes"}`,
	} {
		if res, _ := s.Validate(gojsonschema.NewStringLoader(doc)); res.Valid() {
			t.Errorf("%s is accepted", name)
		}
	}
}

// The report schema accepts check --format json's output on examples/, and
// refuses an output whose levels or fields are not the contract's.
func TestSchemaOfTheReport(t *testing.T) {
	schemaOut, _, code := run(t, "schema", "report")
	if code != 0 {
		t.Fatal("exit", code)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewStringLoader(schemaOut))
	if err != nil {
		t.Fatalf("not a JSON Schema: %v", err)
	}
	report, _, _ := run(t, "check", "--format", "json", "examples/")
	res, err := s.Validate(gojsonschema.NewStringLoader(report))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Valid() {
		t.Errorf("check --format json does not validate: %v", res.Errors())
	}
	bad := strings.Replace(report, `"level": "error"`, `"level": "fatal"`, 1)
	if res, _ := s.Validate(gojsonschema.NewStringLoader(bad)); res.Valid() {
		t.Error("a level outside error, warning and info is accepted")
	}
}

// TestSchemaWithoutANameSaysWhichThereAre checks that schema alone
// names the schemas it can print, rather than counting arguments.
func TestSchemaWithoutANameSaysWhichThereAre(t *testing.T) {
	_, stderr, code := run(t, "schema")
	if code != 2 || !strings.Contains(stderr, "greenlight schema front-matter [PATH] or greenlight schema report") {
		t.Errorf("exit %d, stderr %q; want 2 naming both schemas", code, stderr)
	}
}
