package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/spf13/cobra"
)

// repoName is OWNER/NAME as GitHub allows them.
var repoName = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+$`)

// reportAll is --report given without a list: every reporter.
const reportAll = "all"

// newPR judges a pull request from a laptop as the Action would, and
// prints the verdict; it writes to GitHub only with --report.
func newPR() *cobra.Command {
	var repo, configPath, failOn, nowText, format, workspace, reports string
	var number int
	cmd := &cobra.Command{
		Use:   "pr --repo OWNER/NAME --number N",
		Short: "Judge a pull request as the Action does, from a clone, and print the verdict",
		Long: "greenlight pr runs the Action's evaluation of one pull request from a laptop: config and policies from the pull\n" +
			"request's base commit, posts from its head, reviews and team members from the API. It prints the\n" +
			"verdict and writes nothing to GitHub unless --report is given.\n\n" +
			"It runs in a clone of the repository (the current folder, or --workspace). The base and head\n" +
			"commits are fetched from origin with your git credentials when the clone lacks them.\n\n" +
			"The token is read from GITHUB_TOKEN or GREENLIGHT_TOKEN, never from a flag (a flag would show in\n" +
			"process listings); GREENLIGHT_TEAMS_TOKEN, when set, reads the teams that roles name, as in the\n" +
			"Action. The API is GITHUB_API_URL (default https://api.github.com), for GitHub Enterprise Server.\n\n" +
			"--format text prints the summary the pull request gets, for a terminal; markdown prints it as the\n" +
			"summary comment and check run show it; json prints the conclusion, the blocked stages, the\n" +
			"findings and each post's stages.\n\n" +
			"--report writes the verdict as the Action does (check run, inline review comments, summary comment,\n" +
			"review requests); --report=comment,check-run writes only those. Check runs are taken only from\n" +
			"GitHub Apps: with a person's token, leave check-run out.\n\n" +
			"Exit status: 0 the pull request may merge, 1 it is blocked, 2 a usage, git or API error.",
		Example: "  export GITHUB_TOKEN=$(gh auth token)\n" +
			"  greenlight pr --repo acme/posts --number 42\n" +
			"  greenlight pr --repo acme/posts --number 42 --format json\n" +
			"  greenlight pr --repo acme/posts --number 42 --report=comment",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fail := func(format string, args ...any) error {
				cmd.PrintErrf("greenlight: "+format+"\n", args...)
				return exitInput
			}
			if !repoName.MatchString(repo) {
				return fail("--repo %q: want the repository as OWNER/NAME, such as acme/posts", repo)
			}
			if number <= 0 {
				return fail("--number: want the pull request's number, such as --number 42")
			}
			if format != "text" && format != "json" && format != "markdown" {
				return fail("--format %q: want text, json or markdown", format)
			}
			var report []string
			if cmd.Flags().Changed("report") && reports != reportAll {
				for _, r := range strings.FieldsFunc(reports, func(r rune) bool { return r == ',' || r == ' ' }) {
					if !slices.Contains(localReporters(), r) {
						return fail("--report: unknown reporter %q (want %s; step-summary is GitHub Actions' alone)", r, strings.Join(localReporters(), ", "))
					}
					report = append(report, r)
				}
				if report == nil {
					return fail("--report=%q: want %s, comma-separated, or no list for all of them", reports, strings.Join(localReporters(), ", "))
				}
			}
			now, err := offsetNow(nowText)
			if err != nil {
				return fail("%v", err)
			}
			tok := token()
			if tok == "" {
				return fail("no GitHub token: set GITHUB_TOKEN or GREENLIGHT_TOKEN (for example export GITHUB_TOKEN=$(gh auth token)); it is never a flag")
			}
			if _, err := gitrepo.Open(cmd.Context(), workspace); err != nil {
				return fail("run greenlight pr in a clone of %s, or name one with --workspace: %v", repo, err)
			}
			env := prEnv(repo, workspace)
			fetcher, err := sourceFetcher(tok)
			if err != nil {
				return fail("%v", err)
			}
			out, err := action.Run(cmd.Context(), action.Options{Env: env, Token: tok, TeamsToken: teamsToken(), ConfigPath: configPath, Sources: fetcher, AllowDefaults: allowDefaults(), BotLogin: botLogin(),
				FailOn: failOn, Report: report, Now: now, Log: cmd.ErrOrStderr(), PullRequest: number, ReadOnly: !cmd.Flags().Changed("report")})
			switch out.Conclusion {
			case "":
				return fail("%s#%d: %v", repo, number, err)
			case "skipped":
				cmd.Println("greenlight:", out.Note)
				return nil
			}
			switch format {
			case "json":
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if werr := enc.Encode(struct {
					Repository  string `json:"repository"`
					PullRequest int    `json:"pull_request"`
					summary.JSON
				}{repo, number, out.Summary.JSON()}); werr != nil {
					return fmt.Errorf("write the verdict: %w", werr)
				}
			case "markdown":
				cmd.Println(out.Markdown)
			default:
				cmd.Print(out.Summary.Text())
			}
			if err != nil {
				// The verdict stands, but part of it could not be written:
				// fail so nobody mistakes a partial report for a pass.
				return fail("reporting failed: %v", err)
			}
			if out.Conclusion != "success" {
				return exitFindings
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&repo, "repo", "", "the repository, OWNER/NAME (required)")
	f.IntVar(&number, "number", 0, "the pull request's number (required)")
	f.StringVar(&configPath, "config", "greenlight.hcl", "greenlight.hcl's path in the repository, read from the base commit")
	f.StringVar(&failOn, "fail-on", "", "lowest finding level that blocks the merge; default the config's fail_on")
	f.StringVar(&nowText, "now", "", "judge as of this time, such as 2026-11-23T12:00:00Z (default: the current time)")
	f.StringVarP(&format, "format", "f", "text", "output format: text, json or markdown")
	f.StringVar(&workspace, "workspace", ".", "the clone of the repository to read commits from")
	f.StringVar(&reports, "report", "", "write the verdict to the pull request as the Action does; --report=LIST writes only "+strings.Join(localReporters(), ", ")+" of it")
	f.Lookup("report").NoOptDefVal = reportAll
	_ = cmd.MarkFlagRequired("repo")
	_ = cmd.MarkFlagRequired("number")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json", "markdown"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// localReporters are the Action's reporters a laptop can write.
func localReporters() []string {
	var out []string
	for _, r := range action.Reporters() {
		if r != "step-summary" {
			out = append(out, r)
		}
	}
	return out
}

// prEnv is the environment a run from a laptop stands in for: the
// repository, the API (GITHUB_API_URL, as in Actions) and the web server
// its links point to, and the clone. No step summary, outputs or run.
func prEnv(repo, workspace string) event.Env {
	api := strings.TrimRight(os.Getenv("GITHUB_API_URL"), "/")
	if api == "" {
		api = "https://api.github.com"
	}
	server := os.Getenv("GITHUB_SERVER_URL")
	switch {
	case server != "":
	case api == "https://api.github.com":
		server = "https://github.com"
	case strings.HasSuffix(api, "/api/v3"):
		server = strings.TrimSuffix(api, "/api/v3") // GitHub Enterprise Server
	}
	return event.Env{Repository: repo, APIURL: api, ServerURL: server, Workspace: workspace}
}
