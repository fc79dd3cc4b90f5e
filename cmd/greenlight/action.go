package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/spf13/cobra"
)

// newAction is the command behind action.yml. Its settings come from
// flags or, as action.yml passes them, GREENLIGHT_* environment variables:
// the workflow never interpolates a value into a shell line.
func newAction() *cobra.Command {
	var configPath, failOn, reports, nowText string
	cmd := &cobra.Command{
		Use:   "action",
		Short: "Gate a pull request in GitHub Actions (what action.yml runs)",
		Long: "Action judges the pull request of the GitHub Actions event that started the workflow: config and\n" +
			"policies from the base commit, posts from the head, review facts from the API. It writes the\n" +
			"check run \"greenlight: <base branch>\", inline suggestions, the summary comment and review\n" +
			"requests, and the step's outputs (conclusion, blocked-stages, findings).\n\n" +
			"On merge_group it judges the group's pull requests again and concludes the check on the group's\n" +
			"commit; on a push to the publish branch that changes the config, policies or workflows it judges\n" +
			"the open pull requests into it again; on a fork's pull request, whose token is read-only, it writes\n" +
			"nothing to GitHub and prints the verdict as workflow commands (annotations) and in the step summary.\n\n" +
			"The token is read from GREENLIGHT_TOKEN (or GITHUB_TOKEN), never from a flag. GitHub takes check runs\n" +
			"only from GitHub Apps, so it is the workflow's GITHUB_TOKEN or an App's (GREENLIGHT_APP_ID and\n" +
			"GREENLIGHT_APP_PRIVATE_KEY). GREENLIGHT_TEAMS_TOKEN, when set, is used only to read the members of the\n" +
			"teams that roles name: a token with read:org, or a fine-grained one with Members: read.\n\n" +
			"--now judges as of another time (embargoes, deadlines, the schedule), to reproduce a past run.\n\n" +
			"Exit status: 0 the pull request may merge, 1 it is blocked, 2 the verdict could not be reported.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fromEnv := func(flag, name string, dst *string) {
				if !cmd.Flags().Changed(flag) && os.Getenv(name) != "" {
					*dst = os.Getenv(name)
				}
			}
			fromEnv("config", "GREENLIGHT_CONFIG", &configPath)
			fromEnv("fail-on", "GREENLIGHT_FAIL_ON", &failOn)
			fromEnv("report", "GREENLIGHT_REPORT", &reports)
			var report []string
			for _, r := range strings.FieldsFunc(reports, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }) {
				report = append(report, r)
			}
			now, err := offsetNow(nowText)
			if err != nil {
				cmd.PrintErrf("greenlight: %v\n", err)
				return exitInput
			}
			env := event.FromEnviron(os.Getenv)
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
			out, err := action.Gate(cmd.Context(), action.Options{Env: env, Token: token(), TeamsToken: teamsToken(), App: app, ConfigPath: configPath, Sources: fetcher,
				FailOn: failOn, Report: report, Now: now, Log: cmd.ErrOrStderr(), AllowDefaults: allowDefaults(), BotLogin: botLogin()})
			if out.Conclusion != "" {
				if werr := writeOutputs(env.Output, [][2]string{
					{"conclusion", out.Conclusion},
					{"blocked-stages", strings.Join(out.BlockedStages, ",")},
					{"findings", fmt.Sprint(out.Findings)},
				}); werr != nil {
					err = fmt.Errorf("%w; step outputs: %v", err, werr)
				}
			}
			switch {
			case out.Conclusion == "skipped":
				cmd.Println("greenlight:", out.Note)
				return nil
			case out.Conclusion == "":
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			cmd.Println(out.Markdown)
			if err != nil {
				// The verdict stands, but part of it could not be written:
				// fail so nobody mistakes a partial report for a pass.
				cmd.PrintErrln("greenlight: reporting failed:", err)
				return exitInput
			}
			if out.Conclusion != "success" {
				return exitFindings
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", "greenlight.hcl", "greenlight.hcl's path in the repository, read from the base branch (env GREENLIGHT_CONFIG)")
	f.StringVar(&failOn, "fail-on", "", "lowest finding level that blocks the merge; default the config's fail_on (env GREENLIGHT_FAIL_ON)")
	f.StringVar(&nowText, "now", "", "judge as of this time, such as 2026-11-23T12:00:00Z (default: the current time)")
	f.StringVar(&reports, "report", "", "what to write, comma-separated: "+strings.Join(action.Reporters(), ", ")+"; default all (env GREENLIGHT_REPORT)")
	return cmd
}

// writeOutputs appends the step outputs in GitHub's multi-line form, with
// a random delimiter so no value can end the block early.
func writeOutputs(file string, outputs [][2]string) error {
	if file == "" {
		return nil
	}
	buf := make([]byte, 12)
	if _, err := rand.Read(buf); err != nil {
		return err
	}
	delim := "GREENLIGHT_" + hex.EncodeToString(buf)
	var b strings.Builder
	for _, kv := range outputs {
		fmt.Fprintf(&b, "%s<<%s\n%s\n%s\n", kv[0], delim, kv[1], delim)
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// offsetNow reads the --now of action and pr, which judge before their
// config (and its time zone) is read, so a time must carry its offset;
// nil for the current time.
func offsetNow(text string) (func() time.Time, error) {
	if text == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, text)
	if err != nil {
		return nil, fmt.Errorf("--now %q: want a time with its offset, such as 2026-11-23T12:00:00Z", text)
	}
	return func() time.Time { return t }, nil
}
