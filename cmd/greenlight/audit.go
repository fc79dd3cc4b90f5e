package main

import (
	"encoding/json"
	"fmt"

	"github.com/greenlighthq/greenlight/action/audit"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/spf13/cobra"
)

func newAudit() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "audit [BRANCH]",
		Short: "List who signed off which stage of which post, from the publish branch's merges",
		Long: "Audit reads the Greenlight-Signoff trailers that scheduled publishing writes into each merge\n" +
			"commit and prints one record per sign-off: the merge, the pull request, the post, the stage, the\n" +
			"person and the commit they approved. BRANCH defaults to HEAD. Runs on any clone, no network.",
		Example: "  greenlight audit main\n  greenlight audit --format text origin/main",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rev := "HEAD"
			if len(args) == 1 {
				rev = args[0]
			}
			repo, err := gitrepo.Open(cmd.Context(), ".")
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			records, err := audit.History(cmd.Context(), repo, rev)
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			w := cmd.OutOrStdout()
			switch format {
			case "jsonl":
				enc := json.NewEncoder(w)
				for _, r := range records {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
			case "text":
				for _, r := range records {
					fmt.Fprintf(w, "%s  #%-5d %-40s %-12s @%-16s approved %.7s  (merge %.7s)\n",
						r.MergedAt.Format("2006-01-02 15:04"), r.PullRequest, r.Post, r.Stage, r.User, r.Commit, r.MergeSHA)
				}
			default:
				cmd.PrintErrf("greenlight: --format %q: want jsonl or text\n", format)
				return exitInput
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "jsonl", "jsonl (one JSON object per line) or text")
	return cmd
}
