// Package diffhunk reads the unified diff GitHub returns as the "patch" of
// each file of a pull request, to know which lines of the file's new
// version a review comment may be placed on.
//
// It exists because GitHub rejects a whole review when a single one of
// its inline comments is on a line outside the diff's hunks. Greenlight
// finds issues anywhere in a changed post, so it asks Lines.Contains
// before making a finding an inline comment, and lists the rest in the
// review's body instead.
package diffhunk
