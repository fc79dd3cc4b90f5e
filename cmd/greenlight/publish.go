package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/spf13/cobra"
)

// newPublish is the scheduled half of the Action: merge what is due.
func newPublish() *cobra.Command {
	var configPath, publishedFile, auditFile, icsFile, markdownFile string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "publish",
		Short: "Merge the pull requests whose posts are due and pass (what the scheduled workflow runs)",
		Long: "Publish lists the open pull requests into the publish branch, judges each again now with every\n" +
			"policy and sign-off, and merges those that are due and pass, with the head SHA it judged. A due\n" +
			"pull request it cannot merge gets one comment saying why and the missed-schedule label.\n\n" +
			"It runs in GitHub Actions (GITHUB_* environment, token from GREENLIGHT_TOKEN or GITHUB_TOKEN, and a\n" +
			"token used only to read teams from GREENLIGHT_TEAMS_TOKEN when it is set) on a\n" +
			"checkout of the default branch with its history. Outside Actions it runs only with --dry-run, from\n" +
			"the root of a clone, with GITHUB_REPOSITORY (OWNER/REPO), a token and, for GitHub Enterprise Server,\n" +
			"GITHUB_API_URL: it shows what would be merged, missed and reminded now, and writes nothing to GitHub.\n\n" +
			"Exit status: 0 every due pull request was merged, 1 some were missed, 2 the run could not complete.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("config") && os.Getenv("GREENLIGHT_CONFIG") != "" {
				configPath = os.Getenv("GREENLIGHT_CONFIG")
			}
			if !cmd.Flags().Changed("dry-run") && os.Getenv("GREENLIGHT_DRY_RUN") == "true" {
				dryRun = true
			}
			env := event.FromEnviron(os.Getenv)
			if env.EventName == "" {
				// Outside GitHub Actions only a dry run makes sense: a real
				// one would merge and comment as the person whose token it
				// is, and the scheduled runs would not know those comments.
				if !dryRun {
					cmd.PrintErrln("greenlight: GITHUB_EVENT_NAME is not set: outside GitHub Actions, publish runs only with --dry-run (it merges and comments from the scheduled workflow)")
					return exitInput
				}
				if owner, repo, ok := strings.Cut(env.Repository, "/"); !ok || owner == "" || repo == "" {
					cmd.PrintErrf("greenlight: GITHUB_REPOSITORY is %q: set it to the posts repository, OWNER/REPO\n", env.Repository)
					return exitInput
				}
				if token() == "" && os.Getenv("GREENLIGHT_APP_ID") == "" {
					cmd.PrintErrln("greenlight: no GitHub token: set GREENLIGHT_TOKEN or GITHUB_TOKEN (for example to $(gh auth token))")
					return exitInput
				}
				env.EventName = "workflow_dispatch"
			}
			if publishedFile == "" && os.Getenv("RUNNER_TEMP") != "" {
				publishedFile = filepath.Join(os.Getenv("RUNNER_TEMP"), "greenlight-published.json")
			}
			if tmp := os.Getenv("RUNNER_TEMP"); tmp != "" {
				for _, f := range []struct {
					dst  *string
					name string
				}{{&auditFile, "greenlight-audit.jsonl"}, {&icsFile, "greenlight-calendar.ics"}, {&markdownFile, "greenlight-calendar.md"}} {
					if *f.dst == "" {
						*f.dst = filepath.Join(tmp, f.name)
					}
				}
			}
			app, err := githubApp()
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			fetcher, err := sourceFetcher(token())
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			out, err := action.Publish(cmd.Context(), action.PublishOptions{
				Options: action.Options{Env: env, Token: token(), TeamsToken: teamsToken(), App: app, ConfigPath: configPath, Sources: fetcher, Log: cmd.ErrOrStderr(),
					AllowDefaults: allowDefaults(), BotLogin: botLogin()},
				DryRun: dryRun, AuditFile: auditFile, CalendarICS: icsFile, CalendarMarkdown: markdownFile})
			if out.Markdown != "" {
				cmd.Println(out.Markdown)
			}
			if publishedFile != "" && out.Markdown != "" {
				if werr := action.WritePublished(publishedFile, out); werr != nil {
					cmd.PrintErrln("greenlight: write", publishedFile+":", werr)
					return exitInput
				}
			}
			published, _ := json.Marshal(out.Published)
			if werr := writeOutputs(env.Output, [][2]string{
				{"published", string(published)},
				{"published-file", publishedFile},
				{"audit-file", auditFile},
				{"calendar-ics", icsFile},
				{"calendar-markdown", markdownFile},
				{"missed", fmt.Sprint(len(out.Missed))},
			}); werr != nil {
				cmd.PrintErrln("greenlight: step outputs:", werr)
				return exitInput
			}
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			if len(out.Missed) > 0 {
				return exitFindings
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", "greenlight.hcl", "greenlight.hcl's path in the repository (env GREENLIGHT_CONFIG)")
	f.BoolVar(&dryRun, "dry-run", false, "judge and report what would be merged; write nothing to GitHub (env GREENLIGHT_DRY_RUN=true)")
	f.StringVar(&publishedFile, "published", "", "write the published posts as JSON here (default $RUNNER_TEMP/greenlight-published.json)")
	f.StringVar(&auditFile, "audit-log", "", "append each merge's sign-offs as JSON Lines here (default $RUNNER_TEMP/greenlight-audit.jsonl)")
	f.StringVar(&icsFile, "ics", "", "write the content calendar as iCalendar here (default $RUNNER_TEMP/greenlight-calendar.ics)")
	f.StringVar(&markdownFile, "markdown", "", "write the content calendar as Markdown here (default $RUNNER_TEMP/greenlight-calendar.md)")
	return cmd
}

// token is the API token from the environment, never from a flag (which
// would show in process listings and logs).
// allowDefaults is the action's allow-defaults input: whether a base
// branch without a config is judged by the built-in defaults rather than
// blocked.
func allowDefaults() bool {
	v, _ := strconv.ParseBool(os.Getenv("GREENLIGHT_ALLOW_DEFAULTS"))
	return v
}

// botLogin is the bot account the action's token writes as, when the
// workflow says: the app-slug input's, or the workflow's own GITHUB_TOKEN's
// (action.yml compares the token input with github.token, so this is
// never read from the event).
func botLogin() string {
	if slug := os.Getenv("GREENLIGHT_APP_SLUG"); slug != "" {
		return strings.TrimSuffix(slug, "[bot]") + "[bot]"
	}
	if v, _ := strconv.ParseBool(os.Getenv("GREENLIGHT_WORKFLOW_TOKEN")); v {
		return "github-actions[bot]"
	}
	return ""
}

func token() string {
	if t := os.Getenv("GREENLIGHT_TOKEN"); t != "" {
		return t
	}
	return os.Getenv("GITHUB_TOKEN")
}

// teamsToken is the token used only to read the members of the teams
// that roles name (GREENLIGHT_TEAMS_TOKEN, the action's teams-token
// input), from the environment like token; "" reads them with token.
func teamsToken() string { return os.Getenv("GREENLIGHT_TEAMS_TOKEN") }

// githubApp reads GitHub App credentials from the environment
// (GREENLIGHT_APP_ID, GREENLIGHT_APP_PRIVATE_KEY and, optionally,
// GREENLIGHT_APP_INSTALLATION_ID); nil when no App is configured.
func githubApp() (*ghapi.App, error) {
	id, key := os.Getenv("GREENLIGHT_APP_ID"), os.Getenv("GREENLIGHT_APP_PRIVATE_KEY")
	if id == "" && key == "" {
		return nil, nil
	}
	if id == "" || key == "" {
		return nil, fmt.Errorf("a GitHub App needs both GREENLIGHT_APP_ID and GREENLIGHT_APP_PRIVATE_KEY")
	}
	app := &ghapi.App{PrivateKey: []byte(key)}
	var err error
	if app.ID, err = strconv.ParseInt(id, 10, 64); err != nil {
		return nil, fmt.Errorf("GREENLIGHT_APP_ID %q is not an App ID (a number)", id)
	}
	if inst := os.Getenv("GREENLIGHT_APP_INSTALLATION_ID"); inst != "" {
		if app.InstallationID, err = strconv.ParseInt(inst, 10, 64); err != nil {
			return nil, fmt.Errorf("GREENLIGHT_APP_INSTALLATION_ID %q is not a number", inst)
		}
	}
	return app, nil
}
