package style

import (
	"bytes"
	"slices"
	"sync"
	"sync/atomic"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// directWork bounds the work an index does searching its literals one at
// a time (literals times bytes searched) before it builds its automaton:
// about as long as building one for the four public Vale packages' 2,700
// literals takes (30 ms on one core). A run that checks a post or two, as
// a pull request or an editor does, never pays for the automaton; a large
// run, or one very large post, pays for both once.
const directWork = 1 << 26

// literalIndex finds, in one pass over a block, which rule parts can match
// it. A part is a rule's pattern, or one alternative of a rule split into
// alternatives (a substitution's swap keys, a token list). A part whose
// literals are unknown, or not ASCII, is always on. For a part that is a
// pure literal the index also keeps where it occurs, which is all that
// part needs to find its matches.
type literalIndex struct {
	nparts int
	always []bool
	// positional parts (pure literals and anchors) record where their
	// literals occur.
	positional []bool
	// patterns are the distinct lower-cased literals; parts lists, for
	// each, the parts it turns on.
	patterns []string
	lits     [][]byte // patterns as bytes, for the direct search
	parts    [][]int32
	empty    bool
	// searched counts the work of the literal searches done one at a
	// time; past directWork (or with an empty literal, which the automaton
	// alone defines) scans use the automaton, built by the first that
	// needs it.
	searched atomic.Int64
	direct   bool
	build    sync.Once
	ac       ahocorasick.AhoCorasick
}

// part is what a rule declares about one of its parts.
type part struct {
	lits   []string     // nil: always on
	pure   *pureLiteral // non-nil: the part is this literal
	anchor *anchor      // non-nil: matches start where lits occur
}

func newLiteralIndex(parts []part) *literalIndex {
	x := &literalIndex{nparts: len(parts), always: make([]bool, len(parts)), positional: make([]bool, len(parts))}
	ids := map[string]int{}
	var patterns []string
	for i, p := range parts {
		if p.lits == nil || !allASCII(p.lits) {
			x.always[i] = true
			continue
		}
		x.positional[i] = p.pure != nil || p.anchor != nil
		for _, l := range p.lits {
			// Literals are matched ignoring ASCII case: lower-cased once
			// here (and the text as it is scanned), an automaton has one
			// pattern for "GitHub" and "github", and half the transitions
			// one that folds case itself builds.
			l = asciiLower(l)
			id, ok := ids[l]
			if !ok {
				id = len(patterns)
				ids[l] = id
				patterns = append(patterns, l)
				x.parts = append(x.parts, nil)
			}
			if ps := x.parts[id]; len(ps) == 0 || ps[len(ps)-1] != int32(i) {
				x.parts[id] = append(ps, int32(i))
			}
		}
	}
	x.patterns, x.empty = patterns, len(patterns) == 0
	for _, p := range patterns {
		x.lits = append(x.lits, []byte(p))
	}
	x.direct = !slices.Contains(patterns, "")
	return x
}

// automaton is the index's Aho-Corasick automaton, built once.
func (x *literalIndex) automaton() ahocorasick.AhoCorasick {
	x.build.Do(func() {
		b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch, DFA: false})
		x.ac = b.Build(x.patterns)
	})
	return x.ac
}

// asciiLower lower-cases the ASCII letters of s.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return string(appendASCIILower(nil, s))
		}
	}
	return s
}

// appendASCIILower appends s to b with its ASCII letters lower-cased: the
// same bytes at the same offsets otherwise.
func appendASCIILower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func allASCII(lits []string) bool {
	for _, l := range lits {
		for i := 0; i < len(l); i++ {
			if l[i] >= 0x80 {
				return false
			}
		}
	}
	return true
}

// hits are the parts a block can match, and where its pure parts occur.
type hits struct {
	bits   []uint64
	starts map[int32][]int
}

// scan finds the parts whose literals occur in text, ignoring ASCII case.
func (x *literalIndex) scan(text string) hits {
	h := hits{bits: make([]uint64, (x.nparts+63)/64)}
	if x.empty {
		return h
	}
	lower := appendASCIILower(make([]byte, 0, len(text)), text)
	if x.direct && x.searched.Add(int64(len(x.patterns))*int64(len(text)+1)) <= directWork {
		// Every occurrence of every literal, overlapping, as the
		// automaton finds them (in another order: readers sort).
		for id, lit := range x.lits {
			for off := 0; ; {
				i := bytes.Index(lower[off:], lit)
				if i < 0 {
					break
				}
				x.hit(&h, id, off+i)
				off += i + 1
			}
		}
		return h
	}
	it := x.automaton().IterOverlappingByte(lower)
	for m := it.Next(); m != nil; m = it.Next() {
		x.hit(&h, m.Pattern(), m.Start())
	}
	return h
}

// hit records that literal id occurs at start.
func (x *literalIndex) hit(h *hits, id, start int) {
	for _, p := range x.parts[id] {
		h.bits[p/64] |= 1 << (p % 64)
		if x.positional[p] {
			if h.starts == nil {
				h.starts = map[int32][]int{}
			}
			h.starts[p] = append(h.starts[p], start)
		}
	}
}

// on reports whether a part can match a block with these hits.
func (x *literalIndex) on(h hits, part int) bool {
	return x.always[part] || h.bits[part/64]&(1<<(part%64)) != 0
}
