package channel

// ReservedLinkedIn returns the byte offsets of the unescaped reserved
// characters in text (| { } @ [ ] ( ) < > # \ * _ ~), in order, so a
// finding can warn before publishing. A reserved character preceded by a
// backslash is already escaped and is not reported; a backslash that
// escapes nothing is reported itself.
func ReservedLinkedIn(text string) []int {
	var offsets []int
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !isLinkedInReserved(c) {
			continue
		}
		if c == '\\' && i+1 < len(text) && isLinkedInReserved(text[i+1]) {
			i++ // an escape sequence
			continue
		}
		offsets = append(offsets, i)
	}
	return offsets
}

// isLinkedInReserved reports whether c is reserved by LinkedIn's "little"
// text format in post commentary. Unless backslash-escaped, the Posts API
// accepts the post and silently truncates it at the first one.
func isLinkedInReserved(c byte) bool {
	switch c {
	case '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~':
		return true
	}
	return false
}
