package summary

import (
	"time"

	"github.com/greenlighthq/greenlight/engine/report"
	"github.com/greenlighthq/greenlight/engine/signoff"
)

// JSON is the report as greenlight pr --format json prints it. The shape
// is a public contract (see the README): fields are only ever added.
type JSON struct {
	Base          string               `json:"base"`
	Head          string               `json:"head"`
	Conclusion    string               `json:"conclusion"`
	Title         string               `json:"title"`
	BlockedStages []string             `json:"blocked_stages"`
	NextStages    []string             `json:"next_stages"`
	Problems      []string             `json:"problems"`
	Findings      []report.JSONFinding `json:"findings"`
	Posts         []JSONPost           `json:"posts"`
	Removed       []string             `json:"removed"`
	// Contributors made commits of the pull request; their approvals do
	// not count.
	Contributors []string `json:"contributors"`
	// Governance is the sign-off a change to the config, policies or
	// workflows needs; absent when the pull request changes none.
	Governance *JSONGovernance `json:"governance,omitempty"`
	Requested  []string        `json:"requested"`
	Schedule   *time.Time      `json:"schedule,omitempty"`
	Notes      []string        `json:"notes"`
}

// JSONPost is one post's verdict: its stages and the approvals read.
type JSONPost struct {
	Path      string          `json:"path"`
	Renamed   string          `json:"renamed_from,omitempty"`
	Channels  []string        `json:"channels"`
	PublishAt *time.Time      `json:"publish_at"`
	Findings  int             `json:"findings"`
	Stages    []signoff.Stage `json:"stages"`
	Approvals []JSONApproval  `json:"approvals"`
}

// JSONApproval is an approval of a post; stale ones do not count.
type JSONApproval struct {
	User   string   `json:"user"`
	Roles  []string `json:"roles"`
	Stages []string `json:"stages,omitempty"`
	Commit string   `json:"commit"`
	Stale  bool     `json:"stale"`
}

// JSONGovernance is Governance with its verdict.
type JSONGovernance struct {
	Files      []string `json:"files"`
	Stage      string   `json:"stage"`
	ApprovedBy []string `json:"approved_by"`
	Needed     int      `json:"needed"`
	Satisfied  bool     `json:"satisfied"`
	Problem    string   `json:"problem,omitempty"`
}

// JSON is the report in its JSON shape; lists are empty, never null.
func (r Report) JSON() JSON {
	out := JSON{Base: r.Base, Head: r.Head, Conclusion: r.Conclusion, Title: r.Title(),
		BlockedStages: nonNil(r.PendingStages()), NextStages: nonNil(r.NextStages()), Problems: nonNil(r.Problems),
		Findings: []report.JSONFinding{}, Posts: []JSONPost{}, Removed: nonNil(r.Removed), Contributors: nonNil(r.Contributors), Requested: nonNil(r.Requested),
		Notes: nonNil(r.ConfigNotes)}
	if !r.Schedule.At.IsZero() {
		at := r.Schedule.At
		out.Schedule = &at
	}
	if g := r.Governance; g != nil {
		out.Governance = &JSONGovernance{Files: nonNil(g.Files), Stage: g.Stage, ApprovedBy: nonNil(g.ApprovedBy),
			Needed: max(g.Needed, 1), Satisfied: g.Satisfied(), Problem: g.Problem}
	}
	for _, p := range r.Posts {
		post := JSONPost{Path: p.Path, Renamed: p.Renamed, Channels: nonNil(p.Channels), PublishAt: p.PublishAt,
			Findings: len(p.Findings), Stages: p.Stages, Approvals: []JSONApproval{}}
		if post.Stages == nil {
			post.Stages = []signoff.Stage{}
		}
		for _, a := range p.Approvals {
			post.Approvals = append(post.Approvals, JSONApproval{User: a.User, Roles: nonNil(a.Roles), Stages: a.Stages, Commit: a.Commit, Stale: a.Stale})
		}
		out.Posts = append(out.Posts, post)
		for _, f := range p.Findings {
			out.Findings = append(out.Findings, report.NewJSONFinding(f))
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
