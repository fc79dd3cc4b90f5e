package style

import (
	"slices"

	"github.com/greenlighthq/greenlight/engine/content"
)

// Scopes lists every scope a rule may name.
func Scopes() []Scope {
	return []Scope{ScopeText, ScopeParagraph, ScopeSentence, ScopeHeading, ScopeTitle, ScopeHashtags, ScopeLinkText, ScopeList}
}

// ValidScope reports whether s is a scope Greenlight knows.
func ValidScope(s Scope) bool { return slices.Contains(Scopes(), s) }

// reads reports whether a scope reads blocks of kind k.
func (s Scope) reads(k content.BlockKind) bool {
	switch s {
	case ScopeText, ScopeSentence:
		// The title is prose the reader sees first; Vale lints a Markdown
		// front-matter title under text too.
		return k == content.Paragraph || k == content.Heading || k == content.ListItem || k == content.TableCell || k == content.Title
	case ScopeParagraph:
		return k == content.Paragraph || k == content.ListItem || k == content.TableCell
	case ScopeHeading:
		return k == content.Heading
	case ScopeTitle:
		return k == content.Title
	case ScopeHashtags:
		return k == content.Hashtag
	case ScopeLinkText:
		return k == content.LinkText
	case ScopeList:
		return k == content.ListItem
	case ScopePublished:
		return ScopeText.reads(k) || k == content.Code || k == content.AltText || k == content.HTML || k == content.LinkTitle
	}
	return false
}
