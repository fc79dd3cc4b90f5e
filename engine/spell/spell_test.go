package spell_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/spell"
)

func english(t testing.TB) *spell.Checker {
	t.Helper()
	d, err := spell.English()
	if err != nil {
		t.Fatal(err)
	}
	return spell.NewChecker([]*spell.Dictionary{d})
}

func TestEnglishSpells(t *testing.T) {
	c := english(t)
	tests := []struct {
		word string
		ok   bool
	}{
		{"recording", true},
		{"recordings", true}, // SFX S
		{"unhappy", true},    // PFX U
		{"Launch", true},     // a lower-case entry at the start of a sentence
		{"doesn't", true},    // an apostrophe
		{"21st", true},       // COMPOUNDRULE ordinals
		{"11th", true},       //
		{"1,000.5", true},    // a number
		{"100GB", true},      // a number with units the dictionary lists
		{"0x1F", true},       // hex
		{"typpo", false},     //
		{"teh", false},       //
		{"paris", false},     // a name must be capitalized
		{"Paris", true},      //
		{"21th", false},      // no compound rule makes it
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := c.Spell(tt.word); got != tt.ok {
				t.Errorf("Spell(%q) = %v, want %v", tt.word, got, tt.ok)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	c := english(t)
	tests := []struct {
		word, best string
	}{
		{"typpo", "typo"},
		{"teh", "the"},
		{"recieve", "receive"},
		{"wrld", "world"},
		{"Annoucement", "Announcement"},
		{"definately", "definitely"},
		{"hashtg", "hashtag"},
		{"alot", "a lot"},
		{"accomodation", "accommodation"},
	}
	for _, tt := range tests {
		t.Run(tt.word+" becomes "+tt.best, func(t *testing.T) {
			got := c.Suggest(tt.word, 5)
			if len(got) == 0 || got[0] != tt.best {
				t.Errorf("Suggest(%q) = %q, want %q first", tt.word, got, tt.best)
			}
		})
	}
}

func TestAffixRules(t *testing.T) {
	tests := []struct {
		name, aff, dic string
		ok, bad        []string
	}{
		{
			name: "a suffix strips and adds under its condition",
			aff:  "SFX S Y 2\nSFX S y ies [^aeiou]y\nSFX S 0 s [aeiou]y\n",
			dic:  "2\nparty/S\nday/S\n",
			ok:   []string{"party", "parties", "days"},
			bad:  []string{"partys", "daies"},
		},
		{
			name: "a cross-product prefix combines with suffixes",
			aff:  "PFX U Y 1\nPFX U 0 un .\nSFX D Y 1\nSFX D 0 ed .\n",
			dic:  "1\nlock/UD\n",
			ok:   []string{"unlock", "locked", "unlocked"},
		},
		{
			name: "a rule without a condition applies to every word",
			aff:  "SFX S N 1\nSFX S 0 s\n",
			dic:  "1\ncat/S\n",
			ok:   []string{"cats"},
		},
		{
			name: "morphological fields after the entry are not part of it",
			aff:  "",
			dic:  "1\nabandonware\tNoun: uncountable\n",
			ok:   []string{"abandonware"},
		},
		{
			name: "long flags",
			aff:  "FLAG long\nSFX Aa Y 1\nSFX Aa 0 s .\n",
			dic:  "1\ncat/Aa\n",
			ok:   []string{"cats"},
		},
		{
			name: "ONLYINCOMPOUND entries are not words alone",
			aff:  "ONLYINCOMPOUND c\nCOMPOUNDMIN 1\nCOMPOUNDRULE 1\nCOMPOUNDRULE nn*t\n",
			dic:  "3\n1/n\n2/n\nth/tc\n",
			ok:   []string{"12th"},
			bad:  []string{"th"},
		},
		{
			name: "Cyrillic suffixes (Vale's test dictionary)",
			aff:  "SFX S N 2\nSFX S а и [гжийкхчшщ]а\nSFX S а 0 .\n",
			dic:  "1\nструктура/S\n",
			ok:   []string{"структура", "структур"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := spell.Read(strings.NewReader(tt.aff), strings.NewReader(tt.dic))
			if err != nil {
				t.Fatal(err)
			}
			c := spell.NewChecker([]*spell.Dictionary{d})
			for _, w := range tt.ok {
				if !c.Spell(w) {
					t.Errorf("%q refused", w)
				}
			}
			for _, w := range tt.bad {
				if c.Spell(w) {
					t.Errorf("%q accepted", w)
				}
			}
		})
	}
}

func TestWordListsAccept(t *testing.T) {
	words, err := spell.ReadWordList(strings.NewReader("nginx\n\n#\n  httpie \n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"nginx", "httpie"}; !slices.Equal(words, want) {
		t.Fatalf("words %q, want %q", words, want)
	}
	c := spell.NewChecker(nil, words)
	for _, w := range []string{"nginx", "Nginx", "HTTPIE"} {
		if !c.Spell(w) {
			t.Errorf("%q refused", w)
		}
	}
	if c.Spell("nginxx") {
		t.Error("nginxx accepted")
	}
}

// TestValeDictionaries reads every dictionary of Vale's fixtures.
func TestValeDictionaries(t *testing.T) {
	dir := "../../../shared/testdata/vale/testdata/styles/config/dictionaries"
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip("Vale's fixtures are not beside the repository")
	}
	for _, name := range []string{"en_US", "en-GB", "en_medical", "test"} {
		t.Run(name, func(t *testing.T) {
			d, err := spell.Open(filepath.Join(dir, name+".dic"), filepath.Join(dir, name+".aff"))
			if err != nil {
				t.Fatal(err)
			}
			if d.Len() == 0 {
				t.Error("no words")
			}
		})
	}
}

func BenchmarkEnglish(b *testing.B) {
	for b.Loop() {
		if _, err := spell.English(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	c := english(b)
	for b.Loop() {
		c.Suggest("accomodation", 5)
	}
}
