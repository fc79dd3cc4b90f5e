// Package summary writes the Markdown a pull request's reader sees: the
// one summary comment Greenlight keeps up to date, the check run's
// summary, and the job's step summary. They are the same document, so a
// reviewer finds the same facts wherever they look: the verdict and why,
// each post's stages (who approved which commit, who is asked next),
// findings, channel meters, and the publish time in the team's time zone.
package summary
