// Package content reads posts: Markdown files with YAML front matter. A Post
// keeps its source bytes and knows, for every character of prose it hands to
// the linters, the exact line and column it came from, so that every finding
// points at the file as the author sees it (front matter, CRLF line endings,
// tabs, multi-byte characters and emoji included; columns are counted in
// Unicode code points, as Vale counts them).
//
// A post must be UTF-8 (a byte order mark at the start is skipped) without
// control characters other than tab, CR and LF; anything else is refused
// at its first offending byte, since text that cannot be decoded cannot be
// judged.
//
// Code spans, code blocks, bare URLs, link destinations, images and HTML are
// not prose and never reach the style rules. Code, alt text (body and front
// matter), HTML (comments aside) and link titles and reference definitions
// are published all the same, so they are blocks of their own (kinds Code,
// AltText, HTML, LinkTitle) in which compliance and embargo terms are
// matched. HTML comments of the form
// `<!-- greenlight off -->`, `<!-- greenlight on -->`,
// `<!-- greenlight disable=RULE[,RULE] -->` and `enable=RULE` control
// linting from that point of the file on.
package content
