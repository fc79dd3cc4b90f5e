package ghreport

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"
)

// MergeRefused is GitHub refusing to merge: 409 Conflict when the pull
// request's head is no longer the commit given, 405 when it cannot be
// merged (a conflict, a branch protection rule).
type MergeRefused struct {
	Status  int
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
			return "", &MergeRefused{Status: er.Response.StatusCode, Message: er.Message}
		}
		return "", fmt.Errorf("merge #%d at %s: %w", w.PR.Number, short(head), err)
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
