package notify

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/action/redact"
)

// sendError is a failed notification. Its text has every part of the
// webhook URL scrubbed out; it unwraps to the cause (a network error
// without its *url.Error, or a context error), never to anything that
// quotes the URL.
type sendError struct {
	msg string
	err error
}

func (e *sendError) Error() string { return e.msg }
func (e *sendError) Unwrap() error { return e.err }

// failf is a sendError whose text is scrubbed of secrets.
func failf(secrets []string, cause error, format string, args ...any) error {
	return &sendError{msg: redact.String(fmt.Sprintf(format, args...), secrets), err: cause}
}

// secretParts are the strings of a webhook URL that must not be shown,
// longest first: the URL as given and as Go writes it, its path and query
// (raw and decoded) and, for echoes of just the token, every path segment
// and query value long enough to be one.
func secretParts(raw string) []string {
	parts := []string{raw}
	if u, err := url.Parse(raw); err == nil {
		parts = append(parts, u.String(), u.Host+u.EscapedPath(), u.EscapedPath(), u.Path, u.RawQuery)
		if q, err := url.QueryUnescape(u.RawQuery); err == nil {
			parts = append(parts, q)
		}
		if p, ok := u.User.Password(); ok {
			parts = append(parts, p)
		}
		for _, seg := range strings.Split(u.EscapedPath(), "/") {
			if len(seg) >= 16 {
				parts = append(parts, seg)
				if d, err := url.PathUnescape(seg); err == nil {
					parts = append(parts, d)
				}
			}
		}
		for _, vs := range u.Query() {
			for _, v := range vs {
				if len(v) >= 16 {
					parts = append(parts, v, url.QueryEscape(v))
				}
			}
		}
	}
	return redact.Secrets(slices.DeleteFunc(parts, func(p string) bool { return len(p) < 8 })...)
}

// excerpt is at most excerptBytes of an answer's body, on one line, with
// the secrets scrubbed, including a secret's beginning where the cut
// fell inside it.
func excerpt(body []byte, secrets []string) string {
	s := redact.String(clean(string(body), readBytes), secrets)
	if len(s) <= excerptBytes {
		return s
	}
	const ellipsis = "…"
	cut := 0
	for i := range s { // i is where each rune starts
		if i > excerptBytes-len(ellipsis) {
			break
		}
		cut = i
	}
	s = s[:cut]
	for _, sec := range secrets {
		for k := len(sec) - 1; k >= 4; k-- {
			if strings.HasSuffix(s, sec[:k]) {
				s = s[:len(s)-k]
				break
			}
		}
	}
	return s + ellipsis
}
