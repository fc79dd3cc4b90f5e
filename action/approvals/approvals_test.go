package approvals

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func TestCurrent(t *testing.T) {
	members := config.Members{"brand": {"Mia", "sam"}, "legal": {"lee", "sam"}}
	tests := []struct {
		name     string
		reviews  []Review
		commands []Command
		want     []string // user@commit
	}{
		{
			name:    "an approval counts",
			reviews: []Review{{User: "mia", State: "APPROVED", Commit: "c1", Submitted: at(1)}},
			want:    []string{"mia@c1"},
		},
		{
			name: "a later request for changes takes it back",
			reviews: []Review{
				{User: "mia", State: "APPROVED", Commit: "c1", Submitted: at(1)},
				{User: "mia", State: "CHANGES_REQUESTED", Commit: "c2", Submitted: at(2)},
			},
		},
		{
			name: "a dismissed approval is gone",
			reviews: []Review{
				{User: "mia", State: "APPROVED", Commit: "c1", Submitted: at(1)},
				{User: "mia", State: "DISMISSED", Commit: "c1", Submitted: at(3)},
			},
		},
		{
			name: "a comment after an approval leaves it standing",
			reviews: []Review{
				{User: "mia", State: "APPROVED", Commit: "c1", Submitted: at(1)},
				{User: "mia", State: "COMMENTED", Commit: "c2", Submitted: at(2)},
			},
			want: []string{"mia@c1"},
		},
		{
			name: "the latest approval is the commit that counts",
			reviews: []Review{
				{User: "sam", State: "APPROVED", Commit: "c1", Submitted: at(1)},
				{User: "sam", State: "APPROVED", Commit: "c3", Submitted: at(5)},
				{User: "lee", State: "APPROVED", Commit: "c2", Submitted: at(2)},
			},
			want: []string{"lee@c2", "sam@c3"},
		},
		{
			name:     "a command counts like a review",
			commands: []Command{{User: "lee", Stages: []string{"legal"}, Commit: "c2", At: at(4)}},
			want:     []string{"lee@c2"},
		},
		{
			name:     "a later request for changes takes a command back",
			reviews:  []Review{{User: "lee", State: "CHANGES_REQUESTED", Commit: "c3", Submitted: at(6)}},
			commands: []Command{{User: "lee", Commit: "c2", At: at(4)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range Current(Input{Reviews: tt.reviews, Commands: tt.commands, Members: members}) {
				got = append(got, a.User+"@"+a.Commit)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("approvals = %v, want %v", got, tt.want)
			}
		})
	}
}

// An approval of an older commit is stale for the posts that changed since
// and only for them; one Greenlight cannot check is stale, with the reason.
func TestFactsStaleness(t *testing.T) {
	changed := map[string]bool{"posts/a.md": true}
	in := Input{
		PullRequest: 7, Author: "ada", Head: "c3",
		Reviews: []Review{
			{User: "mia", State: "APPROVED", Commit: "c1", Submitted: at(1)},
			{User: "lee", State: "APPROVED", Commit: "c3", Submitted: at(2)},
			{User: "sam", State: "APPROVED", Commit: "gone", Submitted: at(3)},
		},
		Members: config.Members{"brand": {"mia", "sam"}, "legal": {"lee"}},
		Posts:   []string{"posts/a.md", "posts/b.md"},
		Stale: func(commit, path string) (bool, error) {
			if commit == "gone" {
				return false, errors.New("commit gone is not in the history")
			}
			return commit != "c3" && changed[path], nil
		},
	}
	facts, errs := Facts(in)
	stale := func(path, user string) bool {
		for _, a := range facts[path].Approvals {
			if a.User == user {
				return a.Stale
			}
		}
		t.Fatalf("%s has no approval by %s", path, user)
		return false
	}
	if !stale("posts/a.md", "mia") || stale("posts/b.md", "mia") {
		t.Error("mia approved c1: stale for a.md (changed since), not for b.md")
	}
	if stale("posts/a.md", "lee") {
		t.Error("lee approved the head: never stale")
	}
	if !stale("posts/a.md", "sam") || !stale("posts/b.md", "sam") {
		t.Error("an approval of a commit not in the history must not count")
	}
	if len(errs) != 1 {
		t.Errorf("errors = %v, want one for the unknown commit (reported once, not per post)", errs)
	}
	if f := facts["posts/b.md"]; f.Author != "ada" || f.Head != "c3" || f.PullRequest != 7 {
		t.Errorf("facts = %+v", f)
	}
}
