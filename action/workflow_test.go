package action_test

import (
	"os"
	"path/filepath"
	"reflect"
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

// Every input of action.yml reaches the program, through the environment
// of the step that runs it: an input left out of env (teams-token, say)
// would be silently ignored.
func TestEveryInputReachesTheProgram(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]any
		Runs   struct {
			Steps []struct {
				ID  string
				Env map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(raw, &action); err != nil {
		t.Fatal(err)
	}
	var env map[string]string
	for _, s := range action.Runs.Steps {
		if s.ID == "greenlight" {
			env = s.Env
		}
	}
	if len(action.Inputs) == 0 || env == nil {
		t.Fatalf("action.yml: %d inputs, and no step greenlight with env", len(action.Inputs))
	}
	for name := range action.Inputs {
		want := "GREENLIGHT_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		if got := env[want]; got != "${{ inputs."+name+" }}" {
			t.Errorf("input %s: the step's env has %s=%q, want ${{ inputs.%s }}", name, want, got, name)
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

// The README's setup snippet is the example workflow, shortened: the same
// events, permissions, concurrency group and job condition.
func TestREADMESetupMatchesExampleWorkflow(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, setup, _ := strings.Cut(string(readme), "### Set it up")
	_, block, _ := strings.Cut(setup, "```yaml\n")
	block, _, ok := strings.Cut(block, "```")
	if !ok {
		t.Fatal("the README's Set it up has no yaml block")
	}
	var snippet, example map[string]any
	if err := yaml.Unmarshal([]byte(strings.ReplaceAll("\n"+block, "\n   ", "\n")), &snippet); err != nil {
		t.Fatalf("the README's workflow: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "examples", ".github", "workflows", "greenlight.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, &example); err != nil {
		t.Fatal(err)
	}
	job := func(wf map[string]any) any {
		jobs, _ := wf["jobs"].(map[string]any)
		j, _ := jobs["greenlight"].(map[string]any)
		return j["if"]
	}
	for _, key := range []string{"on", "permissions", "concurrency"} {
		if !reflect.DeepEqual(snippet[key], example[key]) || snippet[key] == nil {
			t.Errorf("%s: the README shows %v, the example workflow has %v", key, snippet[key], example[key])
		}
	}
	if job(snippet) != job(example) || job(snippet) == nil {
		t.Errorf("the job's if: the README shows %v, the example workflow has %v", job(snippet), job(example))
	}
}
