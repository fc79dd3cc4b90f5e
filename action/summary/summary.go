package summary

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/greenlighthq/greenlight/engine/channel"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/report"
	"github.com/greenlighthq/greenlight/engine/review"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

// Marker starts the summary comment, so a later run finds and edits it.
// The base branch is part of it: a pull request retargeted to another
// branch gets that branch's verdict in a comment of its own.
func Marker(base string) string { return fmt.Sprintf(markerPrefix+"base=%s -->", base) }

const markerPrefix = "<!-- greenlight:summary "

// Report is the verdict on one pull request.
type Report struct {
	Base       string // the branch the pull request merges into
	Head       string // the commit judged
	Conclusion string // "success" or "failure"
	FailOn     finding.Level
	Problems   []string // why Greenlight could not decide; each blocks the merge
	Posts      []Post
	Removed    []string // posts the pull request deletes
	// Contributors made commits of the pull request; their approvals do
	// not count.
	Contributors []string
	Governance   *Governance
	Requested    []string // who was asked to review on this run, as "@login" or "@org/team"
	Location     *time.Location
	RunURL       string
	FileURL      func(path string, line int) string // links findings to the head's lines; nil for none
	ConfigNotes  []string                           // where the config came from, defaults in use, ...
	// Record is what earlier runs saw, kept hidden in the summary comment:
	// a comment does not say which commit its author was looking at.
	Record Record
	// Schedule is when the pull request goes out; zero At when no post
	// has a time.
	Schedule Schedule
	// ScheduleProblem says why the schedule cannot be read.
	ScheduleProblem string
}

// Schedule is when a pull request is merged, and what said so.
type Schedule struct {
	At     time.Time
	Source string
}

// Record is what runs have seen of a pull request, for the /approve
// commands: each command as the run it triggered saw it, and when a run
// first saw each head.
type Record struct {
	// Commands are the /approve commands, by comment id.
	Commands map[string]Recorded `json:"commands,omitempty"`
	// Heads is when a run first saw each head commit. A command counts for
	// a head only when a run had seen that head before the command was
	// written: a push that lands between a comment and its run must not be
	// approved in the commenter's name.
	Heads map[string]time.Time `json:"heads,omitempty"`
	// Head is the head commit of the run that wrote the record, whose
	// check run vouches for the comment (see ghreport.Writer.Vouched):
	// anyone with write access can edit the comment, no one but
	// Greenlight its check run.
	Head string `json:"head,omitempty"`
}

// Empty reports whether there is nothing to record.
func (r Record) Empty() bool { return len(r.Commands) == 0 && len(r.Heads) == 0 }

// Recorded is an /approve command as the run it triggered saw it.
type Recorded struct {
	// Commit is the head when the command was made.
	Commit string `json:"commit"`
	// Updated is the comment's last edit then; an edit since voids it.
	Updated time.Time `json:"updated"`
}

const recordedPrefix = "<!-- greenlight:record "

// ReadRecorded reads the commands an earlier run recorded in its summary
// comment. The record is the comment's second line, right under the
// marker, and nowhere else: every other line holds text a pull request's
// author controls (paths, titles, finding messages), which could spell a
// record of its own. Anything else on that line, or a record that does
// not parse, reads as no record: then no earlier command counts.
func ReadRecorded(body string) Record {
	lines := strings.SplitN(body, "\n", 3)
	if len(lines) < 2 || !strings.HasPrefix(lines[0], markerPrefix) {
		return Record{}
	}
	raw, ok := strings.CutPrefix(lines[1], recordedPrefix)
	if !ok {
		return Record{}
	}
	raw, ok = strings.CutSuffix(raw, " -->")
	if !ok || strings.Contains(raw, "-->") {
		return Record{}
	}
	var out Record
	if json.Unmarshal([]byte(raw), &out) != nil {
		return Record{}
	}
	return out
}

// Post is one post's verdict.
type Post struct {
	Path      string
	Title     string
	Channels  []string
	Renamed   string // its previous path, when the pull request renames it
	PublishAt *time.Time
	Findings  []finding.Finding
	Stages    []signoff.Stage
	Approvals []review.Approval
	// Meters are the post's channel lengths against their limits, as
	// the check measured them.
	Meters []channel.Count
}

// Governance is the sign-off a change to the config, policies or
// workflows needs.
type Governance struct {
	// Files change how posts are judged; Unjudged are files in the
	// content folders that are not posts, which Greenlight cannot judge.
	Files    []string
	Unjudged []string
	// Media are files outside the content folders that posts publish
	// with them (an image, a video), which Greenlight cannot judge.
	Media []MediaUse
	// Removed are posts the pull request removes: taking down a scheduled
	// post, a correction or a disclosure is the owners' decision too.
	Removed    []string
	Stage      string
	ApprovedBy []string
	Needed     int
	Problem    string // the config cannot enforce it (no such stage)
}

// MediaUse is a file a pull request changes and the posts that use it.
type MediaUse struct {
	Path  string
	Posts []string
}

// Satisfied reports whether enough people approved the change.
func (g *Governance) Satisfied() bool {
	return g.Problem == "" && len(g.ApprovedBy) >= max(g.Needed, 1)
}

// Title is the check run's one-line title.
func (r Report) Title() string {
	if len(r.Problems) > 0 {
		return "Blocked: Greenlight could not decide"
	}
	c := r.counts()
	var parts []string
	if c.Errors > 0 {
		parts = append(parts, plural(c.Errors, "error"))
	}
	if c.Warnings > 0 {
		parts = append(parts, plural(c.Warnings, "warning"))
	}
	if p := r.PendingStages(); len(p) > 0 {
		parts = append(parts, "waiting for "+strings.Join(p, ", "))
	}
	if r.Conclusion == "success" {
		if len(r.Posts) == 0 && r.Governance == nil {
			return "No posts changed"
		}
		if len(parts) > 0 {
			return "Ready to merge, with " + strings.Join(parts, ", ")
		}
		return "Ready to merge"
	}
	if len(parts) == 0 {
		return "Blocked"
	}
	return "Blocked: " + strings.Join(parts, ", ")
}

// NextStages are the pending stages some post can act on now (not
// waiting for another), in the config's order.
func (r Report) NextStages() []string {
	var out []string
	for _, p := range r.Posts {
		for _, s := range p.Stages {
			if s.Pending && len(s.WaitingFor) == 0 && !slices.Contains(out, s.Name) {
				out = append(out, s.Name)
			}
		}
	}
	return out
}

// PendingStages are the required stages some post (or the governance
// change) still waits for, in the config's order.
func (r Report) PendingStages() []string {
	var out []string
	for _, p := range r.Posts {
		for _, s := range p.Stages {
			if s.Pending && !slices.Contains(out, s.Name) {
				out = append(out, s.Name)
			}
		}
	}
	if g := r.Governance; g != nil && !g.Satisfied() && g.Stage != "" && !slices.Contains(out, g.Stage) {
		out = append(out, g.Stage)
	}
	return out
}

func (r Report) counts() report.Counts {
	var all []finding.Finding
	for _, p := range r.Posts {
		all = append(all, p.Findings...)
	}
	return report.Count(all)
}

// Markdown renders the report; comment adds the marker that makes it the
// pull request's summary comment.
func (r Report) Markdown(comment bool) string {
	var b strings.Builder
	if comment {
		b.WriteString(Marker(r.Base) + "\n")
		if !r.Record.Empty() {
			raw, _ := json.Marshal(r.Record) // sorted keys: the same state gives the same text
			b.WriteString(recordedPrefix + string(raw) + " -->\n")
		}
	}
	icon := "✅"
	if r.Conclusion != "success" {
		icon = "⛔"
	}
	fmt.Fprintf(&b, "### %s Greenlight → `%s`: %s\n\n", icon, r.Base, r.Title())
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "> [!CAUTION]\n> %s\n\n", strings.ReplaceAll(p, "\n", "\n> "))
	}
	if g := r.Governance; g != nil {
		r.governance(&b, g)
	}
	switch {
	case r.ScheduleProblem != "":
		fmt.Fprintf(&b, "**Goes out:** ⚠️ %s\n\n", r.ScheduleProblem)
	case !r.Schedule.At.IsZero():
		fmt.Fprintf(&b, "**Goes out:** %s (%s)\n\n", r.when(&r.Schedule.At), r.Schedule.Source)
	}
	if len(r.Posts) > 0 {
		b.WriteString("| Post | Publishes | Findings | Sign-off |\n|---|---|---|---|\n")
		for _, p := range r.Posts {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", cell(Code(p.Path)), r.when(p.PublishAt), findingsCell(p.Findings), stagesCell(p.Stages))
		}
		b.WriteString("\n")
		for _, p := range r.Posts {
			r.post(&b, p)
		}
	}
	for _, path := range r.Removed {
		fmt.Fprintf(&b, "- %s is removed.\n", Code(path))
	}
	if len(r.Requested) > 0 {
		fmt.Fprintf(&b, "\n**Next:** review requested from %s.\n", strings.Join(r.Requested, ", "))
	}
	var foot []string
	foot = append(foot, "commit "+short(r.Head))
	foot = append(foot, r.ConfigNotes...)
	if r.RunURL != "" {
		foot = append(foot, fmt.Sprintf("[run](%s)", r.RunURL))
	}
	fmt.Fprintf(&b, "\n<sub>%s</sub>\n", strings.Join(foot, " · "))
	return b.String()
}

func (r Report) governance(b *strings.Builder, g *Governance) {
	var parts []string
	if len(g.Files) > 0 {
		parts = append(parts, fmt.Sprintf("changes how posts are judged (%s)", codes(g.Files)))
	}
	if len(g.Unjudged) > 0 {
		parts = append(parts, fmt.Sprintf("changes files in the content folders that are not posts (%s), which Greenlight cannot judge but a posting tool may publish; "+
			"if they are not content, list them in `ignore` in greenlight.hcl", codes(g.Unjudged)))
	}
	if len(g.Media) > 0 {
		var uses []string
		for _, m := range g.Media {
			uses = append(uses, fmt.Sprintf("%s, used by %s", Code(m.Path), codes(m.Posts)))
		}
		parts = append(parts, fmt.Sprintf("changes files that posts publish with them (%s), which Greenlight cannot judge", strings.Join(uses, "; ")))
	}
	if len(g.Removed) > 0 {
		parts = append(parts, fmt.Sprintf("removes posts (%s), which unpublishes what the team approved", codes(g.Removed)))
	}
	fmt.Fprintf(b, "This pull request %s.", strings.Join(parts, "; it "))
	switch {
	case g.Problem != "":
		fmt.Fprintf(b, " %s\n\n", g.Problem)
	case g.Satisfied():
		fmt.Fprintf(b, " Stage **%s** approved by %s. ✅\n\n", g.Stage, mentions(g.ApprovedBy))
	default:
		fmt.Fprintf(b, " It needs stage **%s** (%d of %d approvals). ⏳\n\n", g.Stage, len(g.ApprovedBy), max(g.Needed, 1))
	}
}

func (r Report) post(b *strings.Builder, p Post) {
	title := Code(p.Path)
	if p.Renamed != "" {
		title += " (renamed from " + Code(p.Renamed) + ")"
	}
	fmt.Fprintf(b, "<details%s><summary>%s</summary>\n\n", openIf(len(p.Findings) > 0 || anyPending(p.Stages)), title)
	if len(p.Meters) > 0 {
		var ms []string
		for _, m := range p.Meters {
			mark := ""
			if !m.Fits {
				mark = " ⚠️"
			}
			ms = append(ms, fmt.Sprintf("%s %d/%d%s", m.Channel, m.Length, m.Limit, mark))
		}
		fmt.Fprintf(b, "Channels: %s\n\n", strings.Join(ms, " · "))
	}
	for _, s := range p.Stages {
		if !s.Required {
			continue
		}
		fmt.Fprintf(b, "- %s **%s** (%s)%s\n", stageIcon(s), s.Name, strings.Join(s.Reasons, "; "), r.stageNote(s, p.Approvals))
	}
	if note := staleNote(p.Approvals); note != "" {
		b.WriteString("\n" + note)
	}
	if by := r.byContributors(p.Approvals); len(by) > 0 {
		fmt.Fprintf(b, "\nNot counted, because they made commits of this pull request: %s.\n", strings.Join(by, ", "))
	}
	if len(p.Findings) > 0 {
		b.WriteString("\n| | Line | Rule | Message |\n|---|---|---|---|\n")
		for _, f := range p.Findings {
			line := fmt.Sprint(f.Span.Start.Line)
			if r.FileURL != nil && f.Span.Start.Line > 0 {
				line = fmt.Sprintf("[%d](%s)", f.Span.Start.Line, r.FileURL(p.Path, f.Span.Start.Line))
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", levelIcon(f.Level), line, cell(Code(f.Rule)), cell(prose(f.Message)))
		}
	}
	b.WriteString("\n</details>\n\n")
}

// stageNote says who approved which commit, or what the stage waits for.
func (r Report) stageNote(s signoff.Stage, approvals []review.Approval) string {
	var parts []string
	for _, u := range s.ApprovedBy {
		for _, a := range approvals {
			if strings.EqualFold(a.User, u) {
				parts = append(parts, fmt.Sprintf("@%s at %s", a.User, short(a.Commit)))
				break
			}
		}
	}
	if len(parts) > 0 {
		return ": approved by " + strings.Join(parts, ", ")
	}
	note := ""
	if len(s.WaitingFor) > 0 {
		note = ": after " + strings.Join(s.WaitingFor, ", ")
	}
	if s.Due != nil {
		sep := ": "
		if note != "" {
			sep = "; "
		}
		if s.Late {
			note += sep + "**late**, was due " + r.when(s.Due)
		} else {
			note += sep + "due " + r.when(s.Due)
		}
	}
	return note
}

// staleNote names the approvals that stopped counting because the post
// changed after them.
func staleNote(approvals []review.Approval) string {
	var stale []string
	for _, a := range approvals {
		if a.Stale {
			stale = append(stale, fmt.Sprintf("@%s approved %s", a.User, short(a.Commit)))
		}
	}
	if len(stale) == 0 {
		return ""
	}
	return fmt.Sprintf("Not counted, because the post changed since: %s.\n", strings.Join(stale, "; "))
}

// byContributors are the current approvals ("@login") by people who made
// commits of the pull request (stale ones are noted as stale).
func (r Report) byContributors(approvals []review.Approval) []string {
	var out []string
	for _, a := range approvals {
		if !a.Stale && slices.ContainsFunc(r.Contributors, func(c string) bool { return strings.EqualFold(c, a.User) }) {
			out = append(out, "@"+a.User)
		}
	}
	return out
}

// WhenString is a time as the summary shows it, in the team's zone.
func (r Report) WhenString(t time.Time) string { return r.when(&t) }

func (r Report) when(t *time.Time) string {
	if t == nil {
		return "not scheduled"
	}
	loc := r.Location
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("Mon 2 Jan 2006, 15:04 MST")
}

func findingsCell(fs []finding.Finding) string {
	c := report.Count(fs)
	var parts []string
	if c.Errors > 0 {
		parts = append(parts, "❌ "+plural(c.Errors, "error"))
	}
	if c.Warnings > 0 {
		parts = append(parts, "⚠️ "+plural(c.Warnings, "warning"))
	}
	if c.Info > 0 {
		parts = append(parts, fmt.Sprintf("ℹ️ %d info", c.Info)) // named as the levels are everywhere
	}
	if len(parts) == 0 {
		return "✅ none"
	}
	return strings.Join(parts, ", ")
}

func stagesCell(stages []signoff.Stage) string {
	var parts []string
	for _, s := range stages {
		if s.Required {
			parts = append(parts, stageIcon(s)+" "+s.Name)
		}
	}
	if len(parts) == 0 {
		return "none required"
	}
	return strings.Join(parts, " → ")
}

func stageIcon(s signoff.Stage) string {
	if s.Late {
		return "🔴"
	}
	switch s.Status() {
	case "approved":
		return "✅"
	case "waiting":
		return "⏸️"
	}
	return "⏳"
}

func levelIcon(l finding.Level) string {
	switch l {
	case finding.Error:
		return "❌"
	case finding.Warning:
		return "⚠️"
	}
	return "ℹ️"
}

func anyPending(stages []signoff.Stage) bool {
	return slices.ContainsFunc(stages, func(s signoff.Stage) bool { return s.Pending })
}

func openIf(b bool) string {
	if b {
		return " open"
	}
	return ""
}

// cell keeps a message inside its table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", "").Replace(s)
}

// Code shows untrusted text (a path, a rule id) as inline code that it
// cannot close: the fence is longer than any run of backticks in it, and
// line breaks and other control characters are shown as escapes, so a
// file name can neither end the line nor spell Markdown or HTML.
func Code(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	s = b.String()
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func codes(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = Code(s)
	}
	return strings.Join(out, ", ")
}

// prose shows untrusted text (a finding's message, which quotes the post)
// as text: HTML is escaped, so a quoted "<!--" cannot hide the rest of the
// summary from reviewers.
func prose(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func mentions(users []string) string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = "@" + u
	}
	return strings.Join(out, ", ")
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
