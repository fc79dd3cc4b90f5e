package twittertext

import "unicode/utf8"

// UTF16Offset converts a byte offset into text to an index in UTF-16 code
// units, the indices JavaScript's twitter-text reports.
func UTF16Offset(text string, byteOffset int) int {
	return utf16Len(text[:byteOffset])
}

// CodePointOffset converts a byte offset into text to an index in Unicode
// code points, the indices the Java and Ruby twitter-text report.
func CodePointOffset(text string, byteOffset int) int {
	return utf8.RuneCountInString(text[:byteOffset])
}
