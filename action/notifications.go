package action

import (
	"context"
	"fmt"

	"github.com/greenlighthq/greenlight/action/notify"
	"github.com/greenlighthq/greenlight/engine/config"
)

// notify sends ev to the config's notify blocks that want it. Each event
// is sent when the GitHub write it reports is made (a new review request,
// a new reminder comment, a new or changed publishing comment, a merge),
// which a re-run never repeats: that is what keeps notifications to one
// per event. A failed notification never changes a verdict; it comes back
// as a line for the log and the summary.
func (s *session) notify(ctx context.Context, cfg *config.Config, ev notify.Event) []string {
	if cfg == nil || len(cfg.Notify) == 0 {
		return nil
	}
	ev.Repo = s.ev.Owner + "/" + s.ev.Repo
	if ev.At.IsZero() {
		ev.At = s.o.Now()
	}
	var problems []string
	for _, r := range s.o.Notifier.Send(ctx, cfg.Notify, ev) {
		if r.Err != nil {
			problems = append(problems, fmt.Sprintf("notification %s (%s) failed: %v", r.Target, r.Kind, r.Err))
			fmt.Fprintf(s.o.Log, "greenlight: %s\n", problems[len(problems)-1])
		}
	}
	return problems
}
