package history

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/action/stats"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
)

// mergeAfter is a "Merge-After: 2026-12-01 09:00" line in a pull
// request's description, as scheduled publishing reads it.
var mergeAfter = regexp.MustCompile(`(?mi)^[ \t]*Merge-After:[ \t]*(.+?)[ \t]*$`)

// Option changes how Fetch reads the history.
type Option func(*options)

type options struct {
	loc   *time.Location
	posts *posts
	log   func(format string, args ...any)
}

// posts reads a pull request's posts from the clone.
type posts struct {
	repo *gitrepo.Repo
	cfg  *config.Config
	dir  string
}

// WithLocation reads Merge-After times without an offset in loc, the
// config's time zone; the default is UTC.
func WithLocation(loc *time.Location) Option {
	return func(o *options) {
		if loc != nil {
			o.loc = loc
		}
	}
}

// WithPosts reads the publish time of a pull request without a
// Merge-After line from its posts' publish_at, as scheduled publishing
// does (the earliest, or the latest with schedule { due = "latest" }), in
// the clone repo: a merged pull request's posts at its merge commit, an
// open or closed one's at its head. cfg selects the posts (its content
// globs and time zone) and dir is its folder in the repository ("." at
// the top). A pull request whose commits the clone lacks keeps no publish
// time, and the log says so.
func WithPosts(repo *gitrepo.Repo, cfg *config.Config, dir string) Option {
	return func(o *options) {
		if repo != nil && cfg != nil {
			o.posts = &posts{repo: repo, cfg: cfg, dir: path.Clean(dir)}
		}
	}
}

// WithLog receives what Fetch could not read but went on without.
func WithLog(log func(format string, args ...any)) Option {
	return func(o *options) { o.log = log }
}

// Fetch reads the pull requests into base opened at or after since, with
// their reviews and commits: one listing of the pull requests (newest
// first, stopping at the first page that reaches back past since) and two
// listings per pull request. The pull requests come back by number; the
// History's Teams are left for Teams to read.
func Fetch(ctx context.Context, client *github.Client, owner, repo, base string, since time.Time, opts ...Option) (stats.History, error) {
	o := options{loc: time.UTC, log: func(string, ...any) {}}
	for _, opt := range opts {
		opt(&o)
	}
	pulls, err := ghapi.All(ctx, func(lo github.ListOptions) ([]*github.PullRequest, *github.Response, error) {
		page, resp, err := client.PullRequests.List(ctx, owner, repo, &github.PullRequestListOptions{
			State: "all", Base: base, Sort: "created", Direction: "desc", ListOptions: lo})
		if err == nil && resp != nil && len(page) > 0 && page[len(page)-1].GetCreatedAt().Time.Before(since) {
			last := *resp // the rest of the list is older still
			last.NextPage = 0
			resp = &last
		}
		return page, resp, err
	})
	if err != nil {
		return stats.History{}, fmt.Errorf("list the pull requests into %s: %s", base, ghapi.Explain(err))
	}
	h := stats.History{Repository: owner + "/" + repo, PullRequests: []stats.PullRequest{}}
	for _, p := range pulls {
		if p.GetCreatedAt().Time.Before(since) {
			continue
		}
		pr, err := pullRequest(ctx, client, owner, repo, p, o)
		if err != nil {
			return stats.History{}, err
		}
		if pr.PublishAt == nil && o.posts != nil {
			if pr.PublishAt, err = o.posts.publishAt(ctx, p); err != nil {
				o.log("#%d: %v: its publish time is unknown", p.GetNumber(), err)
			}
		}
		h.PullRequests = append(h.PullRequests, pr)
	}
	slices.SortFunc(h.PullRequests, func(a, b stats.PullRequest) int { return cmp.Compare(a.Number, b.Number) })
	return h, nil
}

// pullRequest reads one pull request's reviews and commits.
func pullRequest(ctx context.Context, client *github.Client, owner, repo string, p *github.PullRequest, o options) (stats.PullRequest, error) {
	n := p.GetNumber()
	pr := stats.PullRequest{Number: n, Author: p.GetUser().GetLogin(), Opened: p.GetCreatedAt().Time.UTC(),
		Merged: timePtr(p.MergedAt), Closed: timePtr(p.ClosedAt), Pushes: []time.Time{}, Reviews: []stats.Review{}}
	if m := mergeAfter.FindAllStringSubmatch(p.GetBody(), -1); m != nil {
		if t, err := content.ParseTime(m[len(m)-1][1], o.loc); err == nil {
			t = t.UTC()
			pr.PublishAt = &t
		}
	}
	reviews, err := ghapi.All(ctx, func(lo github.ListOptions) ([]*github.PullRequestReview, *github.Response, error) {
		return client.PullRequests.ListReviews(ctx, owner, repo, n, &lo)
	})
	if err != nil {
		return pr, fmt.Errorf("list the reviews of #%d: %s", n, ghapi.Explain(err))
	}
	for _, r := range reviews {
		if r.SubmittedAt == nil { // a pending review, not submitted yet
			continue
		}
		pr.Reviews = append(pr.Reviews, stats.Review{User: r.GetUser().GetLogin(), State: r.GetState(), Submitted: r.GetSubmittedAt().Time.UTC()})
	}
	commits, err := ghapi.All(ctx, func(lo github.ListOptions) ([]*github.RepositoryCommit, *github.Response, error) {
		return client.PullRequests.ListCommits(ctx, owner, repo, n, &lo)
	})
	if err != nil {
		return pr, fmt.Errorf("list the commits of #%d: %s", n, ghapi.Explain(err))
	}
	for _, c := range commits {
		at := c.GetCommit().GetCommitter().GetDate().Time.UTC()
		if at.Before(pr.Opened) {
			at = pr.Opened // committed before the pull request: it arrived with the opening
		}
		pr.Pushes = append(pr.Pushes, at)
	}
	slices.SortFunc(pr.Pushes, time.Time.Compare)
	return pr, nil
}

func timePtr(t *github.Timestamp) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// Teams reads the members of the teams of cfg's team roles ("org/slug" →
// logins), each team once, with client (a client of the teams token when
// there is one): what config.Config.Members needs besides the config, and
// what a recorded History keeps. reader names that token for a message, never
// showing it. A team that cannot be read is an error that says why, as the
// gate says it (ghapi.Refused): a token that cannot read the team, or,
// like any other call, a rate limit or an outage.
func Teams(ctx context.Context, client *github.Client, cfg *config.Config, reader string) (map[string][]string, error) {
	members := pullreq.New(client, nil, "", "").TeamMembers
	return ReadTeams(ctx, members, cfg, func(r *config.Role, err error) error { return teamError(r, reader, err) })
}

// ReadTeams reads the members of every team the config's roles name with
// members, each team once, as the logins of each. A team that cannot be
// read stops it with the error explain makes of it: the gate and stats
// tell their users different ways to fix it.
func ReadTeams(ctx context.Context, members func(ctx context.Context, team string) ([]string, error), cfg *config.Config,
	explain func(*config.Role, error) error) (map[string][]string, error) {
	out := map[string][]string{}
	for _, r := range cfg.Roles {
		if _, ok := out[r.Team]; ok || r.Team == "" {
			continue
		}
		logins, err := members(ctx, r.Team)
		if err != nil {
			return nil, explain(r, err)
		}
		if logins == nil {
			logins = []string{}
		}
		out[r.Team] = logins
	}
	return out, nil
}

func teamError(r *config.Role, reader string, err error) error {
	if code, answer, ok := ghapi.Refused(err); ok {
		missing := ""
		if code == 404 {
			missing = " (or the team does not exist: check its slug)"
		}
		return fmt.Errorf("cannot read the members of team %s (role %q): GitHub answered %s to %s, which cannot read the organization's teams%s; "+
			"set GREENLIGHT_TEAMS_TOKEN to a token used only to read teams that can (a token with read:org, or a fine-grained one with "+
			"the organization permission Members: read), or use a GitHub App with Members: read, or list the role's users in the config",
			r.Team, r.Name, answer, reader, missing)
	}
	return fmt.Errorf("cannot read the members of team %s (role %q) with %s: %s", r.Team, r.Name, reader, ghapi.Explain(err))
}

// publishAt is the publish time of the posts p adds or changes, read from
// the clone; nil when none has one.
func (ps *posts) publishAt(ctx context.Context, p *github.PullRequest) (*time.Time, error) {
	from, at := "", p.GetHead().GetSHA()
	if p.GetMerged() || p.MergedAt != nil {
		at = p.GetMergeCommitSHA()
		if at == "" || !ps.repo.HasCommit(ctx, at) {
			return nil, fmt.Errorf("the clone lacks its merge commit %.7s (check out with fetch-depth: 0)", at)
		}
		from = at + "^1"
	} else {
		base := p.GetBase().GetSHA()
		if at == "" || !ps.repo.HasCommit(ctx, at) || !ps.repo.HasCommit(ctx, base) {
			return nil, fmt.Errorf("the clone lacks its head %.7s or base %.7s (fetch its branch)", at, base)
		}
		var err error
		if from, err = ps.repo.MergeBase(ctx, base, at); err != nil {
			return nil, err
		}
	}
	changes, err := ps.repo.Diff(ctx, from, at)
	if err != nil {
		return nil, err
	}
	parser := content.NewParser(ps.cfg.Settings.Location, ps.cfg.Settings.FrontMatterKeys...)
	var times []time.Time
	for name := range changes {
		if !changes.ContentChanged(name) || !ps.isPost(name) {
			continue
		}
		src, err := ps.repo.ReadFile(ctx, at, name)
		if err != nil {
			return nil, err
		}
		post, _ := parser.Parse(name, src)
		if post != nil && post.Front.PublishAt != nil {
			times = append(times, post.Front.PublishAt.UTC())
		}
	}
	if len(times) == 0 {
		return nil, nil
	}
	slices.SortFunc(times, time.Time.Compare)
	t := times[0]
	if ps.cfg.Schedule.Due == "latest" {
		t = times[len(times)-1]
	}
	return &t, nil
}

// isPost reports whether the file at name (from the repository's top) is
// a post the config selects.
func (ps *posts) isPost(name string) bool {
	rel := name
	if ps.dir != "." {
		var ok bool
		if rel, ok = strings.CutPrefix(name, ps.dir+"/"); !ok {
			return false
		}
	}
	return ps.cfg.IsPost(rel)
}
