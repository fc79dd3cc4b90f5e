package style

import (
	"github.com/greenlighthq/greenlight/engine/finding"
)

// Kind is the rule type, named as Vale names its extension points.
type Kind string

const (
	Existence      Kind = "existence"
	Substitution   Kind = "substitution"
	Occurrence     Kind = "occurrence"
	Repetition     Kind = "repetition"
	Capitalization Kind = "capitalization"
	Readability    Kind = "readability"
	Conditional    Kind = "conditional"
	Spelling       Kind = "spelling"
	Consistency    Kind = "consistency"
	Metric         Kind = "metric"
	Sequence       Kind = "sequence"
	Script         Kind = "script"
)

// Kinds lists every supported rule type, in documentation order.
func Kinds() []Kind {
	return []Kind{Existence, Substitution, Occurrence, Repetition, Capitalization, Readability, Conditional, Spelling,
		Consistency, Metric, Sequence, Script}
}

// Scope names the part of a post a rule reads.
type Scope string

const (
	// ScopeText is the title and every prose block of the body; the default.
	ScopeText Scope = "text"
	// ScopeParagraph is the same blocks as text, one at a time.
	ScopeParagraph Scope = "paragraph"
	// ScopeSentence is each sentence of the prose, one at a time.
	ScopeSentence Scope = "sentence"
	// ScopeHeading is the Markdown headings of the body.
	ScopeHeading Scope = "heading"
	// ScopeTitle is the post's front-matter title.
	ScopeTitle Scope = "title"
	// ScopeHashtags is each hashtag, without its '#'.
	ScopeHashtags Scope = "hashtags"
	// ScopeLinkText is the visible text of each Markdown link.
	ScopeLinkText Scope = "link_text"
	// ScopeList is the text of list items.
	ScopeList Scope = "list"
	// ScopeRaw is the post's file as written, front matter included: only
	// a script rule reads it (Vale's raw scope), since its program sees
	// the source rather than the prose.
	ScopeRaw Scope = "raw"
	// ScopePublished is every text the post publishes: the text scope plus
	// code spans, code blocks, image alt text (body and front matter),
	// HTML (as written and without its tags) and link titles and
	// reference definitions. Greenlight's compliance
	// and embargo matching reads it; it is not a Vale scope, and rules in
	// a config cannot name it.
	ScopePublished Scope = "published"
)

// Spec declares one rule. Field meanings follow Vale's rule syntax so that a
// Vale YAML rule maps onto a Spec field by field; HCL rules fill the same
// fields (their literal `tokens` are quoted into regular expressions first).
type Spec struct {
	// ID is how findings name the rule: "brand-names" for an HCL rule,
	// "Style.Rule" for a Vale rule.
	ID      string
	Kind    Kind
	Level   finding.Level
	Message string
	Link    string
	// Scope lists where the rule looks; empty means text.
	Scope []Scope
	// Source is where the rule was declared ("greenlight.hcl:12" or a YAML
	// path), used in error messages.
	Source string

	// Normalize matches an existence rule on the normalized text (see
	// package normalize), reporting the span as written: set for
	// Greenlight's own policy terms (compliance triggers, embargoes, a
	// config's banned words), never for a Vale rule, whose semantics are
	// Vale's.
	Normalize bool

	// Matching options shared by the pattern-based kinds.
	IgnoreCase bool
	// Nonword drops the word boundaries Vale puts around tokens.
	Nonword bool
	// Tokens are regular-expression alternatives, matched on word
	// boundaries unless Nonword (Vale's `tokens`).
	Tokens []string
	// Raw is concatenated and put before the tokens, or after them when
	// Append is set, exactly as Vale builds an existence pattern.
	Raw    []string
	Append bool
	// Patterns are regular-expression alternatives matched as written,
	// without word boundaries: HCL's `patterns`, and Vale's `token` of an
	// occurrence rule and `tokens` of a repetition rule.
	Patterns []string
	// Exceptions are regular expressions a match must not equal.
	Exceptions []string

	// Substitution: observed pattern → preferred replacement. Order is
	// irrelevant: longer patterns are tried first, as Vale does.
	Swap map[string]string
	// Capitalize makes a substitution's suggestion start upper-case when the
	// matched text did (Vale's `capitalize`).
	Capitalize bool
	// MatchCase adapts a lower-case replacement to the case of the text it
	// replaces: "E-mail" → "Email", "E-MAIL" → "EMAIL" (Vale's `matchcase`).
	MatchCase bool

	// Occurrence: the number of token matches allowed per scope unit.
	// Zero means unbounded (Min) or unbounded (Max).
	Min, Max int

	// Repetition: Alpha limits repeated tokens to alphabetic ones.
	Alpha bool

	// Capitalization: Match is "$title", "$sentence", "$lower", "$upper" or
	// a regular expression the whole scope must match. Style is the title
	// case convention, "AP" or "Chicago".
	Match string
	Style string

	// Readability: Metrics such as "Flesch-Kincaid"; Grade is the highest
	// acceptable average grade.
	Metrics []string
	Grade   float64

	// Conditional: every match of First's capture group must have a match of
	// Second's capture group somewhere in the scope (an acronym defined).
	First, Second string

	// Spelling: each word is looked up in Dictionaries, in the embedded
	// English dictionary when none is given or when AppendEnglish is set
	// (Vale's append), and in the WordLists (ignore files: one word per
	// line, paths). A word one of the Filters matches (Go regular
	// expressions, unanchored, as Vale applies them) is not checked; see
	// DefaultSpellingFilters.
	Dictionaries  []Dictionary
	AppendEnglish bool
	WordLists     []string
	Filters       []string

	// Consistency: each key and its value are two spellings of one term
	// ("advisor": "adviser"); a post may use one or the other, not both
	// (Vale's `either`). Both are regular expressions, matched on word
	// boundaries unless Nonword.
	Either map[string]string

	// Metric: Formula is a Tengo expression over the post's counts
	// ($words, $sentences, … without the $; see MetricVariables) and
	// Condition the comparison that makes its value a finding ("> 8"),
	// as Vale evaluates them.
	Formula, Condition string

	// Sequence: Sequence is the run of tokens to find in a sentence, each
	// a word pattern and/or a Penn Treebank part-of-speech tag (Vale's
	// `tokens`); SequenceExceptions are regular expressions, and a match
	// that begins inside one of their matches is not reported.
	Sequence           []SequenceToken
	SequenceExceptions []string

	// Script: a Tengo program that reads `scope` (the text of one unit)
	// and sets `matches`, an array of {begin, end[, message]} byte
	// offsets, as Vale runs it (with Tengo's text, fmt and math modules).
	Script string

	// Accepted is the team vocabulary's accepted terms (accept.txt:
	// regular expressions, as Vale reads them). A spelling rule never
	// flags a word one of them matches, nor a word inside an accepted
	// phrase; any other rule does not report a match that is one of them
	// (they join its exceptions) or that lies inside an accepted phrase.
	// The config fills it for its own spelling rule and for every Vale
	// rule whose Vocab is set.
	Accepted []string
	// Vocab says the team vocabulary applies to the rule: set by the Vale
	// loader as Vale does (every rule unless `vocab: false`, and not a
	// nonword existence rule).
	Vocab bool
}

// SequenceToken is one position of a sequence rule, as Vale declares it.
type SequenceToken struct {
	// Pattern is a regular expression the whole word must match; Tag one
	// its Penn Treebank tag must match (UPOS, a universal tag such as
	// NOUN, is turned into Penn tags when the rule compiles). Negate
	// turns both into "must not".
	Pattern, Tag, UPOS string
	Negate             bool
	// Skip allows up to Skip other words before this token; Min repeats
	// it (at least Min occurrences, each with its own Skip window).
	Skip, Min int
	// Target narrows a finding to the targeted tokens' words.
	Target bool
}

// Dictionary is a Hunspell dictionary's two files.
type Dictionary struct {
	Dic, Aff string
}

// DefaultSpellingFilters are the filters Vale gives a spelling rule
// unless it sets `custom: true`: words in camel case (iPhone, GitHub),
// words ending in capitals (API, HTTPs) and words with anything but ASCII
// letters, underscores and apostrophes (digits, hyphens, accents) are not
// spell-checked.
func DefaultSpellingFilters() []string {
	return []string{`[A-Z]{1}[a-z]+[A-Z]+\w+`, `[A-Z]+$`, `[^a-zA-Z_']`}
}
