package ghapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v60/github"
)

// installationToken returns a source of installation tokens for app. The
// JWT signing, the token exchange and renewal are ghinstallation's (the
// release that pairs with go-github v60; go.mod requires golang-jwt v4.5.2,
// which fixes CVE-2025-30204 in the v4.5.0 it asks for). Only its token is
// used: tokenTransport decides where the token may go.
//
// The App's own calls, the installation lookup and the token exchange,
// are sent with policy, the client layer's retry transport over a guard
// that keeps the JWT on the API's origin. ghinstallation v2.10.0 sends the
// exchange with the RoundTripper it is given (its Client field is not
// used for it), and signs every hop of the lookup's redirects afresh, so
// the guard has to sit under it.
func installationToken(app *App, base *url.URL, policy http.RoundTripper) (func(context.Context) (string, error), error) {
	root := strings.TrimSuffix(base.String(), "/")
	if app.InstallationID == 0 {
		atr, err := ghinstallation.NewAppsTransport(policy, app.ID, app.PrivateKey)
		if err != nil {
			return nil, fmt.Errorf("GitHub App %d: the private key cannot be used: %w", app.ID, err)
		}
		atr.BaseURL = root
		c := github.NewClient(&http.Client{Transport: atr})
		c.BaseURL = base
		inst, _, err := c.Apps.FindRepositoryInstallation(context.Background(), app.Owner, app.Repo)
		if err != nil {
			return nil, fmt.Errorf("GitHub App %d is not installed on %s/%s, or cannot be reached: %s", app.ID, app.Owner, app.Repo, Explain(err))
		}
		app.InstallationID, app.Slug = inst.GetID(), inst.GetAppSlug()
	}
	itr, err := ghinstallation.New(policy, app.ID, app.InstallationID, app.PrivateKey)
	if err != nil {
		return nil, fmt.Errorf("GitHub App %d: the private key cannot be used: %w", app.ID, err)
	}
	itr.BaseURL = root
	id, inst := app.ID, app.InstallationID
	return func(ctx context.Context) (string, error) {
		token, err := itr.Token(ctx)
		if err != nil {
			return "", fmt.Errorf("GitHub App %d: no installation token for installation %d: %w", id, inst, exchangeError(err))
		}
		return token, nil
	}, nil
}

// exchangeError turns ghinstallation's error for an answer that is not
// 2xx into go-github's (*github.ErrorResponse, or a rate-limit error), so
// that Classify and Explain read it like any other call's, with GitHub's
// message redacted should it echo the JWT. Other errors (a network error,
// an *AttemptTimeout) are returned as they are.
func exchangeError(err error) error {
	var he *ghinstallation.HTTPError
	if !errors.As(err, &he) || he.RootCause != nil || he.Response == nil {
		return err
	}
	defer he.Response.Body.Close()
	ge := github.CheckResponse(he.Response)
	var er *github.ErrorResponse
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	switch {
	case errors.As(ge, &er):
		er.Message = Redacted(er.Message)
	case errors.As(ge, &rl):
		rl.Message = Redacted(rl.Message)
	case errors.As(ge, &ab):
		ab.Message = Redacted(ab.Message)
	case ge == nil:
		return err
	}
	return ge
}

// IsInstallationToken reports whether token is a GitHub App installation
// token, by the prefix GitHub gives those, ghs_; the workflow's
// GITHUB_TOKEN is one. Such a token writes as the app's bot
// (github-actions[bot], or <app-slug>[bot]) and cannot read GET /user.
// Other tokens (ghp_, github_pat_, gho_, ghu_, or an older token without a
// prefix) may be a person's, or an installation's all the same.
func IsInstallationToken(token string) bool { return strings.HasPrefix(token, "ghs_") }
