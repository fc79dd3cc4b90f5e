package diffhunk

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Lines are the lines of a file's new version (the RIGHT side of the
// diff) that a review comment may be placed on: the added and context
// lines inside the patch's hunks. The zero value has no lines, as for a
// file whose patch GitHub leaves out (binary or too large).
type Lines struct {
	commentable []span // sorted, disjoint, not adjacent
	added       []span
}

// span is the lines first to last, inclusive.
type span struct{ first, last int }

// hunkHeader matches "@@ -old[,count] +new[,count] @@" and what follows
// it (git's section heading, ignored).
var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

// maxLine bounds line numbers and counts so sums cannot overflow.
const maxLine = 1 << 30

// Parse reads a file's patch as GitHub's "list pull request files" API
// returns it: hunks, each a "@@ -a,b +c,d @@" header followed by context
// (" "), removed ("-") and added ("+") lines, and "\ No newline at end of
// file" markers. Lines may end in "\r\n". An empty patch has no lines.
//
// Only the lines the patch shows are commentable: a hunk with fewer lines
// than its header counts is read as far as it goes. A malformed header, a
// line that is not a diff line, text before the first hunk, or more lines
// than the header counts is an error naming the offending line.
func Parse(patch string) (Lines, error) {
	var l Lines
	text := strings.Split(patch, "\n")
	if text[len(text)-1] == "" {
		text = text[:len(text)-1] // the patch's final newline
	}
	inHunk := false
	var oldLeft, newLeft, next int // lines the header still counts; next new-file line
	for i, line := range text {
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(line, "@@") {
			h, err := parseHeader(line)
			if err != nil {
				return Lines{}, fmt.Errorf("line %d: %w", i+1, err)
			}
			inHunk = true
			oldLeft, newLeft, next = h.oldCount, h.newCount, h.newStart
			continue
		}
		if !inHunk {
			return Lines{}, fmt.Errorf("line %d: %q before the first hunk header", i+1, line)
		}
		if strings.HasPrefix(line, `\`) { // \ No newline at end of file
			continue
		}
		if oldLeft == 0 && newLeft == 0 {
			if line == "" {
				continue // a blank line after the hunk's last line
			}
			return Lines{}, fmt.Errorf("line %d: %q is past the end of its hunk", i+1, line)
		}
		kind := byte(' ') // a blank line is a context line whose space was trimmed
		if line != "" {
			kind = line[0]
		}
		switch kind {
		case ' ':
			if oldLeft == 0 || newLeft == 0 {
				return Lines{}, fmt.Errorf("line %d: %q is more context than its hunk header counts", i+1, line)
			}
			l.commentable = extend(l.commentable, next)
			oldLeft--
			newLeft--
			next++
		case '+':
			if newLeft == 0 {
				return Lines{}, fmt.Errorf("line %d: %q is more added lines than its hunk header counts", i+1, line)
			}
			l.commentable = extend(l.commentable, next)
			l.added = extend(l.added, next)
			newLeft--
			next++
		case '-':
			if oldLeft == 0 {
				return Lines{}, fmt.Errorf("line %d: %q is more removed lines than its hunk header counts", i+1, line)
			}
			oldLeft--
		default:
			return Lines{}, fmt.Errorf("line %d: %q is not a diff line (want \" \", \"+\", \"-\" or \"\\\")", i+1, line)
		}
	}
	l.commentable = normalize(l.commentable)
	l.added = normalize(l.added)
	return l, nil
}

type header struct{ oldStart, oldCount, newStart, newCount int }

func parseHeader(line string) (header, error) {
	m := hunkHeader.FindStringSubmatch(line)
	if m == nil {
		return header{}, fmt.Errorf("malformed hunk header %q", line)
	}
	var n [4]int
	for i, s := range m[1:] {
		n[i] = 1 // an omitted count is 1
		if s == "" {
			continue
		}
		v, err := strconv.Atoi(s)
		if err != nil || v > maxLine {
			return header{}, fmt.Errorf("malformed hunk header %q: %s is out of range", line, s)
		}
		n[i] = v
	}
	h := header{oldStart: n[0], oldCount: n[1], newStart: n[2], newCount: n[3]}
	if h.oldStart == 0 && h.oldCount > 0 || h.newStart == 0 && h.newCount > 0 {
		return header{}, fmt.Errorf("malformed hunk header %q: lines start at 1", line)
	}
	return h, nil
}

// extend adds line to spans, growing the last span when line follows it.
func extend(spans []span, line int) []span {
	if n := len(spans); n > 0 && spans[n-1].last+1 == line {
		spans[n-1].last = line
		return spans
	}
	return append(spans, span{line, line})
}

// normalize sorts spans and merges those that overlap or touch, in case
// hunks came out of order.
func normalize(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return a.first - b.first })
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && s.first <= out[n-1].last+1 {
			out[n-1].last = max(out[n-1].last, s.last)
			continue
		}
		out = append(out, s)
	}
	return out
}

func contains(spans []span, line int) bool {
	_, found := slices.BinarySearchFunc(spans, line, func(s span, line int) int {
		switch {
		case s.last < line:
			return -1
		case s.first > line:
			return 1
		}
		return 0
	})
	return found
}

// Contains reports whether line (1-based, in the file's new version) is
// an added or context line inside a hunk, so a review comment on the
// RIGHT side may be placed on it.
func (l Lines) Contains(line int) bool { return contains(l.commentable, line) }

// Added reports whether line (1-based, in the file's new version) is an
// added ("+") line.
func (l Lines) Added(line int) bool { return contains(l.added, line) }

// Empty reports whether no line may be commented on, as for a binary
// file, a patch too large for GitHub to return, or a file whose hunks
// only remove lines.
func (l Lines) Empty() bool { return len(l.commentable) == 0 }

// String lists the commentable lines as ranges, e.g. "1-3,10-13".
func (l Lines) String() string {
	parts := make([]string, len(l.commentable))
	for i, s := range l.commentable {
		parts[i] = strconv.Itoa(s.first)
		if s.last != s.first {
			parts[i] += "-" + strconv.Itoa(s.last)
		}
	}
	return strings.Join(parts, ",")
}
