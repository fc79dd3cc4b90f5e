package style

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
)

// matcher is a compiled regular expression. Most patterns compile with Go's
// RE2 engine, which runs in linear time; patterns that need what RE2 lacks
// (lookarounds, backreferences, atomic groups, as Vale styles use) fall back
// to regexp2, a backtracking engine, only for those rules.
type matcher interface {
	// each calls fn with the byte offsets of every match and its groups:
	// loc[0], loc[1] is the whole match, loc[2k], loc[2k+1] group k (-1
	// when the group did not take part).
	// A backtracking matcher that cannot finish (a timeout, the post's
	// budget spent) records it in b and stops: the caller must not read
	// the matches it missed as no match. b may be nil outside a post.
	each(b *budget, s string, fn func(loc []int))
	match(b *budget, s string) bool
	String() string
}

// compilePattern compiles expr with RE2 when it can and regexp2 otherwise.
func compilePattern(expr string) (matcher, error) {
	if re, err := regexp.Compile(expr); err == nil {
		return re2{re}, nil
	}
	re, err := regexp2.Compile(expr, regexp2.RE2)
	if err != nil {
		return nil, cleanError(err)
	}
	re.MatchTimeout = matchTimeout
	return newBacktracking(re, expr), nil
}

// lazyPattern is a pattern compiled the first time it runs. A style
// package holds thousands of alternatives and swap keys, and the literal
// index keeps most of them from ever running in a given run (a pull
// request checks a post or two): compiling them all up front was most of
// the cost of building a Linter.
type lazyPattern struct {
	expr string
	once sync.Once
	m    matcher
}

// compileLazily is compilePattern deferred to the pattern's first use when
// expr is RE2 syntax (parsing it proves it compiles); any other pattern is
// compiled now, so that its errors are the Linter's.
func compileLazily(expr string) (matcher, error) {
	if _, err := syntax.Parse(expr, syntax.Perl); err != nil {
		return compilePattern(expr)
	}
	return &lazyPattern{expr: expr}, nil
}

func (l *lazyPattern) compiled() matcher {
	l.once.Do(func() {
		re, err := regexp.Compile(l.expr)
		if err != nil {
			panic(fmt.Sprintf("style: %q parsed as RE2 but does not compile: %v", l.expr, err))
		}
		l.m = re2{re}
	})
	return l.m
}

func (l *lazyPattern) each(b *budget, s string, fn func(loc []int)) { l.compiled().each(b, s, fn) }
func (l *lazyPattern) match(b *budget, s string) bool               { return l.compiled().match(b, s) }
func (l *lazyPattern) String() string                               { return l.expr }

// CheckPattern reports whether expr is a regular expression Greenlight can
// run, with a message fit for a diagnostic. It parses rather than compiles
// where it can: checking a rule must not cost as much as compiling it.
func CheckPattern(expr string) error {
	if _, err := syntax.Parse(expr, syntax.Perl); err == nil {
		return nil
	}
	_, err := compilePattern(expr)
	return err
}

func cleanError(err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "error parsing regexp: ")
	return fmt.Errorf("%s", msg)
}

type re2 struct{ *regexp.Regexp }

func (r re2) each(_ *budget, s string, fn func(loc []int)) {
	// RE2 runs in linear time: the Linter checks the budget between rules.
	for _, loc := range r.FindAllStringSubmatchIndex(s, -1) {
		fn(loc)
	}
}

func (r re2) match(_ *budget, s string) bool { return r.MatchString(s) }

// backtracking runs a regexp2 pattern. Its timeout is a field of the
// compiled pattern, shared by every goroutine, so each match takes a copy
// from a pool and sets the copy's timeout to what the post has left.
type backtracking struct {
	*regexp2.Regexp // never changed after compilePattern
	copies          *sync.Pool
}

func newBacktracking(re *regexp2.Regexp, expr string) backtracking {
	return backtracking{Regexp: re, copies: &sync.Pool{New: func() any {
		// expr compiled once already, in compilePattern.
		return regexp2.MustCompile(expr, regexp2.RE2)
	}}}
}

// with runs fn with a copy of the pattern limited to what b has left.
func (r backtracking) with(b *budget, fn func(re *regexp2.Regexp) error) error {
	limit, ok := b.limit()
	if !ok || b.expired() {
		return errBudgetSpent
	}
	re := r.copies.Get().(*regexp2.Regexp)
	defer r.copies.Put(re)
	re.MatchTimeout = limit
	return fn(re)
}

func (r backtracking) match(b *budget, s string) bool {
	var ok bool
	err := r.with(b, func(re *regexp2.Regexp) error {
		var err error
		ok, err = re.MatchString(s)
		return err
	})
	if err != nil {
		b.fail(s, fmt.Errorf("pattern %s: %w", r, err))
		return false
	}
	return ok
}

// each converts regexp2's rune offsets to byte offsets.
func (r backtracking) each(b *budget, s string, fn func(loc []int)) {
	err := r.with(b, func(re *regexp2.Regexp) error {
		m, err := re.FindStringMatch(s)
		var runeToByte []int
		for m != nil && err == nil {
			if runeToByte == nil {
				runeToByte = runeOffsets(s)
			}
			groups := m.Groups()
			loc := make([]int, 2*len(groups))
			for i, g := range groups {
				loc[2*i], loc[2*i+1] = -1, -1
				if len(g.Captures) > 0 {
					loc[2*i], loc[2*i+1] = runeToByte[g.Index], runeToByte[g.Index+g.Length]
				}
			}
			fn(loc)
			if b.expired() {
				return errBudgetSpent
			}
			m, err = re.FindNextMatch(m)
		}
		return err
	})
	if err != nil {
		b.fail(s, fmt.Errorf("pattern %s: %w", r, err))
	}
}

// runeOffsets maps rune index → byte offset, with one entry past the end.
func runeOffsets(s string) []int {
	out := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}
