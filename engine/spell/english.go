package spell

import (
	_ "embed"
	"fmt"
	"strings"
)

// The en_US Hunspell dictionary of Debian's hunspell-en-us package,
// version 1:2020.12.07-2 (SCOWL 2020.12.07), unmodified; its terms are
// data/LICENSE.hunspell-en-us.
var (
	//go:embed data/en_US.aff
	englishAff string
	//go:embed data/en_US.dic
	englishDic string
)

// English reads the embedded American English dictionary: the one a
// spelling rule that names no dictionary uses, as Vale uses its own. Each
// call reads it afresh (about 50,000 entries making 167,000 forms, in
// some 20 ms); callers share the result.
func English() (*Dictionary, error) {
	a, err := parseAffixes(strings.NewReader(englishAff))
	if err != nil {
		return nil, fmt.Errorf("affix file: %w", err)
	}
	return compile(a, englishDic)
}
