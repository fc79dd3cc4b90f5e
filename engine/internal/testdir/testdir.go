// Package testdir locates the conformance data shared between the
// project's repositories, for tests only.
//
// The data lives beside the repository, in ../shared/testdata relative to
// the directory that holds go.mod. When it is absent, tests skip rather than
// fail, so the module still tests cleanly on its own; in CI (CI=true), where
// it is always laid beside the clone, they fail instead, so that a missing
// folder cannot pass as a green run that tested nothing.
package testdir

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Shared returns the path of parts under the shared testdata folder. It
// skips the test when that file or folder does not exist, or fails it when
// CI=true.
func Shared(tb testing.TB, parts ...string) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		absent(tb, "shared testdata not available: %v", err)
	}
	p := filepath.Join(append([]string{root, "..", "shared", "testdata"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		absent(tb, "shared testdata not available (%s is absent): the conformance data lives in ../shared beside the repository", p)
	}
	return p
}

// absent skips the test on a laptop and fails it in CI.
func absent(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf(format, args...)
	}
	tb.Skipf(format, args...)
}

// moduleRoot walks up from the working directory to the folder holding
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// EmojiSequence is one line of Unicode's emoji-test.txt.
type EmojiSequence struct {
	Line   int
	Text   string // the code points of the line, as a string
	Status string // "fully-qualified", "minimally-qualified", "unqualified" or "component"
	Name   string // the comment: the emoji, its version and its name
}

// EmojiTest reads unicode/emoji-test.txt from the shared testdata.
func EmojiTest(tb testing.TB) []EmojiSequence {
	tb.Helper()
	var out []EmojiSequence
	for i, line := range readLines(tb, "unicode", "emoji-test.txt") {
		n := i + 1
		if line == "" || line[0] == '#' {
			continue
		}
		codes, rest, ok := strings.Cut(line, ";")
		status, name, _ := strings.Cut(rest, "#")
		if !ok {
			tb.Fatalf("emoji-test.txt:%d: no ';'", n)
		}
		out = append(out, EmojiSequence{Line: n, Text: codePoints(tb, codes), Status: strings.TrimSpace(status), Name: strings.TrimSpace(name)})
	}
	return out
}

// Emoji is one line of unicode-17/emoji-17.0-sequences.txt: an emoji
// sequence of Unicode's emoji-test.txt 17.0, whatever its status.
type Emoji struct {
	Line int
	Text string
}

// EmojiSequences reads unicode-17/emoji-17.0-sequences.txt from the shared
// testdata: every sequence of emoji-test.txt 17.0 (fully-qualified,
// minimally-qualified and unqualified), one literal string a line.
func EmojiSequences(tb testing.TB) []Emoji {
	tb.Helper()
	var out []Emoji
	for i, line := range readLines(tb, "unicode-17", "emoji-17.0-sequences.txt") {
		if line != "" {
			out = append(out, Emoji{Line: i + 1, Text: line})
		}
	}
	return out
}

// TextDefault returns the code points that unicode/emoji-test.txt (15.0)
// lists as an emoji only with U+FE0F: the base of each fully-qualified
// "X FE0F" line, keycap bases aside (© ❤ ☺ …). No text-default character
// has been added since. The 17.0 sequence list cannot tell them itself: it
// also lists "X FE0F" for some emoji-presentation characters (⌚).
func TextDefault(tb testing.TB) map[rune]bool {
	tb.Helper()
	set := map[rune]bool{}
	for _, e := range EmojiTest(tb) {
		if r := []rune(e.Text); len(r) == 2 && r[1] == '\uFE0F' && e.Status == "fully-qualified" &&
			!strings.ContainsRune("#*0123456789", r[0]) {
			set[r[0]] = true
		}
	}
	return set
}

// StartsAsText reports whether seq starts with a text-default character
// that no U+FE0F or emoji modifier qualifies, as the unqualified "©" and
// the minimally-qualified "⛹\u200d♀\uFE0F" do: renderers show that
// character as text.
func StartsAsText(seq string, textDefault map[rune]bool) bool {
	r := []rune(seq)
	if len(r) == 0 || !textDefault[r[0]] {
		return false
	}
	return len(r) == 1 || (r[1] != '\uFE0F' && (r[1] < 0x1F3FB || r[1] > 0x1F3FF))
}

// GraphemeBreakCase is one line of Unicode's GraphemeBreakTest.txt.
type GraphemeBreakCase struct {
	Line     int
	Text     string
	Clusters int    // the number of grapheme clusters: breaks (÷) minus one
	Comment  string // the rules that apply
}

// GraphemeBreakTest reads unicode-17/GraphemeBreakTest-17.0.0.txt, the
// Unicode version the channel counters implement, from the shared testdata.
func GraphemeBreakTest(tb testing.TB) []GraphemeBreakCase {
	tb.Helper()
	var out []GraphemeBreakCase
	for i, line := range readLines(tb, "unicode-17", "GraphemeBreakTest-17.0.0.txt") {
		n := i + 1
		spec, comment, _ := strings.Cut(line, "#")
		if strings.TrimSpace(spec) == "" {
			continue
		}
		c := GraphemeBreakCase{Line: n, Comment: strings.TrimSpace(comment), Clusters: -1}
		var b strings.Builder
		for _, f := range strings.Fields(spec) {
			switch f {
			case "÷":
				c.Clusters++
			case "×":
			default:
				b.WriteString(codePoints(tb, f))
			}
		}
		c.Text = b.String()
		out = append(out, c)
	}
	return out
}

// readLines returns the lines of a shared testdata file; line n is at
// index n-1.
func readLines(tb testing.TB, parts ...string) []string {
	tb.Helper()
	data, err := os.ReadFile(Shared(tb, parts...))
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, "\r")
	}
	return lines
}

// codePoints turns space-separated hexadecimal code points into a string.
func codePoints(tb testing.TB, hex string) string {
	tb.Helper()
	var b strings.Builder
	for _, h := range strings.Fields(hex) {
		v, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			tb.Fatalf("bad code point %q: %v", h, err)
		}
		b.WriteRune(rune(v))
	}
	return b.String()
}
