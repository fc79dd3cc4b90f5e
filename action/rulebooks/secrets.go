package rulebooks

import (
	"errors"
	"strings"

	"github.com/greenlighthq/greenlight/action/redact"
	"github.com/greenlighthq/greenlight/engine/config"
)

// secrets are the forms a server could echo the tokens sent for s in: the
// token token_env names, its password part ("USER:TOKEN"), the basic
// credentials a registry is sent (base64 of user and password), and the
// git token with the basic credentials git sends it as. Longest first, so
// a form inside another is not replaced alone.
func (f Fetcher) secrets(s *config.Source) []string {
	var forms []string
	if t := f.token(s); t != "" {
		user, pass, ok := strings.Cut(t, ":")
		if !ok {
			user, pass = "greenlight", t
		}
		forms = append(forms, t, pass, redact.Basic(user, pass))
	}
	if t := f.Transport.Token; t != "" {
		forms = append(forms, t, redact.Basic("x-access-token", t))
	}
	return redact.Secrets(forms...)
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
	return &scrubbedError{msg: redact.String(err.Error(), secrets), err: err}
}
