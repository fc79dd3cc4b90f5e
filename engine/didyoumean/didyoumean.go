// Package didyoumean finds the name a user most likely meant, for
// "did you mean" hints on unknown front-matter keys, waiver rules and
// references (as Terraform's internal/didyoumean does).
package didyoumean

import "strings"

// NameSuggestion returns the option closest to given, or "" when none is
// close enough to be a plausible typo: an edit distance of at most a third
// of the name's length (at least 1, at most 3). Case and the - _ . spellings
// of a separator count as no difference ("publish-at" is "publish_at").
func NameSuggestion(given string, options []string) string {
	best, bestDist := "", -1
	g := fold(given)
	limit := min(max(len([]rune(given))/3, 1), 3)
	for _, o := range options {
		d := distance(g, fold(o))
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = o, d
		}
	}
	return best
}

func fold(s string) string {
	return strings.NewReplacer("-", "_", ".", "_").Replace(strings.ToLower(s))
}

// distance is the optimal string alignment distance between a and b, in
// code points: Levenshtein's, with two adjacent letters swapped counting
// as one edit ("hpye" is one edit from "hype"), the commonest typo.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Rows i-2, i-1 and i of the table.
	before := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		before, prev, cur = prev, cur, before
	}
	return prev[len(rb)]
}
