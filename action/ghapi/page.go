package ghapi

import (
	"context"
	"fmt"

	"github.com/google/go-github/v60/github"
)

// perPage is the most items GitHub returns per page of a list.
const perPage = 100

// All calls list for every page of a list endpoint, 100 items per page,
// following resp.NextPage (parsed by go-github from the Link header) until
// there is none, and returns the items in order. An error is returned
// classified (see Classify), with no items. list receives the ListOptions
// to pass on, for example:
//
//	files, err := ghapi.All(ctx, func(lo github.ListOptions) ([]*github.CommitFile, *github.Response, error) {
//		return c.PullRequests.ListFiles(ctx, owner, repo, number, &lo)
//	})
func All[T any](ctx context.Context, list func(opts github.ListOptions) ([]T, *github.Response, error)) ([]T, error) {
	opts := github.ListOptions{PerPage: perPage}
	var all []T
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		items, resp, err := list(opts)
		if err != nil {
			return nil, Classify(err)
		}
		all = append(all, items...)
		if resp == nil || resp.NextPage == 0 {
			return all, nil
		}
		if resp.NextPage <= opts.Page {
			return nil, fmt.Errorf("GitHub API pagination: page %d links back to page %d", max(opts.Page, 1), resp.NextPage)
		}
		opts.Page = resp.NextPage
	}
}
