package channel

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/greenlighthq/greenlight/engine/internal/emoji"
)

// Unit is what a channel's length limit counts.
type Unit string

// The units a Limit can count in.
const (
	// UnitWeighted is X's weighted length (twitter-text v3).
	UnitWeighted Unit = "weighted"
	// UnitGraphemes counts extended grapheme clusters (user-perceived
	// characters, by the rules of UnicodeVersion).
	UnitGraphemes Unit = "graphemes"
	// UnitCharacters counts Unicode code points.
	UnitCharacters Unit = "characters"
	// UnitBytes counts UTF-8 bytes.
	UnitBytes Unit = "bytes"
)

// UnicodeVersion is the Unicode version behind the counts: grapheme
// clusters (github.com/clipperhouse/uax29/v2, Unicode 17.0) and emoji
// sequences (the generated emoji table). The two move together, so that an
// emoji is one grapheme on Bluesky and one emoji on X and Threads;
// TestGraphemeBreakConformance and TestEmoji17Sequences check both against
// Unicode's 17.0 files.
const UnicodeVersion = emoji.Version

// Limit is one channel's length and entity limits.
type Limit struct {
	Channel     string `json:"channel"`
	MaxLength   int    `json:"max_length"`             // in Unit
	Unit        Unit   `json:"unit"`                   //
	MaxBytes    int    `json:"max_bytes,omitempty"`    // UTF-8 bytes; 0: no byte limit
	MaxHashtags int    `json:"max_hashtags,omitempty"` // 0: no cap
	MaxLinks    int    `json:"max_links,omitempty"`    // distinct URLs; 0: no cap
	URLLength   int    `json:"url_length,omitempty"`   // what every URL counts as; 0: its own length
	Source      string `json:"source"`                 // where the figures come from
	Checked     string `json:"checked"`                // when Source was last checked (YYYY-MM-DD)
	Note        string `json:"note,omitempty"`         // the counting rules, in words
}

//go:embed limits.json
var limitsJSON string // a string: read-only

type limitsTable struct {
	Version  string  `json:"version"`
	Channels []Limit `json:"channels"`
}

// builtinLimits parses the embedded table once. The table is part of the
// program, so a broken one is a program fault: it panics, and
// TestLimitsTable catches it first.
var builtinLimits = sync.OnceValue(func() limitsTable {
	var t limitsTable
	if err := json.Unmarshal([]byte(limitsJSON), &t); err != nil {
		panic(fmt.Sprintf("channel: embedded limits.json: %v", err))
	}
	return t
})

// Limits returns the built-in limits table and its version (the date it was
// last revised), in a fixed order: x, bluesky, mastodon, threads, linkedin,
// instagram, facebook. The slice is the caller's to modify.
func Limits() (version string, limits []Limit) {
	t := builtinLimits()
	return t.Version, slices.Clone(t.Channels)
}

// Lookup returns the built-in limit of a channel by name.
func Lookup(channel string) (Limit, bool) {
	for _, l := range builtinLimits().Channels {
		if l.Channel == channel {
			return l, true
		}
	}
	return Limit{}, false
}
