package action

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/action/approvals"
	"github.com/greenlighthq/greenlight/action/command"
	"github.com/greenlighthq/greenlight/action/diffhunk"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/history"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/summary"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/review"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

// judge decides the pull request. Whatever it cannot read or decide
// becomes a problem in the verdict, which fails: the merge stays blocked
// and the reason is shown.
func (j *judge) judge(ctx context.Context) *verdict {
	base, head := j.pr.BaseSHA, j.pr.HeadSHA
	v := &verdict{summary: summary.Report{Base: j.pr.BaseRef, Head: head, RunURL: j.o.Env.RunURL(),
		FileURL: func(p string, line int) string {
			return fmt.Sprintf("%s/%s/blob/%s/%s#L%d", j.o.Env.ServerURL, j.o.Env.Repository, head, escapePath(p), line)
		}}}
	// Until the commits are read, only the author is known to have
	// written the pull request.
	v.authored = approvals.Input{Author: j.pr.Author}.Authored
	fail := func(format string, args ...any) *verdict {
		v.summary.Problems = append(v.summary.Problems, fmt.Sprintf(format, args...))
		v.summary.Conclusion = "failure"
		return v
	}
	if j.o.Env.ServerURL == "" {
		v.summary.FileURL = nil
	}
	// The rules are the base branch's as it stands now (GitHub does not
	// move base.sha when the branch moves), unless the caller pinned the
	// commit to judge by.
	if !j.pinnedBase {
		tip, err := j.s.tip(ctx, j.pr.BaseRef)
		if err != nil {
			return fail("Cannot read where %s stands, so the rules to judge by are unknown: %s", j.pr.BaseRef, ghapi.Explain(err))
		}
		base = tip
	}
	if err := j.ensureCommits(ctx, base, head); err != nil {
		return fail("%v", err)
	}

	// The config and policies come from the base commit, never the head:
	// a pull request cannot loosen the rules it is judged by. They are
	// read and compiled once per run for every pull request they judge.
	r := j.s.rulesAt(ctx, base)
	if r.problem != nil {
		return fail("%s", r.problem(j.pr.BaseRef))
	}
	cfg := r.cfg
	v.summary.ConfigNotes = append(v.summary.ConfigNotes, r.note(j.pr.BaseRef, j.o.ConfigPath))
	v.summary.ConfigNotes = append(v.summary.ConfigNotes, r.books...)
	v.cfg = cfg
	v.summary.Location = cfg.Settings.Location
	v.failOn = cfg.Settings.FailOn
	if j.o.failOn != nil {
		v.failOn = *j.o.failOn
	}
	v.summary.FailOn = v.failOn

	files, err := j.s.pulls.Files(ctx, j.pr.Number)
	if err != nil {
		return fail("Cannot list the pull request's files: %s", ghapi.Explain(err))
	}
	// GitHub lists at most 3,000 files; past that, a post could be left
	// out of the list, and so unjudged.
	if n := j.pr.ChangedFiles; len(files) < n || (n == 0 && len(files) >= maxListedFiles) {
		return fail("GitHub lists at most %d of a pull request's files, and this one changes %d: Greenlight cannot see every file, "+
			"so it cannot judge the pull request. Split it into pull requests of fewer files.", maxListedFiles, max(n, len(files)))
	}
	ch := classify(cfg, j.o.ConfigPath, files)
	if ch.media, err = j.s.referencedMedia(ctx, cfg, files, base, head); err != nil {
		return fail("Cannot tell which posts use the files this pull request changes, so it cannot be judged: %v", err)
	}
	v.summary.Removed = ch.removed
	v.hunks = ch.hunks

	members, err := j.members(ctx, cfg)
	if err != nil {
		return fail("%v", err)
	}
	j.roles = members
	reviews, err := j.s.pulls.Reviews(ctx, j.pr.Number)
	if err != nil {
		return fail("Cannot list the pull request's reviews: %s", ghapi.Explain(err))
	}
	if j.comments, err = j.s.pulls.Comments(ctx, j.pr.Number); err != nil {
		return fail("Cannot list the pull request's comments: %s", ghapi.Explain(err))
	}
	contributors, err := j.contributors(ctx, head)
	if err != nil {
		return fail("%v", err)
	}
	in := approvals.Input{PullRequest: j.pr.Number, Author: j.pr.Author, Contributors: contributors, Head: head,
		Members: members, Posts: ch.posts, Stale: j.staleness(ctx, cfg, base, head, files, ch.posts)}
	v.authored = in.Authored
	v.summary.Contributors = contributors
	if cfg.Settings.CommentCommands {
		var notes []string
		in.Commands, v.summary.Record, notes, err = j.commands(ctx, cfg, head)
		if err != nil {
			return fail("Cannot tell which /approve commands earlier runs saw: %s", ghapi.Explain(err))
		}
		v.summary.ConfigNotes = append(v.summary.ConfigNotes, notes...)
	}
	for _, r := range reviews {
		in.Reviews = append(in.Reviews, approvals.Review{User: r.User, State: r.State, Commit: r.Commit, Submitted: r.Submitted})
	}
	facts, staleErrs := approvals.Facts(in)
	for _, err := range staleErrs {
		v.summary.ConfigNotes = append(v.summary.ConfigNotes, err.Error())
	}

	v.approvals = approvals.Current(in)
	if len(ch.governed) > 0 || len(ch.unjudged) > 0 || len(ch.removed) > 0 || len(ch.media) > 0 {
		v.summary.Governance = governance(cfg, ch, v.approvals, in, head)
	}

	if len(ch.posts) > 0 {
		if err := j.checkPosts(ctx, v, r, ch, facts, head); err != nil {
			return fail("%v", err)
		}
	}
	if sched, err := schedule(cfg, v.summary.Posts, j.pr.Body, j.comments, j.roles); err != nil {
		v.summary.ScheduleProblem = err.Error()
	} else {
		v.summary.Schedule = sched
	}
	v.summary.Conclusion = conclusion(v)
	return v
}

// ensureCommits makes sure the checkout has both ends of the pull request,
// fetching them when it is shallow.
func (j *judge) ensureCommits(ctx context.Context, revs ...string) error {
	var missing []string
	for _, r := range revs {
		if !j.repo.HasCommit(ctx, r) {
			missing = append(missing, r)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if err := j.repo.Fetch(ctx, "origin", missing...); err != nil {
		return fmt.Errorf("The checkout lacks commits %s and fetching them failed (%v). Check out with actions/checkout and fetch-depth: 0.", strings.Join(shorts(missing), ", "), err)
	}
	return nil
}

// maxListedFiles is how many of a pull request's files GitHub lists.
const maxListedFiles = 3000

// changes sorts the pull request's files.
type changes struct {
	posts    []string
	renamed  map[string]string // new path → old
	removed  []string
	governed []string
	// unjudged are files in the content folders that are no posts: they
	// need the config stage, as Greenlight cannot judge them.
	unjudged []string
	// media are files outside the content folders that posts publish
	// with them: they need the config stage too (see referencedMedia).
	media []summary.MediaUse
	hunks map[string]diffhunk.Lines
}

// classify finds the posts the pull request adds or changes (by the
// config's content globs, relative to the config's folder), the posts it
// removes, and the files that govern how posts are judged.
func classify(cfg *config.Config, configPath string, files []pullreq.File) changes {
	c := changes{renamed: map[string]string{}, hunks: map[string]diffhunk.Lines{}}
	isGoverned := governedBy(cfg, configPath)
	for _, f := range files {
		name, prev := f.Path, f.Previous
		if isGoverned(name) || (prev != "" && isGoverned(prev)) {
			c.governed = append(c.governed, name)
		}
		// A post renamed to a path that is no post (archive/, a.md.bak)
		// is taken down as surely as a removed one.
		if prev != "" && isPostAt(cfg, configPath, prev) && !isPostAt(cfg, configPath, name) {
			c.removed = append(c.removed, prev)
		}
		rel, ok := configRelative(configPath, name)
		if !ok {
			continue
		}
		if !cfg.IsPost(rel) {
			if f.Status != "removed" && !isGoverned(name) && cfg.Unjudged(rel) {
				c.unjudged = append(c.unjudged, name)
			}
			continue
		}
		if f.Status == "removed" {
			c.removed = append(c.removed, name)
			continue
		}
		c.posts = append(c.posts, name)
		if prev != "" {
			c.renamed[name] = prev
		}
		if h, err := diffhunk.Parse(f.Patch); err == nil {
			c.hunks[name] = h
		}
	}
	slices.Sort(c.posts)
	return c
}

// governedBy reports whether a repository path governs how the posts of
// cfg, whose file is at configPath, are judged.
func governedBy(cfg *config.Config, configPath string) func(string) bool {
	var governing []string
	for _, d := range cfg.ReadPaths() {
		if p, ok := repoPath(configPath, d); ok {
			governing = append(governing, p)
		}
	}
	return func(p string) bool {
		// .github/ holds the workflows, the local actions they run and
		// CODEOWNERS, which branch protection relies on; CODEOWNERS may
		// also sit at the root or in docs/.
		// greenlight.lock picks the shared rulebooks' commits.
		if p == configPath || p == lockPath(configPath) || strings.HasPrefix(p, ".github/") || p == "action.yml" || p == "CODEOWNERS" || p == "docs/CODEOWNERS" {
			return true
		}
		// Attributes change what a checkout (a posting tool's) reads from
		// the committed bytes, and submodules what it contains at all.
		if base := path.Base(p); base == ".gitattributes" || base == ".gitmodules" {
			return true
		}
		return slices.ContainsFunc(governing, func(d string) bool { return p == d || strings.HasPrefix(p, d+"/") })
	}
}

// members reads who holds each role: listed users, and the members of
// its team, with the teams token when there is one, each team read once
// per pull request judged. A team that cannot be read fails the run: without it
// Greenlight cannot tell whose approval counts.
func (j *judge) members(ctx context.Context, cfg *config.Config) (config.Members, error) {
	reader := j.o.teamsReader()
	teams, err := history.ReadTeams(ctx, j.s.pulls.TeamMembers, cfg, func(r *config.Role, err error) error { return teamError(r, reader, err) })
	if err != nil {
		return nil, err
	}
	return cfg.Members(teams), nil
}

// teamError says why a team could not be read, with which token (named,
// never shown), and the two ways to a token that can read it.
func teamError(r *config.Role, reader string, err error) error {
	if code, answer, ok := ghapi.Refused(err); ok { // a rate limit is no missing permission
		missing := ""
		if code == 404 {
			missing = " (or the team does not exist: check its slug)"
		}
		return fmt.Errorf("Cannot read the members of team %s (role %q): GitHub answered %s to %s, which cannot read the organization's teams%s. "+
			"Either make the action's token a GitHub App installation token with the organization permission Members: read "+
			"(the app-id and app-private-key inputs), or give the action a teams-token, used only to read teams, that can: a token with read:org, "+
			"or a fine-grained one with the organization permission Members: read. Or list the role's users in greenlight.hcl instead. "+
			"See the README's \"Tokens\".", r.Team, r.Name, answer, reader, missing)
	}
	return fmt.Errorf("Cannot read the members of team %s (role %q) with %s: %s", r.Team, r.Name, reader, ghapi.Explain(err))
}

// teamsReader names the token teams are read with, for a message; never
// the token itself.
func (o Options) teamsReader() string {
	switch {
	case o.TeamsToken != "":
		return "the teams-token"
	case o.App != nil:
		return fmt.Sprintf("the action's token, GitHub App %d's installation token", o.App.ID)
	case ghapi.IsInstallationToken(o.Token):
		return "the action's token, an installation token (the workflow's GITHUB_TOKEN, or a GitHub App's)"
	}
	return "the action's token"
}

// staleness compares each approved commit with the head once, however
// many posts there are.
//
// A rename that keeps the text keeps the approvals of a post only when the
// old path was a post too: a file moved into a content folder (a rejected
// draft kept in notes/, say) was never approved as a post, whatever
// approvals the pull request has at a commit where it sat elsewhere.
//
// A post is published with its media (see assetPaths), so an approval is
// stale too when a file the post, as it reads at the head, may use
// differs from the approved commit's: at the head, and at base for a file
// the pull request does not change, since the merge takes that file from
// the base. That is also why the head's own approvals are asked about.
func (j *judge) staleness(ctx context.Context, cfg *config.Config, base, head string, files []pullreq.File, posts []string) approvals.Staleness {
	c := &approvalCheck{ctx: ctx, j: j, cfg: cfg, base: base, head: head, posts: posts,
		changed: map[string]bool{}, diffs: map[[2]string]gitrepo.Changes{}, errs: map[string]error{}}
	for _, f := range files {
		c.changed[strings.ToLower(f.Path)] = true
		if f.Previous != "" {
			c.changed[strings.ToLower(f.Previous)] = true
		}
	}
	return c.stale
}

// approvalCheck is what staleness keeps between questions: each diff, and
// the media of the pull request's posts at the head, read once.
type approvalCheck struct {
	// ctx is the judging's, which the check lives no longer than.
	ctx        context.Context
	j          *judge
	cfg        *config.Config
	base, head string
	posts      []string
	changed    map[string]bool // the pull request's files
	diffs      map[[2]string]gitrepo.Changes
	errs       map[string]error // by commit: it cannot be read
	assets     map[string][]string
	unknown    map[string]error // by post: a link on the way to its media points out of the repository
	assetsErr  error
}

func (c *approvalCheck) stale(commit, p string) (bool, error) {
	d, err := c.diff(commit, c.head)
	if err != nil {
		return true, err
	}
	if ch, ok := d[p]; ok && ch.From != "" && !isPostAt(c.cfg, c.j.o.ConfigPath, ch.From) {
		return true, nil
	}
	if d.ContentChanged(p) {
		return true, nil
	}
	if !isPostAt(c.cfg, c.j.o.ConfigPath, p) {
		return false, nil
	}
	assets, err := c.assetsOf(p)
	if err != nil {
		return true, err
	}
	if slices.ContainsFunc(assets, func(a string) bool { return fileChanged(d, a) }) {
		return true, nil
	}
	var kept []string // the files the merge takes from the base
	for _, a := range assets {
		if !c.changedByPR(a) {
			kept = append(kept, a)
		}
	}
	if len(kept) == 0 {
		return false, nil
	}
	bd, err := c.diff(commit, c.base)
	if err != nil {
		return true, err
	}
	return slices.ContainsFunc(kept, func(a string) bool { return fileChanged(bd, a) }), nil
}

// changedByPR reports whether the pull request changes the file at p, or
// the entry of a folder above it (a submodule, a link) that p is read
// through: the merge then takes p from the head.
func (c *approvalCheck) changedByPR(p string) bool {
	p = strings.ToLower(p)
	for {
		if c.changed[p] {
			return true
		}
		i := strings.LastIndex(p, "/")
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// fileChanged reports whether a file a post may use at p differs between
// a diff's commits. Paths are compared regardless of case, as a posting
// tool on a case-insensitive file system reads Logo.PNG as logo.png, and
// as the owners check compares them; unlike a post, a file renamed to p is
// new there, whatever its bytes: p held something else, or nothing. A
// change of an entry that is a folder above p (a submodule bumped, a link
// pointed elsewhere) changes what p reads as well, though git lists no
// change at p itself.
func fileChanged(d gitrepo.Changes, p string) bool {
	for path, ch := range d {
		switch {
		case strings.EqualFold(path, p) && (ch.Status == "R" || d.ContentChanged(path)):
			return true
		case ch.From != "" && strings.EqualFold(ch.From, p) && d.ContentChanged(ch.From):
			return true
		case below(p, path) && d.ContentChanged(path), ch.From != "" && below(p, ch.From) && d.ContentChanged(ch.From):
			return true
		}
	}
	return false
}

// diff is the diff between the commits, fetching from when the checkout
// lacks it.
func (c *approvalCheck) diff(from, to string) (gitrepo.Changes, error) {
	if err, ok := c.errs[from]; ok {
		return nil, err
	}
	if d, ok := c.diffs[[2]string{from, to}]; ok {
		return d, nil
	}
	if !c.j.repo.HasCommit(c.ctx, from) {
		if err := c.j.repo.Fetch(c.ctx, "origin", from); err != nil {
			c.errs[from] = fmt.Errorf("commit %s is not in the checkout and cannot be fetched", short(from))
			return nil, c.errs[from]
		}
	}
	d, err := c.j.repo.Diff(c.ctx, from, to)
	if err != nil {
		c.errs[from] = err
		return nil, err
	}
	c.diffs[[2]string{from, to}] = d
	return d, nil
}

// assetsOf are the files post p may use as it reads at the head, and
// those a checkout reads for them through symlinks; the pull request's
// posts are read together, once. It is an error when a link on the way
// points out of the repository: what the post publishes is unknown.
func (c *approvalCheck) assetsOf(p string) ([]string, error) {
	if c.assets == nil && c.assetsErr == nil {
		c.assetsErr = c.readAssets()
	}
	if c.assetsErr != nil {
		return nil, c.assetsErr
	}
	return c.assets[p], c.unknown[p]
}

// readAssets reads the media of the pull request's posts at the head and
// follows the symlinks on their way, at the head and at the base: a
// checkout of the merge reads each link from the one or the other, and a
// swapped file behind a link changes what the post publishes as surely
// as a swapped link.
func (c *approvalCheck) readAssets() error {
	media, err := c.j.s.readMedia(c.ctx, c.cfg, c.head, c.posts)
	if err != nil {
		return err
	}
	var sides []links
	for _, rev := range []string{c.head, c.base} {
		l, err := c.j.s.linksAt(c.ctx, rev)
		if err != nil {
			return err
		}
		sides = append(sides, l)
	}
	c.assets, c.unknown = map[string][]string{}, map[string]error{}
	for post, m := range media {
		var paths []string
		for _, a := range assetPaths(c.j.o.ConfigPath, post, m.srcs) {
			for _, l := range sides {
				read, ok := l.readAs(a)
				if !ok && c.unknown[post] == nil {
					c.unknown[post] = fmt.Errorf("%s may publish %s, which a symlink points out of the repository (or round in a loop), so what it shows is unknown", post, a)
				}
				for _, r := range read {
					if !slices.Contains(paths, r) {
						paths = append(paths, r)
					}
				}
			}
		}
		c.assets[post] = paths
	}
	return nil
}

// isPostAt reports whether the repository path p is a post of cfg, whose
// file is at configPath.
func isPostAt(cfg *config.Config, configPath, p string) bool {
	rel, ok := configRelative(configPath, p)
	return ok && cfg.IsPost(rel)
}

// configRelative is the repository path p relative to the folder of the
// config at configPath, as the config's globs are written; ok is false
// when p lies outside that folder.
func configRelative(configPath, p string) (string, bool) {
	dir := path.Dir(configPath)
	if dir == "." {
		return p, true
	}
	return strings.CutPrefix(p, dir+"/")
}

// governance decides whether a change to how posts are judged has the
// config stage's approval: enough people in the stage's roles, not the
// author, who approved a commit after which the governing files did not
// change.
func governance(cfg *config.Config, ch changes, current []approvals.Approval, in approvals.Input, head string) *summary.Governance {
	files := ch.governed
	g := &summary.Governance{Files: files, Unjudged: ch.unjudged, Media: ch.media, Removed: ch.removed, Stage: cfg.Settings.ConfigStage}
	stage := cfg.Stage(cfg.Settings.ConfigStage)
	if stage == nil {
		if cfg.File == "" {
			g.Problem = "The base branch has no greenlight.hcl, so no stage guards it yet: once one is merged, its `" + g.Stage + "` stage will."
			g.ApprovedBy = []string{"(bootstrap)"}
			return g
		}
		g.Problem = fmt.Sprintf("It needs the approval of stage %q (greenlight.config_stage), which the config does not declare. Declare the stage, e.g. `stage %q { approvers = [role.admins] when = \"config\" }`.", g.Stage, g.Stage)
		return g
	}
	g.Needed = stage.MinApprovals
	for _, a := range current {
		if in.Authored(a.User) || !holdsAny(a.Roles, stage) {
			continue
		}
		if len(a.Stages) > 0 && !slices.Contains(a.Stages, stage.Name) {
			continue
		}
		stale := false
		for _, f := range slices.Concat(files, g.Unjudged, mediaPaths(g.Media), g.Removed) {
			if a.Commit != head {
				if s, err := in.Stale(a.Commit, f); err != nil || s {
					stale = true
				}
			}
		}
		if !stale && !slices.Contains(g.ApprovedBy, a.User) {
			g.ApprovedBy = append(g.ApprovedBy, a.User)
		}
	}
	return g
}

func holdsAny(roles []string, s *config.Stage) bool {
	return slices.ContainsFunc(s.Approvers, func(r *config.Role) bool { return slices.Contains(roles, r.Name) })
}

// conclusion fails on problems, findings at or above the threshold, a
// pending stage, or an unapproved governance change.
func conclusion(v *verdict) string {
	if len(v.summary.Problems) > 0 || len(v.summary.PendingStages()) > 0 {
		return "failure"
	}
	if g := v.summary.Governance; g != nil && !g.Satisfied() {
		return "failure"
	}
	if m, ok := finding.Max(v.findings); ok && m >= v.failOn {
		return "failure"
	}
	return "success"
}

// nextStages are, for a post, the pending stages no other pending stage
// comes before: the people to ask now.
func nextStages(stages []signoff.Stage) []string {
	var out []string
	for _, s := range stages {
		if s.Pending && len(s.WaitingFor) == 0 {
			out = append(out, s.Name)
		}
	}
	return out
}

// requests are the reviewers to ask for the next stages: the stage's
// listed users and team members who have not approved it (never the
// author); a team of the repository's organization is asked as a team.
func requests(cfg *config.Config, owner string, authored func(string) bool, stages map[string][]string, members config.Members) (users, teams []string) {
	for name, approvedBy := range stages {
		s := cfg.Stage(name)
		if s == nil {
			continue
		}
		for _, r := range s.Approvers {
			if org, slug, ok := strings.Cut(r.Team, "/"); ok && strings.EqualFold(org, owner) {
				if !slices.Contains(teams, slug) {
					teams = append(teams, slug)
				}
				continue
			}
			for _, u := range members[r.Name] {
				if authored(u) || slices.ContainsFunc(approvedBy, func(a string) bool { return strings.EqualFold(a, u) }) {
					continue
				}
				if !slices.Contains(users, u) {
					users = append(users, u)
				}
			}
		}
	}
	slices.Sort(users)
	slices.Sort(teams)
	return users, teams
}

// reviewFacts wraps the facts map for the engine.
func reviewFacts(facts map[string]*review.Facts) func(string) *review.Facts {
	return func(p string) *review.Facts { return facts[p] }
}

// escapePath escapes each segment of a repository path for a URL, so a
// file name cannot end the Markdown link it is put in.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		parts[i] = url.PathEscape(part)
	}
	return strings.Join(parts, "/")
}

func short(sha string) string {
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}

func shorts(shas []string) []string {
	out := make([]string, len(shas))
	for i, s := range shas {
		out[i] = short(s)
	}
	return out
}

// maxHeads bounds the heads a summary comment records: a pull request
// pushed to for months must not outgrow the 65,536 characters GitHub lets
// a comment hold (a head takes about 70).
const maxHeads = 200

// seenHeads are the heads earlier runs saw, with head added (seen now)
// if no run saw it, and only the maxHeads most recently seen kept. A
// dropped head that comes back is seen anew, later: a command written in
// between does not count, which errs on the side of blocking.
func seenHeads(prev map[string]time.Time, head string, now time.Time) map[string]time.Time {
	out := maps.Clone(prev)
	if out == nil {
		out = map[string]time.Time{}
	}
	if _, ok := out[head]; !ok {
		out[head] = now
	}
	if len(out) <= maxHeads {
		return out
	}
	// The current head stays; of the others the newest, equal times by
	// commit, so that every run cuts the same.
	others := slices.DeleteFunc(slices.Collect(maps.Keys(out)), func(sha string) bool { return sha == head })
	slices.SortFunc(others, func(a, b string) int { return cmp.Or(out[b].Compare(out[a]), strings.Compare(a, b)) })
	for _, sha := range others[maxHeads-1:] {
		delete(out, sha)
	}
	return out
}

// commands are the /approve comments of people, each tied to the head
// commit at the time the run it triggered saw it (recorded in the summary
// comment, since a comment does not say which commit its author read). A
// command no run saw when it was made, or edited since, does not count.
// A command names only stages its author can approve. The commits are
// read only from the summary comment Greenlight wrote, never from one
// that anyone else wrote with its marker.
func (j *judge) commands(ctx context.Context, cfg *config.Config, head string) ([]approvals.Command, summary.Record, []string, error) {
	var prev summary.Record
	own, err := j.w.Own(ctx, j.comments, summary.Marker(j.pr.BaseRef))
	if err != nil {
		return nil, summary.Record{}, nil, err
	}
	var notes []string
	if own != nil {
		prev = summary.ReadRecorded(own.Body)
	}
	// Anyone with write access can edit the comment: its record counts
	// only when Greenlight's check run on the head it names vouches for
	// the comment as it stands. Otherwise no earlier command counts, and
	// no head was seen before: every command is to be made again.
	if !prev.Empty() {
		vouched, err := j.w.Vouched(ctx, prev.Head, own.Body)
		if err != nil || !vouched {
			why := "it was changed since Greenlight wrote it"
			if err != nil {
				why = "Greenlight's check run that vouches for it cannot be read (" + ghapi.Explain(err) + ")"
			}
			notes = append(notes, "the record of /approve commands in the summary comment does not count, as "+why+": earlier /approve comments do not count; comment /approve again")
			prev = summary.Record{}
		}
	}
	// When a run first saw each head: kept from earlier runs, and now for
	// a head no run saw before.
	record := summary.Record{Commands: map[string]summary.Recorded{}, Heads: seenHeads(prev.Heads, head, j.o.Now().UTC()), Head: head}
	if !j.w.Self.Exact() {
		notes = append(notes, "Greenlight knows its comments only as some bot's, which another App or workflow could write: "+
			"give the action its app-slug (or use the workflow's GITHUB_TOKEN or app-id) so that /approve records cannot be forged")
	}
	var cmds []approvals.Command
	parser := command.NewParser()
	for _, c := range j.comments {
		if c.Author.Bot {
			continue
		}
		stages, ok := parser.Approve(c.Body)
		if !ok {
			continue
		}
		user, id := c.Author.Login, strconv.FormatInt(c.ID, 10)
		updated := c.Updated
		if updated.IsZero() {
			updated = c.Created
		}
		r, seen := prev.Commands[id]
		switch {
		case seen && r.Updated.Equal(updated):
		case j.ev.Comment != nil && j.ev.Comment.ID == c.ID:
			// The comment as GitHub lists it now must be the one the
			// event delivered when its author wrote it: anyone with write
			// access can edit someone else's comment and re-run the run
			// it started, which replays the event of its creation.
			if c.Body != j.ev.Comment.Body {
				notes = append(notes, fmt.Sprintf("the /approve by @%s was edited after it was written: it does not count; comment it again", user))
				continue
			}
			if first, ok := prev.Heads[head]; !ok || !first.Before(c.Created) {
				// The head its run reads may have been pushed after the
				// comment was written (the author is told of a comment at
				// once): a command never approves text its author could
				// not have read.
				notes = append(notes, fmt.Sprintf("the /approve by @%s does not count: no run had seen the head %s before it was written, "+
					"so it may not be what @%s read; comment it again", user, short(head), user))
				continue
			}
			r = summary.Recorded{Commit: head, Updated: updated}
		default:
			notes = append(notes, fmt.Sprintf("the /approve by @%s was not seen when it was made, or was edited since: it does not count; comment it again", user))
			continue
		}
		record.Commands[id] = r
		roles := j.roles.RolesOf(user)
		var allowed []string
		for _, name := range stages {
			if s := cfg.Stage(name); s != nil && holdsAny(roles, s) {
				allowed = append(allowed, name)
			}
		}
		if len(stages) > 0 && len(allowed) == 0 {
			notes = append(notes, fmt.Sprintf("@%s cannot approve %s", user, strings.Join(stages, ", ")))
			continue
		}
		cmds = append(cmds, approvals.Command{User: user, Stages: allowed, Commit: r.Commit, At: c.Created})
	}
	return cmds, record, notes, nil
}
