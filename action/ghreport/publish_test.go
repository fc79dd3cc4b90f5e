package ghreport

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
)

// A merge names the head it may merge: GitHub's refusals come back as a
// MergeRefused with its status, 409 when the head moved, 405 when the
// pull request cannot be merged; a merge it makes returns its commit.
func TestMergeOnlyTheHeadGiven(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, gh := writer(t)
	var refused *MergeRefused
	if _, err := w.Merge(ctx, "moved", "squash", "Title", "Message"); !errors.As(err, &refused) || refused.Status != 409 {
		t.Errorf("a merge of a head that moved: %v, want a 409 refusal", err)
	}
	gh.OnMerge = func(*fakegithub.Pull, string, string, string) (string, error) {
		return "", errors.New("Required status check \"greenlight: main\" is expected.")
	}
	if _, err := w.Merge(ctx, "abc123", "squash", "Title", "Message"); !errors.As(err, &refused) || refused.Status != 405 || !strings.Contains(refused.Message, "Required status check") {
		t.Errorf("a merge branch protection refuses: %v, want a 405 refusal with GitHub's message", err)
	}
	gh.OnMerge = nil
	sha, err := w.Merge(ctx, "abc123", "squash", "Title", "Message")
	if err != nil || sha == "" || sha != gh.MergeSHA {
		t.Fatalf("merge: %q, %v; GitHub merged as %q", sha, err, gh.MergeSHA)
	}
	if m := gh.Merges[len(gh.Merges)-1]; m["sha"] != "abc123" || m["merge_method"] != "squash" || m["commit_title"] != "Title" || m["commit_message"] != "Message" {
		t.Errorf("merge request %v", m)
	}
}

// A label and a new comment go to the pull request.
func TestLabelAndComment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, gh := writer(t)
	if err := w.Label(ctx, "greenlight: missed schedule"); err != nil {
		t.Fatal(err)
	}
	if err := w.Comment(ctx, "⏰ @kim: due soon"); err != nil {
		t.Fatal(err)
	}
	if len(gh.Labels) != 1 || gh.Labels[0] != "greenlight: missed schedule" || len(gh.Comments) != 1 || gh.Comments[0].Body != "⏰ @kim: due soon" {
		t.Errorf("labels %q, comments %+v", gh.Labels, gh.Comments)
	}
}
