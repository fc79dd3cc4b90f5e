package action_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
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
// events, permissions, and the job's condition and concurrency group.
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
	if err := yaml.Unmarshal(exampleWorkflow(t), &example); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"on", "permissions"} {
		if !reflect.DeepEqual(snippet[key], example[key]) || snippet[key] == nil {
			t.Errorf("%s: the README shows %v, the example workflow has %v", key, snippet[key], example[key])
		}
	}
	for _, key := range []string{"if", "concurrency"} {
		if s, e := greenlightJob(snippet)[key], greenlightJob(example)[key]; !reflect.DeepEqual(s, e) || s == nil {
			t.Errorf("the job's %s: the README shows %v, the example workflow has %v", key, s, e)
		}
	}
	if snippet["concurrency"] != nil {
		t.Errorf("the README's workflow has a workflow-level concurrency group: %v", snippet["concurrency"])
	}
}

// The example workflow keeps comments without a command from cancelling a
// verdict: its concurrency group is the job's, never the workflow's (a
// workflow-level group takes in every run, a skipped one too, and cancels
// the run judging), and the job's condition lets an issue_comment through
// only on a pull request and with a command the Action acts on.
func TestCommentsWithoutACommandCancelNothing(t *testing.T) {
	var wf map[string]any
	if err := yaml.Unmarshal(exampleWorkflow(t), &wf); err != nil {
		t.Fatal(err)
	}
	if wf["concurrency"] != nil {
		t.Errorf("the example workflow has a workflow-level concurrency group: %v", wf["concurrency"])
	}
	group, _ := greenlightJob(wf)["concurrency"].(map[string]any)
	if group["cancel-in-progress"] != true || !strings.Contains(fmt.Sprint(group["group"]), "github.event.issue.number") {
		t.Errorf("the job's concurrency is %v, want one group per pull request (comments included), cancelling", greenlightJob(wf)["concurrency"])
	}
	cond, _ := greenlightJob(wf)["if"].(string)
	if !strings.Contains(cond, "github.event_name != 'issue_comment'") || !strings.Contains(cond, "github.event.issue.pull_request") {
		t.Errorf("the job's if %q does not keep comments to pull requests", cond)
	}
	var filters []string
	for _, m := range regexp.MustCompile(`contains\(github\.event\.comment\.body, '([^']+)'\)`).FindAllStringSubmatch(cond, -1) {
		filters = append(filters, m[1])
	}
	if !slices.Equal(filters, []string{"/approve", "/schedule"}) {
		t.Errorf("the job's if lets comments through by %q, want /approve and /schedule", filters)
	}
	// Every comment the Action acts on passes (contains is not case
	// sensitive in GitHub's expressions), and a plain one does not.
	passes := func(body string) bool {
		return slices.ContainsFunc(filters, func(f string) bool { return strings.Contains(strings.ToLower(body), f) })
	}
	for _, body := range []string{"/approve", "/approve legal", "Read it twice.\n/approve brand, legal\n", "/schedule 2026-12-01 09:00", "  /Schedule tomorrow"} {
		if !passes(body) {
			t.Errorf("the command %q would be skipped", body)
		}
	}
	if passes("Looks good, thanks!") {
		t.Error("a comment without a command would start a run")
	}
}

func exampleWorkflow(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "examples", ".github", "workflows", "greenlight.yml"))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// greenlightJob is the greenlight job of a workflow.
func greenlightJob(wf map[string]any) map[string]any {
	jobs, _ := wf["jobs"].(map[string]any)
	j, _ := jobs["greenlight"].(map[string]any)
	return j
}
