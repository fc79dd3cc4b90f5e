package style

import (
	"regexp"
	"testing"
)

// valeAbbreviation is the expression of Vale's tokenizer that
// isAbbreviation writes out by hand.
var valeAbbreviation = regexp.MustCompile(`^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$`)

func TestIsAbbreviationAsValesPattern(t *testing.T) {
	for _, s := range []string{
		"", ".", "e.", "e.g.", "E.G.", "e.g", "e.g.x", "U.S.A.", "a.b.c.d.", "ab.", "Mr.", "Mrs.", "Mr", "Mrss.",
		"M.", "mr.", "MR.", "Dr.s", "é.g.", "e..g", "1.2.", "Jr.", "A.b.", "Ms.", "Ab.c.", "a.", "aa.", "Sr..",
	} {
		if got, want := isAbbreviation(s), valeAbbreviation.MatchString(s); got != want {
			t.Errorf("isAbbreviation(%q) = %v, Vale's pattern says %v", s, got, want)
		}
	}
}

func FuzzIsAbbreviation(f *testing.F) {
	for _, s := range []string{"e.g.", "Mr.", "U.S.A.", "word."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isAbbreviation(s), valeAbbreviation.MatchString(s); got != want {
			t.Errorf("isAbbreviation(%q) = %v, Vale's pattern says %v", s, got, want)
		}
	})
}
