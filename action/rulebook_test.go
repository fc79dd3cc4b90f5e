package action_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
)

// The base branch's greenlight.lock pins a shared rulebook: the gate
// fetches that commit itself, verifies its digest and judges the pull
// request's post by the rulebook's policy; the summary names the
// rulebook's version, and a change to greenlight.lock needs the owners
// stage while the base's lock still counts.
func TestGateJudgesByTheBasesLockedRulebook(t *testing.T) {
	srv := rulebooktest.Serve(t)
	book := srv.NewRepo(t, "rulebook")
	files := map[string]string{}
	for _, p := range []string{"policies/guarantees.rego", "policies/guarantees_test.rego", "styles/AcmeShared/Superlatives.yml"} {
		src, err := os.ReadFile(filepath.Join("..", "examples", "rulebook", filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		files[p] = string(src)
	}
	commit := book.Commit(t, files)
	book.Tag(t, "v1.2.0")

	source := "\nsource \"acme-rules\" {\n  git      = \"" + book.URL + "\"\n  ref      = \"v1.2.0\"\n  policies = [\"policies\"]\n}\n"
	loaded := config.Parse("greenlight.hcl", []byte(baseConfig+source))
	if loaded.Config == nil {
		t.Fatal(loaded.Diags)
	}
	transport := gitrepo.Transport{AllowHTTP: true}
	locked, err := rulebooks.Fetcher{Transport: transport}.Lock(context.Background(), loaded.Config.Sources[0], commit, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	lockFile := filepath.Join(t.TempDir(), rulebook.LockName)
	if err := (&rulebook.Lock{Sources: []rulebook.Locked{locked}}).Write(lockFile); err != nil {
		t.Fatal(err)
	}
	lock, err := os.ReadFile(lockFile)
	if err != nil {
		t.Fatal(err)
	}

	r := newRepo(t)
	r.git("checkout", "-q", "main")
	r.write("greenlight.hcl", baseConfig+source)
	r.write(rulebook.LockName, string(lock))
	base := r.commit("adopt the shared rulebook")
	r.git("checkout", "-q", "-B", "post")
	r.write("posts/c.md", strings.Replace(postB, "Open a savings account today.", "Open a savings account today: results guaranteed.", 1))
	// The pull request also points the lock elsewhere: it must not count.
	r.write(rulebook.LockName, strings.Replace(string(lock), commit, strings.Repeat("0", 40), 1))
	head := r.commit("a post that promises")
	gh := fakegithub.New(t, fakegithub.PR{Number: 2, Author: "ada", Head: head, HeadRef: "post", Base: base, BaseRef: "main"})
	gh.Files = r.files(base, head)
	gh.Teams["Codertocat/legal"] = []string{"lee", "mia"}
	w := &world{repo: r, gh: gh, base: base, head: head,
		summary: filepath.Join(t.TempDir(), "summary.md"), output: filepath.Join(t.TempDir(), "output")}

	out := w.run(t, func(o *action.Options) { o.Sources = rulebooks.Fetcher{Transport: transport} })
	run := w.checkRun(t)
	if out.Conclusion != "failure" || !hasAnnotation(run, "posts/c.md", 6, "failure", "Do not promise results") {
		t.Errorf("conclusion %s; the rulebook's rule did not fire on posts/c.md: %v\n%s", out.Conclusion, run.Annotations, run.Summary)
	}
	if want := "rulebook acme-rules v1.2.0 (" + commit[:7] + ")"; !strings.Contains(run.Summary, want) {
		t.Errorf("summary lacks %q:\n%s", want, run.Summary)
	}
	if !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") || !strings.Contains(run.Summary, "greenlight.lock") {
		t.Errorf("blocked stages %v: a change to greenlight.lock needs the owners stage\n%s", out.BlockedStages, run.Summary)
	}

	t.Run("a rulebook the gate cannot fetch fails closed", func(t *testing.T) {
		srv.Close()
		withToken := gitrepo.Transport{AllowHTTP: true, Token: "ghs_rulebook-secret", TokenURL: srv.URL + "/"}
		out := w.run(t, func(o *action.Options) { o.Sources = rulebooks.Fetcher{Transport: withToken} })
		run := w.checkRun(t)
		if out.Conclusion != "failure" || !strings.Contains(run.Summary, "Cannot fetch the shared rulebooks") {
			t.Errorf("conclusion %s\n%s", out.Conclusion, run.Summary)
		}
		if strings.Contains(run.Summary+out.Markdown, "ghs_rulebook-secret") {
			t.Error("the token is in the summary")
		}
	})
}
