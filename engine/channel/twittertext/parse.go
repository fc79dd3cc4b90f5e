package twittertext

import (
	"math"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/greenlighthq/greenlight/engine/internal/emoji"
)

// WeightRange gives the code points Start..End (inclusive) a weight, in
// units of 1/Scale of a character.
type WeightRange struct {
	Start, End, Weight int
}

// Config is a twitter-text configuration (upstream config/v*.json).
type Config struct {
	Version                int
	MaxWeightedTweetLength int // in characters
	Scale                  int // weights are in 1/Scale of a character
	DefaultWeight          int // weight of a code point outside every range
	TransformedURLLength   int // characters every URL counts as (t.co)
	Ranges                 []WeightRange
	EmojiParsingEnabled    bool // an emoji sequence counts DefaultWeight once
}

// twoByteRanges are the ranges of config/v2.json and v3.json: Latin-1 to
// Georgian, general punctuation (up to ZWJ), dashes and quotes, primes.
func twoByteRanges() []WeightRange {
	return []WeightRange{
		{Start: 0, End: 4351, Weight: 100},
		{Start: 8192, End: 8205, Weight: 100},
		{Start: 8208, End: 8223, Weight: 100},
		{Start: 8242, End: 8247, Weight: 100},
	}
}

// V1 is upstream's version1 configuration: 140 code points, every URL 23.
// The conformance suite validates "tweets" with it.
func V1() Config {
	return Config{Version: 1, MaxWeightedTweetLength: 140, Scale: 1, DefaultWeight: 1, TransformedURLLength: 23}
}

// V2 is config/v2.json: 280 weighted characters, CJK and emoji weigh 2
// per code point.
func V2() Config {
	return Config{Version: 2, MaxWeightedTweetLength: 280, Scale: 100, DefaultWeight: 200,
		TransformedURLLength: 23, Ranges: twoByteRanges()}
}

// V3 is config/v3.json, the current X rule: as V2, but an emoji sequence
// (ZWJ family, skin tone, flag, keycap) weighs 2 as a whole.
func V3() Config {
	c := V2()
	c.Version = 3
	c.EmojiParsingEnabled = true
	return c
}

// Range is an inclusive range of UTF-16 code unit indices, as upstream
// reports them.
type Range struct {
	Start, End int
}

// Result is the outcome of Parse.
type Result struct {
	WeightedLength int  // in characters
	Valid          bool // not empty, within the limit, no invalid character
	Permillage     int  // WeightedLength per thousand of the limit, floored
	// DisplayRange spans the whole text; ValidRange the part that fits.
	// Both are inclusive UTF-16 indices into the original text, with
	// upstream's quirks (an empty text gives {0,0}; after normalization the
	// valid end is shifted by the length difference).
	DisplayRange, ValidRange Range
	// ValidEndByte is the byte offset into the original text where the
	// valid prefix ends: len(text) when everything fits, else the offset
	// of the first character that does not fit or is invalid.
	ValidEndByte int
}

// Parse measures text the way twitter-text's parseTweet does: the text is
// normalized to NFC, every URL weighs TransformedURLLength, every emoji
// sequence weighs DefaultWeight when EmojiParsingEnabled, and every other
// code point weighs by the configuration's ranges.
func Parse(text string, cfg Config) Result {
	nt, toOrig := nfc(text)

	urls := extractURLs(nt, true)
	var emojis [][2]int
	if cfg.EmojiParsingEnabled {
		for i := 0; i < len(nt); {
			if l := emoji.Len(nt[i:]); l > 0 {
				emojis = append(emojis, [2]int{i, i + l})
				i += l
				continue
			}
			_, size := utf8.DecodeRuneInString(nt[i:])
			i += size
		}
	}

	maxWeighted := cfg.MaxWeightedTweetLength * cfg.Scale
	weighted := 0
	valid := true
	validDisplayIndex := 0 // last valid UTF-16 index in nt
	validEnd := 0          // byte offset in nt after the last valid item
	idx16 := 0             // UTF-16 index of the current item in nt
	ui, ei := 0, 0
	for i := 0; i < len(nt); {
		for ui < len(urls) && urls[ui].Start < i {
			ui++
		}
		for ei < len(emojis) && emojis[ei][0] < i {
			ei++
		}
		var end, units int
		var last rune // the item's last character, for the validity test
		switch {
		case ui < len(urls) && urls[ui].Start == i:
			weighted += cfg.TransformedURLLength * cfg.Scale
			end = urls[ui].End
			units = utf16Len(nt[i:end])
			last, _ = utf8.DecodeLastRuneInString(nt[i:end])
		case ei < len(emojis) && emojis[ei][0] == i:
			weighted += cfg.DefaultWeight
			end = emojis[ei][1]
			units = utf16Len(nt[i:end])
			last, _ = utf8.DecodeLastRuneInString(nt[i:end])
		default:
			r, size := utf8.DecodeRuneInString(nt[i:])
			end = i + size
			units = 1
			last = r
			if r >= 0x10000 {
				// Upstream weighs the low surrogate of a pair.
				units = 2
				last = 0xDC00 + (r-0x10000)&0x3FF
			}
			weighted += cfg.weight(last)
		}
		if valid {
			valid = !isInvalidChar(last)
		}
		if valid && weighted <= maxWeighted {
			validDisplayIndex = idx16 + units - 1
			validEnd = end
		}
		idx16 += units
		i = end
	}

	length := float64(weighted) / float64(cfg.Scale)
	res := Result{
		WeightedLength: int(math.Floor(length)),
		Valid:          valid && length > 0 && length <= float64(cfg.MaxWeightedTweetLength),
		Permillage:     int(math.Floor(length / float64(cfg.MaxWeightedTweetLength) * 1000)),
	}
	textLen16 := utf16Len(text)
	res.ValidRange = Range{0, validDisplayIndex + textLen16 - idx16}
	if textLen16 > 0 {
		res.DisplayRange = Range{0, textLen16 - 1}
	}
	res.ValidEndByte = toOrig(validEnd)
	return res
}

// weight returns the weight of one UTF-16 code unit (or code point).
func (c Config) weight(r rune) int {
	for _, rg := range c.Ranges {
		if int(r) >= rg.Start && int(r) <= rg.End {
			return rg.Weight
		}
	}
	return c.DefaultWeight
}

// isInvalidChar ports invalidChars: U+FFFE, U+FEFF, U+FFFF.
func isInvalidChar(r rune) bool {
	return r == 0xFFFE || r == 0xFEFF || r == 0xFFFF
}

// nfc returns text in Normalization Form C and a function mapping a byte
// offset in the result back to text. An offset inside a normalization
// segment maps to the start of that segment.
func nfc(text string) (string, func(int) int) {
	if norm.NFC.QuickSpanString(text) == len(text) {
		// Normal for sure; unlike IsNormalString, this does not allocate.
		return text, func(i int) int { return i }
	}
	type seg struct{ out, in int }
	var (
		it   norm.Iter
		buf  []byte
		segs []seg
	)
	it.InitString(norm.NFC, text)
	for !it.Done() {
		in := it.Pos()
		segs = append(segs, seg{len(buf), in})
		buf = append(buf, it.Next()...)
	}
	out := string(buf)
	return out, func(i int) int {
		if i >= len(out) {
			return len(text)
		}
		k := len(segs) - 1
		for k > 0 && segs[k].out > i {
			k--
		}
		return segs[k].in
	}
}
