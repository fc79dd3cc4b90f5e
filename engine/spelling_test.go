package engine_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/greenlighthq/greenlight/engine"
)

// TestSpellingBlockAndVocabulary checks posts against a config that turns
// spelling on and names a Vale vocabulary.
func TestSpellingBlockAndVocabulary(t *testing.T) {
	const hcl = `
greenlight {
  content      = ["posts/*.md"]
  vocabularies = ["styles/config/vocabularies/Team"]
}
spelling { level = "error" }
rule "brand-names" { swap = { "hubspot" = "HubSpotify" } }
`
	tests := []struct {
		name, post string
		want       []string
	}{
		{
			name: "a typo is an error whose fix is the right word",
			post: "Our annoucement is out.",
			want: []string{"5:5 spelling Did you really mean 'annoucement'? [announcement]"},
		},
		{
			name: "an accepted word passes; in another case it is a Vale.Terms error",
			post: "Greenlyte is here. greenlyte too.",
			want: []string{"5:20 Vale.Terms Use 'Greenlyte' instead of 'greenlyte'. [Greenlyte]"},
		},
		{
			name: "a rejected term is a Vale.Avoid error",
			post: "We utilize it.",
			want: []string{"5:4 Vale.Avoid Avoid using 'utilize'."},
		},
		{
			name: "words in a URL, a hashtag, a mention and an e-mail address are not spell-checked",
			post: "See https://exmple.com/launchh, #lanchday, @acmme and hi@exmple.cmo.",
			want: nil,
		},
		{
			name: "a brand name the config swaps in is never a misspelling",
			post: "We use HubSpotify.",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := setup(t, map[string]string{
				"greenlight.hcl": hcl,
				"styles/config/vocabularies/Team/accept.txt": "# Our product\nGreenlyte\n",
				"styles/config/vocabularies/Team/reject.txt": "utilize\n",
				"posts/a.md": "---\ntitle: Launch\nchannels: [x]\n---\n" + tt.post + "\n",
			})
			var got []string
			for _, f := range checkAll(t, cfg, engine.Options{}).Findings {
				if f.Source != "style" {
					continue
				}
				line := fmt.Sprintf("%d:%d %s %s", f.Span.Start.Line, f.Span.Start.Col, f.Rule, f.Message)
				if f.Fix != nil {
					line += " [" + f.Fix.Replacement + "]"
				}
				got = append(got, line)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
