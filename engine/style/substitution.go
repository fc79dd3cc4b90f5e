package style

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/engine/finding"
)

// substitution reports a term that has a preferred replacement and offers
// the replacement as a fix.
type substitution struct {
	spec Spec
	// keys holds one alternative per swap key, longest key first.
	keys   *altSet
	except matcher
	// observed[i] and repl[i] belong to key i.
	observed []string
	repl     []string
	// accept[i] matches text that already is an acceptable form of repl[i].
	accept []matcher
}

func newSubstitution(s Spec) (Rule, error) {
	if len(s.Swap) == 0 {
		return nil, errors.New("a substitution rule needs swap")
	}
	keys := make([]string, 0, len(s.Swap))
	for k := range s.Swap {
		keys = append(keys, k)
	}
	// Longest first, as Vale does, so "e-mail address" wins over "e-mail";
	// ties sorted so the order is the same on every run.
	slices.SortFunc(keys, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	r := &substitution{spec: s}
	exprs := make([]string, len(keys))
	for i, k := range keys {
		exprs[i] = wordPattern(&s, []string{nonCapturing(k)}, !s.Nonword)
		r.observed = append(r.observed, k)
		r.repl = append(r.repl, s.Swap[k])
		var acc matcher
		if !isPhrase(s.Swap[k]) { // a literal replacement is compared as text
			// Compiled when its key first matches; one that does not
			// compile compares as text too.
			acc, _ = compileLazily(`^(?:` + s.Swap[k] + `)$`)
		}
		r.accept = append(r.accept, acc)
	}
	var err error
	if r.keys, err = newAltSet(exprs); err != nil {
		return nil, err
	}
	if r.except, err = compileExceptions(&s); err != nil {
		return nil, err
	}
	return r, nil
}

// capture matches an opening parenthesis that starts a capturing group.
var capture = regexp.MustCompile(`(^|[^\\])\((?:[^?]|$)`)

// nonCapturing turns the capturing groups of a swap key into non-capturing
// ones, because the rule's own groups say which key matched.
func nonCapturing(expr string) string {
	for capture.MatchString(expr) {
		expr = capture.ReplaceAllStringFunc(expr, func(m string) string {
			i := strings.IndexByte(m, '(')
			return m[:i] + "(?:" + m[i+1:]
		})
	}
	return expr
}

// isPhrase reports whether s is plain words rather than a pattern.
func isPhrase(s string) bool {
	return !strings.ContainsAny(s, `\[](){}*+?|^$.`)
}

func (r *substitution) Spec() *Spec { return &r.spec }

func (r *substitution) parts() []part { return r.keys.parts }

func (r *substitution) run(c *checker, units []unit) {
	for _, u := range units {
		text := u.text()
		r.keys.each(c, u, func(k int, loc []int) {
			observed := text[loc[0]:loc[1]]
			if r.acceptable(c, k, observed) || excepted(c, r.except, observed) {
				return
			}
			options := options(r.repl[k])
			for i, o := range options {
				options[i] = r.recase(o, observed)
			}
			fix := &finding.Fix{Replacement: options[0]}
			c.report(u, loc[0], loc[1], formatMessage(r.spec.Message, strings.Join(options, "' or '"), observed), fix)
		})
	}
}

// acceptable reports whether observed already is the replacement, so
// "GitHub" is not flagged by an ignorecase rule that swaps "github".
func (r *substitution) acceptable(c *checker, i int, observed string) bool {
	if r.accept[i] != nil {
		return r.accept[i].match(c.budget, observed)
	}
	return slices.Contains(options(r.repl[i]), observed)
}

// options splits "a|b" replacements, as Vale allows.
func options(repl string) []string {
	var out []string
	for _, o := range strings.Split(strings.ReplaceAll(repl, `\|`, "\x00"), "|") {
		if o != "" {
			out = append(out, strings.ReplaceAll(o, "\x00", "|"))
		}
	}
	if len(out) == 0 {
		out = []string{repl}
	}
	return out
}

// recase adapts a replacement to the case of the text it replaces.
func (r *substitution) recase(repl, observed string) string {
	first, _ := utf8.DecodeRuneInString(observed)
	switch {
	case r.spec.MatchCase && repl == strings.ToLower(repl) && isUpper(observed) && utf8.RuneCountInString(observed) > 1:
		return strings.ToUpper(repl)
	case (r.spec.MatchCase && repl == strings.ToLower(repl) || r.spec.Capitalize) && unicode.IsUpper(first):
		return capFirst(repl)
	}
	return repl
}

func isUpper(s string) bool {
	hasLetter := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		hasLetter = hasLetter || unicode.IsLetter(r)
	}
	return hasLetter
}

func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
