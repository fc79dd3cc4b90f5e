package ghapi

import (
	"context"
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
func installationToken(app *App, base *url.URL, next http.RoundTripper) (func(context.Context) (string, error), error) {
	root := strings.TrimSuffix(base.String(), "/")
	if app.InstallationID == 0 {
		atr, err := ghinstallation.NewAppsTransport(next, app.ID, app.PrivateKey)
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
		app.InstallationID = inst.GetID()
	}
	itr, err := ghinstallation.New(next, app.ID, app.InstallationID, app.PrivateKey)
	if err != nil {
		return nil, fmt.Errorf("GitHub App %d: the private key cannot be used: %w", app.ID, err)
	}
	itr.BaseURL = root
	return itr.Token, nil
}

// IsInstallationToken reports whether token is a GitHub App installation
// token, by the prefix GitHub gives those, ghs_; the workflow's
// GITHUB_TOKEN is one. Such a token writes as the app's bot
// (github-actions[bot], or <app-slug>[bot]) and cannot read GET /user.
// Other tokens (ghp_, github_pat_, gho_, ghu_, or an older token without a
// prefix) may be a person's, or an installation's all the same.
func IsInstallationToken(token string) bool { return strings.HasPrefix(token, "ghs_") }
