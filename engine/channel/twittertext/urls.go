package twittertext

import (
	"strings"
	"unicode/utf8"
)

const (
	defaultProtocol  = "https://"
	maxURLLength     = 4096 // UTF-16 code units, protocol included
	maxTCOSlugLength = 40
	maxLabelLength   = 63 // DNS label, after punycode encoding
)

// ExtractURLs returns the URLs in text, with or without a protocol, as
// twitter-text's extractUrlsWithIndices does by default. Offsets are bytes
// into text.
func ExtractURLs(text string) []Entity {
	return extractURLs(text, true)
}

// ExtractURLsWithProtocol returns only the URLs that start with http:// or
// https:// (twitter-text's extractUrlsWithoutProtocol: false).
func ExtractURLsWithProtocol(text string) []Entity {
	return extractURLs(text, false)
}

// extractURLs ports extractUrlsWithIndices.
func extractURLs(text string, withoutProtocol bool) []Entity {
	if text == "" {
		return nil
	}
	if withoutProtocol {
		// Upstream only requires a '.'. A URL needs a '.' followed by the
		// first letter of a top-level domain or "xn--", so a '.' followed by
		// a digit, a space or punctuation alone cannot start one.
		if !hasDotLetter(text) {
			return nil
		}
	} else if !strings.Contains(text, ":") || !hasDotLetter(text) {
		return nil
	}
	var urls []Entity
	// A match cannot contain a space (spacesGroup): the domain, path and
	// query classes all exclude them. So the scan only needs to look at the
	// runs of non-space text around a '.' followed by a letter, each with the
	// space before it, which the preceding-character group may consume. The
	// window's end stands for the space after it, which passes the
	// top-level-domain lookahead as the end of text does.
	pos := 0 // JavaScript's lastIndex
	for from := 0; ; {
		dot := nextDotLetter(text, from)
		if dot < 0 {
			break
		}
		runStart, runEnd := spaceRun(text, dot)
		from = runEnd
		winStart := runStart
		if runStart > 0 {
			_, size := utf8.DecodeLastRuneInString(text[:runStart])
			winStart = runStart - size
		}
		for pos = max(winStart, pos); pos < runEnd; {
			m, ok := findURL(text, pos, runEnd)
			if !ok {
				break
			}
			pos = m.end // the lookahead character is not consumed
			urls = appendURL(urls, text, m, withoutProtocol)
		}
	}
	return urls
}

// appendURL applies extractUrlsWithIndices' checks to one match and
// appends the URLs it yields.
func appendURL(urls []Entity, text string, m urlMatch, withoutProtocol bool) []Entity {
	start, end := m.start, m.end
	url := text[start:end]
	domain := text[m.protoEnd:m.domainEnd]
	hasProto := m.protoEnd > m.start
	protocol := defaultProtocol
	if hasProto {
		protocol = text[m.start:m.protoEnd]
	}
	if !isValidURLLength(url, protocol, domain) {
		return urls
	}
	if !hasProto {
		before := text[m.beforeStart:m.start]
		if !withoutProtocol || invalidURLWithoutProtocolPrecedingChar(before) {
			return urls
		}
		// Extract the ASCII-only domains; all are URLs, the last one
		// carries the path and query.
		last := -1
		for dpos := 0; dpos < len(domain); {
			s, e, ok := findASCIIDomain(domain, dpos)
			if !ok {
				break
			}
			urls = append(urls, Entity{Text: domain[s:e], Start: m.protoEnd + s, End: m.protoEnd + e})
			last = len(urls) - 1
			dpos = e
		}
		if last >= 0 && m.hasPath {
			urls[last].End = end
			urls[last].Text = text[urls[last].Start:end]
		}
		return urls
	}
	// In the case of t.co URLs, don't allow additional path characters.
	if tm := compiledTCOPattern().FindStringSubmatchIndex(url); tm != nil {
		if tm[3]-tm[2] > maxTCOSlugLength {
			return urls
		}
		url = url[:tm[1]]
		end = start + tm[1]
	}
	return append(urls, Entity{Text: url, Start: start, End: end})
}

// hasDotLetter reports whether text has a '.' followed by an ASCII letter or
// a non-ASCII character: where a top-level domain or "xn--" can start.
func hasDotLetter(text string) bool {
	return nextDotLetter(text, 0) >= 0
}

// nextDotLetter returns the offset of the first such '.' at or after from,
// or -1.
func nextDotLetter(text string, from int) int {
	for from < len(text) {
		j := strings.IndexByte(text[from:], '.')
		if j < 0 {
			return -1
		}
		i := from + j
		if i+1 < len(text) {
			if c := text[i+1]; c >= utf8.RuneSelf || (c|0x20 >= 'a' && c|0x20 <= 'z') {
				return i
			}
		}
		from = i + 1
	}
	return -1
}

// spaceRun returns the bounds of the run of non-space characters (see
// spacesGroup) around offset i.
func spaceRun(text string, i int) (start, end int) {
	start = i
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if isSpace(r) {
			break
		}
		start -= size
	}
	end = i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if isSpace(r) {
			break
		}
		end += size
	}
	return start, end
}

// isSpace reports whether r is in twitter-text's spacesGroup.
func isSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r == 0x20:
		return true
	case r < 0x85:
		return false
	case r == 0x85, r == 0xA0, r == 0x1680, r == 0x180E, r >= 0x2000 && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// invalidURLWithoutProtocolPrecedingChar ports
// invalidUrlWithoutProtocolPrecedingChars: /[-_.\/]$/.
func invalidURLWithoutProtocolPrecedingChar(before string) bool {
	if before == "" {
		return false
	}
	switch before[len(before)-1] {
	case '-', '_', '.', '/':
		return true
	}
	return false
}

// isValidURLLength ports extractUrlsWithIndices' isValidUrl, with idna.toAscii.
func isValidURLLength(url, protocol, domain string) bool {
	if !idnaToASCIIValid(domain) {
		return false
	}
	// idna.toAscii returns the labels unchanged, so the "encoded" domain
	// has the same length as the domain and the check reduces to this.
	return utf16Len(protocol)+utf16Len(url) <= maxURLLength
}

// idnaToASCIIValid ports lib/idna.js toAscii: false where it returns
// undefined.
func idnaToASCIIValid(domain string) bool {
	if strings.HasPrefix(domain, "xn--") {
		if _, _, ok := findASCIIDomain(domain, 0); !ok {
			// Punycode encoded url cannot contain non ASCII characters
			return false
		}
	}
	for label := range strings.SplitSeq(domain, ".") {
		n, ok := punycodeToASCIILen(label)
		if !ok || n < 1 || n > maxLabelLength {
			return false
		}
	}
	return true
}

// utf16Len is the length of s in UTF-16 code units, JavaScript's length.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r <= utf8.MaxRune {
			n += 2
		} else {
			n++
		}
	}
	return n
}
