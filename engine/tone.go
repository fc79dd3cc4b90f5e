package engine

import (
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/tone"
)

// toneMeter measures the tone facts of a post's prose for the policies.
type toneMeter struct{ a *tone.Analyzer }

func newToneMeter() (toneMeter, error) {
	a, err := tone.NewAnalyzer()
	return toneMeter{a}, err
}

// measure is the tone of the post's whole prose (input.tone).
func (m toneMeter) measure(p *content.Post) map[string]any { return toneDoc(m.a.Measure(p.Body)) }

// measureText is the tone of one channel's own copy.
func (m toneMeter) measureText(text string) map[string]any { return toneDoc(m.a.Measure(text)) }

func toneDoc(t tone.Tone) map[string]any {
	return map[string]any{
		"sentiment": t.Sentiment, "grade": t.Grade, "exclamations": t.Exclamations, "caps": t.Caps,
		"emoji": t.Emoji, "emoji_density": t.EmojiDensity, "words": t.Words, "sentences": t.Sentences,
	}
}
