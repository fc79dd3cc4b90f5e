package style

import (
	"regexp/syntax"
	"unicode/utf8"
)

// pureLiteral describes a pattern that is one literal string, perhaps with
// word boundaries and case folding: `(?i)\bsynergy\b`. Such a pattern needs
// no regular-expression engine at all: the literal index's own matches,
// checked for boundaries and case, are its matches.
type pureLiteral struct {
	text                string // as written in the pattern
	fold                bool   // (?i): ASCII case does not matter
	leftWord, rightWord bool   // \b at the start, at the end
}

// pure returns the pattern's pureLiteral, or nil. Only ASCII literals
// qualify, because the literal index folds only ASCII case.
func pure(expr string) *pureLiteral {
	subs, ok := concatOf(expr)
	if !ok {
		return nil
	}
	return pureOf(subs)
}

// pureOf is pure of a pattern parsed, as concatOf splits it.
func pureOf(subs []*syntax.Regexp) *pureLiteral {
	p := &pureLiteral{}
	if len(subs) > 0 && subs[0].Op == syntax.OpWordBoundary {
		p.leftWord, subs = true, subs[1:]
	}
	if len(subs) > 0 && subs[len(subs)-1].Op == syntax.OpWordBoundary {
		p.rightWord, subs = true, subs[:len(subs)-1]
	}
	if len(subs) != 1 || subs[0].Op != syntax.OpLiteral {
		return nil
	}
	lit := subs[0]
	p.text, p.fold = string(lit.Rune), lit.Flags&syntax.FoldCase != 0
	for _, r := range p.text {
		if r >= utf8.RuneSelf {
			return nil
		}
	}
	return p
}

// matchAt reports whether the literal, found (ASCII case aside) at
// text[s:], is a match of the pattern there.
func (p *pureLiteral) matchAt(text string, s int) bool {
	e := s + len(p.text)
	if e > len(text) || (!p.fold && text[s:e] != p.text) {
		return false
	}
	if p.leftWord && isWordByte(at(text, s-1)) == isWordByte(at(text, s)) {
		return false
	}
	if p.rightWord && isWordByte(at(text, e-1)) == isWordByte(at(text, e)) {
		return false
	}
	return true
}

func at(s string, i int) int {
	if i < 0 || i >= len(s) {
		return -1
	}
	return int(s[i])
}

// isWordByte is RE2's \w: ASCII letters, digits and underscore.
func isWordByte(c int) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
