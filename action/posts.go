package action

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/greenlighthq/greenlight/action/ghreport"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/review"
	"github.com/greenlighthq/greenlight/engine/signoff"
	"github.com/hashicorp/hcl/v2"
)

// checkPosts runs the engine on the head's version of every changed post,
// with the review facts, and fills the verdict.
func (j *judge) checkPosts(ctx context.Context, v *verdict, r *rules, ch changes, facts map[string]*review.Facts, head string) error {
	cfg := r.cfg
	dir, err := os.MkdirTemp("", "greenlight-head-")
	if err != nil {
		return fmt.Errorf("cannot make a temporary folder: %v", err)
	}
	defer os.RemoveAll(dir)
	unwritten, err := j.repo.Extract(ctx, head, ch.posts, dir)
	if err != nil {
		return fmt.Errorf("Cannot read the changed posts at %s: %v", short(head), err)
	}
	eng, diags := j.s.compiled(ctx, r)
	if eng == nil {
		return fmt.Errorf("The policies on %s do not compile, so no post can be judged: %s", v.summary.Base, diagText(diags))
	}
	eng = eng.WithReview(reviewFacts(facts))
	// What cannot be judged blocks: a post committed as a symlink (to a
	// file with a claim, to another post) or a submodule is never read
	// through, and a post the list of files names but the head lacks is
	// an error too, never a silent skip.
	refused := map[string]string{}
	for _, u := range unwritten {
		refused[u.Path] = u.Kind
	}
	var files []engine.File
	for _, p := range ch.posts {
		abs := filepath.Join(dir, filepath.FromSlash(p))
		if kind, ok := refused[p]; ok {
			v.findings = append(v.findings, engine.Unreadable(p, fmt.Sprintf("%s is %s at %s, not a file: Greenlight judges only a post's own text, "+
				"so it cannot judge this one and the merge stays blocked. Commit the post's text as a regular file.", p, kind, short(head))))
			continue
		}
		if _, err := os.Lstat(abs); err != nil {
			v.findings = append(v.findings, engine.Unreadable(p, fmt.Sprintf("%s is not a file at %s (%v), although the pull request lists it: "+
				"it cannot be judged, so the merge stays blocked.", p, short(head), err)))
			continue
		}
		files = append(files, engine.File{Path: p, Abs: abs})
	}
	res := eng.Check(ctx, files)
	v.findings = append(v.findings, res.Findings...)
	v.findings = append(v.findings, engine.InputFindings(res.Diags, files)...)
	finding.Sort(v.findings)
	if missed := notJudged(ch.posts, res.Posts, v.findings); len(missed) > 0 {
		return fmt.Errorf("Greenlight could not judge %s and reported no reason: the merge stays blocked", strings.Join(missed, ", "))
	}

	byPath := map[string][]finding.Finding{}
	for _, f := range v.findings {
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	next := map[string][]string{} // stage → who already approved it
	stagesOf := map[string][]signoff.Stage{}
	for _, so := range engine.Signoffs(cfg, res.Posts, j.o.Now()) {
		stagesOf[so.Path] = so.Stages
	}
	for _, p := range res.Posts {
		sp := summary.Post{Path: p.Path, Renamed: ch.renamed[p.Path], PublishAt: p.PublishAt, Channels: p.Channels, Findings: byPath[p.Path]}
		if f := facts[p.Path]; f != nil {
			sp.Approvals = f.Approvals
		}
		sp.Stages = stagesOf[p.Path]
		for _, name := range nextStages(sp.Stages) {
			next[name] = append(next[name], stageApprovers(sp.Stages, name)...)
		}
		sp.Title, sp.Meters = p.Title, p.Counts
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Path)))
		if err == nil {
			v.inlines = append(v.inlines, inlines(byPath[p.Path], src)...)
		}
		v.summary.Posts = append(v.summary.Posts, sp)
	}
	// A post that could not be parsed still shows, with its errors.
	for path := range byPath {
		if !slices.ContainsFunc(v.summary.Posts, func(p summary.Post) bool { return p.Path == path }) {
			v.summary.Posts = append(v.summary.Posts, summary.Post{Path: path, Findings: byPath[path]})
		}
	}
	slices.SortFunc(v.summary.Posts, func(a, b summary.Post) int { return strings.Compare(a.Path, b.Path) })
	v.nextUsers, v.nextTeams = requests(cfg, j.ev.Owner, v.wrote, next, j.roles)
	return nil
}

func stageApprovers(stages []signoff.Stage, name string) []string {
	for _, s := range stages {
		if s.Name == name {
			return s.ApprovedBy
		}
	}
	return nil
}

// notJudged are the changed posts that got neither a verdict nor an
// error: none should exist, and one that does blocks the merge.
func notJudged(posts []string, judged []engine.Post, fs []finding.Finding) []string {
	var out []string
	for _, p := range posts {
		if slices.ContainsFunc(judged, func(j engine.Post) bool { return j.Path == p }) {
			continue
		}
		if slices.ContainsFunc(fs, func(f finding.Finding) bool { return f.Path == p && f.Level == finding.Error }) {
			continue
		}
		out = append(out, p)
	}
	return out
}

func diagText(diags hcl.Diagnostics) string {
	var parts []string
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		where := ""
		if d.Subject != nil {
			where = fmt.Sprintf("%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		parts = append(parts, where+d.Summary+": "+d.Detail)
	}
	return strings.Join(parts, "; ")
}

// inlines are the style findings as review comments, with a one-click
// suggestion when the fix is known and the finding is on one line.
func inlines(fs []finding.Finding, src []byte) []ghreport.Inline {
	var out []ghreport.Inline
	for _, f := range fs {
		if f.Source != "style" || f.Span.Start.Line < 1 {
			continue
		}
		body := fmt.Sprintf("**%s** `%s`: %s", capitalized(f.Level.String()), f.Rule, inlineProse(f.Message))
		if f.Fix != nil && f.Span.Start.Line == f.Span.End.Line {
			if line, ok := fixedLine(src, f); ok {
				body += "\n\n" + suggestion(line)
			}
		}
		sum := sha256.Sum256([]byte(f.Rule + "\x00" + f.Message))
		out = append(out, ghreport.Inline{Path: f.Path, Line: f.Span.Start.Line, Key: f.Rule + ":" + hex.EncodeToString(sum[:6]), Body: body})
	}
	return out
}

// fixedLine is the finding's line with the fix applied.
func fixedLine(src []byte, f finding.Finding) (string, bool) {
	start, end := f.Span.Start.Offset, f.Span.End.Offset
	if start < 0 || end < start || end >= len(src) {
		return "", false
	}
	_, n := utf8.DecodeRune(src[end:])
	end += n
	lineStart := strings.LastIndexByte(string(src[:start]), '\n') + 1
	lineEnd := len(src)
	if i := strings.IndexByte(string(src[end:]), '\n'); i >= 0 {
		lineEnd = end + i
	}
	if strings.Contains(string(src[start:end]), "\n") {
		return "", false
	}
	line := strings.TrimRight(string(src[lineStart:start])+f.Fix.Replacement+string(src[end:lineEnd]), "\r")
	// A carriage return alone ends a line in Markdown: inside the
	// suggestion it would end the fence's line, and a post's text after it
	// could close the fence and write Markdown in Greenlight's comment.
	if strings.ContainsAny(line, "\r\n") {
		return "", false
	}
	return line, true
}

// suggestion is line as a one-click suggestion, fenced by more backticks
// than any run in it (as CommonMark allows), so that no line of a post's
// backticks closes the fence early.
func suggestion(line string) string {
	longest, run := 0, 0
	for _, r := range line {
		if r != '`' {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + "suggestion\n" + line + "\n" + fence
}

// inlineProse shows a finding's message, which quotes the post, as one
// line of text in a review comment: HTML escaped, so a quoted "<!--"
// cannot hide the rest of the comment, and line breaks as spaces, so a
// quoted line cannot open a fence or a block of its own.
func inlineProse(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r\n", " ", "\r", " ", "\n", " ", "\u2028", " ", "\u2029", " ").Replace(s)
}

func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
