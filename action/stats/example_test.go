package stats_test

import (
	"fmt"
	"time"

	"github.com/greenlighthq/greenlight/action/stats"
	"github.com/greenlighthq/greenlight/engine/config"
)

func ExampleCompute() {
	cfg := config.Parse("greenlight.hcl", []byte(`
role "copy" { users = ["ana"] }
role "brand" { users = ["mia"] }
stage "copy-edit" { approvers = [role.copy] }
stage "brand" {
  after     = [stage.copy-edit]
  approvers = [role.brand]
}
`)).Config
	at := func(hour int) time.Time { return time.Date(2026, 11, 2, hour, 0, 0, 0, time.UTC) }
	merged := at(18)
	h := stats.History{PullRequests: []stats.PullRequest{{
		Number: 1, Author: "kim", Opened: at(9), Merged: &merged,
		Pushes: []time.Time{at(9)},
		Reviews: []stats.Review{
			{User: "ana", State: "APPROVED", Submitted: at(10)}, // copy-edit: 1h after the opening
			{User: "mia", State: "APPROVED", Submitted: at(16)}, // brand: 6h after copy-edit
		},
	}}}
	r := stats.Compute(h, cfg, cfg.Members(nil), at(18))
	for _, s := range r.Stages {
		fmt.Printf("%s: median %.2f h, last pending %d\n", s.Name, s.TimeToApprove.MedianHours(), s.LastPending)
	}
	fmt.Println("bottleneck:", r.Bottleneck)
	// Output:
	// copy-edit: median 1.00 h, last pending 0
	// brand: median 6.00 h, last pending 1
	// bottleneck: brand
}
