package main

import (
	"github.com/greenlighthq/greenlight/cmd/greenlight/internal/langserver"
	"github.com/spf13/cobra"
)

func newLSP() *cobra.Command {
	return &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server for editors, on standard input and output",
		Long: "Lsp speaks the Language Server Protocol on standard input and output, for an editor to start:\n" +
			"diagnostics on posts as they are typed (the same engine as check), quick fixes, explanations and\n" +
			"channel counts on hover, and problems in greenlight.hcl at their place. It finds greenlight.hcl in\n" +
			"the editor's workspace folder or its parents, and logs to standard error.\n\n" +
			"Exit status: 0 after the editor's shutdown and exit, 1 otherwise.",
		Example: "  greenlight lsp",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Standard output is the protocol's channel: nothing else may
			// write there, so logs go to standard error.
			err := langserver.Serve(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(),
				langserver.Options{Version: buildVersion(), Log: cmd.ErrOrStderr()})
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitError(1) // the protocol's exit code for a session that did not shut down
			}
			return nil
		},
	}
}
