package tone

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/prose"
)

// Tone is what Measure finds in a post's prose.
type Tone struct {
	// Sentiment is VADER's compound score, from -1 (most negative) through
	// 0 (neutral) to 1 (most positive), rounded to four decimals as VADER
	// reports it. VADER's authors read ≥ 0.05 as positive and ≤ -0.05 as
	// negative.
	Sentiment float64
	// Grade is the Flesch-Kincaid grade level (see prose.Stats).
	Grade float64
	// Exclamations counts '!' and '！'.
	Exclamations int
	// Caps counts words of two or more letters, all of them upper case:
	// shouting. Words with digits ("4K", "COVID-19") and a short list of
	// common acronyms ("AI", "API", "CEO", "FAQ", "NASA", "USA", …; see
	// isAcronym) do not count.
	Caps int
	// Emoji counts emoji: pictographs with their modifiers and joined
	// sequences, flags and keycaps, one per grapheme cluster.
	Emoji int
	// EmojiDensity is Emoji per word; a post of emoji alone counts as one
	// word.
	EmojiDensity float64
	// Words and Sentences are counted as prose counts them for Grade.
	Words, Sentences int
}

// Analyzer measures Tone. Build one with NewAnalyzer and share it: it is
// safe for concurrent use.
type Analyzer struct {
	lx *lexicon
}

// NewAnalyzer loads the embedded VADER lexicons.
func NewAnalyzer() (*Analyzer, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("tone: %w", err)
	}
	return &Analyzer{lx: lx}, nil
}

// Measure returns the Tone of text: plain prose, such as content.Post.Body,
// with Markdown, code and URLs already removed.
func (a *Analyzer) Measure(text string) Tone {
	return a.measure(text, prose.Measure(text))
}

// MeasureBlocks returns the Tone of prose given block by block (see
// content.Post.Prose): the grade and counts measure each block on its own,
// the sentiment and the rest read the blocks as one text.
func (a *Analyzer) MeasureBlocks(blocks []string) Tone {
	return a.measure(strings.Join(blocks, "\n\n"), prose.MeasureBlocks(blocks))
}

func (a *Analyzer) measure(text string, stats prose.Stats) Tone {
	t := Tone{
		Sentiment:    math.Round(a.lx.compound(text)*1e4) / 1e4,
		Grade:        stats.FleschKincaid(),
		Exclamations: strings.Count(text, "!") + strings.Count(text, "！"),
		Caps:         countCaps(text),
		Emoji:        countEmoji(text),
		Words:        stats.Words,
		Sentences:    stats.Sentences,
	}
	if t.Emoji > 0 {
		t.EmojiDensity = float64(t.Emoji) / float64(max(t.Words, 1))
	}
	return t
}

// countCaps counts the words (as prose.Words finds them) that shout.
func countCaps(text string) int {
	n := 0
	for i := 0; i < len(text); {
		r, size := decodeRune(text, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := decodeRune(text, j)
			if !isWordRune(r) {
				break
			}
			j += size
		}
		if shouts(text[i:j]) {
			n++
		}
		i = j
	}
	return n
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isWordRune is prose.Words' notion of a word character.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '\'' || r == '-'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
}

func shouts(word string) bool {
	letters := 0
	for _, r := range word {
		switch {
		case unicode.IsDigit(r), unicode.IsLetter(r) && !unicode.IsUpper(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2 && !isAcronym(word)
}

// isAcronym reports whether word is a common acronym, written in capitals
// as a matter of course rather than for emphasis.
func isAcronym(word string) bool {
	switch word {
	case "AI", "AM", "API", "AR", "ASAP", "AWS", "BBC", "CEO", "CFO", "CIO", "CLI", "CMO",
		"COO", "CPU", "CSS", "CSV", "CTO", "DIY", "DM", "DNS", "EST", "ETA", "EU", "FAQ",
		"FYI", "GDP", "GDPR", "GIF", "GMT", "GPU", "HQ", "HR", "HTML", "HTTP", "HTTPS", "ID",
		"IP", "IPO", "IT", "JSON", "KPI", "LGBTQ", "LLM", "ML", "NASA", "NATO", "NGO", "NYC",
		"OK", "OS", "PDF", "PM", "PR", "PST", "QA", "RAM", "ROI", "RSVP", "SDK", "SEO",
		"SMS", "SQL", "SSD", "TBA", "TBD", "TV", "UI", "UK", "UN", "URL", "US", "USA",
		"USB", "UTC", "UX", "VIP", "VPN", "VR", "XML", "YAML":
		return true
	}
	return false
}
