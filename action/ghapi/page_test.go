package ghapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestAllFollowsRecordedLinkHeaders(t *testing.T) {
	pages := recording(t, "paginate-issues.json")
	var want []int
	byPage := map[string]exchange{}
	for i, x := range pages {
		u, err := url.Parse(x.Path)
		if err != nil {
			t.Fatal(err)
		}
		p := u.Query().Get("page")
		if p == "" {
			p = "1"
		}
		byPage[p] = x
		var issues []struct{ Number int }
		if err := json.Unmarshal(x.Response, &issues); err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		for _, is := range issues {
			want = append(want, is.Number)
		}
	}
	var queries []url.Values
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, q)
		p := q.Get("page")
		if p == "" {
			p = "1"
		}
		x, ok := byPage[p]
		if !ok || r.URL.Path != "/repos/octokit-fixture-org/paginate-issues/issues" {
			http.NotFound(w, r)
			return
		}
		rep := replyOf(x)
		rep.header["link"] = strings.ReplaceAll(rep.header["link"], "https://api.github.com", srv.URL)
		rep.write(w)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, &clock{now: t0}, nil)
	ctx := context.Background()

	issues, err := All(ctx, func(lo github.ListOptions) ([]*github.Issue, *github.Response, error) {
		return c.Issues.ListByRepo(ctx, "octokit-fixture-org", "paginate-issues", &github.IssueListByRepoOptions{ListOptions: lo})
	})

	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, is := range issues {
		got = append(got, is.GetNumber())
	}
	if !slices.Equal(got, want) {
		t.Errorf("issue numbers = %v, want %v", got, want)
	}
	if len(queries) != len(pages) {
		t.Errorf("%d requests, want one per recorded page (%d)", len(queries), len(pages))
	}
	for i, q := range queries {
		wantPage := ""
		if i > 0 {
			wantPage = byPageNumber(i + 1)
		}
		if q.Get("per_page") != "100" || q.Get("page") != wantPage {
			t.Errorf("request %d query = %v, want per_page=100 and page=%q", i+1, q, wantPage)
		}
	}
}

func byPageNumber(n int) string { return string(rune('0' + n)) }

func TestAllStopsAtTheFirstError(t *testing.T) {
	tests := []struct {
		name  string
		pages int // pages served before the failing one
		err   error
		want  func(error) bool
	}{
		{"a rate limit comes back as a LimitError", 1, &github.ErrorResponse{
			Response: &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"60"}}},
			Message:  "Too Many Requests"},
			func(err error) bool { var le *LimitError; return errors.As(err, &le) && le.Secondary }},
		{"a page that links back to itself is an error, not a loop", 2, nil,
			func(err error) bool { return err != nil && strings.Contains(err.Error(), "links back") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			items, err := All(context.Background(), func(lo github.ListOptions) ([]int, *github.Response, error) {
				calls++
				if calls > tt.pages && tt.err != nil {
					return nil, nil, tt.err
				}
				next := lo.Page + 1
				if calls > tt.pages {
					next = lo.Page // a broken Link header
				}
				return []int{calls}, &github.Response{NextPage: next}, nil
			})
			if items != nil || !tt.want(err) {
				t.Errorf("All = %v, %v", items, err)
			}
			if calls > tt.pages+1 {
				t.Errorf("%d calls, want %d", calls, tt.pages+1)
			}
		})
	}
}
