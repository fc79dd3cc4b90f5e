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
func (m toneMeter) measure(p *content.Post) tone.Tone {
	return m.a.MeasureBlocks(p.AllProse())
}

// measureCopy is the tone of the prose one channel posts ("" the common
// copy): the same text the readability rule grades (content.Post.Prose).
func (m toneMeter) measureCopy(p *content.Post, channel string) tone.Tone {
	return m.a.MeasureBlocks(p.Prose(channel))
}
