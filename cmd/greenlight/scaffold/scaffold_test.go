package scaffold_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/cmd/greenlight/scaffold"
	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestRenderDefaults pins every file init writes with no answers given:
// testdata/default holds them as they are written (go test -update).
func TestRenderDefaults(t *testing.T) {
	files, err := scaffold.Render(scaffold.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(f.Path+" is as reviewed", func(t *testing.T) {
			golden := filepath.Join("testdata", "default", filepath.FromSlash(f.Path))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if string(f.Data) != string(want) {
				t.Errorf("%s differs from %s:\n%s", f.Path, golden, f.Data)
			}
		})
	}
}

// TestRenderAnswers: the team's answers reach the files.
func TestRenderAnswers(t *testing.T) {
	o := scaffold.Options{
		PublishBranch: "live",
		Timezone:      "Europe/Berlin",
		Channels:      []string{"bluesky", "newsletter"},
		Stages:        []scaffold.Stage{{Name: "copy-edit", Users: []string{"mia", "sam"}}, {Name: "brand", Users: []string{"bo"}}},
		Owners:        []string{"alice"},
	}
	files, err := scaffold.Render(o)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	for _, tc := range []struct{ file, want string }{
		{"greenlight.hcl", `publish_branch = "live"`},
		{"greenlight.hcl", `timezone       = "Europe/Berlin"`},
		{"greenlight.hcl", `role "copy-edit" { users = ["mia", "sam"] }`},
		{"greenlight.hcl", `role "admins" { users = ["alice"] }`},
		{"greenlight.hcl", "stage \"brand\" {\n  after     = [stage.copy-edit]\n  approvers = [role.brand]\n}"},
		{"greenlight.hcl", "channel \"newsletter\" {\n  max_length = 500"},
		{"posts/welcome.md", "channels: [bluesky, newsletter]"},
		{".github/workflows/greenlight.yml", "branches: [live]"},
		{".github/workflows/greenlight.yml", `"greenlight: live"`},
	} {
		if !strings.Contains(got[tc.file], tc.want) {
			t.Errorf("%s lacks %q:\n%s", tc.file, tc.want, got[tc.file])
		}
	}
	if strings.Contains(got["greenlight.hcl"], "compliance") {
		t.Errorf("no legal stage, yet a compliance block:\n%s", got["greenlight.hcl"])
	}
}

func TestRenderRefusesWhatWouldBreakTheFiles(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*scaffold.Options)
		want   string
	}{
		{"a stage name with a quote", func(o *scaffold.Options) { o.Stages[0].Name = `co"py` }, "a stage's name"},
		{"a stage named owners, which init adds", func(o *scaffold.Options) { o.Stages[0].Name = "owners" }, "named twice"},
		{"no channel", func(o *scaffold.Options) { o.Channels = nil }, "at least one channel"},
		{"a branch with a space", func(o *scaffold.Options) { o.PublishBranch = "my branch" }, "not a branch name"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			o := scaffold.Defaults()
			tc.change(&o)
			if _, err := scaffold.Render(o); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// No value is ever interpolated into a shell line of the workflows init
// writes, as in the example workflows (action's TestNoExpressionsInShellLines).
func TestWorkflowsInterpolateNothingIntoShellLines(t *testing.T) {
	files, err := scaffold.Render(scaffold.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	workflows := 0
	for _, f := range files {
		if !strings.HasPrefix(f.Path, ".github/workflows/") {
			continue
		}
		workflows++
		var doc yaml.Node
		if err := yaml.Unmarshal(f.Data, &doc); err != nil {
			t.Fatalf("%s is not YAML: %v", f.Path, err)
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			for i := 0; i+1 < len(n.Content); i++ {
				if n.Kind == yaml.MappingNode && i%2 == 0 && n.Content[i].Value == "run" && strings.Contains(n.Content[i+1].Value, "${{") {
					t.Errorf("%s:%d: a run line interpolates an expression", f.Path, n.Content[i+1].Line)
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(&doc)
	}
	if workflows != 3 {
		t.Errorf("%d workflows, want the gate, the review trigger and the publish workflow", workflows)
	}
}

func TestWriteNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	mine := []byte("# the team's own, not to be touched\n")
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), mine, 0o600); err != nil {
		t.Fatal(err)
	}
	files := []scaffold.File{{Path: ".gitignore", Data: []byte("new\n")}, {Path: "posts/a.md", Data: []byte("a\n")}}
	res, err := scaffold.Write(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	want := []scaffold.Result{{Path: ".gitignore", Outcome: scaffold.Kept}, {Path: "posts/a.md", Outcome: scaffold.Written}}
	if len(res) != 2 || res[0] != want[0] || res[1] != want[1] {
		t.Errorf("results %v, want %v", res, want)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(got) != string(mine) {
		t.Errorf(".gitignore is %q, want it kept byte for byte", got)
	}
	res, err = scaffold.Write(dir, files)
	if err != nil || res[0].Outcome != scaffold.Kept || res[1].Outcome != scaffold.Kept {
		t.Errorf("second write: %v, %v; want both kept", res, err)
	}
}
