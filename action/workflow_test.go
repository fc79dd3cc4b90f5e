package action_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// No value is ever interpolated into a shell line: every `run:` of
// action.yml and of the example workflows is free of ${{ }}, and inputs
// reach the program through env.
func TestNoExpressionsInShellLines(t *testing.T) {
	files := []string{filepath.Join("..", "action.yml")}
	wf, _ := filepath.Glob(filepath.Join("..", "examples", ".github", "workflows", "*.yml"))
	files = append(files, wf...)
	if len(files) < 2 {
		t.Fatalf("found %v; want action.yml and the example workflows", files)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		runs := 0
		walk(&doc, func(key, value *yaml.Node) {
			if key.Value == "run" {
				runs++
				if strings.Contains(value.Value, "${{") {
					t.Errorf("%s:%d: a run line interpolates an expression: %q", f, value.Line, value.Value)
				}
			}
		})
		if f == files[0] && runs == 0 {
			t.Errorf("%s has no run step: the test is not reading it", f)
		}
	}
}

func walk(n *yaml.Node, visit func(key, value *yaml.Node)) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			visit(n.Content[i], n.Content[i+1])
		}
	}
	for _, c := range n.Content {
		walk(c, visit)
	}
}
