package action

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/action/audit"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/ghreport"
	"github.com/greenlighthq/greenlight/action/notify"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/calendar"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
)

// PublishOptions configure a scheduled publishing run.
type PublishOptions struct {
	Options
	// DryRun judges and reports what would be merged, and writes nothing
	// to GitHub.
	DryRun bool
	// AuditFile, when set, gets one JSON line per sign-off of every merge.
	AuditFile string
	// CalendarICS and CalendarMarkdown, when set, get the content
	// calendar: the publish branch's posts and every open pull request's.
	CalendarICS, CalendarMarkdown string
}

// PublishOutcome is what a publishing run did, pull request by pull
// request.
type PublishOutcome struct {
	Published []Published `json:"published"`
	Missed    []Missed    `json:"missed"`
	Waiting   []Waiting   `json:"waiting"`
	// Reminders are those this run sent.
	Reminders []Reminder `json:"reminders"`
	// Notes are problems that change no verdict (a failed notification).
	Notes    []string `json:"notes,omitempty"`
	DryRun   bool     `json:"dry_run"`
	Markdown string   `json:"-"`
	// Calendar is every scheduled post after the run, with its status.
	Calendar []calendar.Entry `json:"-"`
}

// Published is a merged pull request, for the steps that post it.
type Published struct {
	PullRequest int             `json:"pull_request"`
	MergeSHA    string          `json:"merge_sha"`
	Posts       []PublishedPost `json:"posts"`
}

// PublishedPost is one post a merge published.
type PublishedPost struct {
	Path      string     `json:"path"`
	Title     string     `json:"title,omitempty"`
	Channels  []string   `json:"channels"`
	PublishAt *time.Time `json:"publish_at,omitempty"`
}

// Missed is a due pull request that was not merged, and why.
type Missed struct {
	PullRequest int       `json:"pull_request"`
	Due         time.Time `json:"due"`
	Reason      string    `json:"reason"`
}

// Waiting is an open pull request that is not due (or has no time).
type Waiting struct {
	PullRequest int        `json:"pull_request"`
	Due         *time.Time `json:"due,omitempty"`
	Reason      string     `json:"reason"`
}

// Publish merges the open pull requests into the publish branch whose
// posts are due and pass every policy and sign-off now, each with the head
// SHA it judged, so a push after the judgement cannot slip in. A due pull
// request that cannot be merged gets a comment saying why (one, updated)
// and the missed-schedule label; nothing fails silently.
func Publish(ctx context.Context, o PublishOptions) (PublishOutcome, error) {
	s, err := start(ctx, o.Options)
	if err != nil {
		return emptyOutcome(o.DryRun), err
	}
	defer s.close()
	return s.publish(ctx, o)
}

// emptyOutcome has empty lists, not nulls: later steps read them as JSON
// arrays.
func emptyOutcome(dryRun bool) PublishOutcome {
	return PublishOutcome{DryRun: dryRun, Published: []Published{}, Missed: []Missed{}, Waiting: []Waiting{}, Reminders: []Reminder{}}
}

// publish judges every open pull request into the publish branch, plans
// what to do with each (see plan), and carries the plan out: merges, the
// comments and labels of those missed, reminders, the calendar.
func (s *session) publish(ctx context.Context, o PublishOptions) (PublishOutcome, error) {
	out := emptyOutcome(o.DryRun)
	// A due pull request is merged now with all its posts, whatever
	// their publish_at: each is judged as published now.
	s.publishing = true
	cfg, err := s.headConfig(ctx)
	if err != nil {
		return out, err
	}
	branch := cfg.Settings.PublishBranch
	prs, err := s.pulls.Open(ctx, branch)
	if err != nil {
		return out, fmt.Errorf("list the open pull requests into %s: %s", branch, ghapi.Explain(err))
	}
	slices.SortFunc(prs, func(a, b pullreq.PullRequest) int { return a.Number - b.Number })
	now := s.o.Now()
	judges := make([]*judge, len(prs))
	cands := make([]candidate, len(prs))
	for i, pr := range prs {
		judges[i] = s.judgeOf(pr)
		cands[i] = candidate{pr: pr, v: judges[i].judge(ctx)}
	}
	var errs []error
	var prEntries []calendar.Entry
	for i, d := range plan(now, cands) {
		j, v := judges[i], cands[i].v
		status, err := s.carryOut(ctx, j, v, d, o, now, &out)
		errs = append(errs, err)
		// Each pull request's posts go on the calendar with the status
		// the run leaves them in; one not merged gets the reminders its
		// stages are owed.
		prEntries = append(prEntries, entries(v, j.pr, status)...)
		if status == calendar.Published || v.cfg == nil {
			continue
		}
		sent, notes, err := j.remind(ctx, j.reminders(v, now), v, now, o.DryRun)
		out.Reminders = append(out.Reminders, sent...)
		out.Notes = append(out.Notes, notes...)
		errs = append(errs, err)
	}
	branchEntries, err := s.branchEntries(cfg, now)
	if err != nil {
		errs = append(errs, err)
	}
	out.Calendar = mergeEntries(branchEntries, prEntries)
	cal := calendar.Options{Location: cfg.Settings.Location, Now: now, Calendar: s.ev.Owner + "/" + s.ev.Repo + ": " + branch,
		UIDDomain: strings.ToLower(s.ev.Repo) + ".greenlight"}
	out.Markdown = publishMarkdown(out, branch, s.o.Env.RunURL())
	var next strings.Builder
	if err := calendar.WriteMarkdown(&next, calendar.Window(out.Calendar, now, 14), cal); err == nil {
		out.Markdown += "\n#### The next two weeks\n\n" + next.String()
	}
	if err := writeCalendar(out.Calendar, cal, o.CalendarICS, o.CalendarMarkdown); err != nil {
		errs = append(errs, fmt.Errorf("calendar: %w", err))
	}
	if s.o.Env.StepSummary != "" {
		if err := appendFile(s.o.Env.StepSummary, out.Markdown); err != nil {
			errs = append(errs, fmt.Errorf("step summary: %w", err))
		}
	}
	return out, errors.Join(errs...)
}

// headConfig is the config of the checkout the scheduled workflow runs on
// (the default branch), which names the publish branch.
func (s *session) headConfig(ctx context.Context) (*config.Config, error) {
	root := workspace(s.o.Env)
	file := filepath.Join(root, filepath.FromSlash(s.o.ConfigPath))
	if _, err := os.Stat(file); err != nil {
		return config.Default(filepath.Dir(file)), nil
	}
	loaded := config.Load(file)
	if loaded.Config == nil {
		return nil, fmt.Errorf("%s on the checkout is invalid: %s", s.o.ConfigPath, loaded.Diags.Error())
	}
	return loaded.Config, nil
}

// branchEntries are the posts already on the checked-out branch:
// published when their time has come, approved (merged ahead of time)
// otherwise.
func (s *session) branchEntries(cfg *config.Config, now time.Time) ([]calendar.Entry, error) {
	root, err := filepath.Abs(workspace(s.o.Env))
	if err != nil {
		return nil, err
	}
	files, err := engine.Discover(cfg, []string{cfg.Dir})
	if err != nil {
		return nil, err
	}
	parser := content.NewParser(cfg.Settings.Location, cfg.Settings.FrontMatterKeys...)
	var out []calendar.Entry
	for _, f := range files {
		src, diags := engine.ReadPost(cfg, f)
		if diags.HasErrors() {
			continue // a link, a pipe, an oversized file: the gate reports it
		}
		p, diags := parser.Parse(f.Path, src)
		if diags.HasErrors() || p.Front.PublishAt == nil {
			continue // the gate reports it; the calendar shows what is scheduled
		}
		rel, err := filepath.Rel(root, f.Abs)
		if err != nil {
			continue
		}
		e := calendar.Entry{Path: filepath.ToSlash(rel), Title: p.Front.Title, Channels: p.Front.Channels, PublishAt: *p.Front.PublishAt, Status: calendar.Approved}
		if !e.PublishAt.After(now) {
			e.Status = calendar.Published
		}
		out = append(out, e)
	}
	return out, nil
}

// entries are a pull request's scheduled posts at a status.
func entries(v *verdict, pr pullreq.PullRequest, status calendar.Status) []calendar.Entry {
	var out []calendar.Entry
	for _, p := range v.summary.Posts {
		at := p.PublishAt
		if !v.summary.Schedule.At.IsZero() {
			at = &v.summary.Schedule.At // Merge-After or /schedule moves every post of the pull request
		}
		if at == nil {
			continue
		}
		e := calendar.Entry{Path: p.Path, Title: p.Title, Channels: p.Channels, PublishAt: *at, Status: status,
			URL: pr.URL, PullRequest: pr.Number}
		if status == calendar.InReview || status == calendar.Missed {
			var pending []string
			for _, st := range p.Stages {
				if !st.Pending {
					continue
				}
				note := st.Name
				switch {
				case st.Late:
					note += " (late: was due " + v.summary.WhenString(*st.Due) + ")"
				case st.Due != nil:
					note += " (due " + v.summary.WhenString(*st.Due) + ")"
				}
				pending = append(pending, note)
			}
			if len(pending) > 0 {
				e.Note = "waiting for " + strings.Join(pending, ", ")
			}
		}
		out = append(out, e)
	}
	return out
}

// mergeEntries puts the pull requests' entries over the branch's: a pull
// request that edits a published post shows its new state.
func mergeEntries(branch, prs []calendar.Entry) []calendar.Entry {
	out := slices.Clone(prs)
	for _, e := range branch {
		if !slices.ContainsFunc(prs, func(p calendar.Entry) bool { return p.Path == e.Path }) {
			out = append(out, e)
		}
	}
	return out
}

// writeCalendar writes the calendar files that are asked for, each
// whole or not at all.
func writeCalendar(entries []calendar.Entry, o calendar.Options, icsFile, mdFile string) error {
	for _, f := range []struct {
		name  string
		write func(io.Writer, []calendar.Entry, calendar.Options) error
	}{{icsFile, calendar.WriteICS}, {mdFile, calendar.WriteMarkdown}} {
		if f.name == "" {
			continue
		}
		var b strings.Builder
		if err := f.write(&b, entries, o); err != nil {
			return err
		}
		if err := writeAtomic(f.name, []byte(b.String())); err != nil {
			return err
		}
	}
	return nil
}

// carryOut does what the plan decided for one pull request and returns
// the status it leaves the pull request's posts in, for the calendar. A
// due pull request is merged at the head judged (in a dry run only
// listed), and announced and audited; one that misses, or whose merge
// GitHub refuses, gets its comment and label with the reason.
func (s *session) carryOut(ctx context.Context, j *judge, v *verdict, d decision, o PublishOptions, now time.Time, out *PublishOutcome) (calendar.Status, error) {
	status := calendar.InReview
	switch {
	case j.pr.Draft:
		status = calendar.Draft
	case v.summary.Conclusion == "success":
		status = calendar.Approved
	}
	switch d.kind {
	case waits:
		w := Waiting{PullRequest: d.number, Reason: d.reason}
		if !d.due.IsZero() {
			w.Due = &d.due
		}
		out.Waiting = append(out.Waiting, w)
		return status, nil
	case misses:
		return calendar.Missed, s.missed(ctx, j, out, Missed{PullRequest: d.number, Due: d.due, Reason: d.reason}, o.DryRun, v)
	}
	pub := Published{PullRequest: d.number, Posts: publishedPosts(v)}
	if o.DryRun {
		out.Published = append(out.Published, pub)
		return status, nil
	}
	sha, err := s.merge(ctx, j, v, d.head, now)
	if err != nil {
		return calendar.Missed, s.missed(ctx, j, out, Missed{PullRequest: d.number, Due: d.due, Reason: err.Error()}, false, v)
	}
	pub.MergeSHA = sha
	out.Published = append(out.Published, pub)
	out.Notes = append(out.Notes, s.notify(ctx, v.cfg, notify.Event{Kind: "published", Key: "published/" + sha,
		PullRequest: d.number, URL: j.pr.URL, Title: j.pr.Title, At: now,
		Text: fmt.Sprintf("Published %s (merged as %s).", postList(pub.Posts), short(sha))})...)
	if o.AuditFile != "" {
		if err := audit.Append(o.AuditFile, auditRecords(v, d.number, sha, now)); err != nil {
			return calendar.Published, fmt.Errorf("audit log: %w", err)
		}
	}
	return calendar.Published, nil
}

// merge merges the judged head and no other: GitHub refuses (409) when
// the branch moved since.
func (s *session) merge(ctx context.Context, j *judge, v *verdict, head string, now time.Time) (string, error) {
	title, message := mergeMessage(v, j.pr.Number, now)
	sha, err := j.w.Merge(ctx, head, v.cfg.Schedule.MergeMethod, title, message)
	var refused *ghreport.MergeRefused
	switch {
	case err == nil:
		return sha, nil
	case errors.As(err, &refused) && refused.Status == http.StatusConflict:
		return "", fmt.Errorf("the pull request changed after Greenlight judged %s, so it was not merged; the next run judges the new head", short(head))
	case errors.As(err, &refused) && refused.Status == http.StatusOK:
		return "", fmt.Errorf("GitHub answered the merge of %s but did not merge it (merged: false): %s", short(head), refused.Message)
	case errors.As(err, &refused):
		return "", fmt.Errorf("GitHub refused the merge: %s (a merge conflict, or a branch protection rule)", refused.Message)
	}
	if sha, ok := s.landed(ctx, j.pr.Number, head); ok {
		return sha, nil
	}
	return "", fmt.Errorf("the merge failed: %s", ghapi.Explain(err))
}

// landed asks GitHub whether a merge whose answer was lost (a connection
// reset or a timeout after the request went out, which is not repeated)
// merged the pull request at head after all, and returns its merge commit
// then: the merge is reported as the publishing it was, never as missed.
func (s *session) landed(ctx context.Context, number int, head string) (string, bool) {
	pr, err := s.pulls.PullRequest(ctx, number)
	if err != nil || !pr.Merged || pr.HeadSHA != head || pr.MergeSHA == "" {
		return "", false
	}
	return pr.MergeSHA, true
}

// missed records a due pull request that was not merged: the reason in
// the outcome, one publishing comment (updated in place) and the label.
func (s *session) missed(ctx context.Context, j *judge, out *PublishOutcome, m Missed, dryRun bool, v *verdict) error {
	out.Missed = append(out.Missed, m)
	if dryRun {
		return nil
	}
	var errs []error
	body := fmt.Sprintf("%s\n### ⚠️ Not published\n\nThis pull request was due %s and was not merged: %s.\n\nGreenlight tries again on every scheduled run.\n",
		publishMarker(j.pr.BaseRef), v.summary.WhenString(m.Due), m.Reason)
	changed, err := j.w.UpsertComment(ctx, j.comments, publishMarker(j.pr.BaseRef), body)
	if err != nil {
		errs = append(errs, fmt.Errorf("#%d: %s", j.pr.Number, ghapi.Explain(err)))
	}
	if changed {
		out.Notes = append(out.Notes, s.notify(ctx, v.cfg, notify.Event{Kind: "publish_blocked", Key: fmt.Sprintf("publish_blocked/%d/%s", j.pr.Number, m.Due.UTC().Format(time.RFC3339)),
			PullRequest: j.pr.Number, URL: j.pr.URL, Title: j.pr.Title, At: s.o.Now(),
			Text: fmt.Sprintf("Not published: due %s, %s.", v.summary.WhenString(m.Due), m.Reason)})...)
	}
	label := v.cfg.Schedule.Label
	if !slices.Contains(j.pr.Labels, label) {
		if err := j.w.Label(ctx, label); err != nil {
			errs = append(errs, fmt.Errorf("#%d: label %q: %s", j.pr.Number, label, ghapi.Explain(err)))
		}
	}
	return errors.Join(errs...)
}

func publishMarker(base string) string {
	return fmt.Sprintf("<!-- greenlight:publish base=%s -->", base)
}

func publishedPosts(v *verdict) []PublishedPost {
	var out []PublishedPost
	for _, p := range v.summary.Posts {
		out = append(out, PublishedPost{Path: p.Path, Title: p.Title, Channels: nonNilStrings(p.Channels), PublishAt: p.PublishAt})
	}
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// mergeMessage is the merge commit's title and message. The message ends
// with trailers recording who signed off which stage of which post at
// which commit: the audit trail regulated teams must keep, in the
// history itself (greenlight audit reads it back).
func mergeMessage(v *verdict, number int, now time.Time) (string, string) {
	var titles []string
	for _, p := range v.summary.Posts {
		t := p.Title
		if t == "" {
			t = p.Path
		}
		titles = append(titles, t)
	}
	intro := fmt.Sprintf("Published by Greenlight on schedule (due %s, merged %s).",
		v.summary.Schedule.At.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	return audit.Message(titles, number, intro, auditRecords(v, number, "", now))
}

// auditRecords are the sign-offs that counted for each post.
func auditRecords(v *verdict, number int, sha string, now time.Time) []audit.Record {
	var out []audit.Record
	for _, p := range v.summary.Posts {
		for _, st := range p.Stages {
			if !st.Required {
				continue
			}
			for _, user := range st.ApprovedBy {
				commit := ""
				for _, a := range p.Approvals {
					if strings.EqualFold(a.User, user) && !a.Stale {
						commit = a.Commit
						break
					}
				}
				out = append(out, audit.Record{PullRequest: number, MergeSHA: sha, MergedAt: now.UTC(), Post: p.Path,
					Stage: st.Name, User: user, Commit: commit})
			}
		}
	}
	return out
}

// publishMarkdown is the run's step summary.
func publishMarkdown(out PublishOutcome, branch, runURL string) string {
	var b strings.Builder
	verb := "Published"
	if out.DryRun {
		verb = "Would publish (dry run)"
	}
	fmt.Fprintf(&b, "### Greenlight publishing into `%s`\n\n", branch)
	if out.DryRun {
		b.WriteString("A dry run: nothing was merged, commented, labelled or sent.\n\n")
	}
	if len(out.Published) == 0 && len(out.Missed) == 0 {
		b.WriteString("Nothing was due.\n\n")
	}
	for _, p := range out.Published {
		var paths []string
		for _, post := range p.Posts {
			paths = append(paths, summary.Code(post.Path))
		}
		sha := ""
		if p.MergeSHA != "" {
			sha = " as " + short(p.MergeSHA)
		}
		fmt.Fprintf(&b, "- 🚀 %s #%d%s: %s\n", verb, p.PullRequest, sha, strings.Join(paths, ", "))
	}
	for _, m := range out.Missed {
		fmt.Fprintf(&b, "- ⚠️ #%d was due %s and was not merged: %s.\n", m.PullRequest, m.Due.UTC().Format("2006-01-02 15:04 UTC"), m.Reason)
	}
	for _, r := range out.Reminders {
		fmt.Fprintf(&b, "- 🔔 #%d: reminded %s that %s is %s (due %s)\n", r.PullRequest, strings.Join(r.People, " "), r.Stage,
			map[string]string{"soon": "due soon", "overdue": "overdue"}[r.Threshold], r.Due.UTC().Format("2006-01-02 15:04 UTC"))
	}
	for _, w := range out.Waiting {
		due := ""
		if w.Due != nil {
			due = " (due " + w.Due.UTC().Format("2006-01-02 15:04 UTC") + ")"
		}
		fmt.Fprintf(&b, "- ⏳ #%d: %s%s\n", w.PullRequest, w.Reason, due)
	}
	for _, n := range out.Notes {
		fmt.Fprintf(&b, "- ⚠️ %s\n", n)
	}
	if runURL != "" {
		fmt.Fprintf(&b, "\n<sub>[run](%s)</sub>\n", runURL)
	}
	return b.String()
}

func roundDuration(d time.Duration) time.Duration { return d.Round(time.Minute) }

// WritePublished writes the published posts as JSON for later steps,
// atomically: a step never reads a half-written file.
func WritePublished(file string, out PublishOutcome) error {
	raw, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(file, append(raw, '\n'))
}

// writeAtomic writes a file whole or not at all: a temporary file in the
// same folder, renamed over the target.
func writeAtomic(file string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".greenlight-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

func postList(posts []PublishedPost) string {
	var out []string
	for _, p := range posts {
		t := p.Title
		if t == "" {
			t = p.Path
		}
		out = append(out, t)
	}
	return strings.Join(out, "; ")
}
