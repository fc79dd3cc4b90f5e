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
func (m toneMeter) measure(p *content.Post) map[string]any {
	return toneDoc(m.a.MeasureBlocks(p.AllProse()))
}

// measureCopy is the tone of the prose one channel posts ("" the common
// copy): the same text the readability rule grades (content.Post.Prose).
func (m toneMeter) measureCopy(p *content.Post, channel string) map[string]any {
	return toneDoc(m.a.MeasureBlocks(p.Prose(channel)))
}

func toneDoc(t tone.Tone) map[string]any {
	return map[string]any{
		"sentiment": t.Sentiment, "grade": t.Grade, "exclamations": t.Exclamations, "caps": t.Caps,
		"emoji": t.Emoji, "emoji_density": t.EmojiDensity, "words": t.Words, "sentences": t.Sentences,
	}
}
