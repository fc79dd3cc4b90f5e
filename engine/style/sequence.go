// The matching of sequence tokens below (the expansion in newSequence, tokenMatches,
// negatedToBoundary, match, anchor, targetRange and the universal
// tag tables) is ported from Vale v3.20.0, internal/check/sequence.go and
// upos.go: Copyright (c) 2016 Joseph Kato, MIT License (LICENSE.vale, NOTICE).

package style

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tokenize"
)

// sequence finds a run of words in a sentence, each word given by a
// pattern, a part-of-speech tag or both ("an adjective before 'data'"),
// as Vale's sequence rules do: with prose's sentence segmenter, tokenizer
// and perceptron tagger, the ones Vale uses, so that a word gets the tag
// it gets in Vale.
type sequence struct {
	spec   Spec
	tokens []seqToken
	except []*regexp.Regexp
	nlp    *nlpModels
}

// seqToken is one expanded position: a token with skip n becomes n
// optional fillers and the token itself, all of one group.
type seqToken struct {
	SequenceToken
	re, tokenRe, tagRe, wordRe *regexp.Regexp
	optional, start, end       bool
	group                      int
}

// nlpModels are prose's segmenter and tagger, loaded once per Linter and
// only when a sequence rule first reads a post: loading them takes tens
// of milliseconds and most styles have no sequence rule.
type nlpModels struct {
	once      sync.Once
	segmenter *segment.Segmenter
	tagger    tag.Interface
	tokenizer *tokenize.Tokenizer
	err       error
}

func (m *nlpModels) load() error {
	m.once.Do(func() {
		if m.segmenter, m.err = segment.New(); m.err != nil {
			return
		}
		if m.tagger, m.err = tag.Open(""); m.err != nil {
			return
		}
		m.tokenizer = tokenize.New()
	})
	return m.err
}

func newSequence(s Spec, models *nlpModels) (Rule, error) {
	if len(s.Sequence) == 0 {
		return nil, errors.New("a sequence rule needs tokens")
	}
	ic := ""
	if s.IgnoreCase {
		ic = "(?i)"
	}
	r := &sequence{spec: s, nlp: models}
	group := 0
	for i, t := range s.Sequence {
		st := seqToken{SequenceToken: t}
		if t.UPOS != "" {
			if t.Tag != "" {
				return nil, fmt.Errorf("token %d: a token cannot set both tag and upos", i+1)
			}
			p, err := uposTagPattern(t.UPOS)
			if err != nil {
				return nil, fmt.Errorf("token %d: %w", i+1, err)
			}
			st.Tag = p
			if t.Pattern == "" {
				if w := uposWordPattern(t.UPOS); w != "" {
					st.wordRe = regexp.MustCompile(w)
				}
			}
		}
		var err error
		if st.Tag != "" {
			if st.tagRe, err = regexp.Compile(st.Tag); err != nil {
				return nil, fmt.Errorf("token %d: tag: %w", i+1, cleanError(err))
			}
		}
		if t.Pattern != "" {
			if st.re, err = regexp.Compile(ic + `(?m)(?:` + t.Pattern + `)`); err != nil {
				return nil, fmt.Errorf("token %d: pattern: %w", i+1, cleanError(err))
			}
			st.tokenRe = regexp.MustCompile(ic + `^(?:` + t.Pattern + `)$`)
		}
		// Vale's expansion: skip n gives n optional fillers, then the
		// token; min repeats the whole.
		for range max(t.Min, 1) {
			group++
			st.group = group
			st.optional, st.end = true, false
			for k := t.Skip; k > 0; k-- {
				st.start = k == t.Skip
				r.tokens = append(r.tokens, st)
			}
			if st.Pattern != "" || st.Tag != "" {
				st.optional, st.start, st.end = false, false, true
				r.tokens = append(r.tokens, st)
			}
		}
	}
	for _, e := range s.SequenceExceptions {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, fmt.Errorf("exception %q: %w", e, cleanError(err))
		}
		r.except = append(r.except, re)
	}
	// Vale tags a sentence at a time: a rule reads the sentences of its
	// scope, which it splits itself, with prose's segmenter, as Vale does.
	if len(r.spec.Scope) == 0 || slices.Contains(r.spec.Scope, ScopeSentence) || slices.Contains(r.spec.Scope, ScopeParagraph) {
		r.spec.Scope = []Scope{ScopeText}
	}
	return r, nil
}

func (r *sequence) Spec() *Spec { return &r.spec }

// parts: tags have no literals to look for, so the rule always runs.
func (r *sequence) parts() []part { return []part{{}} }

func (r *sequence) run(c *checker, units []unit) {
	if err := r.nlp.load(); err != nil {
		c.budget.fail(units[0].text(), fmt.Errorf("part-of-speech model: %w", err))
		return
	}
	idx, anchor, ok := r.anchor()
	if !ok {
		return
	}
	for _, u := range units {
		text := u.text()
		for _, sent := range r.nlp.segmenter.Segment(text) {
			if c.budget.expired() {
				return
			}
			words := r.nlp.tokenizer.Tokenize(sent.Text)
			r.nlp.tagger.TagTokens(words)
			var excluded [][]int
			for _, re := range r.except {
				excluded = append(excluded, re.FindAllStringIndex(sent.Text, -1)...)
			}
			// One try per place the anchor may be: per match of its
			// pattern in the sentence, or per word for a tag anchor.
			tries := len(words)
			if anchor.re != nil {
				tries = len(anchor.re.FindAllStringIndex(sent.Text, -1))
			}
			var history []int
			for range tries {
				m := r.match(idx, anchor, words, history)
				history = append(history, m.index)
				if !m.ok() {
					continue
				}
				lo, hi := m.lo, m.hi
				if tlo, thi, ok := r.targetRange(m); ok {
					lo, hi = tlo, thi
				}
				start, end := words[lo].Start, words[hi].Start+len(words[hi].Text)
				if start >= end || beginsInside(excluded, start) {
					continue
				}
				c.report(u, sent.Start+start, sent.Start+end, formatMessage(r.spec.Message, m.text...), nil)
			}
		}
	}
}

func beginsInside(spans [][]int, pos int) bool {
	for _, s := range spans {
		if pos >= s[0] && pos < s[1] {
			return true
		}
	}
	return false
}

// anchor picks the token the search starts from: the first pattern token
// that is not negated, else the first tag token.
func (r *sequence) anchor() (int, seqToken, bool) {
	for i, t := range r.tokens {
		if !t.Negate && t.Pattern != "" {
			return i, t, true
		}
	}
	for i, t := range r.tokens {
		if !t.Negate && t.Tag != "" {
			return i, t, true
		}
	}
	return 0, seqToken{}, false
}

// tokenMatches reports whether a word fills a position, as Vale decides.
func tokenMatches(t seqToken, w tag.Token) bool {
	failedTag := t.tagRe == nil || t.tagRe.MatchString(w.Tag)
	failedTag = failedTag == t.Negate
	failedTok := t.tokenRe != nil && t.tokenRe.MatchString(w.Text) == t.Negate
	if t.wordRe != nil && t.wordRe.MatchString(w.Text) == t.Negate {
		return false
	}
	return !((t.Pattern == "" && failedTag) ||
		(t.Tag == "" && failedTok) ||
		(t.Tag != "" && t.Pattern != "") && (failedTag || failedTok))
}

// negatedToBoundary: at a sentence's edge there is no word, so a run of
// negated tokens ("not preceded by X") holds there.
func negatedToBoundary(toks []seqToken) bool {
	for _, t := range toks {
		if !t.Negate {
			return false
		}
	}
	return true
}

// seqMatch is one hit: the words' text, the anchor word's index, the
// word range, and which word each position took.
type seqMatch struct {
	text   []string
	index  int
	lo, hi int
	wordAt map[int]int
}

func (m seqMatch) ok() bool { return len(m.text) > 0 && m.lo >= 0 && m.hi >= m.lo }

// match finds the next anchor word not in history and checks the tokens
// to its left, then from it rightwards.
func (r *sequence) match(idx int, anchor seqToken, words []tag.Token, history []int) seqMatch {
	toks := r.tokens
	var text []string
	index, lo, hi := 0, -1, -1
	wordAt := map[int]int{}
	fail := func() seqMatch { return seqMatch{index: index, lo: -1, hi: -1} }
	for j, w := range words {
		if !tokenMatches(anchor, w) || slices.Contains(history, j) {
			continue
		}
		index = j
		if idx > 0 {
			ti, wi := idx-1, j-1
			for ti >= 0 {
				if wi < 0 {
					if negatedToBoundary(toks[:ti+1]) {
						break
					}
					return fail()
				}
				t := toks[ti]
				text = append([]string{words[wi].Text}, text...)
				lo = wi
				wordAt[ti] = wi
				// The expansion reads left to right; from the right, the
				// required token comes first and the fillers after it.
				if t.Skip > 0 {
					t.optional = (t.optional || t.end) && !t.start
				}
				ok := tokenMatches(t, words[wi])
				switch {
				case !ok && !t.optional:
					return fail()
				case ok && t.optional:
					for ti >= 0 && toks[ti].group == t.group {
						ti--
					}
					wi--
				default:
					ti--
					wi--
				}
			}
		}
		if idx < len(toks) {
			ti, wi := idx, j
			for ti < len(toks) {
				if wi >= len(words) {
					if negatedToBoundary(toks[ti:]) {
						break
					}
					return fail()
				}
				t := toks[ti]
				text = append(text, words[wi].Text)
				if lo < 0 || wi < lo {
					lo = wi
				}
				hi = wi
				wordAt[ti] = wi
				ok := tokenMatches(t, words[wi])
				switch {
				case !ok && !t.optional:
					return fail()
				case ok && t.optional:
					for ti < len(toks) && toks[ti].group == t.group {
						ti++
					}
					wi++
				default:
					ti++
					wi++
				}
			}
		}
		break
	}
	return seqMatch{text: text, index: index, lo: lo, hi: hi, wordAt: wordAt}
}

// targetRange is the word range of the target tokens, false when there
// are none or one of them took no word.
func (r *sequence) targetRange(m seqMatch) (int, int, bool) {
	lo, hi := -1, -1
	for i, t := range r.tokens {
		if !t.Target {
			continue
		}
		w, ok := m.wordAt[i]
		if !ok {
			return 0, 0, false
		}
		if lo < 0 || w < lo {
			lo = w
		}
		hi = max(hi, w)
	}
	return lo, hi, lo >= 0
}

// uposTags are the universal part-of-speech tags in the Penn Treebank
// tags prose's tagger gives.
func uposTags() map[string]string {
	return map[string]string{
		"ADJ": `JJ|JJR|JJS`, "ADP": `IN|RP`, "ADV": `RB|RBR|RBS|WRB`, "AUX": `MD|VB|VBD|VBG|VBN|VBP|VBZ`,
		"CCONJ": `CC`, "DET": `DT|PDT|WDT|WP\$`, "INTJ": `UH`, "NOUN": `NN|NNS`, "NUM": `CD`,
		"PART": `TO|RP|POS`, "PRON": `PRP|PRP\$|WP|EX`, "PROPN": `NNP|NNPS`,
		"PUNCT": `[.,:]|''|` + "``" + `|-LRB-|-RRB-|\(|\)`, "SCONJ": `IN|WRB`, "SYM": `SYM|\$|#`,
		"VERB": `VB|VBD|VBG|VBN|VBP|VBZ`, "X": `FW|LS`,
	}
}

// uposWords narrow the universal tags Penn cannot tell apart (AUX, SCONJ)
// to the words they can be.
func uposWords() map[string][]string {
	return map[string][]string{
		"AUX": {"am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having",
			"do", "does", "did", "doing", "will", "would", "shall", "should", "can", "could",
			"may", "might", "must", "ought", "'s", "'re", "'m", "'ve", "'ll", "'d"},
		"SCONJ": {"after", "although", "as", "because", "before", "even", "if", "since", "so", "than", "that",
			"though", "unless", "until", "when", "whenever", "where", "whereas", "wherever", "whether",
			"while", "why", "how"},
	}
}

func uposTagPattern(name string) (string, error) {
	tags := uposTags()
	var out []string
	for _, part := range strings.Split(name, "|") {
		p, ok := tags[strings.ToUpper(strings.TrimSpace(part))]
		if !ok {
			names := make([]string, 0, len(tags))
			for n := range tags {
				names = append(names, n)
			}
			sort.Strings(names)
			return "", fmt.Errorf("unknown universal part-of-speech tag %q; expected one of %s", part, strings.Join(names, ", "))
		}
		out = append(out, p)
	}
	return "^(?:" + strings.Join(out, "|") + ")$", nil
}

func uposWordPattern(name string) string {
	all := uposWords()
	var words []string
	for _, part := range strings.Split(name, "|") {
		w, ok := all[strings.ToUpper(strings.TrimSpace(part))]
		if !ok {
			return "" // one alternative takes any word, so the union does
		}
		for _, x := range w {
			words = append(words, regexp.QuoteMeta(x))
		}
	}
	if len(words) == 0 {
		return ""
	}
	return "^(?:" + strings.Join(words, "|") + ")$"
}
