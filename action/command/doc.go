// Package command reads the slash commands people write in a pull
// request's comments (/approve, /schedule).
//
// A command counts only where GitHub shows it as a command of its own: a
// line of a top-level paragraph that holds nothing else. A command inside
// a code span or block, an HTML comment or block, a quote (a reply quoting
// someone's command), a list or a table is not one: the comment's author
// controls every byte of it, and an /approve hidden in a comment that
// renders as nothing must never sign off a post.
package command
