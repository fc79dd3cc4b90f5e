package main

import (
	"slices"
	"strings"

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
			"person and the commit they approved, newest merge first. BRANCH defaults to HEAD. Runs on any\n" +
			"clone, no network.\n\n" +
			"Exit status: 0 printed (perhaps nothing), 2 not a git clone, no such branch, or a trailer that cannot be read.",
		Example: "  greenlight audit main\n  greenlight audit --format text origin/main",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(audit.Formats(), format) {
				cmd.PrintErrf("greenlight: --format %q: want %s\n", format, strings.Join(audit.Formats(), " or "))
				return exitInput
			}
			rev := "HEAD"
			if len(args) == 1 {
				rev = args[0]
			}
			repo, err := gitrepo.Open(cmd.Context(), ".")
			if err != nil {
				cmd.PrintErrln("greenlight: audit reads the history of a git clone; run it inside one:", err)
				return exitInput
			}
			if !repo.HasCommit(cmd.Context(), rev) {
				cmd.PrintErrf("greenlight: no branch or commit %q in this clone (git fetch it first?)\n", rev)
				return exitInput
			}
			records, err := audit.History(cmd.Context(), repo, rev)
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			if len(records) == 0 {
				cmd.PrintErrf("greenlight: no sign-offs recorded in the history of %s (only merges made by greenlight publish carry them)\n", rev)
			}
			return audit.Write(cmd.OutOrStdout(), records, format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "jsonl", "jsonl (one JSON object per line) or text")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(audit.Formats(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
