package style

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/spell"
)

// spelling reports words no dictionary of the rule knows, with the best
// suggestion as the fix.
type spelling struct {
	spec    Spec
	checker *spell.Checker
	filters []*regexp.Regexp
	// accepted matches a word the team vocabulary accepts; phrases the
	// vocabulary's multi-word terms, whose words are not checked there.
	accepted matcher
	phrases  matcher
	// verdicts remembers each word's verdict for the rest of the run.
	verdicts *verdicts
}

// verdict is a spelling rule's judgement of one word: right, or wrong
// with its best suggestion ("" when there is none).
type verdict struct {
	ok  bool
	fix string
}

// maxVerdicts bounds a Linter's verdicts: past it, new words are judged
// afresh every time (a long-lived Linter, as the language server's).
const maxVerdicts = 1 << 16

// verdicts remembers, for one Linter, the verdict on each word a
// spelling rule has judged: the same words come back post after post, and
// a misspelled one's suggestion costs up to milliseconds. It is safe for
// concurrent use.
type verdicts struct {
	m sync.Map // word → verdict
	n atomic.Int32
}

func (v *verdicts) load(word string) (verdict, bool) {
	x, ok := v.m.Load(word)
	if !ok {
		return verdict{}, false
	}
	return x.(verdict), true
}

func (v *verdicts) store(word string, vd verdict) {
	if v.n.Load() >= maxVerdicts {
		return
	}
	// The word is a slice of a post's text: a copy keeps the post from
	// staying in memory with it.
	if _, loaded := v.m.LoadOrStore(strings.Clone(word), vd); !loaded {
		v.n.Add(1)
	}
}

// dictionaries reads each Hunspell dictionary once per Linter, however
// many rules name it.
type dictionaries struct {
	byPath  map[Dictionary]*spell.Dictionary
	english *spell.Dictionary
}

func newDictionaries() *dictionaries {
	return &dictionaries{byPath: map[Dictionary]*spell.Dictionary{}}
}

func (d *dictionaries) open(which Dictionary) (*spell.Dictionary, error) {
	if dict, ok := d.byPath[which]; ok {
		return dict, nil
	}
	dict, err := spell.Open(which.Dic, which.Aff)
	if err != nil {
		return nil, fmt.Errorf("dictionary: %w", err)
	}
	d.byPath[which] = dict
	return dict, nil
}

func (d *dictionaries) English() (*spell.Dictionary, error) {
	if d.english == nil {
		dict, err := spell.English()
		if err != nil {
			return nil, fmt.Errorf("embedded English dictionary: %w", err)
		}
		d.english = dict
	}
	return d.english, nil
}

func newSpelling(s Spec, dicts *dictionaries) (Rule, error) {
	r := &spelling{spec: s, verdicts: &verdicts{}}
	var ds []*spell.Dictionary
	for _, which := range s.Dictionaries {
		d, err := dicts.open(which)
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	if len(ds) == 0 || s.AppendEnglish {
		d, err := dicts.English()
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	var lists [][]string
	for _, path := range s.WordLists {
		words, err := spell.OpenWordList(path)
		if err != nil {
			return nil, fmt.Errorf("ignore file: %w", err)
		}
		lists = append(lists, words)
	}
	r.checker = spell.NewChecker(ds, lists...)
	for _, f := range s.Filters {
		re, err := regexp.Compile(f)
		if err != nil {
			return nil, fmt.Errorf("filter %q: %w", f, cleanError(err))
		}
		r.filters = append(r.filters, re)
	}
	var err error
	if r.accepted, err = acceptedWords(s.Accepted); err != nil {
		return nil, err
	}
	if r.phrases, err = acceptedPhrases(s.Accepted); err != nil {
		return nil, err
	}
	return r, nil
}

// acceptedWords matches a word the vocabulary accepts, in any case, as
// Vale's spelling exceptions do: each term on word boundaries, anywhere
// in the word, so `[pP]y.*\b` accepts "Pyyaml".
func acceptedWords(terms []string) (matcher, error) {
	if len(terms) == 0 {
		return nil, nil
	}
	alts := make([]string, len(terms))
	for i, t := range terms {
		if !strings.HasPrefix(t, `\b`) && !strings.HasSuffix(t, `\b`) {
			t = `\b` + t + `\b`
		}
		alts[i] = t
	}
	m, err := compilePattern(`(?i)` + strings.Join(alts, "|"))
	if err != nil {
		return nil, fmt.Errorf("accepted vocabulary: %w", err)
	}
	return m, nil
}

// acceptedPhrases matches the vocabulary's multi-word terms ("mea
// culpa"), in any case, or is nil when it has none.
func acceptedPhrases(terms []string) (matcher, error) {
	var phrases []string
	for _, t := range terms {
		if strings.ContainsAny(t, " \t") || strings.Contains(t, `\s`) {
			phrases = append(phrases, t)
		}
	}
	if len(phrases) == 0 {
		return nil, nil
	}
	m, err := compilePattern(`(?i)\b(?:` + strings.Join(phrases, "|") + `)\b`)
	if err != nil {
		return nil, fmt.Errorf("accepted vocabulary: %w", err)
	}
	return m, nil
}

func (r *spelling) Spec() *Spec { return &r.spec }

// parts: every word may be misspelled, so the rule always runs.
func (r *spelling) parts() []part { return []part{{}} }

func (r *spelling) run(c *checker, units []unit) {
	for _, u := range units {
		text := u.text()
		if r.phrases != nil {
			text = maskPhrases(c, r.phrases, text)
		}
		eachWord(text, func(start, end int) {
			word := text[start:end]
			v, ok := r.verdicts.load(word)
			if !ok {
				failures := c.budget.mark()
				v = r.judge(c, word)
				// An accepted pattern that could not finish says nothing
				// about the word: that verdict is not for other posts.
				if !c.budget.failedSince(failures) {
					r.verdicts.store(word, v)
				}
			}
			if v.ok {
				return
			}
			var fix *finding.Fix
			if v.fix != "" {
				fix = &finding.Fix{Replacement: v.fix}
			}
			c.report(u, start, end, formatMessage(r.spec.Message, word), fix)
		})
	}
}

// judge spells one word of a post.
func (r *spelling) judge(c *checker, word string) verdict {
	if skipWord(word) {
		return verdict{ok: true}
	}
	// Look the word up as the dictionary writes it: typographic
	// apostrophes become ASCII ones (Vale's tokenizer and ICONV).
	look := r.checker.Convert(straightQuotes(word))
	for _, f := range r.filters {
		if f.MatchString(look) {
			return verdict{ok: true}
		}
	}
	if r.checker.Spell(look) || r.accepted != nil && r.accepted.match(c.budget, look) {
		return verdict{ok: true}
	}
	// Suggestions are costly: only now, for a flagged word.
	if s := r.checker.Suggest(look, 1); len(s) > 0 {
		return verdict{fix: s[0]}
	}
	return verdict{}
}

// maskPhrases blanks accepted phrases with spaces of the same length, so
// their words are not checked and every other word keeps its offsets.
func maskPhrases(c *checker, phrases matcher, text string) string {
	var b []byte
	phrases.each(c.budget, text, func(loc []int) {
		if b == nil {
			b = []byte(text)
		}
		for i := loc[0]; i < loc[1]; i++ {
			b[i] = ' '
		}
	})
	if b == nil {
		return text
	}
	return string(b)
}

// skipWord leaves out what is not prose to spell: hashtags, mentions,
// e-mail addresses and web addresses that reached the text (the parser
// removes links, but a title keeps what the author wrote).
func skipWord(w string) bool {
	return strings.HasPrefix(w, "#") || strings.ContainsRune(w, '@') ||
		strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "www.")
}

func straightQuotes(s string) string {
	if !strings.ContainsAny(s, "‘’") {
		return s
	}
	return strings.NewReplacer("‘", "'", "’", "'").Replace(s)
}

// isAbbreviation is Vale's tokenizer's exception, by hand rather than
// its regular expression `^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$`
// (tried at every trim of every word): "e.g." and "Mr." keep their dots.
func isAbbreviation(s string) bool {
	isLetter := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
	if len(s) >= 4 && len(s)%2 == 0 {
		dotted := true
		for i := 0; i < len(s) && dotted; i += 2 {
			dotted = isLetter(s[i]) && s[i+1] == '.'
		}
		if dotted {
			return true
		}
	}
	if len(s) != 3 && len(s) != 4 || s[len(s)-1] != '.' || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// eachWord calls fn with the byte span of each word of text, split as
// Vale's word tokenizer splits it: at white space, then one leading
// $ ( " [ ' and trailing , ) " ] ! ; . ? : ' at a time (curly quotes
// count as straight ones), keeping spans with at least one letter.
func eachWord(text string, fn func(start, end int)) {
	for start := 0; start < len(text); {
		r, size := utf8.DecodeRuneInString(text[start:])
		if unicode.IsSpace(r) {
			start += size
			continue
		}
		end := start
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if unicode.IsSpace(r) {
				break
			}
			end += size
		}
		s, e := trimToken(text, start, end)
		if s < e && hasLetter(text[s:e]) {
			fn(s, e)
		}
		start = end
	}
}

// trimToken strips the punctuation Vale's tokenizer strips around a word.
func trimToken(text string, s, e int) (int, int) {
	for s < e {
		if isAbbreviation(text[s:e]) {
			break
		}
		first, fs := utf8.DecodeRuneInString(text[s:e])
		last, ls := utf8.DecodeLastRuneInString(text[s:e])
		switch {
		case e-s > fs && strings.ContainsRune(`$("['“‘`, first):
			s += fs
		case e-s > ls && strings.ContainsRune(`,)"]!;.?:'”’`, last):
			e -= ls
		default:
			return s, e
		}
	}
	return s, e
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
