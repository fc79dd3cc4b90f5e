package ghreport

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/ghapi"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/pullreq"
)

// Self tells Greenlight's comments by their author: with an
// installation's token a Bot's, with a user's token that user's alone. It
// asks GitHub who the token is once at most, only for a comment that
// carries the marker, never for a token known to be an installation's; and
// when it cannot tell, no comment is Greenlight's.
func TestSelfTellsCommentsByTheirAuthor(t *testing.T) {
	bot := pullreq.User{Login: "github-actions[bot]", Bot: true}
	app := pullreq.User{Login: "greenlight-app[bot]", Bot: true}
	machine := pullreq.User{Login: "Greenlight-Bot"}
	author := pullreq.User{Login: "ada"}
	tests := []struct {
		name string
		// user is the fake's User (the token's account); "" for an
		// installation's.
		user string
		// installation: the token is known to be an installation's.
		installation bool
		fail         *fakegithub.Failure
		// mine are the authors whose comments are Greenlight's; nil with
		// err.
		mine []pullreq.User
		err  string
		// asked is how many GET /user requests were sent.
		asked int
	}{
		{name: "an installation's token known by its prefix: a bot's comments, without asking", installation: true,
			mine: []pullreq.User{bot, app}},
		{name: "a token GitHub refuses GET /user (an installation's, unknown by its prefix): a bot's comments",
			mine: []pullreq.User{bot, app}, asked: 1},
		{name: "a machine user's token: that user's comments alone, not a bot's", user: "greenlight-bot",
			mine: []pullreq.User{machine}, asked: 1},
		{name: "GitHub failing through the retries: no comment is Greenlight's", user: "greenlight-bot",
			fail: &fakegithub.Failure{Status: 502, Times: 100}, err: "502", asked: 5},
		{name: "a rate limit on GET /user is not taken for an installation's refusal", user: "greenlight-bot",
			fail: &fakegithub.Failure{Status: 403, Times: 100, Body: `{"message":"API rate limit exceeded for user ID 1."}`,
				Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)}},
			err: "rate limit", asked: 1},
		{name: "nor is a secondary limit's 403, which go-github v60 leaves unclassified", user: "greenlight-bot",
			fail: &fakegithub.Failure{Status: 403, Times: 100, Header: map[string]string{"Retry-After": "3600"},
				Body: `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`},
			err: "secondary rate limit", asked: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gh := fakegithub.New(t, fakegithub.PR{Number: 7, Author: "ada", Head: "abc123", Base: "b", BaseRef: "main"})
			gh.User = tt.user
			if tt.fail != nil {
				gh.Fail["GET /user"] = tt.fail
			}
			c, err := ghapi.New(ghapi.Options{BaseURL: gh.URL, Token: "t", Sleep: func(context.Context, time.Duration) error { return nil }})
			if err != nil {
				t.Fatal(err)
			}
			self := NewSelf(c, tt.installation, "")
			ctx := context.Background()
			marked := func(who pullreq.User) pullreq.Comment {
				return pullreq.Comment{Author: who, Body: "<!-- greenlight:summary base=main -->\n…"}
			}
			// A comment without the marker asks nothing.
			plain := pullreq.Comment{Author: author, Body: "Looks good."}
			if got, err := self.Find(ctx, []pullreq.Comment{plain}, func(b string) bool { return strings.HasPrefix(b, "<!-- greenlight:") }); got != nil || err != nil || gh.Count("GET /user") != 0 {
				t.Fatalf("no marked comment: found %v, %v, after %d questions; want nothing, and no question", got, err, gh.Count("GET /user"))
			}
			for _, who := range []pullreq.User{author, bot, app, machine, author} {
				comments := []pullreq.Comment{plain, marked(who)}
				got, err := self.Find(ctx, comments, func(b string) bool { return strings.HasPrefix(b, "<!-- greenlight:") })
				if tt.err != "" {
					if err == nil || !strings.Contains(err.Error(), tt.err) {
						t.Errorf("%s's comment: %v, %v; want the error %q", who.Login, got, err, tt.err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s's comment: %v", who.Login, err)
				}
				want := false
				for _, m := range tt.mine {
					want = want || m == who
				}
				if (got != nil) != want {
					t.Errorf("%s's marked comment taken for Greenlight's: %v, want %v", who.Login, got != nil, want)
				}
			}
			if n := gh.Count("GET /user"); n != tt.asked {
				t.Errorf("GitHub was asked who the token is %d times, want %d", n, tt.asked)
			}
		})
	}
}
