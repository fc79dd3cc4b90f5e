package ghreport

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/ghapi"
)

// MergeRefused is GitHub refusing to merge: 409 Conflict when the pull
// request's head is no longer the commit given, 405 when it cannot be
// merged (a conflict, a branch protection rule), and 200 when GitHub
// answered but says it merged nothing ("merged": false).
type MergeRefused struct {
	Status int
	// Message is GitHub's, with anything shaped like a token taken out:
	// it goes into a comment on the pull request.
	Message string
}

func (e *MergeRefused) Error() string {
	return fmt.Sprintf("GitHub refused the merge (%d): %s", e.Status, e.Message)
}

// Merge merges the pull request at head and no other commit, by method
// ("squash", "merge"), with the merge commit's title and message, and
// returns the merge commit. A refusal is a *MergeRefused.
func (w Writer) Merge(ctx context.Context, head, method, title, message string) (string, error) {
	res, _, err := w.Client.PullRequests.Merge(ctx, w.PR.Owner, w.PR.Repo, w.PR.Number, message,
		&github.PullRequestOptions{SHA: head, MergeMethod: method, CommitTitle: title})
	if err != nil {
		var er *github.ErrorResponse
		if errors.As(err, &er) && er.Response != nil &&
			(er.Response.StatusCode == http.StatusConflict || er.Response.StatusCode == http.StatusMethodNotAllowed) {
			return "", &MergeRefused{Status: er.Response.StatusCode, Message: ghapi.Redacted(er.Message)}
		}
		return "", fmt.Errorf("merge #%d at %s: %w", w.PR.Number, short(head), err)
	}
	// A 200 is not a merge by itself: GitHub says whether it merged.
	if !res.GetMerged() {
		return "", &MergeRefused{Status: http.StatusOK, Message: ghapi.Redacted(res.GetMessage())}
	}
	return res.GetSHA(), nil
}

// Label adds label to the pull request.
func (w Writer) Label(ctx context.Context, label string) error {
	if _, _, err := w.Client.Issues.AddLabelsToIssue(ctx, w.PR.Owner, w.PR.Repo, w.PR.Number, []string{label}); err != nil {
		return fmt.Errorf("label #%d %q: %w", w.PR.Number, label, err)
	}
	return nil
}

// Comment adds a comment to the pull request's conversation: a new one,
// which notifies the people it mentions, as an edit does not.
func (w Writer) Comment(ctx context.Context, body string) error {
	if _, _, err := w.Client.Issues.CreateComment(ctx, w.PR.Owner, w.PR.Repo, w.PR.Number, &github.IssueComment{Body: github.String(body)}); err != nil {
		return fmt.Errorf("comment on #%d: %w", w.PR.Number, err)
	}
	return nil
}
