// Package fakegithub is an in-memory GitHub REST API for tests: the
// endpoints the Action calls, answering with GitHub's own example payloads
// (../shared/testdata/github-api) with the fields a test sets, and keeping
// what the Action writes (check runs, comments, reviews, review requests)
// so tests assert on it. GitHub itself is never reached from tests.
package fakegithub

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action/ghapi"
)

// Request is one request the fake served.
type Request struct {
	Method, Path string
	Body         map[string]any
	// Auth is the Authorization header the request carried.
	Auth string
}

// Review, File, Comment and CheckRun are the state a test sets or reads.
type Review struct {
	ID        int64
	User      string
	State     string
	Commit    string
	Submitted time.Time
}

type File struct {
	Name, Status, Patch, Previous string
}

type Comment struct {
	ID      int64
	User    string
	Bot     bool
	Body    string
	Created time.Time
	// Updated is the last edit; zero means never edited.
	Updated time.Time
}

// Commit is one commit of a pull request, as GET pulls/N/commits lists it.
type Commit struct {
	SHA       string
	Committed time.Time // the committer date
	// Author and Committer are the logins GitHub ties git's author and
	// committer to; empty, GitHub ties them to no account (null).
	Author, Committer string
	// Parents are the parents' SHAs; none, the payload's one example parent.
	Parents []string
}

type ReviewComment struct {
	Path string
	Line int
	Body string
	// User wrote it, a Bot when Bot; a comment the token posted is its
	// account's, as an issue comment is.
	User string
	Bot  bool
}

type CheckRun struct {
	ID            int64
	Name, HeadSHA string
	// App is the slug of the App that wrote it; "" keeps the payload's.
	App                string
	ExternalID         string
	Status, Conclusion string
	Title, Summary     string
	Annotations        []map[string]any
	Updates            int
}

// PR is the pull request the fake serves.
type PR struct {
	Number             int
	Author             string
	Head, HeadRef      string
	Base, BaseRef      string
	RequestedReviewers []string
	RequestedTeams     []string
	// HeadRepo, when set, is the full name of the fork the head is in;
	// empty, the head is a branch of the repository itself.
	HeadRepo string
}

// Pull is one pull request's state.
type Pull struct {
	PR             PR
	Body           string
	Draft          bool
	Files          []File
	Reviews        []Review
	Comments       []Comment
	ReviewComments []ReviewComment
	ReviewsPosted  []map[string]any
	// ReviewRequests are the bodies of each request for reviewers.
	ReviewRequests []map[string]any
	Labels         []string
	// Merges are the bodies of merge requests; Merged is set by a merge
	// that succeeded, with the merge commit's SHA.
	Merges   []map[string]any
	Merged   bool
	MergeSHA string
	// Created, MergedAt and ClosedAt are the pull request's times, for a
	// history of every state (GET pulls?state=all lists them by Created);
	// while Created is zero the example payload's times are served as they
	// are. A non-zero MergedAt or ClosedAt makes the pull request closed.
	Created, MergedAt, ClosedAt time.Time
	// Commits are what GET pulls/N/commits lists.
	Commits []Commit
}

// Server is the fake API. Lock Mu to read or change its state while the
// server runs. The pull request New is given is embedded, so a test of
// one pull request reads gh.Files, gh.Reviews, ...; Pulls holds every
// pull request by number.
type Server struct {
	*httptest.Server
	*Pull
	Mu        sync.Mutex
	Pulls     map[int]*Pull
	CheckRuns []*CheckRun
	Teams     map[string][]string // "org/slug" → logins; an absent team answers 404
	Branches  map[string]string   // name → head SHA
	Requests  []Request
	// Fail answers requests whose "METHOD /path" starts with a key with
	// that status, as many times as the value's count says.
	Fail map[string]*Failure
	// OnMerge performs a merge the Action asked for and returns the merge
	// commit's SHA; an error answers 405 with its text. Nil merges when
	// the expected SHA is the head (409 otherwise) with a made-up SHA.
	OnMerge func(p *Pull, method, title, message string) (string, error)
	// OnRequest runs before the fake answers "METHOD /path", with the
	// state locked: a test changes the world between two calls with it.
	OnRequest func(method, path string)
	// User is the account the token acts as. Empty, the token is the
	// workflow's GITHUB_TOKEN (or a GitHub App's installation token):
	// comments are written by github-actions[bot], a Bot, and GET /user
	// answers 403, as GitHub answers an installation. A login makes it a
	// person's or a machine user's token (classic or fine-grained):
	// comments are that User's, GET /user answers its profile, and check
	// run writes answer 403, since GitHub takes those from GitHub Apps
	// only.
	User string
	// Tokens are the accounts of other tokens, by the token (what follows
	// "Bearer "), read like User: a login is a person's or a machine
	// user's token, "" an installation's. A request whose token is not
	// listed acts as User.
	Tokens map[string]string
	// TeamReaders, when not nil, are the only tokens that can read a
	// team's members: an App's installation with Members: read, a token
	// with read:org. Any other token is answered as GitHub answers it: 404
	// Not Found to an installation's (the workflow's GITHUB_TOKEN), 403
	// "Resource not accessible by personal access token" to a person's.
	TeamReaders []string
	// ReadOnly makes every token read-only, as GitHub gives a
	// pull_request workflow of a fork's pull request: each write (POST,
	// PATCH, PUT, DELETE) answers 403 "Resource not accessible by
	// integration".
	ReadOnly bool

	templates map[string]json.RawMessage
	nextID    int64
}

// Failure is an injected error answer.
type Failure struct {
	Status int
	Times  int
	Header map[string]string
	// ResetIn, when set, adds GitHub's headers of a used-up primary rate
	// limit that resets this long after the answer is sent: computed then,
	// not when the test is set up, so a loaded machine cannot shorten it.
	ResetIn time.Duration
	Body    string
	// Hang is a request GitHub never answers. The request is counted like
	// any other; through Transport, its attempt then times out at once,
	// as the client's per-attempt timer would have made it.
	Hang bool
}

// Dir is the folder of GitHub's example payloads, or the test is skipped.
func Dir(t testing.TB) string {
	t.Helper()
	for _, up := range []string{"..", "../..", "../../..", "../../../.."} {
		dir := filepath.Join(up, "..", "shared", "testdata", "github-api")
		if _, err := os.Stat(filepath.Join(dir, "pulls.get.json")); err == nil {
			return dir
		}
	}
	t.Skip("the shared test data (../shared/testdata/github-api) is not beside the repository: clone it there to run this test")
	return ""
}

// New starts a fake serving the given pull request.
func New(t testing.TB, pr PR) *Server {
	t.Helper()
	dir := Dir(t)
	first := &Pull{PR: pr}
	s := &Server{Pull: first, Pulls: map[int]*Pull{pr.Number: first}, Teams: map[string][]string{}, Branches: map[string]string{},
		Fail: map[string]*Failure{}, templates: map[string]json.RawMessage{}, nextID: 1000}
	for _, name := range []string{"pulls.get", "pulls.list-files", "pulls.list-reviews", "teams.list-members-in-org",
		"issues.list-comments", "issues.create-comment", "issues.update-comment", "pulls.list-review-comments",
		"pulls.create-review", "checks.create.completed", "checks.update", "pulls.merge.200", "pulls.merge.405", "pulls.merge.409",
		"pulls.list-commits"} {
		raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		s.templates[name] = raw
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// template is a fresh copy of an example payload (the first element of a
// list example).
func (s *Server) template(name string) map[string]any {
	var v any
	if err := json.Unmarshal(s.templates[name], &v); err != nil {
		panic(err)
	}
	if list, ok := v.([]any); ok {
		v = list[0]
	}
	return v.(map[string]any)
}

func set(m map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}

func (s *Server) id() int64 { s.nextID++; return s.nextID }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	body := map[string]any{}
	var list []any // a few endpoints take a bare array (add labels)
	if raw, _ := io.ReadAll(r.Body); len(raw) > 0 {
		if json.Unmarshal(raw, &body) != nil {
			_ = json.Unmarshal(raw, &list)
			body = map[string]any{"": list}
		}
	}
	p := strings.TrimPrefix(r.URL.Path, "/api/v3")
	s.Requests = append(s.Requests, Request{Method: r.Method, Path: p, Body: body, Auth: r.Header.Get("Authorization")})
	if s.OnRequest != nil {
		s.OnRequest(r.Method, p)
	}
	for key, f := range s.Fail {
		if f.Times > 0 && strings.HasPrefix(r.Method+" "+p, key) {
			f.Times--
			if f.Hang {
				// Marked, not held: Transport turns the mark into the
				// attempt timing out, with no real timer to race a loaded
				// machine.
				w.Header().Set(hangHeader, "1")
				w.WriteHeader(http.StatusGatewayTimeout)
				return
			}
			for k, v := range f.Header {
				w.Header().Set(k, v)
			}
			if f.ResetIn > 0 {
				for k, v := range map[string]string{"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "0", "X-RateLimit-Used": "5000",
					"X-RateLimit-Resource": "core", "X-RateLimit-Reset": strconv.FormatInt(time.Now().Add(f.ResetIn).Unix(), 10)} {
					w.Header().Set(k, v)
				}
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(f.Status)
			msg := f.Body
			if msg == "" {
				msg = fmt.Sprintf(`{"message":"injected %d","documentation_url":"https://docs.github.com/rest"}`, f.Status)
			}
			io.WriteString(w, msg)
			return
		}
	}
	parts := strings.Split(strings.Trim(p, "/"), "/")
	reply := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	route := r.Method + " " + pattern(parts)
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	user, ok := s.Tokens[token]
	if !ok {
		user = s.User
	}
	if user != "" && (route == "POST repos/*/*/check-runs" || route == "PATCH repos/*/*/check-runs/*") {
		reply(403, map[string]any{"message": "You must authenticate via a GitHub App.",
			"documentation_url": "https://docs.github.com/rest/checks/runs#create-a-check-run"})
		return
	}
	if s.ReadOnly && r.Method != http.MethodGet && r.Method != http.MethodHead {
		reply(403, map[string]any{"message": "Resource not accessible by integration",
			"documentation_url": "https://docs.github.com/rest", "status": "403"})
		return
	}
	var pl *Pull
	if len(parts) > 4 && (parts[3] == "pulls" || parts[3] == "issues") {
		n, _ := strconv.Atoi(parts[4])
		pl = s.Pulls[n]
		if pl == nil && parts[4] != "comments" {
			reply(404, map[string]any{"message": "Not Found"})
			return
		}
	}
	switch route {
	case "GET repos/*/*/pulls/*":
		reply(200, s.pullRequest(pl))
	case "GET repos/*/*/pulls/*/files":
		var out []any
		// GitHub lists at most 3,000 of a pull request's files.
		for _, f := range s.page(w, r, min(len(pl.Files), 3000)) {
			f := pl.Files[f]
			m := s.template("pulls.list-files")
			m["filename"], m["status"], m["patch"] = f.Name, f.Status, f.Patch
			if f.Previous != "" {
				m["previous_filename"] = f.Previous
			}
			out = append(out, m)
		}
		reply(200, nonNil(out))
	case "GET repos/*/*/pulls/*/reviews":
		var out []any
		for _, rv := range pl.Reviews {
			m := s.template("pulls.list-reviews")
			m["id"], m["state"], m["commit_id"], m["submitted_at"] = rv.ID, rv.State, rv.Commit, rv.Submitted.Format(time.RFC3339)
			set(m, "user.login", rv.User)
			out = append(out, m)
		}
		reply(200, nonNil(out))
	case "POST repos/*/*/pulls/*/reviews":
		pl.ReviewsPosted = append(pl.ReviewsPosted, body)
		if cs, ok := body["comments"].([]any); ok {
			for _, c := range cs {
				c := c.(map[string]any)
				line, _ := c["line"].(float64)
				rc := ReviewComment{Path: c["path"].(string), Line: int(line), Body: c["body"].(string), User: "github-actions[bot]", Bot: true}
				if user != "" {
					rc.User, rc.Bot = user, false
				}
				pl.ReviewComments = append(pl.ReviewComments, rc)
			}
		}
		m := s.template("pulls.create-review")
		m["id"], m["commit_id"], m["body"], m["state"] = s.id(), body["commit_id"], body["body"], "COMMENTED"
		reply(200, m)
	case "GET repos/*/*/pulls/*/comments":
		var out []any
		for _, c := range pl.ReviewComments {
			m := s.template("pulls.list-review-comments")
			m["path"], m["line"], m["original_line"], m["body"] = c.Path, c.Line, c.Line, c.Body
			set(m, "user.login", c.User)
			kind := "User"
			if c.Bot {
				kind = "Bot"
			}
			set(m, "user.type", kind)
			out = append(out, m)
		}
		reply(200, nonNil(out))
	case "POST repos/*/*/pulls/*/requested_reviewers":
		pl.ReviewRequests = append(pl.ReviewRequests, body)
		for _, u := range strs(body["reviewers"]) {
			pl.PR.RequestedReviewers = append(pl.PR.RequestedReviewers, u)
		}
		for _, t := range strs(body["team_reviewers"]) {
			pl.PR.RequestedTeams = append(pl.PR.RequestedTeams, t)
		}
		reply(201, s.pullRequest(pl))
	case "GET repos/*/*/issues/*/comments":
		var out []any
		for _, c := range pl.Comments {
			out = append(out, s.comment("issues.list-comments", c))
		}
		reply(200, nonNil(out))
	case "POST repos/*/*/issues/*/comments":
		c := Comment{ID: s.id(), User: "github-actions[bot]", Bot: true, Body: body["body"].(string), Created: time.Now()}
		if user != "" {
			c.User, c.Bot = user, false
		}
		pl.Comments = append(pl.Comments, c)
		reply(201, s.comment("issues.create-comment", c))
	case "PATCH repos/*/*/issues/comments/*":
		id, _ := strconv.ParseInt(parts[5], 10, 64)
		for _, p := range s.Pulls {
			for i := range p.Comments {
				if p.Comments[i].ID == id {
					p.Comments[i].Body = body["body"].(string)
					reply(200, s.comment("issues.update-comment", p.Comments[i]))
					return
				}
			}
		}
		reply(404, map[string]any{"message": "Not Found"})
	case "GET user":
		if user == "" {
			reply(403, map[string]any{"message": "Resource not accessible by integration",
				"documentation_url": "https://docs.github.com/rest/users/users#get-the-authenticated-user", "status": "403"})
			return
		}
		reply(200, s.authenticatedUser(user))
	case "GET repos/*/*/commits/*/check-runs":
		var out []any
		name := r.URL.Query().Get("check_name")
		for _, c := range s.CheckRuns {
			if c.HeadSHA == parts[4] && (name == "" || c.Name == name) {
				out = append([]any{s.checkRun("checks.create.completed", c)}, out...) // newest first
			}
		}
		reply(200, map[string]any{"total_count": len(out), "check_runs": nonNil(out)})
	case "POST repos/*/*/check-runs":
		c := &CheckRun{ID: s.id(), Name: str(body["name"]), HeadSHA: str(body["head_sha"]), ExternalID: str(body["external_id"]),
			Status: str(body["status"]), Conclusion: str(body["conclusion"])}
		s.output(c, body)
		s.CheckRuns = append(s.CheckRuns, c)
		reply(201, s.checkRun("checks.create.completed", c))
	case "PATCH repos/*/*/check-runs/*":
		id, _ := strconv.ParseInt(parts[4], 10, 64)
		for _, c := range s.CheckRuns {
			if c.ID == id {
				c.Updates++
				if v := str(body["status"]); v != "" {
					c.Status = v
				}
				if v := str(body["conclusion"]); v != "" {
					c.Conclusion = v
				}
				if v := str(body["external_id"]); v != "" {
					c.ExternalID = v
				}
				s.output(c, body)
				reply(200, s.checkRun("checks.update", c))
				return
			}
		}
		reply(404, map[string]any{"message": "Not Found"})
	case "GET repos/*/*/pulls/*/commits":
		var out []any
		for _, c := range pl.Commits {
			m := s.template("pulls.list-commits")
			m["sha"] = c.SHA
			set(m, "commit.committer.date", c.Committed.Format(time.RFC3339))
			for key, login := range map[string]string{"author": c.Author, "committer": c.Committer} {
				if login == "" {
					m[key] = nil
				} else {
					set(m, key+".login", login)
				}
			}
			if len(c.Parents) > 0 {
				parents := make([]any, len(c.Parents))
				for i, p := range c.Parents {
					parents[i] = map[string]any{"sha": p}
				}
				m["parents"] = parents
			}
			out = append(out, m)
		}
		reply(200, nonNil(out))
	case "GET repos/*/*/pulls":
		if r.URL.Query().Get("state") == "all" {
			s.listAll(w, r, reply)
			return
		}
		var open []*Pull
		for _, n := range s.numbers() {
			p := s.Pulls[n]
			if !p.Merged && (r.URL.Query().Get("base") == "" || r.URL.Query().Get("base") == p.PR.BaseRef) {
				open = append(open, p)
			}
		}
		var out []any
		for _, i := range s.page(w, r, len(open)) {
			out = append(out, s.pullRequest(open[i]))
		}
		reply(200, nonNil(out))
	case "GET repos/*/*/commits/*/pulls":
		// The pull requests whose head is the commit, merged ones too, as
		// GitHub lists those associated with it.
		out := []any{}
		for _, n := range s.numbers() {
			if p := s.Pulls[n]; p.PR.Head == parts[4] {
				out = append(out, s.pullRequest(p))
			}
		}
		reply(200, out)
	case "PUT repos/*/*/pulls/*/merge":
		pl.Merges = append(pl.Merges, body)
		if str(body["sha"]) != pl.PR.Head {
			var v any
			_ = json.Unmarshal(s.templates["pulls.merge.409"], &v)
			reply(409, v)
			return
		}
		sha := fmt.Sprintf("%040x", s.id())
		if s.OnMerge != nil {
			var err error
			if sha, err = s.OnMerge(pl, str(body["merge_method"]), str(body["commit_title"]), str(body["commit_message"])); err != nil {
				m := map[string]any{}
				_ = json.Unmarshal(s.templates["pulls.merge.405"], &m)
				m["message"] = err.Error()
				reply(405, m)
				return
			}
		}
		pl.Merged, pl.MergeSHA = true, sha
		m := s.template("pulls.merge.200")
		m["sha"], m["merged"] = sha, true
		reply(200, m)
	case "POST repos/*/*/issues/*/labels":
		for _, l := range append(strs(body["labels"]), strs(body[""])...) {
			if !slices.Contains(pl.Labels, l) {
				pl.Labels = append(pl.Labels, l)
			}
		}
		var out []any
		for _, l := range pl.Labels {
			out = append(out, map[string]any{"name": l})
		}
		reply(200, out)
	case "GET repos/*/*/branches/*":
		sha, ok := s.Branches[parts[4]]
		if !ok && pl == nil && parts[4] == s.PR.BaseRef {
			// A base branch the test did not move stands at the pull
			// request's base commit.
			sha, ok = s.PR.Base, true
		}
		if !ok {
			reply(404, map[string]any{"message": "Branch not found"})
			return
		}
		reply(200, map[string]any{"name": parts[4], "commit": map[string]any{"sha": sha}, "protected": true})
	case "GET orgs/*/teams/*/members":
		if s.TeamReaders != nil && !slices.Contains(s.TeamReaders, token) {
			if user != "" {
				reply(403, map[string]any{"message": "Resource not accessible by personal access token",
					"documentation_url": "https://docs.github.com/rest/teams/members#list-team-members", "status": "403"})
				return
			}
			reply(404, map[string]any{"message": "Not Found", "documentation_url": "https://docs.github.com/rest/teams/members#list-team-members", "status": "404"})
			return
		}
		logins, ok := s.Teams[parts[1]+"/"+parts[3]]
		if !ok {
			reply(404, map[string]any{"message": "Not Found", "documentation_url": "https://docs.github.com/rest/teams/members#list-team-members"})
			return
		}
		var out []any
		for _, l := range logins {
			m := s.template("teams.list-members-in-org")
			m["login"] = l
			out = append(out, m)
		}
		reply(200, nonNil(out))
	default:
		reply(404, map[string]any{"message": "Not Found (fakegithub has no " + route + ")"})
	}
}

// pattern turns a path into its route: numbers, names and SHAs become *.
func pattern(parts []string) string {
	out := make([]string, len(parts))
	fixed := map[string]bool{"repos": true, "pulls": true, "files": true, "reviews": true, "comments": true, "issues": true,
		"requested_reviewers": true, "commits": true, "check-runs": true, "orgs": true, "teams": true, "members": true,
		"merge": true, "labels": true, "branches": true, "user": true}
	for i, p := range parts {
		if fixed[p] && !(i == 2 && parts[0] == "repos") && !(i == 1 && parts[0] == "repos") {
			out[i] = p
		} else {
			out[i] = "*"
		}
	}
	return strings.Join(out, "/")
}

func (s *Server) pullRequest(p *Pull) map[string]any {
	m := s.template("pulls.get")
	m["number"], m["state"], m["draft"], m["body"] = p.PR.Number, "open", p.Draft, p.Body
	m["changed_files"] = len(p.Files)
	m["commits"] = len(p.Commits)
	if p.Merged {
		m["state"], m["merged"] = "closed", true
	}
	if !p.Created.IsZero() {
		m["created_at"], m["merged_at"], m["closed_at"] = p.Created.Format(time.RFC3339), nil, nil
		if !p.MergedAt.IsZero() {
			m["state"], m["merged"], m["merged_at"], m["closed_at"] = "closed", true, p.MergedAt.Format(time.RFC3339), p.MergedAt.Format(time.RFC3339)
		}
		if !p.ClosedAt.IsZero() {
			m["state"], m["closed_at"] = "closed", p.ClosedAt.Format(time.RFC3339)
		}
	}
	set(m, "user.login", p.PR.Author)
	set(m, "head.sha", p.PR.Head)
	set(m, "head.ref", p.PR.HeadRef)
	if p.PR.HeadRepo != "" {
		owner, name, _ := strings.Cut(p.PR.HeadRepo, "/")
		set(m, "head.repo.id", 99)
		set(m, "head.repo.full_name", p.PR.HeadRepo)
		set(m, "head.repo.name", name)
		set(m, "head.repo.owner.login", owner)
		set(m, "head.repo.fork", true)
		set(m, "head.label", owner+":"+p.PR.HeadRef)
	}
	set(m, "base.sha", p.PR.Base)
	set(m, "base.ref", p.PR.BaseRef)
	if p.MergeSHA != "" {
		m["merge_commit_sha"] = p.MergeSHA
	}
	var users, teams, labels []any
	for _, u := range p.PR.RequestedReviewers {
		users = append(users, map[string]any{"login": u, "type": "User"})
	}
	for _, t := range p.PR.RequestedTeams {
		teams = append(teams, map[string]any{"slug": t, "name": t})
	}
	for _, l := range p.Labels {
		labels = append(labels, map[string]any{"name": l})
	}
	m["requested_reviewers"], m["requested_teams"], m["labels"] = nonNil(users), nonNil(teams), nonNil(labels)
	return m
}

// listAll answers GET pulls?state=all: every pull request into the base
// (when given), merged and closed ones too, sorted by Created (newest
// first unless direction=asc, as GitHub does), a page of per_page at a
// time with GitHub's Link header to the next.
func (s *Server) listAll(w http.ResponseWriter, r *http.Request, reply func(int, any)) {
	q := r.URL.Query()
	var pulls []*Pull
	for _, n := range s.numbers() {
		if p := s.Pulls[n]; q.Get("base") == "" || q.Get("base") == p.PR.BaseRef {
			pulls = append(pulls, p)
		}
	}
	slices.SortStableFunc(pulls, func(a, b *Pull) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return a.PR.Number - b.PR.Number
	})
	if q.Get("direction") != "asc" {
		slices.Reverse(pulls)
	}
	out := []any{}
	for _, i := range s.page(w, r, len(pulls)) {
		out = append(out, s.pullRequest(pulls[i]))
	}
	reply(200, out)
}

// page is the indexes of the items of the page a list request asks for
// (per_page, default 30, at most 100, as GitHub allows; page from 1), and
// sets GitHub's Link header to the next and last pages when there are more.
func (s *Server) page(w http.ResponseWriter, r *http.Request, n int) []int {
	q := r.URL.Query()
	perPage, _ := strconv.Atoi(q.Get("per_page"))
	if perPage <= 0 {
		perPage = 30
	}
	perPage = min(perPage, 100)
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	last := max((n+perPage-1)/perPage, 1)
	if page < last {
		link := func(p int) string {
			u := *r.URL
			uq := u.Query()
			uq.Set("page", strconv.Itoa(p))
			u.RawQuery = uq.Encode()
			return s.URL + u.String()
		}
		w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next", <%s>; rel="last"`, link(page+1), link(last)))
	}
	var out []int
	for i := (page - 1) * perPage; i < min(page*perPage, n); i++ {
		out = append(out, i)
	}
	return out
}

// Add adds a pull request.
func (s *Server) Add(pr PR) *Pull {
	p := &Pull{PR: pr}
	s.Pulls[pr.Number] = p
	return p
}

func (s *Server) numbers() []int {
	var ns []int
	for n := range s.Pulls {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}

// authenticatedUser is GET /user's answer for a user's token. The example
// payloads hold no GET /user example, so it is a real user object from one
// (the "simple-user" of a comment) with the fields GitHub documents for
// the authenticated user ("private-user") added, as its example shows them.
func (s *Server) authenticatedUser(login string) map[string]any {
	m := s.template("issues.list-comments")["user"].(map[string]any)
	m["login"], m["type"] = login, "User"
	for k, v := range map[string]any{"name": "monalisa octocat", "company": "GitHub", "blog": "https://github.com/blog",
		"location": "San Francisco", "email": "octocat@github.com", "hireable": false, "bio": "There once was...",
		"twitter_username": "monatheoctocat", "public_repos": 2, "public_gists": 1, "followers": 20, "following": 0,
		"created_at": "2008-01-14T04:33:35Z", "updated_at": "2008-01-14T04:33:35Z", "private_gists": 81,
		"total_private_repos": 100, "owned_private_repos": 100, "disk_usage": 10000, "collaborators": 8,
		"two_factor_authentication": true, "plan": map[string]any{"name": "Medium", "space": 400, "private_repos": 20, "collaborators": 0}} {
		m[k] = v
	}
	return m
}

func (s *Server) comment(tpl string, c Comment) map[string]any {
	m := s.template(tpl)
	updated := c.Updated
	if updated.IsZero() {
		updated = c.Created
	}
	m["id"], m["body"], m["created_at"], m["updated_at"] = c.ID, c.Body, c.Created.Format(time.RFC3339), updated.Format(time.RFC3339)
	set(m, "user.login", c.User)
	kind := "User"
	if c.Bot {
		kind = "Bot"
	}
	set(m, "user.type", kind)
	return m
}

func (s *Server) checkRun(tpl string, c *CheckRun) map[string]any {
	m := s.template(tpl)
	m["id"], m["name"], m["head_sha"], m["external_id"], m["status"] = c.ID, c.Name, c.HeadSHA, c.ExternalID, c.Status
	m["conclusion"] = c.Conclusion
	if c.Conclusion == "" {
		m["conclusion"] = nil
	}
	if c.App != "" {
		set(m, "app.slug", c.App)
	}
	return m
}

func (s *Server) output(c *CheckRun, body map[string]any) {
	out, ok := body["output"].(map[string]any)
	if !ok {
		return
	}
	c.Title, c.Summary = str(out["title"]), str(out["summary"])
	if anns, ok := out["annotations"].([]any); ok {
		for _, a := range anns {
			c.Annotations = append(c.Annotations, a.(map[string]any))
		}
	}
}

// Count is how many requests matched "METHOD /path-prefix".
func (s *Server) Count(prefix string) int {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	n := 0
	for _, r := range s.Requests {
		if strings.HasPrefix(r.Method+" "+r.Path, prefix) {
			n++
		}
	}
	return n
}

func nonNil(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// hangHeader marks the answer to a request the fake leaves unanswered.
const hangHeader = "X-Fake-Github-Hang"

// Transport is the network to the fake for a client whose attempts time
// out after after: a request the fake hangs fails as such an attempt does
// (*ghapi.AttemptTimeout), at once, and every other request is sent as
// usual. Give the client a per-attempt timeout far longer than any test
// takes, so no real timer ever fires: the suite then judges timeouts the
// same on a loaded machine as on an idle one.
func (s *Server) Transport(after time.Duration) http.RoundTripper {
	return hangTransport{next: http.DefaultTransport, after: after}
}

type hangTransport struct {
	next  http.RoundTripper
	after time.Duration
}

func (t hangTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil || resp.Header.Get(hangHeader) == "" {
		return resp, err
	}
	resp.Body.Close()
	return nil, &ghapi.AttemptTimeout{Method: req.Method, Path: req.URL.Path, After: t.after}
}
