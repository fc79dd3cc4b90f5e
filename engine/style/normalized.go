package style

import (
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/normalize"
)

// normalized is a post's blocks as rules with Spec.Normalize read them.
type normalized struct {
	// blocks are copies of the post's blocks holding normalized text; a
	// span is never mapped through them, only through texts.
	blocks []content.Block
	texts  []normalize.Text
	hits   []hits
}

// newNormalized normalizes every block of p; raw are the literal index's
// hits on the blocks as written, reused where normalization changes
// nothing (pure ASCII, most blocks).
func newNormalized(p *content.Post, x *literalIndex, raw []hits) *normalized {
	n := &normalized{blocks: make([]content.Block, len(p.Blocks)), texts: make([]normalize.Text, len(p.Blocks)),
		hits: make([]hits, len(p.Blocks))}
	for i := range p.Blocks {
		t := normalize.String(p.Blocks[i].Text)
		n.texts[i], n.blocks[i], n.hits[i] = t, p.Blocks[i], raw[i]
		if t.Changed() {
			n.blocks[i].Text = t.String
			n.hits[i] = x.scan(t.String)
		}
	}
	return n
}
