package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "greenlight",
		Short:         "Policy and style checks for social posts kept in git",
		Long:          "Greenlight checks social-media posts (Markdown with front matter) against a team's style guide,\nchannel limits and policies declared in greenlight.hcl.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newCheck(), newValidate(), newPreview(), newChannels(), newInspect(), newTest(), newExplain(), newConfig(), newSchema(), newAction(), newPR(), newPublish(), newAudit(), newCalendar(), newStats(), newInit(), newFmt(), newLSP(), newSync(), newBundle(), newVersion(), newMan())
	// A wrong flag or argument is a usage error: exit status 2.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		c.PrintErrln("greenlight:", err)
		c.PrintErrln(c.UsageString())
		return exitInput
	})
	return root
}
