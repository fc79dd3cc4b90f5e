package main

import (
	"fmt"
	"strings"

	"github.com/greenlighthq/greenlight/engine/channel"
	"github.com/spf13/cobra"
)

func newChannels() *cobra.Command {
	return &cobra.Command{
		Use:   "channels",
		Short: "List each platform's limits, with their sources and when they were checked",
		Long: "Channels prints the built-in limits Greenlight counts posts against. Platforms change them;\n" +
			"a team overrides any of them with a channel block in greenlight.hcl.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			version, limits := channel.Limits()
			cmd.Printf("Channel limits, version %s\n", version)
			cmd.Printf("Graphemes and emoji: Unicode %s\n\n", channel.UnicodeVersion)
			for _, l := range limits {
				var caps []string
				caps = append(caps, fmt.Sprintf("%d %s", l.MaxLength, l.Unit))
				if l.MaxBytes > 0 {
					caps = append(caps, fmt.Sprintf("%d bytes", l.MaxBytes))
				}
				if l.MaxHashtags > 0 {
					caps = append(caps, fmt.Sprintf("%d hashtags", l.MaxHashtags))
				}
				if l.MaxLinks > 0 {
					caps = append(caps, fmt.Sprintf("%d links", l.MaxLinks))
				}
				if l.URLLength > 0 {
					caps = append(caps, fmt.Sprintf("every URL counts %d", l.URLLength))
				}
				cmd.Printf("%-10s %s\n", l.Channel, strings.Join(caps, ", "))
				if l.Note != "" {
					cmd.Printf("%-10s %s\n", "", l.Note)
				}
				cmd.Printf("%-10s source: %s (checked %s)\n\n", "", l.Source, l.Checked)
			}
			return nil
		},
	}
}
