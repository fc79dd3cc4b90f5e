package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/history"
	"github.com/greenlighthq/greenlight/action/stats"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/spf13/cobra"
)

// defaultSince is how far back stats reads GitHub without --since.
const defaultSince = 90 * 24 * time.Hour

func newStats() *cobra.Command {
	var configPath, from, sinceText, format, chartPath, outputPath, recordPath, nowText string
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Report how long each sign-off stage and reviewer takes, which stage holds posts up, missed times and rework",
		Long: "Stats reads the history of the pull requests into the publish branch (from GitHub, or a recorded\n" +
			"history with --from) and reports, per stage and per reviewer, the median and 90th-percentile time to\n" +
			"approve, how often each stage was the last one pending, the pull requests that missed their publish\n" +
			"time and the pushes after a review (see the README's \"Approval metrics\" for the definitions).\n\n" +
			"Without --from it asks GitHub: GITHUB_REPOSITORY (OWNER/REPO), GITHUB_API_URL (default\n" +
			"https://api.github.com) and a token in GREENLIGHT_TOKEN or GITHUB_TOKEN (or GitHub App credentials);\n" +
			"team roles need a token that can read the organization's teams: that token, or GREENLIGHT_TEAMS_TOKEN,\n" +
			"used only to read teams when set (the action's teams-token). Run it in a full clone: a pull\n" +
			"request's publish time is its Merge-After line, else its posts' publish_at as the clone has them.\n" +
			"--record saves what it read, so a later --from gives the same report without the network. Files\n" +
			"are replaced whole or not at all.\n\n" +
			"Exit status: 0 reported, 2 a usage, config or input error, or GitHub could not be read.",
		Example: "  greenlight stats\n" +
			"  greenlight stats --since 2026-09-01 --format markdown --output stats.md --chart stats.svg\n" +
			"  greenlight stats --from history.json --now 2026-11-13T12:00:00Z",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !slices.Contains([]string{"table", "json", "markdown"}, format) {
				cmd.PrintErrf("greenlight: --format %q: want table, json or markdown\n", format)
				return exitInput
			}
			cfg, err := loadConfig(cmd, configPath, []string{"."})
			if err != nil {
				return err
			}
			if len(cfg.Stages) == 0 {
				cmd.PrintErrln("greenlight: the config declares no sign-off stages, so there is no time to approve to measure; name the team's greenlight.hcl with --config")
			}
			now := time.Now()
			if nowText != "" {
				if now, err = content.ParseTime(nowText, cfg.Settings.Location); err != nil {
					cmd.PrintErrln("greenlight: --now:", err)
					return exitInput
				}
			}
			since := now.Add(-defaultSince)
			if sinceText != "" {
				if since, err = content.ParseTime(sinceText, cfg.Settings.Location); err != nil {
					cmd.PrintErrln("greenlight: --since:", err)
					return exitInput
				}
			}

			var h stats.History
			if from != "" {
				if h, err = readHistory(from); err != nil {
					cmd.PrintErrln("greenlight:", err)
					return exitInput
				}
				if sinceText != "" {
					h.PullRequests = slices.DeleteFunc(h.PullRequests, func(p stats.PullRequest) bool { return p.Opened.Before(since) })
				}
			} else if h, err = fetchHistory(cmd, cfg, since); err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			for _, team := range teamsOf(cfg) {
				if _, ok := h.Teams[team]; !ok && from != "" {
					cmd.PrintErrf("greenlight: the members of team %s are not in %s: only the users the config lists count for its roles\n", team, from)
				}
			}
			r := stats.Compute(h, cfg, cfg.Members(h.Teams), now)

			var report bytes.Buffer
			switch format {
			case "json":
				err = stats.WriteJSON(&report, r)
			case "markdown":
				err = stats.WriteMarkdown(&report, r, chartLink(chartPath, outputPath))
			default:
				err = stats.WriteTable(&report, r)
			}
			if err != nil {
				return err
			}
			var files []calendarFile
			if outputPath != "" {
				files = append(files, calendarFile{outputPath, report.Bytes()})
			}
			if chartPath != "" {
				var svg bytes.Buffer
				if err := stats.WriteSVG(&svg, r); err != nil {
					cmd.PrintErrln("greenlight:", err)
					return exitInput
				}
				files = append(files, calendarFile{chartPath, svg.Bytes()})
			}
			if recordPath != "" {
				raw, err := json.MarshalIndent(h, "", "  ")
				if err != nil {
					return err
				}
				files = append(files, calendarFile{recordPath, append(raw, '\n')})
			}
			if err := writeAtomically(files); err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			for _, f := range files {
				cmd.PrintErrf("Wrote %s.\n", f.path) // stdout is the report's
			}
			if outputPath == "" {
				_, err := cmd.OutOrStdout().Write(report.Bytes())
				return err
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "read a recorded history (JSON, as --record writes it) from `FILE` instead of GitHub")
	f.StringVar(&sinceText, "since", "", "only pull requests opened at or after `DATE`, such as 2026-09-01 (default: 90 days ago; with --from, all)")
	f.StringVar(&format, "format", "table", "table, json or markdown")
	f.StringVarP(&outputPath, "output", "o", "", "write the report to `FILE` instead of printing it")
	f.StringVar(&chartPath, "chart", "", "write an SVG bar chart of the median time to approve per stage to `FILE` (the Markdown report embeds it)")
	f.StringVar(&recordPath, "record", "", "write the history that was read to `FILE`, for a later --from")
	f.StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in the current folder or its parents)")
	f.StringVar(&nowText, "now", "", "the time open pull requests are judged late at, such as 2026-11-13T12:00:00Z (default: the current time)")
	return cmd
}

// readHistory reads a recorded history file.
func readHistory(path string) (stats.History, error) {
	f, err := os.Open(path)
	if err != nil {
		return stats.History{}, err
	}
	defer f.Close()
	h, err := stats.ReadHistory(f)
	if err != nil {
		return stats.History{}, fmt.Errorf("%s: %w", path, err)
	}
	return h, nil
}

// fetchHistory reads the history of the pull requests into the publish
// branch, and the members of the config's teams, from GitHub.
func fetchHistory(cmd *cobra.Command, cfg *config.Config, since time.Time) (stats.History, error) {
	owner, repo, ok := strings.Cut(os.Getenv("GITHUB_REPOSITORY"), "/")
	if !ok || owner == "" || repo == "" {
		return stats.History{}, errors.New("GITHUB_REPOSITORY is not OWNER/REPO: set it (GitHub Actions does), or pass --from FILE.json")
	}
	app, err := githubApp()
	if err != nil {
		return stats.History{}, err
	}
	if app != nil {
		app.Owner, app.Repo = owner, repo
	} else if token() == "" {
		return stats.History{}, errors.New("no GitHub token: set GREENLIGHT_TOKEN or GITHUB_TOKEN (for example GITHUB_TOKEN=$(gh auth token)), or pass --from FILE.json")
	}
	client, err := ghapi.New(ghapi.Options{BaseURL: os.Getenv("GITHUB_API_URL"), Token: token(), App: app,
		Log: func(format string, args ...any) { cmd.PrintErrf(format+"\n", args...) }})
	if err != nil {
		return stats.History{}, err
	}
	opts := []history.Option{history.WithLocation(cfg.Settings.Location),
		history.WithLog(func(format string, args ...any) { cmd.PrintErrf("greenlight: "+format+"\n", args...) })}
	// The posts' own publish_at comes from the clone, when stats runs in
	// one; GitHub is asked only for what the history lacks.
	if clone, err := gitrepo.Open(cmd.Context(), "."); err == nil {
		if dir, err := filepath.Rel(clone.Dir, absPath(cfg.Dir)); err == nil && !strings.HasPrefix(dir, "..") {
			opts = append(opts, history.WithPosts(clone, cfg, filepath.ToSlash(dir)))
		}
	} else {
		cmd.PrintErrln("greenlight: not in a clone of the repository: publish times come only from Merge-After lines")
	}
	h, err := history.Fetch(cmd.Context(), client, owner, repo, cfg.Settings.PublishBranch, since, opts...)
	if err != nil {
		return stats.History{}, err
	}
	// Teams are read with GREENLIGHT_TEAMS_TOKEN when it is set, as the
	// gate reads them with its teams-token, and with the client otherwise.
	teams, reader := client, ""
	switch {
	case teamsToken() != "":
		reader = "GREENLIGHT_TEAMS_TOKEN"
		if teams, err = ghapi.New(ghapi.Options{BaseURL: os.Getenv("GITHUB_API_URL"), Token: teamsToken(),
			Log: func(format string, args ...any) { cmd.PrintErrf(format+"\n", args...) }}); err != nil {
			return stats.History{}, err
		}
	case app != nil:
		reader = fmt.Sprintf("GitHub App %d's installation token", app.ID)
	case os.Getenv("GREENLIGHT_TOKEN") != "":
		reader = "GREENLIGHT_TOKEN"
	default:
		reader = "GITHUB_TOKEN"
	}
	if h.Teams, err = history.Teams(cmd.Context(), teams, cfg, reader); err != nil {
		return stats.History{}, err
	}
	return h, nil
}

// teamsOf lists the teams of cfg's roles.
func teamsOf(cfg *config.Config) []string {
	var teams []string
	for _, r := range cfg.Roles {
		if r.Team != "" && !slices.Contains(teams, r.Team) {
			teams = append(teams, r.Team)
		}
	}
	return teams
}

// chartLink is how the Markdown report links to the chart: relative to
// the report's folder when it is written to a file, else as given.
func chartLink(chart, output string) string {
	if chart == "" || output == "" {
		return filepath.ToSlash(chart)
	}
	if rel, err := filepath.Rel(filepath.Dir(absPath(output)), absPath(chart)); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(chart)
}
