package action

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/event"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/ghreport"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/pullreq"
	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/hashicorp/hcl/v2"
)

// session is what every run starts from: the event, the API and the
// checkout.
type session struct {
	o  Options
	ev event.Event
	// pulls reads the pull requests, their reviews and comments, the
	// roles' teams (with Options.TeamsToken when set) and the branches.
	pulls pullreq.Reader
	// client writes what the run reports (see ghreport).
	client *github.Client
	// repo is the clone the workflow checked out, at clone.
	repo  checkout
	clone string
	// self tells the comments this run's token wrote, every pull
	// request's: who the token is is read at most once per run.
	self *ghreport.Self
	// tips are the branches' head commits, each read once per run.
	tips map[string]string
	// rules are the bases' rules read so far (see rulesAt), extracted
	// into dir, which close removes.
	rules map[rulesKey]*rules
	dir   string
	// build compiles a base's rules: engine.New, which tests count.
	build func(context.Context, *config.Config, engine.Options) (*engine.Engine, hcl.Diagnostics)
	// links are the symlinks of each commit read so far (see linksAt).
	links map[string]links
	// publishing is set by a publish run, whose merges send every post
	// of a pull request out at once (see engine.Options.Publishing).
	publishing bool
}

// tip is the commit branch points at now, read from GitHub once per run.
// A pull request's base.sha is where its base stood when GitHub last
// computed it, not where it stands: rules merged since would not apply.
func (s *session) tip(ctx context.Context, branch string) (string, error) {
	if sha, ok := s.tips[branch]; ok {
		return sha, nil
	}
	sha, err := s.pulls.BranchTip(ctx, branch)
	if err != nil {
		return "", err
	}
	if s.tips == nil {
		s.tips = map[string]string{}
	}
	s.tips[branch] = sha
	return sha, nil
}

func start(ctx context.Context, o Options) (*session, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.ConfigPath == "" {
		o.ConfigPath = "greenlight.hcl"
	}
	ev, err := o.event()
	if err != nil {
		return nil, err
	}
	if o.Token == "" && o.App == nil {
		return nil, errors.New("no GitHub token: pass the action's token input (the workflow's GITHUB_TOKEN by default)")
	}
	if o.App != nil && o.App.InstallationID == 0 {
		o.App.Owner, o.App.Repo = ev.Owner, ev.Repo
	}
	api := ghapi.Options{BaseURL: o.Env.APIURL, Token: o.Token, App: o.App, Transport: o.Transport, Sleep: o.Sleep,
		Timeout: o.Timeout, Log: func(format string, args ...any) { fmt.Fprintf(o.Log, format+"\n", args...) }}
	client, err := ghapi.New(api)
	if err != nil {
		return nil, err
	}
	var teams *github.Client
	if o.TeamsToken != "" {
		api.Token, api.App = o.TeamsToken, nil
		if teams, err = ghapi.New(api); err != nil {
			return nil, err
		}
	}
	repo, err := gitrepo.Open(ctx, workspace(o.Env))
	if err != nil {
		return nil, fmt.Errorf("the workflow must check out the repository before this step (actions/checkout with fetch-depth: 0): %w", err)
	}
	bot := o.BotLogin
	if o.App != nil && o.App.Slug != "" {
		bot = o.App.Slug + "[bot]"
	}
	self := ghreport.NewSelf(client, o.App != nil || ghapi.IsInstallationToken(o.Token), bot)
	return &session{o: o, ev: ev, pulls: pullreq.New(client, teams, ev.Owner, ev.Repo), client: client,
		repo: repo, clone: repo.Dir, self: self, build: engine.New}, nil
}

// checkout is what a run reads of the git clone: which commits it has,
// fetching those it lacks, their files and what changed between two.
// gitrepo.Repo is it; tests judge without git through a fake.
type checkout interface {
	HasCommit(ctx context.Context, rev string) bool
	Fetch(ctx context.Context, remote string, revs ...string) error
	EnsureCommits(ctx context.Context, remote string, revs ...string) error
	Extract(ctx context.Context, rev string, paths []string, dest string) ([]gitrepo.Unwritten, error)
	Diff(ctx context.Context, from, to string) (gitrepo.Changes, error)
	Between(ctx context.Context, from, to string) ([]gitrepo.Commit, error)
	Grep(ctx context.Context, rev string, words []string, paths ...string) ([]string, error)
	CleanMerge(ctx context.Context, merge string, parents []string) bool
	Links(ctx context.Context, rev string) (map[string]string, error)
}

var _ checkout = (*gitrepo.Repo)(nil)

func (s *session) judgeOf(pr pullreq.PullRequest) *judge {
	ev := event.Event{Name: s.ev.Name, Owner: s.ev.Owner, Repo: s.ev.Repo, PullRequest: pr.Number}
	return &judge{s: s, o: s.o, ev: ev, repo: s.repo, pr: pr,
		w: ghreport.Writer{Client: s.client, Self: s.self, PR: ghreport.PullRequest{Owner: ev.Owner, Repo: ev.Repo, Number: ev.PullRequest,
			Head: pr.HeadSHA, Base: pr.BaseRef}}}
}
