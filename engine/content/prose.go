package content

import "slices"

// proseBlock is one block of prose as readers read it, and the copy it is
// in ("" the common copy, else a channel's variant).
type proseBlock struct {
	channel, text string
}

// Prose is the prose a channel's copy holds, one string per block: each
// paragraph, heading, list item and table cell of the copy the channel
// posts (its own variant section when it has one, else the common copy;
// "" names the common copy). It is the one text every measure of a copy's
// prose reads (the readability rule, the voice, the input document), so
// they agree on one grade:
//
//   - code, URLs and alt text are not in it (Markdown keeps them apart),
//     nor are mentions: handles are not words a reader reads. Hashtags
//     stay, as the words they are;
//   - each block is measured on its own, so a heading without a full stop
//     never runs into the sentence after it;
//   - the title is not in it: no channel posts it.
func (p *Post) Prose(channel string) []string {
	if channel != "" && !slices.Contains(p.variants, channel) {
		channel = ""
	}
	var out []string
	for _, b := range p.prose {
		if b.channel == channel {
			out = append(out, b.text)
		}
	}
	return out
}

// AllProse is the prose of every copy of the post, in file order: what the
// post as a whole says (input.tone).
func (p *Post) AllProse() []string {
	out := make([]string, len(p.prose))
	for i, b := range p.prose {
		out[i] = b.text
	}
	return out
}
