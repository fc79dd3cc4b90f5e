package tone

import "github.com/greenlighthq/greenlight/engine/internal/emoji"

// countEmoji counts the emoji sequences in text the way renderers group
// them (a flag, a keycap, a skin tone or a ZWJ family is one emoji), with
// the table the channel counters use. A character whose default
// presentation is text (© ® ™ ❤) counts only when U+FE0F or a modifier
// asks for an emoji, so legal copy such as "Acme™" is not emoji.
func countEmoji(text string) int {
	n, _ := emoji.Count(text)
	return n
}

// Characters that shape emoji but carry no sentiment of their own.
const (
	textStyle  = '\uFE0E' // VS15: show the preceding character as text
	emojiStyle = '\uFE0F' // VS16: show the preceding character as emoji
	zwj        = '\u200D'
)
