package ghreport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/pullreq"
)

// Self is the account a run's token writes as, which tells the comments
// Greenlight wrote from everyone else's. Its hidden markers do not: anyone
// can write one, and a marked comment by the pull request's author must
// never pass for Greenlight's (a reminder "already sent", a summary whose
// recorded commands it made up) nor be edited as one.
//
// A GitHub App installation token, which the workflow's GITHUB_TOKEN is
// too, writes as the app's bot (github-actions[bot], <app-slug>[bot]), and
// GET /user refuses it (403). When the caller knows that bot's login (the
// workflow's token, an App's slug), only its comments are Greenlight's;
// otherwise they are told by their author being a Bot, as no person's
// account is one, though another App or workflow could write one. A person's or a machine user's
// token (classic or fine-grained) writes as that user, whose login GET
// /user answers: only that user's comments are Greenlight's then, not
// another bot's either.
//
// Self asks GitHub at most once, and only when it must: when a marked
// comment is to be judged and the token is not known to be an
// installation's. Its zero value, and a nil *Self, know that much: the
// token writes as a bot.
type Self struct {
	client *github.Client
	// bot is the login an installation token writes as, when known.
	bot   string
	asked bool
	// login is the token's user; "" when the token writes as a bot.
	login string
	err   error
}

// NewSelf returns the account client's token writes as. installation
// says the token is known to be a GitHub App installation's (an App's
// credentials, or see ghapi.IsInstallationToken), so GitHub need not be
// asked; bot, when not empty, is the login it writes as.
func NewSelf(client *github.Client, installation bool, bot string) *Self {
	return &Self{client: client, asked: installation, bot: bot}
}

// Exact reports whether Self knows the very account the token writes as,
// rather than only that it is some bot.
func (s *Self) Exact() bool { return s != nil && (s.bot != "" || s.login != "") }

// Wrote reports whether the token's account is author. The first call
// with a token that may be a user's asks GitHub who that is; an answer
// other than a user or an installation's refusal is an error, on that
// call and every later one: then no comment can be told to be
// Greenlight's, and none is.
func (s *Self) Wrote(ctx context.Context, author pullreq.User) (bool, error) {
	if s == nil || s.client == nil {
		return author.Bot, nil
	}
	if !s.asked {
		s.asked = true
		u, _, err := s.client.Users.Get(ctx, "")
		code, _, refused := ghapi.Refused(err)
		switch {
		case err == nil && u.GetLogin() != "":
			s.login = u.GetLogin()
		case err == nil:
			s.err = errors.New("GitHub did not say whose the token is (GET /user answered no login)")
		case refused && code == http.StatusForbidden:
			// An installation's token (a 403 that is no rate limit): its
			// account is its app's bot.
		default:
			s.err = fmt.Errorf("read whose the token is: %w", err)
		}
	}
	if s.err != nil {
		return false, s.err
	}
	if s.login == "" {
		if s.bot != "" {
			return author.Bot && strings.EqualFold(author.Login, s.bot), nil
		}
		return author.Bot, nil
	}
	return strings.EqualFold(author.Login, s.login), nil
}

// ran reports whether Greenlight's account wrote the check run: its app
// is the bot's, when the bot's login is known; any App's otherwise, as
// only an App writes check runs.
func (s *Self) ran(run *github.CheckRun) bool {
	if s == nil || s.bot == "" {
		return true
	}
	slug, _ := strings.CutSuffix(s.bot, "[bot]")
	return strings.EqualFold(run.GetApp().GetSlug(), slug)
}

// Find returns the first of comments whose body matches and that the
// token's account wrote. Only comments that match are judged by their
// author, so GitHub is asked who the token is only when one does.
func (s *Self) Find(ctx context.Context, comments []pullreq.Comment, match func(body string) bool) (*pullreq.Comment, error) {
	for i, c := range comments {
		if !match(c.Body) {
			continue
		}
		mine, err := s.Wrote(ctx, c.Author)
		if err != nil {
			return nil, err
		}
		if mine {
			return &comments[i], nil
		}
	}
	return nil, nil
}
