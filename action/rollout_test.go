package action_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action"
	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/internal/fakegithub"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
)

// sync runs the built binary's `greenlight sync ARGS...` in the
// repository's work tree, as a person does before committing the lock,
// with the cache outside the tree; it must succeed.
func (r *repo) sync(t *testing.T, cache string, args ...string) string {
	t.Helper()
	cmd := exec.Command(greenlightBinary(t), append([]string{"sync"}, args...)...)
	cmd.Dir = r.dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + r.dir, "GIT_CONFIG_NOSYSTEM=1",
		rulebooks.InsecureEnv + "=1", "GREENLIGHT_CACHE=" + cache}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("greenlight sync %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// openPR opens a pull request from head onto base in the repository.
func openPR(t *testing.T, r *repo, base, head string) *world {
	t.Helper()
	gh := fakegithub.New(t, fakegithub.PR{Number: 2, Author: "ada", Head: head, HeadRef: "post", Base: base, BaseRef: "main"})
	gh.Files = r.files(base, head)
	gh.Teams["Codertocat/legal"] = []string{"lee", "mia"}
	return &world{repo: r, gh: gh, base: base, head: head,
		summary: filepath.Join(t.TempDir(), "summary.md"), output: filepath.Join(t.TempDir(), "output")}
}

// TestRolloutOfASharedRulebook: the two content repositories of
// examples/sites, brand and support, share one rulebook (examples/rulebook,
// served by git http-backend on loopback) within version "~> 1.0". At
// v1.0.0 its compliance rule only warns. Legal makes it block and tags
// v1.1.0; each repository runs greenlight sync --update (the built
// binary), which says the rule was re-levelled, and commits the lock, a
// change that needs the owners stage. From then on each repository's pull
// requests are judged by v1.1.0, and the check run's summary names it.
func TestRolloutOfASharedRulebook(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	srv := rulebooktest.Serve(t)
	book := srv.NewRepo(t, "rulebook")
	files := rulebooktest.Files(t, filepath.Join("..", "examples", "rulebook"))
	v100 := book.Commit(t, rulebooktest.WarnOnly(files))
	book.Tag(t, "v1.0.0")
	sources := func(o *action.Options) { o.Sources = rulebooks.Fetcher{Transport: gitrepo.Transport{AllowHTTP: true}} }

	type site struct {
		name  string
		r     *repo
		cache string
		base  string
	}
	var sites []*site
	for _, name := range []string{"brand", "support"} {
		s := &site{name: name, r: &repo{t: t, dir: t.TempDir()}, cache: t.TempDir()}
		s.r.git("init", "-q", "-b", "main")
		for p, c := range rulebooktest.Files(t, filepath.Join("..", "examples", "sites", name)) {
			s.r.write(p, strings.Replace(c, "https://github.com/acme/rulebook.git", book.URL, 1))
		}
		if out := s.r.sync(t, s.cache); !strings.Contains(out, "acme-rules v1.0.0 ("+v100[:7]+"): added") {
			t.Fatalf("%s: sync printed %q", name, out)
		}
		s.base = s.r.commit("adopt the shared rulebook")
		sites = append(sites, s)
	}
	judge := func(t *testing.T, s *site, wantLevel, wantVersion string) {
		t.Helper()
		s.r.git("checkout", "-q", "-B", "post", s.base)
		s.r.write("posts/2026-12-10-promise.md", "---\ntitle: Savings\nchannels: [x]\npublish_at: 2026-12-10T09:00:00-05:00\n---\nOpen a savings account today: results guaranteed.\n")
		w := openPR(t, s.r, s.base, s.r.commit("a post that promises"))
		w.run(t, sources)
		run := w.checkRun(t)
		if !hasAnnotation(run, "posts/2026-12-10-promise.md", 6, wantLevel, "Do not promise results") {
			t.Errorf("no %s annotation from the rulebook on the post: %v", wantLevel, run.Annotations)
		}
		if !strings.Contains(run.Summary, "rulebook acme-rules "+wantVersion) {
			t.Errorf("the summary does not name rulebook acme-rules %s:\n%s", wantVersion, run.Summary)
		}
		s.r.git("checkout", "-q", "main")
	}
	for _, s := range sites {
		t.Run(s.name+" at v1.0.0: the promise is a warning", func(t *testing.T) {
			judge(t, s, "warning", "v1.0.0 ("+v100[:7]+")")
		})
	}

	v110 := book.Commit(t, files) // legal: a promise of results now blocks
	book.Tag(t, "v1.1.0")
	for _, s := range sites {
		t.Run(s.name+" runs sync --update and commits the lock", func(t *testing.T) {
			if out := s.r.sync(t, s.cache); !strings.Contains(out, "v1.0.0 ("+v100[:7]+"): up to date") {
				t.Errorf("a plain sync moved: %s", out)
			}
			out := s.r.sync(t, s.cache, "--update")
			want := "acme-rules v1.1.0 (" + v110[:7] + "): was v1.0.0 (" + v100[:7] + "); rules re-levelled: acme-rules.no-guarantees (warning → error)"
			if !strings.Contains(out, want) {
				t.Errorf("sync --update printed %q, want %q", out, want)
			}
			update := s.r.commit("rulebook v1.1.0")
			w := openPR(t, s.r, s.base, update)
			if out := w.run(t, sources); !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") {
				t.Errorf("the lock's update is blocked on %v, want the owners stage", out.BlockedStages)
			}
			s.base = update // merged
		})
	}
	for _, s := range sites {
		t.Run(s.name+" at v1.1.0: the promise blocks", func(t *testing.T) {
			judge(t, s, "failure", "v1.1.0 ("+v110[:7]+")")
		})
	}
}
