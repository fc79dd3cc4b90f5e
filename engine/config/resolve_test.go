package config_test

import (
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/hashicorp/hcl/v2"
)

func TestChannelSuggestion(t *testing.T) {
	tests := []struct{ name, given, want string }{
		{"a platform's other name is that platform", "twitter", "x"},
		{"another name in capitals too", "Twitter", "x"},
		{"a near spelling of a platform is that platform", "linkdin", "linkedin"},
		{"a near spelling of a platform's other name is that platform", "twiter", "x"},
		{"a letter more in another name is that platform", "twitterr", "x"},
		{"a swap in another name is that platform", "bksy", "bluesky"},
		{"a near spelling of the config's own channel is it", "newsleter", "newsletter"},
		{"a name one letter off a two-letter other name is its own", "fc", ""},
		{"a name like no channel has no suggestion", "podcast", ""},
		{"a channel of one's own far from any platform has none", "newsletter", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			others := []string{"newsletter"}
			if tc.given == "newsletter" {
				others = nil
			}
			if got := config.ChannelSuggestion(tc.given, others); got != tc.want {
				t.Errorf("ChannelSuggestion(%q) = %q, want %q", tc.given, got, tc.want)
			}
		})
	}
}

// A channel block of one's own whose name is a slip for a platform is
// accepted, as a team may mean it, with a warning naming the platform.
func TestAChannelNamedLikeAPlatformIsWarnedOf(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"a near spelling of a platform's other name", `channel "twiter" { max_length = 280 }`, `Did you mean "x"?`},
		{"a platform's other name", `channel "twitter" { max_length = 280 }`, `Did you mean "x"?`},
		{"a near spelling of a platform", `channel "linkdin" { max_length = 3000 }`, `Did you mean "linkedin"?`},
		{"a name of its own", `channel "newsletter" { max_length = 5000 }`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := config.Parse("greenlight.hcl", []byte(tc.src))
			if l.Config == nil {
				t.Fatalf("refused:\n%s", diagLines(l.Diags))
			}
			var got []string
			for _, d := range l.Diags {
				if d.Severity != hcl.DiagWarning || d.Subject == nil || d.Subject.Start.Line != 1 || d.Subject.Start.Column != 9 {
					t.Errorf("%s: %s, want a warning at the channel's name (1:9)", d.Subject, d.Summary)
				}
				got = append(got, d.Detail)
			}
			switch {
			case tc.want == "" && len(got) != 0:
				t.Errorf("warned: %q", got)
			case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
				t.Errorf("warnings %q, want one saying %s", got, tc.want)
			}
		})
	}
}
