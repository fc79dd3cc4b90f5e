// Package tone measures the tone of a post's prose for policies: sentiment,
// reading grade, exclamation marks, shouting in capitals and emoji.
//
// Build one Analyzer and share it; Measure is safe for concurrent use and
// loads nothing per call:
//
//	a, err := tone.NewAnalyzer()
//	...
//	t := a.Measure(post.Body) // t.Sentiment, t.Grade, t.Emoji, …
//
// # Sentiment
//
// Sentiment is the compound score of VADER (Hutto & Gilbert, "VADER: A
// Parsimonious Rule-based Model for Sentiment Analysis of Social Media
// Text", ICWSM 2014), a lexicon of about 7,500 words, emoticons and slang
// rated by people from -4 to 4, and rules for what changes a word's weight:
// negation ("not good"), degree words ("very good", "kind of good"),
// capitals among lower-case words ("GOOD"), '!' and "??", a contrasting
// "but", and a few idioms. The package follows vaderSentiment 3.3.2 (MIT)
// rule for rule and embeds its lexicons (data/, with the licence); on plain
// ASCII text its scores equal VADER's. It departs from it in four small
// ways, for text written on phones: typographic apostrophes and quotes
// count as ASCII ones ("don’t" negates), fullwidth ！ and ？ as ! and ?,
// an emoji's U+FE0F does not hide it (❤️ scores like ❤), and "but"
// reweighs words by position (VADER, looking words up by value, can miss
// one that has the same score as another).
//
// VADER scores the whole text, and it works best on the few sentences of
// a social-media post; its lexicon is English.
//
// # Emoji
//
// An emoji is an emoji sequence as renderers group them, the same grouping
// the channel counters use (engine/internal/emoji, generated from
// Unicode's emoji-test.txt): "👍🏽", "👩‍💻", "🇫🇷" and "#️⃣" count one each.
// A character whose default presentation is text (© ® ™ ❤) counts only
// when U+FE0F or a skin tone asks for an emoji.
package tone
