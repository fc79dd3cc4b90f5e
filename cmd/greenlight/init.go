package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/cmd/greenlight/scaffold"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/diagnostic"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

// initFlags are init's flags, each naming one answer.
type initFlags struct {
	branch, timezone      string
	channels, stages      []string
	users                 []string // STAGE=LOGIN,LOGIN
	owners                []string
	changed               func(name string) bool
	stdinTerminal, prompt bool
}

func newInit() *cobra.Command {
	var f initFlags
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a content repository: config, an example post, workflows",
		Long: "Init writes a working content repository into DIR (default .): greenlight.hcl with a role per\n" +
			"stage and an owners stage, posts/welcome.md, the gate and publish workflows in .github/workflows/,\n" +
			"and a .gitignore, then prints the steps left to do on GitHub. It never overwrites: a file that\n" +
			"exists is kept and reported, so running it again changes nothing.\n\n" +
			"On a terminal it asks for each answer a flag does not give, the default in brackets; otherwise\n" +
			"flags and defaults decide. Logins not given are example-... placeholders to replace.",
		Example: "  greenlight init\n" +
			"  greenlight init posts-repo --channels x,linkedin,bluesky --stages copy,brand,legal \\\n" +
			"      --users copy=mia,sam --users brand=bo --users legal=lee --owner-users alice --timezone America/New_York",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			f.changed = cmd.Flags().Changed
			in, ok := cmd.InOrStdin().(*os.File)
			f.prompt = ok && isatty.IsTerminal(in.Fd())
			opts, err := initOptions(f, bufio.NewReader(cmd.InOrStdin()), cmd.OutOrStdout())
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			return runInit(cmd, dir, opts)
		},
	}
	d := scaffold.Defaults()
	fl := cmd.Flags()
	fl.StringVar(&f.branch, "publish-branch", d.PublishBranch, "the branch posts are published to; the required check is greenlight: BRANCH")
	fl.StringVar(&f.timezone, "timezone", d.Timezone, "IANA time zone publish times are read in")
	fl.StringSliceVar(&f.channels, "channels", d.Channels, "where posts go: x, bluesky, mastodon, threads, linkedin, instagram, facebook, or one of your own")
	fl.StringSliceVar(&f.stages, "stages", stageNames(d.Stages), "the sign-off stages in order, each with a role of its name (a stage named legal signs off compliance triggers only)")
	fl.StringArrayVar(&f.users, "users", nil, "GitHub logins of a stage's role, as STAGE=LOGIN,LOGIN; repeat per stage (default example-STAGE)")
	fl.StringSliceVar(&f.owners, "owner-users", d.Owners, "GitHub logins of the admins role, which signs off changes to the config and workflows (the owners stage)")
	return cmd
}

func stageNames(stages []scaffold.Stage) []string {
	names := make([]string, len(stages))
	for i, s := range stages {
		names[i] = s.Name
	}
	return names
}

// initOptions makes the answers from the flags, asking on a terminal for
// each one no flag gave.
func initOptions(f initFlags, in *bufio.Reader, out io.Writer) (scaffold.Options, error) {
	ask := func(flag, question string, def string) (string, error) {
		if !f.prompt || f.changed(flag) {
			return def, nil
		}
		return prompt(in, out, question, def)
	}
	askList := func(flag, question string, def []string) ([]string, error) {
		s, err := ask(flag, question, strings.Join(def, ","))
		return splitList(s), err
	}
	var o scaffold.Options
	var err error
	if o.PublishBranch, err = ask("publish-branch", "Branch posts are published to", f.branch); err != nil {
		return o, err
	}
	if o.Timezone, err = ask("timezone", "Time zone of publish times", f.timezone); err != nil {
		return o, err
	}
	if _, err := time.LoadLocation(o.Timezone); err != nil || o.Timezone == "" || o.Timezone == "Local" {
		return o, fmt.Errorf("time zone %q is not an IANA time zone name, such as America/New_York or UTC", o.Timezone)
	}
	if o.Channels, err = askList("channels", "Channels, comma-separated", f.channels); err != nil {
		return o, err
	}
	for _, ch := range o.Channels {
		if meant := config.ChannelSuggestion(ch, nil); meant != "" && !config.KnownChannel(ch) {
			return o, fmt.Errorf("channel %q is not a platform Greenlight knows.%s A channel of your own needs a name of its own.", ch, config.ChannelHint(meant))
		}
	}
	stages, err := askList("stages", "Sign-off stages in order, comma-separated", f.stages)
	if err != nil {
		return o, err
	}
	given, err := stageUsers(f.users, stages)
	if err != nil {
		return o, err
	}
	for _, s := range stages {
		users, ok := given[s]
		if !ok {
			def := []string{scaffold.ExampleLogin(s)}
			if users, err = askList("users", fmt.Sprintf("GitHub logins who sign off %s", s), def); err != nil {
				return o, err
			}
		}
		o.Stages = append(o.Stages, scaffold.Stage{Name: s, Users: users})
	}
	o.Owners, err = askList("owner-users", "GitHub logins of the owners (admins), who sign off config changes", f.owners)
	return o, err
}

// stageUsers reads --users STAGE=LOGIN,LOGIN values.
func stageUsers(values, stages []string) (map[string][]string, error) {
	users := map[string][]string{}
	for _, v := range values {
		stage, logins, ok := strings.Cut(v, "=")
		stage = strings.TrimSpace(stage)
		if !ok || stage == "" || len(splitList(logins)) == 0 {
			return nil, fmt.Errorf("--users %q: write STAGE=LOGIN,LOGIN, such as --users brand=mia,sam", v)
		}
		known := false
		for _, s := range stages {
			known = known || s == stage
		}
		if !known {
			return nil, fmt.Errorf("--users %q: no stage %q; the stages are %s", v, stage, strings.Join(stages, ", "))
		}
		users[stage] = append(users[stage], splitList(logins)...)
	}
	return users, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// prompt asks one question and returns the answer, or def for an empty
// line. The end of input takes the defaults for everything left.
func prompt(in *bufio.Reader, out io.Writer, question, def string) (string, error) {
	fmt.Fprintf(out, "%s [%s]: ", question, def)
	line, err := in.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read answer: %w", err)
	}
	if errors.Is(err, io.EOF) {
		fmt.Fprintln(out)
	}
	if line = strings.TrimSpace(line); line != "" {
		return line, nil
	}
	return def, nil
}

func runInit(cmd *cobra.Command, dir string, opts scaffold.Options) error {
	files, err := scaffold.Render(opts)
	if err != nil {
		cmd.PrintErrln("greenlight: init:", err)
		return exitInput
	}
	// The config is validated before anything is written: a time zone or
	// login mistake leaves no half-made repository behind.
	cfgPath := filepath.Join(dir, config.FileName)
	for _, f := range files {
		if f.Path == config.FileName {
			if loaded := config.Parse(cfgPath, f.Data); loaded.Diags.HasErrors() {
				diagnostic.Write(cmd.ErrOrStderr(), loaded.Diags, map[string][]byte{cfgPath: f.Data})
				cmd.PrintErrln("greenlight: init wrote nothing: the greenlight.hcl it would write has the problems above; correct the answers or flags that gave them")
				return exitInput
			}
		}
	}
	results, err := scaffold.Write(dir, files)
	for _, r := range results {
		note := ""
		if r.Outcome == scaffold.Kept {
			note = " (it exists; left as it is)"
		}
		cmd.Printf("%-5s %s%s\n", r.Outcome, filepath.ToSlash(filepath.Join(dir, r.Path)), note)
	}
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	written := map[string]bool{}
	for _, r := range results {
		if r.Outcome == scaffold.Written {
			written[r.Path] = true
		}
	}
	if len(written) == 0 {
		cmd.Println("\nNothing changed: every file init writes exists already.")
		return nil
	}
	cmd.Print(nextSteps(dir, opts, files, written))
	return nil
}

// nextSteps says what init cannot do: edit the placeholders, and set up
// the App, the environment and branch protection on GitHub.
func nextSteps(dir string, o scaffold.Options, files []scaffold.File, written map[string]bool) string {
	var b strings.Builder
	n := 0
	step := func(format string, a ...any) {
		n++
		fmt.Fprintf(&b, "  %d. "+format+"\n", append([]any{n}, a...)...)
	}
	cfg := filepath.ToSlash(filepath.Join(dir, config.FileName))
	b.WriteString("\nNext steps:\n")
	if written[config.FileName] {
		if lines := placeholderLines(files); lines != "" {
			step("Replace the example-... logins in %s (%s) with your team's GitHub logins,\n"+
				"     or give a role team = \"org/slug\" instead of users.", cfg, lines)
		}
	}
	step("Run greenlight validate %s and greenlight check %s, then commit and push to %s.", dir, dir, o.PublishBranch)
	step("Create a GitHub App for Greenlight with the repository permissions Checks, Contents, Issues and\n" +
		"     Pull requests: read and write (and the organization permission Members: read if a role names a\n" +
		"     team), and install it on the repository.")
	step("In Settings > Environments, create the environment \"greenlight\", its deployment branches limited\n"+
		"     to %s, with the variable GREENLIGHT_APP_ID and the secret GREENLIGHT_APP_KEY (the App's private key).\n"+
		"     Without an App, the workflows can use the workflow's token, and a teams-token for team roles\n"+
		"     (see the README's \"Tokens\"), at the risk its \"Trust\" section describes.", o.PublishBranch)
	step("In %s's branch protection (or a ruleset), require the status check \"greenlight: %s\"\n"+
		"     and pin its source to the App, so that no other app or workflow can satisfy it.", o.PublishBranch, o.PublishBranch)
	step("Protect .github/workflows/ with CODEOWNERS and \"Require review from Code Owners\". The owners stage\n" +
		"     (the admins role) signs off every change to greenlight.hcl, policies, styles and workflows.")
	step("Open your first pull request: a new post under posts/, like posts/welcome.md.")
	return b.String()
}

// placeholderLines lists the config's lines that hold example logins, as
// "lines 12-15" or "line 12".
func placeholderLines(files []scaffold.File) string {
	var lines []int
	for _, f := range files {
		if f.Path != config.FileName {
			continue
		}
		for i, l := range strings.Split(string(f.Data), "\n") {
			if strings.Contains(l, `"`+scaffold.ExamplePrefix) {
				lines = append(lines, i+1)
			}
		}
	}
	switch {
	case len(lines) == 0:
		return ""
	case len(lines) == 1:
		return fmt.Sprintf("line %d", lines[0])
	case lines[len(lines)-1]-lines[0] == len(lines)-1:
		return fmt.Sprintf("lines %d-%d", lines[0], lines[len(lines)-1])
	}
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = fmt.Sprint(l)
	}
	return "lines " + strings.Join(parts, ", ")
}
