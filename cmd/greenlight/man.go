package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newMan writes the manual pages, for packagers: hidden from the command
// list and from the pages themselves, since no user runs it twice.
func newMan() *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write a manual page per command (greenlight.1, greenlight-check.1, ...) into DIR",
		Long:   "Man writes a troff manual page for greenlight and each of its commands into DIR, which it creates.\nThe pages' date is SOURCE_DATE_EPOCH when set (reproducible builds), else today.",
		Args:   cobra.ExactArgs(1),
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return fmt.Errorf("man: %w", err)
			}
			header := &doc.GenManHeader{Title: "GREENLIGHT", Section: "1", Source: "Greenlight " + buildVersion(), Manual: "Greenlight Manual"}
			if err := doc.GenManTree(cmd.Root(), header, args[0]); err != nil {
				return fmt.Errorf("man: %w", err)
			}
			return nil
		},
	}
}
