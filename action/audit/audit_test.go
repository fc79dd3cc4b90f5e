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
	if _, err := Parse(gitrepo.Commit{SHA: "m3", Message: TrailerSignoff + ": posts/a.md legal"}); err == nil {
		t.Error("a truncated trailer parsed")
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
