package spell

import (
	"bytes"
	_ "embed"
)

// The en_US Hunspell dictionary of Debian's hunspell-en-us package,
// version 1:2020.12.07-2 (SCOWL 2020.12.07), unmodified; its terms are
// data/LICENSE.hunspell-en-us.
var (
	//go:embed data/en_US.aff
	englishAff []byte
	//go:embed data/en_US.dic
	englishDic []byte
)

// English reads the embedded American English dictionary: the one a
// spelling rule that names no dictionary uses, as Vale uses its own. Each
// call reads it afresh (about 50,000 entries, 120,000 forms); callers
// share the result.
func English() (*Dictionary, error) {
	return Read(bytes.NewReader(englishAff), bytes.NewReader(englishDic))
}
