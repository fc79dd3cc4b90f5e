package action_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/audit"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/notify"
)

// post is a post due at a local time in the team's zone.
func post(title, at, text string) string {
	return fmt.Sprintf("---\ntitle: %s\nchannels: [x, linkedin]\npublish_at: %s\n---\n%s\n", title, at, text)
}

// desk is a content repository with several open pull requests into
// main, and a fake GitHub that merges for real into the repository.
type desk struct {
	*repo
	gh       *fakegithub.Server
	base     string
	heads    map[int]string
	notifier notify.Sender
	// token is the runs' token; "" means the workflow's GITHUB_TOKEN.
	token string
	// teamsToken is the runs' teams token; "" means none.
	teamsToken string
}

// deadlinesConfig gives every stage a deadline a day before the post's
// publish time, and reminds four hours before it.
const deadlinesConfig = `
deadlines {
  default       = "24h before publish"
  remind_before = "4h"
}`

func newDesk(t *testing.T) *desk {
	r := newRepo(t) // on branch "post", main has the config and posts/a.md
	r.git("checkout", "-q", "main")
	d := &desk{repo: r, base: r.git("rev-parse", "main"), heads: map[int]string{}}
	d.gh = fakegithub.New(t, fakegithub.PR{Number: 1, Author: "ada", Head: d.base, HeadRef: "post", Base: d.base, BaseRef: "closed"})
	d.gh.Teams["Codertocat/legal"] = []string{"lee"}
	d.gh.Branches["main"] = d.base
	// GitHub squash-merges the judged head into main, as asked.
	d.gh.OnMerge = func(p *fakegithub.Pull, method, title, message string) (string, error) {
		if method != "squash" {
			return "", fmt.Errorf("unexpected merge method %q", method)
		}
		r.git("checkout", "-q", "main")
		r.git("merge", "-q", "--squash", p.PR.Head)
		r.git("commit", "-q", "-m", title+"\n\n"+message)
		return r.git("rev-parse", "HEAD"), nil
	}
	return d
}

// open makes a pull request from a branch off main that adds one post.
func (d *desk) open(n int, name, text string) {
	d.git("checkout", "-q", "-b", fmt.Sprintf("pr-%d", n), d.base)
	d.write("posts/"+name, text)
	head := d.commit("add " + name)
	d.git("checkout", "-q", "main")
	p := d.gh.Add(fakegithub.PR{Number: n, Author: "ada", Head: head, HeadRef: fmt.Sprintf("pr-%d", n), Base: d.base, BaseRef: "main"})
	p.Files = d.files(d.base, head)
	d.heads[n] = head
}

func (d *desk) approve(n int, users ...string) {
	p := d.gh.Pulls[n]
	for i, u := range users {
		p.Reviews = append(p.Reviews, fakegithub.Review{ID: int64(n*100 + i), User: u, State: "APPROVED", Commit: d.heads[n],
			Submitted: time.Date(2026, 11, 30, 10, i, 0, 0, time.UTC)})
	}
}

func (d *desk) publish(t *testing.T, now time.Time, dryRun bool) (action.PublishOutcome, string) {
	out, auditFile, _ := d.publishIn(t, now, dryRun)
	return out, auditFile
}

func (d *desk) publishIn(t *testing.T, now time.Time, dryRun bool) (action.PublishOutcome, string, string) {
	t.Helper()
	return d.publishOpts(t, now, dryRun)
}

// publishWith is a run that is no dry run, with the options changed by opts.
func (d *desk) publishWith(t *testing.T, now time.Time, opts ...func(*action.Options)) (action.PublishOutcome, string) {
	t.Helper()
	out, auditFile, _ := d.publishOpts(t, now, false, opts...)
	return out, auditFile
}

func (d *desk) publishOpts(t *testing.T, now time.Time, dryRun bool, opts ...func(*action.Options)) (action.PublishOutcome, string, string) {
	t.Helper()
	dir := t.TempDir()
	auditFile := filepath.Join(dir, "audit.jsonl")
	token := d.token
	if token == "" {
		token = "ghs_secret-token"
	}
	o := action.PublishOptions{
		Options: action.Options{
			Env: event.Env{EventName: "workflow_dispatch", Repository: "Codertocat/Hello-World", APIURL: d.gh.URL,
				EventPath: filepath.Join(fakegithub.Dir(t), "..", "github-webhooks", "workflow_dispatch.json"), Workspace: d.dir},
			Token:      token,
			TeamsToken: d.teamsToken,
			Now:        func() time.Time { return now },
			Sleep:      func(context.Context, time.Duration) error { return nil },
			Notifier:   d.notifier,
		},
		DryRun: dryRun, AuditFile: auditFile,
		CalendarICS: filepath.Join(dir, "calendar.ics"), CalendarMarkdown: filepath.Join(dir, "calendar.md"),
	}
	for _, f := range opts {
		f(&o.Options)
	}
	out, err := action.Publish(context.Background(), o)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return out, auditFile, dir
}

// A scheduled run at 09:30 New York time on 1 December: each due pull
// request is judged again now and merged only if it passes, with the SHA
// it judged; the others are told why, once.
func TestPublishMergesOnlyDuePassingPullRequests(t *testing.T) {
	d := newDesk(t)
	d.open(11, "due.md", post("Dashboards", "2026-12-01 09:00", "Our dashboards show every report in one place."))
	d.approve(11, "kim", "mia")
	d.open(12, "claims.md", post("Savings", "2026-12-01 08:00", "Open a savings account, risk-free."))
	d.approve(12, "kim", "mia") // legal is missing
	d.open(13, "moved.md", post("Webinar", "2026-12-01 09:15", "Join our webinar on reports."))
	d.approve(13, "kim", "mia")
	d.open(14, "later.md", post("Holidays", "2026-12-05 09:00", "Our stores close early on December 24."))
	d.approve(14, "kim", "mia")
	d.open(15, "overdue.md", post("Tips", "2026-11-30 09:00", "Three tips for faster reports."))
	d.approve(15, "kim", "mia")
	// Someone pushes to #13 after Greenlight judged it, just before it merges.
	pushed := strings.Repeat("f", 40)
	d.gh.OnRequest = func(method, path string) {
		if method == "PUT" && path == "/repos/Codertocat/Hello-World/pulls/13/merge" {
			d.gh.Pulls[13].PR.Head = pushed
		}
	}
	now := time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC) // 09:30 EST

	// A dry run says what would happen and changes nothing.
	dry, _ := d.publish(t, now, true)
	if len(dry.Published) != 2 || d.gh.Count("PUT") != 0 || d.gh.Count("POST") != 0 {
		t.Fatalf("dry run: %+v; %d merges and %d posts sent", dry, d.gh.Count("PUT"), d.gh.Count("POST"))
	}

	out, auditFile, dir := d.publishIn(t, now, false)

	// #11 is merged with the head it judged.
	p11 := d.gh.Pulls[11]
	if !p11.Merged || len(p11.Merges) != 1 || p11.Merges[0]["sha"] != d.heads[11] || p11.Merges[0]["merge_method"] != "squash" {
		t.Fatalf("#11 merges = %v, merged %v", p11.Merges, p11.Merged)
	}
	if len(out.Published) != 1 || out.Published[0].PullRequest != 11 || out.Published[0].MergeSHA != p11.MergeSHA ||
		out.Published[0].Posts[0].Path != "posts/due.md" || strings.Join(out.Published[0].Posts[0].Channels, ",") != "x,linkedin" {
		t.Errorf("published = %+v", out.Published)
	}
	// #12 is due but lacks legal: not merged, one comment, the label.
	p12 := d.gh.Pulls[12]
	if len(p12.Merges) != 0 || len(p12.Labels) != 1 || p12.Labels[0] != "greenlight: missed schedule" {
		t.Errorf("#12: merges %v, labels %v\n%s", p12.Merges, p12.Labels, out.Markdown)
	}
	if c := publishComments(p12); len(c) != 1 || !strings.Contains(c[0], "sign-off pending: legal") || !strings.Contains(c[0], "Tue 1 Dec 2026, 08:00 EST") {
		t.Errorf("#12 comments = %q", c)
	}
	// #13 moved after it was judged: GitHub refuses the stale SHA.
	p13 := d.gh.Pulls[13]
	if p13.Merged || len(p13.Merges) != 1 || p13.Merges[0]["sha"] != d.heads[13] {
		t.Errorf("#13: merged %v with %v; the judged SHA must be sent, and refused", p13.Merged, p13.Merges)
	}
	if c := publishComments(p13); len(c) != 1 || !strings.Contains(c[0], "changed after Greenlight judged") {
		t.Errorf("#13 comments = %q", c)
	}
	// #14 is not due: untouched.
	if p14 := d.gh.Pulls[14]; len(p14.Merges) != 0 || len(p14.Labels) != 0 || len(publishComments(p14)) != 0 {
		t.Errorf("#14 was touched: %+v", p14)
	}
	// #15 missed its time by more than the grace: not published late.
	if p15 := d.gh.Pulls[15]; len(p15.Merges) != 0 || !strings.Contains(strings.Join(publishComments(p15), ""), "missed its time by 24h30m0s, more than the 2h0m0s grace") {
		t.Errorf("#15: merges %v, comments %q", p15.Merges, publishComments(p15))
	}
	if len(out.Missed) != 3 || len(out.Waiting) != 1 || out.Waiting[0].PullRequest != 14 {
		t.Errorf("missed %+v, waiting %+v", out.Missed, out.Waiting)
	}

	// The merge commit on main records who signed off what, and the audit
	// log has the same.
	records := d.audit(t)
	var got []string
	for _, r := range records {
		got = append(got, fmt.Sprintf("#%d %s %s %s %s", r.PullRequest, r.Post, r.Stage, r.User, r.Commit[:7]))
		if r.MergeSHA != p11.MergeSHA {
			t.Errorf("record in %s, want the merge %s", r.MergeSHA, p11.MergeSHA)
		}
	}
	want := []string{"#11 posts/due.md copy-edit kim " + d.heads[11][:7], "#11 posts/due.md brand mia " + d.heads[11][:7]}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit from the history:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// What `greenlight audit --format text main` prints on this clone.
	var printed strings.Builder
	if err := audit.Write(&printed, records, "text"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(printed.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "#11    posts/due.md") || !strings.Contains(lines[0], "copy-edit    @kim              approved "+d.heads[11][:7]+"  (merge "+p11.MergeSHA[:7]+")") ||
		!strings.Contains(lines[1], "brand        @mia              approved "+d.heads[11][:7]) {
		t.Errorf("greenlight audit prints:\n%s", printed.String())
	}
	logged, _ := os.ReadFile(auditFile)
	if n := strings.Count(string(logged), "\n"); n != 2 || !strings.Contains(string(logged), `"stage":"brand","user":"mia"`) {
		t.Errorf("audit log:\n%s", logged)
	}

	// The published file hands the merged posts to later steps, with the
	// missed and waiting pull requests and why.
	published := filepath.Join(dir, "published.json")
	if err := action.WritePublished(published, out); err != nil {
		t.Fatal(err)
	}
	var file struct {
		Published []struct {
			PullRequest int    `json:"pull_request"`
			MergeSHA    string `json:"merge_sha"`
			Posts       []struct {
				Path      string
				Title     string
				Channels  []string
				PublishAt time.Time `json:"publish_at"`
			}
		}
		Missed  []struct{ Reason string }
		Waiting []struct {
			PullRequest int `json:"pull_request"`
		}
	}
	raw, _ := os.ReadFile(published)
	if err := json.Unmarshal(raw, &file); err != nil || len(file.Published) != 1 || file.Published[0].MergeSHA != p11.MergeSHA ||
		len(file.Published[0].Posts) != 1 || file.Published[0].Posts[0].Path != "posts/due.md" || file.Published[0].Posts[0].Title != "Dashboards" ||
		strings.Join(file.Published[0].Posts[0].Channels, ",") != "x,linkedin" || !file.Published[0].Posts[0].PublishAt.Equal(time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)) ||
		len(file.Missed) != 3 || len(file.Waiting) != 1 {
		t.Errorf("published file (%v):\n%s", err, raw)
	}

	// The calendar shows every scheduled post in the state the run left it.
	status := map[string]string{}
	for _, e := range out.Calendar {
		status[e.Path] = string(e.Status)
	}
	wantStatus := map[string]string{"posts/a.md": "published", "posts/due.md": "published", "posts/claims.md": "missed",
		"posts/moved.md": "missed", "posts/later.md": "approved", "posts/overdue.md": "missed"}
	if fmt.Sprint(status) != fmt.Sprint(wantStatus) {
		t.Errorf("calendar statuses = %v\nwant %v", status, wantStatus)
	}
	ics, err := os.ReadFile(filepath.Join(dir, "calendar.ics"))
	if n := strings.Count(string(ics), "BEGIN:VEVENT"); err != nil || n != 12 {
		t.Errorf("calendar.ics has %d events (%v), want 12: six posts on X and LinkedIn", n, err)
	}
	if !strings.Contains(out.Markdown, "#### The next two weeks") || !strings.Contains(out.Markdown, "Holidays") {
		t.Errorf("the step summary lacks the next two weeks:\n%s", out.Markdown)
	}

	// The next run: #12 and #13 are still missed, with their comments
	// updated rather than repeated.
	d.gh.OnRequest = nil
	d.publish(t, now.Add(10*time.Minute), false)
	if c := publishComments(d.gh.Pulls[12]); len(c) != 1 {
		t.Errorf("#12 has %d publishing comments after a second run, want 1", len(c))
	}
	// Three hours later #12 is past its grace: the reason changes, and the
	// one comment says so, edited in place; the label is not added twice.
	d.publish(t, now.Add(3*time.Hour), false)
	p12 = d.gh.Pulls[12]
	var edited []fakegithub.Comment
	for _, c := range p12.Comments {
		if strings.HasPrefix(c.Body, "<!-- greenlight:publish base=main -->") {
			edited = append(edited, c)
		}
	}
	if len(edited) != 1 || !strings.Contains(edited[0].Body, "missed its time by 4h30m0s, more than the 2h0m0s grace") ||
		strings.Contains(edited[0].Body, "sign-off pending") {
		t.Errorf("#12's publishing comment was not updated in place: %+v", edited)
	}
	if n := d.gh.Count("POST /repos/Codertocat/Hello-World/issues/12/labels"); len(p12.Labels) != 1 || n != 1 || len(p12.Merges) != 0 {
		t.Errorf("#12: labels %v (asked for %d times), merges %v", p12.Labels, n, p12.Merges)
	}
}

// Times without an offset are the team's wall-clock times: a post at
// noon in New York is not due at 09:30 New York time (though 12:00 UTC
// has passed), and is due at noon; a post on the day clocks spring
// forward goes out at its time in daylight saving time (UTC-4), not an
// hour late by the winter offset.
func TestPublishReadsTimesInTheTeamsZone(t *testing.T) {
	d := newDesk(t)
	d.open(61, "noon.md", post("Noon", "2026-12-01 12:00", "Our dashboards show every report in one place."))
	d.approve(61, "kim", "mia")
	d.open(62, "spring.md", post("Spring", "2027-03-14 09:00", "Clocks went forward an hour."))
	d.approve(62, "kim", "mia")

	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false) // 09:30 EST
	if d.gh.Pulls[61].Merged || len(out.Waiting) != 2 || out.Waiting[0].Due.UTC().Format(time.RFC3339) != "2026-12-01T17:00:00Z" {
		t.Fatalf("#61 is due at noon EST (17:00 UTC): waiting %+v", out.Waiting)
	}
	d.publish(t, time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC), false)
	if !d.gh.Pulls[61].Merged {
		t.Error("#61 was not merged at noon EST")
	}
	out, _ = d.publish(t, time.Date(2027, 3, 14, 12, 59, 0, 0, time.UTC), false) // 08:59 EDT
	if d.gh.Pulls[62].Merged || len(out.Waiting) != 1 || out.Waiting[0].Due.Format(time.RFC3339) != "2027-03-14T09:00:00-04:00" {
		t.Fatalf("#62 is due at 09:00 EDT: waiting %+v", out.Waiting)
	}
	d.publish(t, time.Date(2027, 3, 14, 13, 30, 0, 0, time.UTC), false) // 09:30 EDT; 08:30 had it been read as EST
	if !d.gh.Pulls[62].Merged {
		t.Error("#62 was not merged at 09:30 EDT")
	}
}

// Overdue posts go out late when someone approves them again, or when
// the config allows it; a /schedule comment by a person in a role moves a
// pull request.
func TestPublishLateAndRescheduled(t *testing.T) {
	d := newDesk(t)
	d.open(21, "overdue.md", post("Tips", "2026-11-30 09:00", "Three tips for faster reports."))
	d.approve(21, "kim")
	d.gh.Pulls[21].Reviews = append(d.gh.Pulls[21].Reviews, fakegithub.Review{ID: 9, User: "mia", State: "APPROVED", Commit: d.heads[21],
		Submitted: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}) // after it was due: re-approved
	d.open(22, "moved.md", post("Webinar", "2026-12-01 09:00", "Join our webinar on reports."))
	d.approve(22, "kim", "mia")
	d.gh.Pulls[22].Comments = append(d.gh.Pulls[22].Comments,
		fakegithub.Comment{ID: 1, User: "eve", Body: "/schedule 2026-11-01 09:00", Created: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}, // not in a role
		fakegithub.Comment{ID: 2, User: "mia", Body: "Let's wait for the blog post.\n/schedule 2026-12-03 10:00", Created: time.Date(2026, 11, 30, 9, 5, 0, 0, time.UTC)})
	// A Merge-After line (which the author writes) cannot move a post
	// before the publish_at it was judged and approved for.
	d.open(23, "body.md", post("Body", "2026-12-04 09:00", "A post moved by its description."))
	d.approve(23, "kim", "mia")
	d.gh.Pulls[23].Body = "Moving this up.\n\nMerge-After: 2026-12-01 08:30\n"
	d.open(24, "later.md", post("Later", "2026-11-30 09:00", "A post held back by its description."))
	d.approve(24, "kim", "mia")
	d.gh.Pulls[24].Body = "Hold until the blog post is out.\n\nMerge-After: 2026-12-02 09:00\n"

	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if !d.gh.Pulls[21].Merged {
		t.Errorf("#21 was re-approved after its time and should go out late: %+v", out)
	}
	if d.gh.Pulls[22].Merged || len(out.Waiting) < 1 || out.Waiting[0].PullRequest != 22 || out.Waiting[0].Due.Format(time.RFC3339) != "2026-12-03T10:00:00-05:00" {
		t.Errorf("#22 was moved to 3 December by mia's /schedule: waiting %+v", out.Waiting)
	}
	if d.gh.Pulls[23].Merged || !slices.ContainsFunc(out.Missed, func(m action.Missed) bool {
		return m.PullRequest == 23 && strings.Contains(m.Reason, "before posts/body.md's publish_at")
	}) {
		t.Errorf("#23's Merge-After, earlier than its post's publish_at, must not publish it early, and say why: %+v", out)
	}
	if d.gh.Pulls[24].Merged || !slices.ContainsFunc(out.Waiting, func(w action.Waiting) bool { return w.PullRequest == 24 }) {
		t.Errorf("#24's Merge-After holds it until 2 December: %+v", out)
	}
}

// openPosts makes a pull request that adds several posts.
func (d *desk) openPosts(n int, posts map[string]string) {
	d.git("checkout", "-q", "-b", fmt.Sprintf("pr-%d", n), d.base)
	for name, text := range posts {
		d.write("posts/"+name, text)
	}
	head := d.commit(fmt.Sprintf("add %d posts", len(posts)))
	d.git("checkout", "-q", "main")
	p := d.gh.Add(fakegithub.PR{Number: n, Author: "ada", Head: head, HeadRef: fmt.Sprintf("pr-%d", n), Base: d.base, BaseRef: "main"})
	p.Files = d.files(d.base, head)
	d.heads[n] = head
}

// A pull request with several posts is due at its earliest post's time;
// with schedule { due = "latest" } at its latest, and merged the way
// schedule { merge_method } says, a missed one labelled as it says.
func TestPublishSeveralPostsByTheSchedule(t *testing.T) {
	twoPosts := map[string]string{
		"morning.md": post("Morning", "2026-12-01 09:00", "Good morning, reports."),
		"noon.md":    post("Noon", "2026-12-01 12:00", "Lunch with reports."),
	}
	at := func(hour, minute int) time.Time { return time.Date(2026, 12, 1, hour+5, minute, 0, 0, time.UTC) } // EST

	t.Run("by default, at the earliest post's time", func(t *testing.T) {
		d := newDesk(t)
		d.openPosts(71, twoPosts)
		d.approve(71, "kim", "mia")
		out, _ := d.publish(t, at(9, 0), false)
		if !d.gh.Pulls[71].Merged || len(out.Published) != 1 || len(out.Published[0].Posts) != 2 {
			t.Errorf("#71 is due at 09:00 with its first post: %+v", out)
		}
	})

	t.Run("with due = latest, at the latest, merged with a merge commit", func(t *testing.T) {
		d := newDesk(t)
		d.write("greenlight.hcl", baseConfig+`
schedule {
  merge_method = "merge"
  due          = "latest"
  label        = "publishing: late"
}`)
		d.base = d.commit("schedule")
		d.gh.Branches["main"] = d.base
		d.gh.OnMerge = func(p *fakegithub.Pull, method, title, message string) (string, error) {
			if method != "merge" {
				return "", fmt.Errorf("unexpected merge method %q", method)
			}
			d.git("checkout", "-q", "main")
			d.git("merge", "-q", "--no-ff", "-m", title+"\n\n"+message, p.PR.Head)
			return d.git("rev-parse", "HEAD"), nil
		}
		d.openPosts(72, twoPosts)
		d.approve(72, "kim", "mia")
		d.openPosts(73, map[string]string{"claims.md": post("Savings", "2026-12-01 08:00", "Savings, risk-free.")})
		d.approve(73, "kim", "mia") // legal is missing

		out, _ := d.publish(t, at(9, 30), false)
		if d.gh.Pulls[72].Merged || len(out.Waiting) != 1 || out.Waiting[0].Due.Format(time.RFC3339) != "2026-12-01T12:00:00-05:00" {
			t.Errorf("#72 is due at noon with its last post: waiting %+v", out.Waiting)
		}
		if p := d.gh.Pulls[73]; len(p.Labels) != 1 || p.Labels[0] != "publishing: late" {
			t.Errorf("#73's labels %v, want the configured one", p.Labels)
		}
		d.publish(t, at(12, 0), false)
		if p := d.gh.Pulls[72]; !p.Merged || p.Merges[0]["merge_method"] != "merge" || p.Merges[0]["sha"] != d.heads[72] {
			t.Errorf("#72 merged %v with %v", p.Merged, p.Merges)
		}
		repo, err := gitrepo.Open(context.Background(), d.dir)
		if err != nil {
			t.Fatal(err)
		}
		records, err := audit.History(context.Background(), repo, "main")
		if err != nil || len(records) != 4 {
			t.Errorf("a merge commit carries the record too: %d records (%v), want 2 posts × 2 stages", len(records), err)
		}
	})
}

// A publish time that does not exist in the team's zone stops the post,
// with the reason, instead of going out an hour off.
func TestPublishRejectsNonexistentLocalTime(t *testing.T) {
	d := newDesk(t)
	d.open(31, "spring.md", post("Spring", "2027-03-14 02:30", "Clocks go forward tonight."))
	d.approve(31, "kim", "mia")
	out, _ := d.publish(t, time.Date(2027, 3, 14, 12, 0, 0, 0, time.UTC), false)
	if d.gh.Pulls[31].Merged || len(out.Waiting) != 1 || !strings.Contains(out.Waiting[0].Reason, "posts/spring.md cannot be read: Invalid publish_at: 2027-03-14 02:30 does not exist in America/New_York: clocks jump forward from 02:00 to 03:00 that day") {
		t.Errorf("waiting = %+v", out.Waiting)
	}
}

func publishComments(p *fakegithub.Pull) []string {
	var out []string
	for _, c := range p.Comments {
		if strings.HasPrefix(c.Body, "<!-- greenlight:publish base=main -->") {
			out = append(out, c.Body)
		}
	}
	return out
}

// A post due tomorrow with legal pending: exactly one reminder to legal
// once its deadline is near, none on the next run, another once overdue,
// and nothing after legal approves.
func TestRemindersOncePerThreshold(t *testing.T) {
	d := newDesk(t)
	d.write("greenlight.hcl", baseConfig+deadlinesConfig)
	d.base = d.commit("deadlines")
	d.gh.Branches["main"] = d.base
	d.open(41, "savings.md", post("Savings", "2026-12-02 09:00", "Open a savings account, risk-free."))
	d.approve(41, "kim", "mia") // copy-edit and brand; legal is due Tue 1 Dec 09:00 EST
	// #42 is the same, but legal signs off before anyone needs reminding.
	d.open(42, "loans.md", post("Loans", "2026-12-02 09:00", "Loans, risk-free."))
	d.approve(42, "kim", "mia", "lee")
	remindersOf := func(n int) []string {
		var out []string
		for _, c := range d.gh.Pulls[n].Comments {
			if strings.Contains(c.Body, "greenlight:reminder") {
				out = append(out, c.Body)
			}
		}
		return out
	}
	reminders := func() []string { return remindersOf(41) }
	est := func(day, hour int) time.Time { return time.Date(2026, 12, day, hour+5, 0, 0, 0, time.UTC) }

	d.publish(t, est(1, 4), false) // five hours before: not yet
	if r := reminders(); len(r) != 0 {
		t.Fatalf("reminded five hours ahead: %q", r)
	}
	out, _ := d.publish(t, est(1, 6), false) // three hours before
	r := reminders()
	if len(r) != 1 || !strings.HasPrefix(r[0], "⏰ @Codertocat/legal: the **legal** sign-off of `posts/savings.md` is due Tue 1 Dec 2026, 09:00 EST, in 3h0m0s.") {
		t.Fatalf("reminders = %q", r)
	}
	if len(out.Reminders) != 1 || out.Reminders[0].Stage != "legal" || out.Reminders[0].Threshold != "soon" {
		t.Errorf("outcome reminders = %+v", out.Reminders)
	}
	// The calendar notes which stage the post waits for, and when it is due.
	note := func(out action.PublishOutcome) string {
		for _, e := range out.Calendar {
			if e.Path == "posts/savings.md" {
				return string(e.Status) + ": " + e.Note
			}
		}
		return "not on the calendar"
	}
	if got := note(out); got != "in review: waiting for legal (due Tue 1 Dec 2026, 09:00 EST)" {
		t.Errorf("calendar: %s", got)
	}
	d.publish(t, est(1, 7), false)
	if r := reminders(); len(r) != 1 {
		t.Fatalf("the next run reminded again: %q", r)
	}
	out, _ = d.publish(t, est(1, 10), false) // an hour late
	if got := note(out); got != "in review: waiting for legal (late: was due Tue 1 Dec 2026, 09:00 EST)" {
		t.Errorf("calendar: %s", got)
	}
	r = reminders()
	if len(r) != 2 || !strings.HasPrefix(r[1], "🔴 @Codertocat/legal: the **legal** sign-off of `posts/savings.md` was due Tue 1 Dec 2026, 09:00 EST, 1h0m0s ago") {
		t.Fatalf("reminders = %q", r)
	}
	d.publish(t, est(1, 11), false)
	d.gh.Pulls[41].Reviews = append(d.gh.Pulls[41].Reviews, fakegithub.Review{ID: 99, User: "lee", State: "APPROVED", Commit: d.heads[41], Submitted: est(1, 11)})
	d.publish(t, est(1, 12), false)
	if r := reminders(); len(r) != 2 {
		t.Errorf("%d reminders; want 2: none again while overdue, none once legal approved", len(r))
	}
	if r := remindersOf(42); len(r) != 0 {
		t.Errorf("#42 was signed off by legal, yet reminded: %q", r)
	}
}

// Chat notifications go out once per event: a merge, a blocked publish, a
// reminder, each to Slack and Teams in their own shapes and to a plain
// webhook; a second run sends nothing new; a webhook that answers 500 or
// has no URL is reported and changes no verdict.
func TestNotificationsOncePerEvent(t *testing.T) {
	type hit struct {
		path string
		body map[string]any
	}
	var mu sync.Mutex
	var hits []hit
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var v map[string]any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Errorf("%s: not JSON: %s", r.URL.Path, raw)
		}
		if r.URL.Path == "/hook" {
			v["X-Greenlight-Event"] = r.Header.Get("X-Greenlight-Event")
		}
		mu.Lock()
		hits = append(hits, hit{r.URL.Path, v})
		mu.Unlock()
		if r.URL.Path == "/down" {
			http.Error(w, "upstream unavailable", http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	received := func(path string) []map[string]any {
		mu.Lock()
		defer mu.Unlock()
		var out []map[string]any
		for _, h := range hits {
			if h.path == path {
				out = append(out, h.body)
			}
		}
		return out
	}
	d := newDesk(t)
	d.write("greenlight.hcl", baseConfig+deadlinesConfig+`
notify "chat" {
  type    = "slack"
  url_env = "CHAT_URL"
}
notify "channel" {
  type    = "teams"
  url_env = "TEAMS_URL"
}
notify "hook" {
  type    = "webhook"
  url_env = "HOOK_URL"
  events  = ["published", "publish_blocked"]
}
notify "down" {
  type    = "webhook"
  url_env = "DOWN_URL"
  events  = ["published"]
}
notify "broken" {
  type    = "webhook"
  url_env = "UNSET_URL"
  events  = ["published"]
}`)
	d.base = d.commit("notifications")
	d.gh.Branches["main"] = d.base
	env := map[string]string{"CHAT_URL": srv.URL + "/slack", "TEAMS_URL": srv.URL + "/teams", "HOOK_URL": srv.URL + "/hook", "DOWN_URL": srv.URL + "/down"}
	var slept []time.Duration
	d.notifier = notify.Sender{Getenv: func(k string) string { return env[k] },
		Sleep: func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }}
	d.open(51, "due.md", post("Dashboards", "2026-12-01 09:00", "Our dashboards show every report in one place."))
	d.approve(51, "kim", "mia")
	d.open(52, "claims.md", post("Savings", "2026-12-01 08:00", "Open a savings account, risk-free."))
	d.approve(52, "kim", "mia")
	d.open(53, "loans.md", post("Loans", "2026-12-02 12:00", "Loans, risk-free."))
	d.approve(53, "kim", "mia") // legal due Tue 1 Dec 12:00 EST: due soon at 09:30

	now := time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC) // 09:30 EST
	out, _ := d.publish(t, now, false)

	// Slack: a fallback text and a verbatim mrkdwn section linking the
	// pull request, one message per event.
	var slack []string
	for _, m := range received("/slack") {
		text, _ := m["text"].(string)
		slack = append(slack, text)
		blocks, _ := m["blocks"].([]any)
		if len(blocks) != 2 {
			t.Errorf("Slack message %q has %d blocks, want a section and a context", text, len(blocks))
			continue
		}
		sec, _ := blocks[0].(map[string]any)
		st, _ := sec["text"].(map[string]any)
		if sec["type"] != "section" || st["type"] != "mrkdwn" || st["verbatim"] != true || !strings.Contains(fmt.Sprint(st["text"]), "|#5") {
			t.Errorf("Slack section %v: want verbatim mrkdwn linking the pull request", sec)
		}
	}
	for _, want := range []string{
		"#51 Amazing new feature: Published Dashboards (merged as",
		"#52 Amazing new feature: Not published: due Tue 1 Dec 2026, 08:00 EST",
		"#53 Amazing new feature: legal sign-off is due Tue 1 Dec 2026, 12:00 EST.",
		"#52 Amazing new feature: legal sign-off is overdue: it was due Mon 30 Nov 2026, 08:00 EST.",
	} {
		if !slices.ContainsFunc(slack, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("Slack lacks %q:\n%s", want, strings.Join(slack, "\n"))
		}
	}
	if len(slack) != 4 {
		t.Errorf("%d Slack messages, want 4 (one per event; #52's legal is overdue too):\n%s", len(slack), strings.Join(slack, "\n"))
	}

	// Teams: a message with one Adaptive Card: the title, the sentence,
	// the facts and a button to the pull request.
	teams := received("/teams")
	if len(teams) != 4 {
		t.Errorf("%d Teams messages, want 4", len(teams))
	}
	var cardTexts []string
	for _, m := range teams {
		atts, _ := m["attachments"].([]any)
		if m["type"] != "message" || len(atts) != 1 {
			t.Errorf("Teams message %v: want type message with one attachment", m)
			continue
		}
		att, _ := atts[0].(map[string]any)
		card, _ := att["content"].(map[string]any)
		body, _ := card["body"].([]any)
		actions, _ := card["actions"].([]any)
		if att["contentType"] != "application/vnd.microsoft.card.adaptive" || card["type"] != "AdaptiveCard" || len(body) != 3 || len(actions) != 1 {
			t.Errorf("Teams card %v: want an Adaptive Card with title, text, facts and one action", card)
			continue
		}
		text, _ := body[1].(map[string]any)
		cardTexts = append(cardTexts, fmt.Sprint(text["text"]))
		if a, _ := actions[0].(map[string]any); a["type"] != "Action.OpenUrl" || !strings.HasPrefix(fmt.Sprint(a["url"]), "https://github.com/") {
			t.Errorf("Teams action %v: want Action.OpenUrl to the pull request", a)
		}
	}
	if !slices.ContainsFunc(cardTexts, func(s string) bool { return strings.HasPrefix(s, "Published Dashboards (merged as ") }) {
		t.Errorf("no Teams card for the merge: %q", cardTexts)
	}

	// The generic webhook gets the kinds it asked for, named in a header.
	var kinds []string
	for _, m := range received("/hook") {
		kinds = append(kinds, fmt.Sprint(m["X-Greenlight-Event"]))
	}
	if slices.Sort(kinds); strings.Join(kinds, ",") != "publish_blocked,published" {
		t.Errorf("webhook events %q, want published and publish_blocked", kinds)
	}

	// The webhook that answers 500 is tried twice, without a real wait;
	// it and the unset one are reported, and #51 is merged all the same.
	if n := len(received("/down")); n != 2 || len(slept) != 1 {
		t.Errorf("the failing webhook got %d requests after %d waits, want 2 after 1 (one retry)", n, len(slept))
	}
	notes := strings.Join(out.Notes, "\n")
	if !d.gh.Pulls[51].Merged || len(out.Published) != 1 || len(out.Notes) != 2 ||
		!strings.Contains(notes, "notification down (published) failed: ") || !strings.Contains(notes, "500") ||
		!strings.Contains(notes, "notification broken (published) failed: ") || !strings.Contains(notes, "UNSET_URL is not set") {
		t.Errorf("merged %v, published %+v, notes:\n%s\nwant #51 merged and both failures reported", d.gh.Pulls[51].Merged, out.Published, notes)
	}
	if strings.Contains(notes, srv.URL) || !strings.Contains(out.Markdown, "notification down (published) failed") {
		t.Errorf("the step summary must report the failure without the webhook's URL:\n%s", out.Markdown)
	}

	// The next run owes nobody anything.
	mu.Lock()
	sent := len(hits)
	mu.Unlock()
	d.publish(t, now.Add(10*time.Minute), false)
	mu.Lock()
	again := hits[sent:]
	mu.Unlock()
	if len(again) != 0 {
		t.Errorf("a second run notified again: %+v", again)
	}
}

// audit is the sign-off history of the desk's main branch, as `greenlight
// audit` reads it from the merge commits.
func (d *desk) audit(t *testing.T) []audit.Record {
	t.Helper()
	repo, err := gitrepo.Open(context.Background(), d.dir)
	if err != nil {
		t.Fatal(err)
	}
	records, err := audit.History(context.Background(), repo, "main")
	if err != nil {
		t.Fatal(err)
	}
	return records
}
