package ghapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/greenlighthq/greenlight/action/redact"
)

// Explain says in one or two sentences what went wrong with a GitHub API
// call and what the user can do about it, for a check run or a log. It
// classifies err first (see Classify). It never includes a token: the
// layer puts none in errors, takes the token it sent out of the error
// answers it receives (see withoutEcho), and anything shaped like a
// GitHub token or an Authorization value that a server echoed back is
// redacted.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	return Redacted(explain(Classify(err)))
}

func explain(err error) string {
	var le *LimitError
	if errors.As(err, &le) {
		return explainLimit(le)
	}
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return explainStatus(er)
	}
	var tf *github.TwoFactorAuthError
	if errors.As(err, &tf) {
		return "GitHub asks for a two-factor code (401): the action needs a token (GITHUB_TOKEN, a GitHub App or a personal access token), not a password."
	}
	var ae *github.AcceptedError
	if errors.As(err, &ae) {
		return "GitHub accepted the request but is still computing the answer (202); re-run the job in a moment."
	}
	if errors.Is(err, context.Canceled) {
		return "The GitHub API call was cancelled before GitHub answered (the job was stopped or the action gave up)."
	}
	var at *AttemptTimeout
	if errors.As(err, &at) {
		const hint = "This is usually temporary: re-run the job, and check https://www.githubstatus.com if it keeps happening."
		if at.Reading {
			return fmt.Sprintf("GitHub's answer to %s %s did not arrive in full within %s. %s", at.Method, at.Path, at.After, hint)
		}
		again := ""
		if repeatable(at.Method, at.Path) {
			again = ", even after retrying"
		}
		return fmt.Sprintf("GitHub did not answer %s %s within %s%s. %s", at.Method, at.Path, at.After, again, hint)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "The GitHub API call ran out of time before GitHub answered; re-run the job, and check https://www.githubstatus.com if it keeps happening."
	}
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) {
		again := ", even after retrying"
		if ue != nil && !repeatable(strings.ToUpper(ue.Op), urlPath(ue.URL)) {
			// A write that may have reached GitHub (a merge) is sent once.
			again = ""
		}
		return fmt.Sprintf("Could not reach the GitHub API (%v)%s. Check the runner's network and proxy settings and GITHUB_API_URL, then re-run the job.", rootCause(err), again)
	}
	return fmt.Sprintf("The GitHub API call failed: %v.", err)
}

func explainLimit(le *LimitError) string {
	call := ""
	var er *github.ErrorResponse
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	switch {
	case errors.As(le.Err, &rl):
		call = describe(rl.Response)
	case errors.As(le.Err, &ab):
		call = describe(ab.Response)
	case errors.As(le.Err, &er):
		call = describe(er.Response)
	}
	if !le.Secondary {
		when := "when the hour's quota resets"
		if !le.Reset.IsZero() {
			when = "after " + formatTime(le.Reset) + ", when it resets"
		}
		return fmt.Sprintf("GitHub's API rate limit for this token is used up%s; re-run the job %s. A GitHub App token has a higher limit than GITHUB_TOKEN.", call, when)
	}
	wait := "a few minutes"
	switch {
	case le.RetryAfter > 24*time.Hour:
		// A server's Retry-After is its own word; past a day it is not a
		// wait worth printing to the second.
		wait = "a day or more (GitHub asked to wait " + le.RetryAfter.Round(time.Hour).String() + ")"
	case le.RetryAfter > 0:
		wait = le.RetryAfter.Round(time.Second).String()
	}
	return fmt.Sprintf("GitHub's secondary rate limit (too many requests in a short time) stopped the call%s and it was not lifted within the wait budget; re-run the job after %s, and avoid running many jobs with the same token at once.", call, wait)
}

func explainStatus(er *github.ErrorResponse) string {
	resp := er.Response
	call := describe(resp)
	status := fmt.Sprintf("%d", resp.StatusCode)
	if er.Message != "" {
		status += " " + er.Message
	}
	doc := ""
	if er.DocumentationURL != "" {
		doc = " See " + er.DocumentationURL + "."
	}
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized && appCall(resp):
		return fmt.Sprintf("GitHub rejected the GitHub App's credentials (%s)%s: check the App ID and that the private key is the App's own and not revoked (app-id and app-private-key, or GREENLIGHT_APP_ID and GREENLIGHT_APP_PRIVATE_KEY), and the runner's clock, which signs the App's JWT.", status, call)
	case code == http.StatusUnauthorized:
		return fmt.Sprintf("GitHub rejected the token (%s)%s: it is invalid, expired or revoked. Check the token the action is given (GITHUB_TOKEN or the secret passed as its token input).", status, call)
	case code == http.StatusForbidden && appOnly(er):
		return fmt.Sprintf("GitHub refused the call (%s)%s: GitHub takes check runs only from GitHub Apps, so the action's token must be "+
			"the workflow's GITHUB_TOKEN (its default) or a GitHub App's installation token (the app-id and app-private-key inputs), "+
			"not a personal access token or a machine user's. A token given only to read teams goes in teams-token.%s", status, call, doc)
	case code == http.StatusForbidden:
		need := strings.TrimSpace(resp.Header.Get("X-Accepted-GitHub-Permissions"))
		if need != "" {
			return fmt.Sprintf("GitHub refused the call (%s)%s: the token lacks %s. Grant it in the workflow's permissions block (or the GitHub App's permissions).%s", status, call, permissions(need), doc)
		}
		return fmt.Sprintf("GitHub refused the call (%s)%s: the token lacks a permission it needs. Check the workflow's permissions block (or the GitHub App's permissions) and branch protection.%s", status, call, doc)
	case code == http.StatusNotFound:
		return fmt.Sprintf("GitHub answered 404 Not Found%s: either it does not exist, or the token has no access to it (GitHub answers 404 rather than 403 for what a token cannot see). Check the owner, repository and number, and the token's access.", call)
	case code == http.StatusUnprocessableEntity:
		what := validation(er.Errors)
		if what != "" {
			what = ": " + what
		}
		return fmt.Sprintf("GitHub rejected the request as invalid (%s)%s%s.%s", status, call, what, doc)
	case code >= 500:
		return fmt.Sprintf("GitHub's API failed (%s)%s, and still did after retrying. This is usually temporary: re-run the job, and check https://www.githubstatus.com.", status, call)
	default:
		return fmt.Sprintf("GitHub refused the call (%s)%s.%s", status, call, doc)
	}
}

// Refused reports whether err is GitHub refusing a call to the token
// that made it: a 403 that is not a rate limit (as Classify reads one,
// so that a secondary limit GitHub names only in its message is no
// missing permission), or a 404, which GitHub answers for what a token
// cannot see. answer is GitHub's status and message ("404 Not Found"),
// redacted. Code that explains a refusal in its own terms (a team the
// token cannot read) asks Refused first, and Explain otherwise.
func Refused(err error) (code int, answer string, ok bool) {
	var le *LimitError
	var er *github.ErrorResponse
	if err = Classify(err); errors.As(err, &le) || !errors.As(err, &er) || er.Response == nil {
		return 0, "", false
	}
	code = er.Response.StatusCode
	if code != http.StatusForbidden && code != http.StatusNotFound {
		return 0, "", false
	}
	answer = fmt.Sprint(code)
	if er.Message != "" {
		answer += " " + Redacted(er.Message)
	}
	return code, answer, true
}

// appOnly reports whether a 403 is GitHub's refusal of an endpoint that
// only GitHub Apps may call (the check runs API) to any other token: "You
// must authenticate via a GitHub App."
func appOnly(er *github.ErrorResponse) bool {
	return strings.Contains(strings.ToLower(er.Message), "must authenticate via a github app")
}

// appCall reports whether resp answers one of the calls a GitHub App makes
// with its JWT: the token exchange (POST …/app/installations/{id}/access_tokens)
// or the installation lookup (GET …/repos/{owner}/{repo}/installation).
func appCall(resp *http.Response) bool {
	if resp.Request == nil || resp.Request.URL == nil {
		return false
	}
	p := resp.Request.URL.Path
	return (strings.Contains(p, "/app/installations/") && strings.HasSuffix(p, "/access_tokens")) ||
		(strings.Contains(p, "/repos/") && strings.HasSuffix(p, "/installation"))
}

// describe names a response's request as " on GET /path", or "".
func describe(resp *http.Response) string {
	if resp == nil || resp.Request == nil || resp.Request.URL == nil {
		return ""
	}
	return fmt.Sprintf(" on %s %s", resp.Request.Method, resp.Request.URL.Path)
}

// permissions renders X-Accepted-GitHub-Permissions: sets of permissions
// separated by ";", any one of which is enough, each a list separated by
// ",": "pull_requests=write; issues=write" becomes
// "pull_requests=write (or issues=write)".
func permissions(header string) string {
	var sets []string
	for _, s := range strings.Split(header, ";") {
		if s = strings.TrimSpace(s); s != "" {
			sets = append(sets, strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " and "))
		}
	}
	if len(sets) == 0 {
		return header
	}
	if len(sets) == 1 {
		return sets[0]
	}
	return sets[0] + " (or " + strings.Join(sets[1:], ", or ") + ")"
}

// validation renders a 422's errors: "Label.color is invalid".
func validation(errs []github.Error) string {
	var parts []string
	for _, e := range errs {
		subject := strings.Trim(e.Resource+"."+e.Field, ".")
		var p string
		switch {
		case e.Message != "" && subject != "":
			p = subject + ": " + e.Message
		case e.Message != "":
			p = e.Message
		case e.Code == "missing":
			p = subject + " does not exist"
		case e.Code == "missing_field":
			p = subject + " is missing"
		case e.Code == "already_exists":
			p = subject + " already exists"
		case e.Code != "":
			p = subject + " is " + strings.ReplaceAll(e.Code, "_", " ")
		default:
			continue
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// tokenShape matches GitHub tokens (classic, fine-grained, App and
// OAuth), JWTs (a GitHub App's) and Authorization values, should a
// server echo one back.
var tokenShape = regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*|\b(?:gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{16,}|v1\.[0-9a-f]{40})\b|(?i:\b(?:bearer|token|basic)\s+)[A-Za-z0-9_.\-+/=]{20,}`)

// Redacted is s with whatever has a token's shape taken out: the API's
// errors quote its answers, and the secret sent is not known everywhere
// they are shown (Explain, and messages of GitHub's that code quotes
// itself).
func Redacted(s string) string { return tokenShape.ReplaceAllString(s, redact.Placeholder) }

// urlPath is the path of a request's URL as a url.Error quotes it, "" when
// it does not parse.
func urlPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Path
}
