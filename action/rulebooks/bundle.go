package rulebooks

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle"
)

// syncBundle downloads a bundle source's archive, reads it, and locks its
// digest and revision. An archive other than the one prev pins is an
// error wrapping ErrMoved unless update: a release's file should never be
// replaced under its URL.
func (f Fetcher) syncBundle(ctx context.Context, s *config.Source, prev *rulebook.Locked, cache string, update bool) (Synced, error) {
	var out Synced
	archive, err := f.download(ctx, s)
	if err != nil {
		return out, err
	}
	sum := bundle.Digest(archive)
	rb, err := f.readBundle(s, archive)
	if err != nil {
		return out, err
	}
	if prev != nil && prev.Bundle == s.Bundle && prev.Archive != sum {
		out.Moved = fmt.Sprintf("bundle changed from %s to %s", prev.Version(), (&rulebook.Locked{Bundle: s.Bundle, Revision: rb.Revision, Archive: sum}).Version())
		if !update {
			return out, moved("source %s: the %s on %s since greenlight.lock pinned it. A released bundle should never be replaced under its URL: ask the rulebook's owners why. "+
				"The lock still pins %s; to accept the new bundle, run `greenlight sync --update` and review what it prints", s.Name, out.Moved, s.Bundle, prev.Archive)
		}
	}
	if out.Locked, err = lockEntry(s); err != nil {
		return out, err
	}
	out.Locked.Bundle, out.Locked.Revision, out.Locked.Archive = s.Bundle, rb.Revision, sum
	if prev != nil && prev.Archive == sum && prev.Matches(s) && cached(*prev, cache) {
		out.Locked = *prev
		return out, nil
	}
	out.Locked.Digest, err = installBundle(cache, s, out.Locked.Key(), rb)
	return out, err
}

// fetchLockedBundle downloads a bundle source and installs it in the cache
// if its archive is the one l pins, returning the files' digest.
func (f Fetcher) fetchLockedBundle(ctx context.Context, s *config.Source, l rulebook.Locked, cache string) (string, error) {
	archive, err := f.download(ctx, s)
	if err != nil {
		return "", err
	}
	if sum := bundle.Digest(archive); sum != l.Archive {
		return "", fmt.Errorf("source %q: the bundle at %s is not the one %s pins (its archive is %s, the lock pins %s): it was replaced or changed on the server; "+
			"if the rulebook's owners released it on purpose, run `greenlight sync --update` and commit %s", s.Name, s.Bundle, rulebook.LockName, sum, l.Archive, rulebook.LockName)
	}
	rb, err := f.readBundle(s, archive)
	if err != nil {
		return "", err
	}
	return installBundle(cache, s, l.Key(), rb)
}

// readBundle reads a bundle source's archive, verifying its signature with
// the public key the source names, if it names one.
func (f Fetcher) readBundle(s *config.Source, archive []byte) (*bundle.Rulebook, error) {
	var key []byte
	if s.KeyFile() != "" {
		var err error
		if key, err = os.ReadFile(s.KeyFile()); err != nil {
			return nil, fmt.Errorf("source %q: public_key: %w", s.Name, err)
		}
	}
	rb, err := bundle.Read(archive, key)
	if err != nil {
		return nil, fmt.Errorf("source %q: %s: %w", s.Name, s.Location(), err)
	}
	return rb, nil
}

func installBundle(cache string, s *config.Source, key string, rb *bundle.Rulebook) (string, error) {
	digest, err := install(cache, s.Name, key, func(_, files string) error { return rb.Extract(files, s.Paths()) })
	if err != nil {
		return "", fmt.Errorf("source %q: %s: %w", s.Name, s.Location(), err)
	}
	return digest, nil
}

// download GETs a bundle source's archive: https only (plain http to this
// machine when the transport allows it), at most bundle.MaxSize bytes,
// with the token from the variable token_env names as a bearer token. The
// token is dropped on a redirect to another origin (client), and a
// redirect to plain http is refused.
func (f Fetcher) download(ctx context.Context, s *config.Source) ([]byte, error) {
	fail := func(err error) ([]byte, error) {
		return nil, fmt.Errorf("source %q: download %s: %w", s.Name, s.Bundle, err)
	}
	u, err := url.Parse(s.Bundle)
	if err != nil {
		return fail(err)
	}
	if err := f.Transport.CheckURL(u); err != nil {
		return fail(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fail(err)
	}
	token := f.token(s)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := f.client().Do(req)
	if err != nil {
		return fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		hint := ""
		switch {
		case resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound:
		case s.TokenEnv == "":
			hint = "; a private bundle needs a token: set token_env in the source block (see the README's Tokens for private rulebooks)"
		case token == "":
			hint = fmt.Sprintf("; %s, which token_env names, is not set", s.TokenEnv)
		default:
			hint = fmt.Sprintf("; check that the token in %s can read it", s.TokenEnv)
		}
		return fail(fmt.Errorf("the server answered %s%s", resp.Status, hint))
	}
	archive, err := io.ReadAll(io.LimitReader(resp.Body, bundle.MaxSize+1))
	if err != nil {
		return fail(err)
	}
	if len(archive) > bundle.MaxSize {
		return fail(fmt.Errorf("it is over Greenlight's limit of %d bytes", bundle.MaxSize))
	}
	return archive, nil
}

// token is the value of the variable the source's token_env names.
func (f Fetcher) token(s *config.Source) string {
	if s.TokenEnv == "" || f.Getenv == nil {
		return ""
	}
	return f.Getenv(s.TokenEnv)
}

// client is the fetcher's HTTP client, following at most 5 redirects and
// never to plain http. A redirect to another origin (scheme, host and
// port) goes without the Authorization header: Go's client drops it only
// for another host name, and keeps it for another port of the host or a
// subdomain, another server that never was given the token.
func (f Fetcher) client() *http.Client {
	c := http.Client{Timeout: 5 * time.Minute}
	if f.HTTP != nil {
		c = *f.HTTP
	}
	c.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("more than 5 redirects")
		}
		if origin(r.URL) != origin(via[0].URL) {
			r.Header.Del("Authorization")
		}
		return f.Transport.CheckURL(r.URL)
	}
	return &c
}

// origin is a URL's scheme, host and port, the port spelt out.
func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[bool]string{true: "443", false: "80"}[strings.EqualFold(u.Scheme, "https")]
	}
	return strings.ToLower(u.Scheme) + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// CAEnv names the variable holding a PEM file of certificate authorities
// that bundle servers are trusted by, besides the system's: a server
// behind an organisation's own authority (and the tests' servers).
const CAEnv = "GREENLIGHT_SOURCES_CA"

// HTTPClient is the client bundles are fetched with: the system's roots,
// and those in caFile when it is not "".
func HTTPClient(caFile string) (*http.Client, error) {
	c := &http.Client{Timeout: 5 * time.Minute}
	if caFile == "" {
		return c, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", CAEnv, err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s: %s holds no PEM certificate", CAEnv, caFile)
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	c.Transport = t
	return c, nil
}
