package action_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle/bundletest"
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
	lock := lockAt(t, baseConfig+source, commit)

	r := newRepo(t)
	r.git("checkout", "-q", "main")
	r.write("greenlight.hcl", baseConfig+source)
	r.write(rulebook.LockName, lock)
	base := r.commit("adopt the shared rulebook")
	r.git("checkout", "-q", "-B", "post")
	r.write("posts/c.md", strings.Replace(postB, "Open a savings account today.", "Open a savings account today: results guaranteed.", 1))
	// The pull request also points the lock elsewhere: it must not count.
	r.write(rulebook.LockName, strings.Replace(lock, commit, strings.Repeat("0", 40), 1))
	w := openPR(t, r, base, r.commit("a post that promises"))

	out := w.run(t, rulebookFetcher)
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

// A signed bundle the base's lock pins: the gate fetches it over https,
// verifies its signature with the base's public key and judges by it; the
// summary names the bundle's revision, and a pull request that changes the
// key needs the owners stage while the base's key still counts.
func TestGateJudgesByALockedSignedBundle(t *testing.T) {
	privPEM, pubPEM := bundletest.KeyPair(t)
	var archive bytes.Buffer
	if _, err := bundle.Build(&archive, filepath.Join("..", "examples", "rulebook"), []string{"policies"}, bundle.Options{Revision: "v1.2.0", SigningKey: privPEM}); err != nil {
		t.Fatal(err)
	}
	srv := rulebooktest.ServeBundles(t)
	url := srv.Put("/rulebook-v1.2.0.tar.gz", archive.Bytes())
	client, err := rulebooks.HTTPClient(srv.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	fetcher := rulebooks.Fetcher{HTTP: client}

	source := "\nsource \"acme-rules\" {\n  bundle     = \"" + url + "\"\n  public_key = \"keys/rulebook.pem\"\n  policies   = [\"policies\"]\n}\n"
	local := t.TempDir()
	if err := os.MkdirAll(filepath.Join(local, "keys"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(local, "keys", "rulebook.pem"), pubPEM, 0o644)
	os.WriteFile(filepath.Join(local, "greenlight.hcl"), []byte(baseConfig+source), 0o644)
	loaded := config.Load(filepath.Join(local, "greenlight.hcl"))
	if loaded.Config == nil {
		t.Fatal(loaded.Diags)
	}
	synced, err := fetcher.Sync(context.Background(), loaded.Config.Sources[0], nil, t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	lockFile := filepath.Join(local, rulebook.LockName)
	if err := (&rulebook.Lock{Sources: []rulebook.Locked{synced.Locked}}).Write(lockFile); err != nil {
		t.Fatal(err)
	}
	lock, _ := os.ReadFile(lockFile)

	r := newRepo(t)
	r.git("checkout", "-q", "main")
	r.write("greenlight.hcl", baseConfig+source)
	r.write("keys/rulebook.pem", string(pubPEM))
	r.write(rulebook.LockName, string(lock))
	base := r.commit("adopt the signed rulebook")
	r.git("checkout", "-q", "-B", "post")
	r.write("posts/c.md", strings.Replace(postB, "Open a savings account today.", "Open a savings account today: results guaranteed.", 1))
	_, otherPub := bundletest.KeyPair(t)
	r.write("keys/rulebook.pem", string(otherPub))
	w := openPR(t, r, base, r.commit("a post that promises, and another key"))

	out := w.run(t, func(o *action.Options) { o.Sources = fetcher })
	run := w.checkRun(t)
	if out.Conclusion != "failure" || !hasAnnotation(run, "posts/c.md", 6, "failure", "Do not promise results") {
		t.Errorf("conclusion %s; the bundle's rule did not fire on posts/c.md: %v\n%s", out.Conclusion, run.Annotations, run.Summary)
	}
	if want := "rulebook acme-rules v1.2.0 (sha256:" + synced.Locked.Key()[:7] + ")"; !strings.Contains(run.Summary, want) {
		t.Errorf("summary lacks %q:\n%s", want, run.Summary)
	}
	if !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") || !strings.Contains(run.Summary, "keys/rulebook.pem") {
		t.Errorf("blocked stages %v: a change to the rulebook's key needs the owners stage\n%s", out.BlockedStages, run.Summary)
	}

	t.Run("a bundle replaced on the server fails closed", func(t *testing.T) {
		var other bytes.Buffer
		if _, err := bundle.Build(&other, filepath.Join("..", "examples", "rulebook"), []string{"policies"}, bundle.Options{Revision: "v1.2.1", SigningKey: privPEM}); err != nil {
			t.Fatal(err)
		}
		srv.Put("/rulebook-v1.2.0.tar.gz", other.Bytes())
		out := w.run(t, func(o *action.Options) { o.Sources = fetcher })
		run := w.checkRun(t)
		if out.Conclusion != "failure" || !strings.Contains(run.Summary, "Cannot fetch the shared rulebooks") || !strings.Contains(run.Summary, "is not the one greenlight.lock pins") {
			t.Errorf("conclusion %s\n%s", out.Conclusion, run.Summary)
		}
	})
}

// lockAt is the greenlight.lock that pins the config's first source, a
// git rulebook served over loopback http, at commit.
func lockAt(t *testing.T, configText, commit string) string {
	t.Helper()
	loaded := config.Parse("greenlight.hcl", []byte(configText))
	if loaded.Config == nil {
		t.Fatal(loaded.Diags)
	}
	locked, err := rulebooks.Fetcher{Transport: gitrepo.Transport{AllowHTTP: true}}.Lock(context.Background(), loaded.Config.Sources[0], commit, t.TempDir())
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
	return string(lock)
}
