package rulebooks

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/config"
)

// redacted stands for a token in an error's text.
const redacted = "[redacted]"

// secrets are the forms a server could echo the tokens sent for s in: the
// token token_env names, its password part ("USER:TOKEN"), the basic
// credentials a registry is sent (base64 of user and password), and the
// git token with the basic credentials git sends it as. Longest first, so
// a form inside another is not replaced alone.
func (f Fetcher) secrets(s *config.Source) []string {
	var out []string
	add := func(v ...string) {
		for _, x := range v {
			if x != "" && !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	if t := f.token(s); t != "" {
		user, pass, ok := strings.Cut(t, ":")
		if !ok {
			user, pass = "greenlight", t
		}
		add(t, pass, basic(user, pass))
	}
	if t := f.Transport.Token; t != "" {
		add(t, basic("x-access-token", t))
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

func basic(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}

// scrubbedError is an error whose text has the tokens taken out. It
// matches what the original matches (errors.Is: ErrMoved, ErrRef,
// ErrSignature), but does not unwrap to it, whose text quotes the server.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string        { return e.msg }
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.err, target) }

// scrub takes the secrets out of err's text: a registry's or a token
// service's JSON errors, which oras quotes, may echo the Authorization
// header they were sent.
func scrub(err error, secrets []string) error {
	if err == nil || len(secrets) == 0 {
		return err
	}
	msg := err.Error()
	for _, s := range secrets {
		msg = strings.ReplaceAll(msg, s, redacted)
	}
	return &scrubbedError{msg: msg, err: err}
}
