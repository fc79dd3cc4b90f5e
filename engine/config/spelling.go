package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
)

// SpellingRuleID is the id of the spelling block's findings.
const SpellingRuleID = "spelling"

// Spelling is the `spelling` block: spell-check every post's prose, as
// Vale.Spelling does, for teams without a Vale package.
type Spelling struct {
	Level   finding.Level
	Message string
	// Dictionaries are Hunspell dictionaries, each a path relative to Dir
	// without its extension: "dictionaries/en_GB" is en_GB.dic and
	// en_GB.aff there.
	Dictionaries []string
	// English keeps the built-in American English dictionary beside the
	// named ones; it is the only dictionary when none is named.
	English bool
	// Ignore are word lists (one word a line) relative to Dir.
	Ignore []string
	// Filters are Go regular expressions: a word one matches is not
	// checked, on top of style.DefaultSpellingFilters.
	Filters   []string
	DeclRange hcl.Range
	// dictRanges and ignoreRanges are where each entry is written.
	dictRanges, ignoreRanges []hcl.Range
}

var spellingSchema = &hcl.BodySchema{Attributes: optional(
	"level", "message", "dictionaries", "english", "ignore", "filters")}

func decodeSpelling(b *hcl.Block) (*Spelling, hcl.Diagnostics) {
	s := &Spelling{Level: finding.Warning, Message: "Did you really mean '%s'?", DeclRange: b.DefRange}
	content, diags := b.Body.Content(spellingSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.level("level", &s.Level)
	a.str("message", &s.Message)
	a.strs("dictionaries", &s.Dictionaries)
	for i, d := range s.Dictionaries {
		s.Dictionaries[i] = strings.TrimSuffix(strings.TrimSuffix(d, ".dic"), ".aff")
	}
	s.dictRanges = a.itemRanges("dictionaries")
	s.English = len(s.Dictionaries) == 0
	a.boolean("english", &s.English)
	if !s.English && len(s.Dictionaries) == 0 && a.has("english") {
		a.errorAt("english", "No dictionary", "english = false needs dictionaries: with neither, every word would be flagged.")
	}
	a.strs("ignore", &s.Ignore)
	s.ignoreRanges = a.itemRanges("ignore")
	a.strs("filters", &s.Filters)
	for _, f := range s.Filters {
		if _, err := regexp.Compile(f); err != nil {
			a.errorAt("filters", "Invalid filter", fmt.Sprintf("%q is not a Go regular expression: %s.", f, err))
		}
	}
	return s, a.diags
}

// checkSpellingFiles reports each dictionary and ignore file that does not
// exist, at the list element that names it.
func (c *Config) checkSpellingFiles() hcl.Diagnostics {
	s := c.Spelling
	if s == nil {
		return nil
	}
	var diags hcl.Diagnostics
	missing := func(path string) bool {
		fi, err := os.Stat(c.Path(path))
		return errors.Is(err, fs.ErrNotExist) || err == nil && !fi.Mode().IsRegular()
	}
	for i, d := range s.Dictionaries {
		for _, ext := range []string{".dic", ".aff"} {
			if missing(d + ext) {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Dictionary not found",
					Detail:  fmt.Sprintf("%q needs %s and %s; dictionaries are Hunspell files relative to %s, named without their extension.", d, d+".dic", d+".aff", c.File),
					Subject: rangeOr(s.dictRanges, i, s.DeclRange)})
				break
			}
		}
	}
	for i, f := range s.Ignore {
		if missing(f) {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Ignore file not found",
				Detail:  fmt.Sprintf("%q: there is no such file relative to %s.", f, c.File),
				Subject: rangeOr(s.ignoreRanges, i, s.DeclRange)})
		}
	}
	return diags
}

func rangeOr(rs []hcl.Range, i int, def hcl.Range) *hcl.Range {
	if r := rangeAt(rs, i); r != nil {
		return r
	}
	return def.Ptr()
}

// SpellingSpec is the spelling block's rule with its paths resolved. It
// accepts the config's brand names (BrandNames) and, being marked Vocab,
// the team vocabulary's accepted terms once the engine adds them.
func (c *Config) SpellingSpec() style.Spec {
	s := c.Spelling
	spec := style.Spec{
		ID: SpellingRuleID, Kind: style.Spelling, Level: s.Level, Message: s.Message,
		Source: s.DeclRange.String(), AppendEnglish: s.English,
		Filters:  append(append([]string(nil), s.Filters...), style.DefaultSpellingFilters()...),
		Accepted: c.BrandNames(), Vocab: true,
	}
	for _, d := range s.Dictionaries {
		spec.Dictionaries = append(spec.Dictionaries, style.Dictionary{Dic: c.Path(d + ".dic"), Aff: c.Path(d + ".aff")})
	}
	for _, f := range s.Ignore {
		spec.WordLists = append(spec.WordLists, c.Path(f))
	}
	return spec
}

// BrandNames are the replacements of the config's substitution rules,
// quoted as patterns: the names a team insists on (GitHub, LinkedIn) are
// never misspellings.
func (c *Config) BrandNames() []string {
	var out []string
	for _, r := range c.Rules {
		if r.Kind != style.Substitution {
			continue
		}
		for _, k := range sortedKeys(r.Swap) {
			for _, o := range strings.Split(r.Swap[k], "|") {
				if o = strings.TrimSpace(o); o != "" {
					out = append(out, regexp.QuoteMeta(o))
				}
			}
		}
	}
	return out
}
