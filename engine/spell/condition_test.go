package spell

import (
	"regexp"
	"testing"
)

// asVale is the regular expression Vale makes of a condition.
func asVale(text string, prefix bool) (*regexp.Regexp, error) {
	if prefix {
		return regexp.Compile("^" + text)
	}
	return regexp.Compile(text + "$")
}

func checkCondition(t *testing.T, text string, prefix bool, word string) {
	t.Helper()
	re, reErr := asVale(text, prefix)
	c, err := newCondition(text, prefix)
	if (err != nil) != (reErr != nil) {
		t.Fatalf("condition %q: error %v, Vale's %v", text, err, reErr)
	}
	if err != nil {
		return
	}
	if got, want := c.match(word), re.MatchString(word); got != want {
		t.Errorf("condition %q (prefix %v) on %q: %v, Vale's expression says %v", text, prefix, word, got, want)
	}
}

func TestConditionsAsValesExpressions(t *testing.T) {
	conds := []string{"e", "[^e]", "[^aeiou]y", "[aeiou]y", "[^ey]", ".", "..", "[гжийкхчшщ]а", "a.b", "[^s]",
		"[a-z]", "[", "[]", "[^]", "ab*", `\.`, "é", "[éè]", "x|y", "(a)", "a{2}", "[[:alpha:]]", "$", "^a", "]"}
	words := []string{"", "e", "y", "day", "party", "try", "cake", "структура", "acb", "aaab", "éa", "a\n", "\n", "s",
		"\xff", "a\xe2\x82", "\xc3\xa9\xa9", "x", "ab", "a]", "café"}
	for _, c := range conds {
		for _, w := range words {
			for _, prefix := range []bool{false, true} {
				checkCondition(t, c, prefix, w)
			}
		}
	}
}

func FuzzCondition(f *testing.F) {
	f.Add("[^aeiou]y", "party", false)
	f.Add("[гжийкхчшщ]а", "структура", false)
	f.Add("re.", "redo", true)
	f.Fuzz(func(t *testing.T, text, word string, prefix bool) {
		checkCondition(t, text, prefix, word)
	})
}
