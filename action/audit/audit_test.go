package audit

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/gitrepo"
)

func TestTrailersRoundTrip(t *testing.T) {
	at := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	recs := []Record{
		{Post: "posts/launch.md", Stage: "legal", User: "lee", Commit: "0123abc"},
		{Post: "posts/a post with spaces.md", Stage: "brand", User: "mia", Commit: "fedc987"},
	}
	msg := "Publish: Launch (#12)\n\nPublished by Greenlight.\n\n" + TrailerPullRequest + ": 12\n"
	for _, r := range recs {
		msg += TrailerSignoff + ": " + r.Trailer() + "\n"
	}
	got, err := Parse(gitrepo.Commit{SHA: "m1", Time: at, Message: msg})
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		recs[i].MergeSHA, recs[i].MergedAt, recs[i].PullRequest = "m1", at, 12
	}
	if !reflect.DeepEqual(got, recs) {
		t.Errorf("parsed %+v\nwant %+v", got, recs)
	}
	if got, _ := Parse(gitrepo.Commit{SHA: "m2", Message: "Fix a typo\n\nSigned-off-by: Ada"}); len(got) != 0 {
		t.Errorf("a commit Greenlight did not make has records: %+v", got)
	}
	truncated := "Publish: Launch (#12)\n\nPublished by Greenlight.\n\n" + TrailerPullRequest + ": 12\n" + TrailerSignoff + ": posts/a.md legal\n"
	if _, err := Parse(gitrepo.Commit{SHA: "m3", Message: truncated}); err == nil {
		t.Error("a truncated trailer parsed")
	}
}

// Only the trailers of a merge Greenlight made count: a squash merge made
// by hand carries its commits' messages, which anyone can write, and a
// person can write any message of their own.
func TestTrailersElsewhereAreNotEvidence(t *testing.T) {
	signoff := TrailerSignoff + ": " + Record{Post: "posts/a.md", Stage: "legal", User: "lee", Commit: "0123abc"}.Trailer()
	for name, msg := range map[string]string{
		"in the body of a hand-made squash merge": "Savings (#12)\n\n* Add the post\n\n" + TrailerPullRequest + ": 12\n" + signoff + "\n\n* Fix a typo\n",
		"under another subject":                   "Savings (#12)\n\n" + TrailerPullRequest + ": 12\n" + signoff + "\n",
		"for another pull request":                "Publish: Savings (#12)\n\nPublished by Greenlight.\n\n" + TrailerPullRequest + ": 13\n" + signoff + "\n",
		"above the final trailer block":           "Publish: Savings (#12)\n\n" + TrailerPullRequest + ": 12\n" + signoff + "\n\nCo-authored-by: Ada <ada@example.com>\n",
		"in a subject alone":                      "Publish: " + signoff + " (#12)",
	} {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(gitrepo.Commit{SHA: "m", Message: msg})
			if err != nil || len(got) != 0 {
				t.Errorf("records %+v, error %v; want none", got, err)
			}
		})
	}
	// GitHub may add trailers of its own to the block; Greenlight's still count.
	msg := "Publish: Savings (#12)\n\nPublished by Greenlight.\n\n" + TrailerPullRequest + ": 12\n" + signoff + "\nCo-authored-by: Ada <ada@example.com>\n"
	if got, err := Parse(gitrepo.Commit{SHA: "m", Message: msg}); err != nil || len(got) != 1 || got[0].User != "lee" {
		t.Errorf("records %+v, error %v; want lee's", got, err)
	}
}

func TestAppendWritesJSONLines(t *testing.T) {
	file := filepath.Join(t.TempDir(), "audit.jsonl")
	for range 2 {
		if err := Append(file, []Record{{Post: "p.md", Stage: "legal", User: "lee", Commit: "c"}}); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); n++ {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.User != "lee" {
			t.Errorf("line %d: %v %+v", n+1, err, r)
		}
	}
	if n != 2 {
		t.Errorf("%d lines, want 2 (appended)", n)
	}
}

// What Message writes, Parse reads back: the two sides of the format
// cannot drift apart unnoticed.
func TestMessageRoundTrips(t *testing.T) {
	at := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	recs := []Record{
		{Post: "posts/launch.md", Stage: "legal", User: "lee", Commit: "0123abc"},
		{Post: "posts/a post with spaces.md", Stage: "brand", User: "mia", Commit: "fedc987"},
	}
	title, msg := Message([]string{"Launch", "Spaces"}, 12, "Published by Greenlight.", recs)
	got, err := Parse(gitrepo.Commit{SHA: "m1", Time: at, Message: title + "\n\n" + msg})
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		recs[i].MergeSHA, recs[i].MergedAt, recs[i].PullRequest = "m1", at, 12
	}
	if !reflect.DeepEqual(got, recs) {
		t.Errorf("%s\n\n%s\nparsed %+v\nwant %+v", title, msg, got, recs)
	}
}
