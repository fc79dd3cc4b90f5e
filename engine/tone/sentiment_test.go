package tone

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

func newTestAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The reference scores come from vaderSentiment 3.3.2 itself, so this
// pins the port rule for rule.
func TestSentimentMatchesVADER(t *testing.T) {
	a := newTestAnalyzer(t)
	f, err := os.Open("testdata/vader_reference.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		score, text, ok := strings.Cut(sc.Text(), "\t")
		want, err := strconv.ParseFloat(score, 64)
		if !ok || err != nil {
			t.Fatalf("vader_reference.tsv:%d: want score<TAB>text", line)
		}
		text = strings.ReplaceAll(text, `\n`, "\n")
		if got := a.lx.compound(text); math.Abs(got-want) > 1e-12 {
			t.Errorf("vader_reference.tsv:%d: compound(%q) = %v, VADER says %v", line, text, got, want)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("read %d reference scores, want at least 50", n)
	}
}

func TestSentiment(t *testing.T) {
	a := newTestAnalyzer(t)
	score := func(text string) float64 { return a.Measure(text).Sentiment }
	tests := []struct {
		name string
		ok   func() bool
	}{
		{"empty text is neutral", func() bool { return score("") == 0 }},
		{"white space alone is neutral", func() bool { return score(" \n\t ") == 0 }},
		{"a text without opinion words is neutral", func() bool { return score("The meeting is at 10 in room 4.") == 0 }},
		{"a positive word is positive", func() bool { return score("This is good.") >= 0.05 }},
		{"a negative word is negative", func() bool { return score("This is bad.") <= -0.05 }},
		{"not turns good negative", func() bool { return score("This is not good.") < 0 }},
		{"a contraction negates too", func() bool { return score("This isn't good.") < 0 }},
		{"a typographic apostrophe negates like an ASCII one", func() bool {
			return score("This isn’t good.") == score("This isn't good.")
		}},
		{"negation reaches three words back", func() bool { return score("Not a very good day.") < 0 }},
		{"very makes good more positive", func() bool { return score("very good") > score("good") }},
		{"very makes bad more negative", func() bool { return score("very bad") < score("bad") }},
		{"kind of makes good less positive", func() bool {
			return score("The book was kind of good.") < score("The book was good.")
		}},
		{"ALL CAPS among lower case adds emphasis", func() bool {
			return score("The launch was GREAT today") > score("The launch was great today")
		}},
		{"a text all in capitals gets no caps emphasis", func() bool {
			return score("THE LAUNCH WAS GREAT TODAY") == score("the launch was great today")
		}},
		{"an exclamation mark adds emphasis", func() bool { return score("Great launch!") > score("Great launch.") }},
		{"exclamation marks make negative text more negative", func() bool {
			return score("Terrible launch!!!") < score("Terrible launch.")
		}},
		{"exclamation emphasis stops at four marks", func() bool {
			return score("Great launch!!!!") == score("Great launch!!!!!!!!")
		}},
		{"a fullwidth exclamation mark counts like an ASCII one", func() bool {
			return score("Great launch！") == score("Great launch!")
		}},
		{"exclamation marks alone are neutral", func() bool { return score("Launch day!!!") == 0 }},
		{"but makes the clause after it count more", func() bool {
			return score("The food was great but the service was awful.") < 0
		}},
		{"an emoticon carries sentiment", func() bool { return score("See you there :)") > 0 }},
		{"an emoji carries sentiment through its name", func() bool { return score("Shipped 😁") > 0 }},
		{"a sad emoji is negative", func() bool { return score("Shipped 😢") < 0 }},
		{"a heart with U+FE0F scores like a bare heart", func() bool {
			return score("We \u2764\uFE0F our users") == score("We \u2764 our users") && score("We \u2764 our users") > 0
		}},
		{"a newline separates words", func() bool { return score("great\nday") == score("great day") }},
		{"scores stay within -1 and 1", func() bool {
			return score(strings.Repeat("AMAZING love great ", 50)+"!!!!") <= 1 &&
				score(strings.Repeat("horrible hate awful ", 50)+"!!!!") >= -1
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.ok() {
				t.Fail()
			}
		})
	}
}

func TestSentimentIsRoundedToFourDecimals(t *testing.T) {
	a := newTestAnalyzer(t)
	if got := a.Measure("VADER is smart, handsome, and funny.").Sentiment; got != 0.8316 {
		t.Errorf("Sentiment = %v, want 0.8316 as VADER reports it", got)
	}
}

func TestIsUpper(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"GOOD", true},
		{"GOOD!", true},
		{"Good", false},
		{"ÉTÉ", true},
		{"été", false},
		{":)", false},
		{"4K", true},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isUpper(tt.in); got != tt.want {
				t.Errorf("isUpper(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeStripsPunctuationButKeepsEmoticons(t *testing.T) {
	a := newTestAnalyzer(t)
	var words []string
	for _, tok := range a.lx.tokenize("Wow!! \"great\" :) :-D (fine), ok.", nil) {
		words = append(words, tok.word)
	}
	want := "Wow|great|:)|:-D|fine|ok."
	if got := strings.Join(words, "|"); got != want {
		t.Errorf("tokens = %s, want %s", got, want)
	}
}
