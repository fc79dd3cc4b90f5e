package action_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/notify"
)

// The gate tells the chat when it asks a stage's people to sign off: once
// per request, not on every re-run, and again when the next stage is
// asked. A webhook that answers 500 is reported in the summary comment;
// the verdict and the run are what they would have been without it.
func TestGateNotifiesEachStageRequestOnce(t *testing.T) {
	var mu sync.Mutex
	var slack []string
	down := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/down" {
			down++
			http.Error(w, "upstream unavailable", http.StatusInternalServerError)
			return
		}
		var m struct{ Text string }
		raw, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Errorf("not JSON: %s", raw)
		}
		slack = append(slack, m.Text)
	}))
	defer srv.Close()

	r := newRepo(t) // on branch "post"
	r.git("checkout", "-q", "main")
	r.write("greenlight.hcl", baseConfig+`
notify "chat" {
  type    = "slack"
  url_env = "CHAT_URL"
  events  = ["stage_requested"]
}
notify "down" {
  type    = "teams"
  url_env = "DOWN_URL"
}`)
	base := r.commit("notifications")
	r.git("checkout", "-q", "-B", "post", base)
	r.write("posts/b.md", postB)
	head := r.commit("add a post")
	gh := fakegithub.New(t, fakegithub.PR{Number: 2, Author: "ada", Head: head, HeadRef: "post", Base: base, BaseRef: "main"})
	gh.Files = r.files(base, head)
	gh.Teams["Codertocat/legal"] = []string{"lee"}
	w := &world{repo: r, gh: gh, base: base, head: head,
		summary: filepath.Join(t.TempDir(), "summary.md"), output: filepath.Join(t.TempDir(), "output")}
	env := map[string]string{"CHAT_URL": srv.URL + "/slack", "DOWN_URL": srv.URL + "/down"}
	withChat := func(o *action.Options) {
		o.Notifier = notify.Sender{Getenv: func(k string) string { return env[k] },
			Sleep: func(context.Context, time.Duration) error { return nil }}
	}

	out := w.run(t, withChat)
	if out.Conclusion != "failure" || strings.Join(out.BlockedStages, ",") != "copy-edit,brand" {
		t.Errorf("outcome %+v: want blocked on copy-edit and brand, as without notifications", out)
	}
	mu.Lock()
	if len(slack) != 1 || !strings.HasSuffix(slack[0], ": @kim asked to sign off (copy-edit).") || down != 2 {
		t.Errorf("Slack got %q and the failing webhook %d requests; want kim asked once, and one retry of the failure", slack, down)
	}
	mu.Unlock()
	comments := w.summaryComments()
	if len(comments) != 1 || !strings.Contains(comments[0].Body, "notification down (stage_requested) failed: ") ||
		!strings.Contains(comments[0].Body, "500") || strings.Contains(comments[0].Body, srv.URL) {
		t.Errorf("the summary comment does not report the failed notification (without its URL):\n%v", comments)
	}
	if run := w.checkRun(t); run.Conclusion != "failure" {
		t.Errorf("check run %s, want failure (pending sign-offs)", run.Conclusion)
	}

	w.run(t, withChat) // a re-run asks nobody new
	w.approve("kim", head, 5)
	w.run(t, withChat) // brand is asked next: mia (ada is the author)
	w.run(t, withChat)
	mu.Lock()
	defer mu.Unlock()
	if len(slack) != 2 || !strings.HasSuffix(slack[1], ": @mia asked to sign off (brand).") {
		t.Errorf("Slack got %q; want one message per stage asked, none on re-runs", slack)
	}
}
