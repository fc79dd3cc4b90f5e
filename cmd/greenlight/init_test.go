package main

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/cmd/greenlight/scaffold"
)

// snapshot reads every file under dir, by slash path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestInitWritesARepositoryThatPasses: what init writes with no answers
// validates, checks clean and is formatted, and the steps left are named.
func TestInitWritesARepositoryThatPasses(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := runIn(t, dir, "init", "repo")
	if code != 0 {
		t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"wrote repo/greenlight.hcl\n", "wrote repo/posts/welcome.md\n", "wrote repo/.github/workflows/greenlight.yml\n",
		"wrote repo/.github/workflows/greenlight-publish.yml\n", "wrote repo/.gitignore\n",
		"example-... logins in repo/greenlight.hcl (lines 12-15)",
		`require the status check "greenlight: main"`, "GREENLIGHT_APP_KEY", "teams-token", "owners stage",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("init's output lacks %q:\n%s", want, stdout)
		}
	}
	for _, args := range [][]string{{"validate", "repo"}, {"check", "repo"}, {"fmt", "--check", "repo"}} {
		if stdout, stderr, code := runIn(t, dir, args...); code != 0 {
			t.Errorf("%v: exit %d, want 0\n%s%s", args, code, stdout, stderr)
		}
	}
}

func TestInitTwiceChangesNothing(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runIn(t, dir, "init"); code != 0 {
		t.Fatalf("first init: exit %d: %s", code, stderr)
	}
	before := snapshot(t, dir)
	stdout, _, code := runIn(t, dir, "init", "--channels", "bluesky")
	if code != 0 || !strings.Contains(stdout, "Nothing changed") || strings.Contains(stdout, "wrote") || strings.Contains(stdout, "Next steps") {
		t.Errorf("second init: exit %d, output:\n%s\nwant 0, every file kept and nothing changed", code, stdout)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
		t.Errorf("the second run changed files")
	}
}

// An existing file is kept byte for byte; the others are written.
func TestInitKeepsAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	mine := "# our own\r\ngreenlight {\r\n  content = [\"posts/**/*.md\"]\r\n}\r\n"
	writeTree(t, dir, map[string]string{"greenlight.hcl": mine})
	stdout, _, code := runIn(t, dir, "init")
	if code != 0 || !strings.Contains(stdout, "kept  greenlight.hcl (it exists; left as it is)") || !strings.Contains(stdout, "wrote posts/welcome.md") {
		t.Errorf("exit %d, output:\n%s", code, stdout)
	}
	if strings.Contains(stdout, "example-... logins") {
		t.Errorf("asks to edit logins in a config it did not write:\n%s", stdout)
	}
	if got := readFile(t, filepath.Join(dir, "greenlight.hcl")); got != mine {
		t.Errorf("greenlight.hcl is %q, want it kept byte for byte", got)
	}
}

func TestInitFlags(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := runIn(t, dir, "init", "--publish-branch", "live", "--timezone", "Europe/Berlin",
		"--channels", "bluesky,x", "--stages", "copy,legal", "--users", "copy=mia,sam", "--users", "legal=lee", "--owner-users", "alice")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	cfg := readFile(t, filepath.Join(dir, "greenlight.hcl"))
	for _, want := range []string{`publish_branch = "live"`, `"Europe/Berlin"`, `role "copy" { users = ["mia", "sam"] }`,
		`role "legal" { users = ["lee"] }`, `role "admins" { users = ["alice"] }`, `channel "bluesky" {}`, "requires = [stage.legal]"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("greenlight.hcl lacks %q:\n%s", want, cfg)
		}
	}
	if strings.Contains(cfg, `"`+scaffold.ExamplePrefix) || strings.Contains(stdout, "example-...") {
		t.Errorf("every login was given, yet placeholders remain:\n%s\n%s", cfg, stdout)
	}
	if !strings.Contains(stdout, `"greenlight: live"`) {
		t.Errorf("the required check is not named after the branch:\n%s", stdout)
	}
	if _, stderr, code := runIn(t, dir, "check", "."); code != 0 {
		t.Errorf("check: exit %d: %s", code, stderr)
	}
}

// A wrong answer is reported and nothing is written.
func TestInitRefusesWrongAnswers(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"an unknown time zone", []string{"--timezone", "Mars/Olympus"}, `time zone "Mars/Olympus" is not an IANA time zone name`},
		{"a login GitHub would never match", []string{"--owner-users", "@alice"}, "greenlight.hcl:15:"},
		{"logins for a stage that is not one", []string{"--users", "lgal=lee"}, `no stage "lgal"`},
		{"a stage name that is no identifier", []string{"--stages", "copy edit"}, "a stage's name"},
		{"a platform by another name", []string{"--channels", "x,twitter"}, `channel "twitter" is not a platform Greenlight knows. Did you mean "x"?`},
		{"a misspelt platform", []string{"--channels", "linkdin"}, `Did you mean "linkedin"?`},
		{"a misspelt other name of a platform", []string{"--channels", "x,twiter"}, `channel "twiter" is not a platform Greenlight knows. Did you mean "x"?`},
		{"another misspelt other name of a platform", []string{"--channels", "bksy"}, `channel "bksy" is not a platform Greenlight knows. Did you mean "bluesky"?`},
	} {
		t.Run(tc.name+" writes nothing", func(t *testing.T) {
			dir := t.TempDir()
			_, stderr, code := runIn(t, dir, append([]string{"init"}, tc.args...)...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant 2 and %q", code, stderr, tc.want)
			}
			if files := snapshot(t, dir); len(files) != 0 {
				t.Errorf("wrote %v", files)
			}
		})
	}
}

// On a terminal, each answer no flag gave is asked for, the default in
// brackets taken on an empty line.
func TestInitPrompts(t *testing.T) {
	f := initFlags{branch: "main", timezone: "UTC", channels: []string{"x", "linkedin"}, stages: []string{"copy", "brand", "legal"},
		owners: []string{"example-admin"}, prompt: true,
		changed: func(name string) bool { return name == "timezone" }} // given as a flag: not asked
	answers := "live\n\ncopy, legal\nmia,sam\n\nalice\n"
	var out strings.Builder
	got, err := initOptions(f, bufio.NewReader(strings.NewReader(answers)), &out)
	if err != nil {
		t.Fatal(err)
	}
	want := scaffold.Options{PublishBranch: "live", Timezone: "UTC", Channels: []string{"x", "linkedin"},
		Stages: []scaffold.Stage{{Name: "copy", Users: []string{"mia", "sam"}}, {Name: "legal", Users: []string{"example-legal"}}},
		Owners: []string{"alice"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options %+v, want %+v", got, want)
	}
	for _, q := range []string{"Branch posts are published to [main]: ", "Channels, comma-separated [x,linkedin]: ",
		"GitHub logins who sign off legal [example-legal]: "} {
		if !strings.Contains(out.String(), q) {
			t.Errorf("never asked %q:\n%s", q, out.String())
		}
	}
	if strings.Contains(out.String(), "Time zone") {
		t.Errorf("asked for the time zone the flag gave:\n%s", out.String())
	}
}

// What init refuses, check hints at too: a post that names a misspelt
// other name of a platform, and a channel block so named, hear which
// channel is meant, as greenlight init --channels twiter does.
func TestCheckSaysWhichChannelAMisspeltNameMeans(t *testing.T) {
	post := "---\ntitle: A post\nchannels: [twiter]\n---\nHello.\n"
	for _, tc := range []struct {
		name   string
		config string
		code   int
		stdout string
		stderr string
	}{
		{"a post's channel", "greenlight { content = [\"posts/*.md\"] }\n", 1,
			`3:12  error    greenlight.unknown-channel  Unknown channel "twiter"; known channels are x, bluesky, mastodon, threads, linkedin, instagram, facebook. Did you mean "x"?  (fix: x)`, ""},
		{"a channel block without max_length", "greenlight { content = [\"posts/*.md\"] }\nchannel \"twiter\" {}\n", 2,
			"", `greenlight.hcl:2:9: error: Unknown channel`},
		{"a channel block of one's own", "greenlight { content = [\"posts/*.md\"] }\nchannel \"twiter\" { max_length = 280 }\n", 0,
			"", `greenlight.hcl:2:9: warning: Channel named like a platform`},
	} {
		t.Run(tc.name+" hears it means x", func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"greenlight.hcl": tc.config, "posts/a-post.md": post})
			stdout, stderr, code := runIn(t, dir, "check", "--format", "text", "--no-color", "--now", "2026-01-01T00:00:00Z", ".")
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			out, want := stdout, tc.stdout
			if want == "" {
				out, want = stderr, tc.stderr+"\n"
			}
			if !strings.Contains(out, want) || !strings.Contains(out, `Did you mean "x"?`) {
				t.Errorf("output lacks %q and the hint:\nstdout:\n%s\nstderr:\n%s", want, stdout, stderr)
			}
		})
	}
}
