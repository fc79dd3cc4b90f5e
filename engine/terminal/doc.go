// Package terminal makes text that comes from posts and configs safe to
// print to a terminal: a post is written by anyone who can open a pull
// request, and a control sequence echoed raw can recolour, retitle or
// rewrite what the reader sees (ESC), and a bidi override can make the
// printed text read differently from the bytes it reports on.
package terminal
