package gitrepo_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/gitrepo"
)

// isolate makes git in this test independent of the machine: no user or
// system config, a fixed identity. Repo methods inherit the environment.
func isolate(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skipf("these tests need the git binary, which is not installed: %v", err)
	}
	home := t.TempDir()
	for k, v := range map[string]string{
		"HOME":                home,
		"XDG_CONFIG_HOME":     home,
		"GIT_CONFIG_NOSYSTEM": "1",
		"GIT_CONFIG_GLOBAL":   filepath.Join(home, "gitconfig"),
		"GIT_AUTHOR_NAME":     "Greenlight Test",
		"GIT_AUTHOR_EMAIL":    "test@greenlight.invalid",
		"GIT_COMMITTER_NAME":  "Greenlight Test",
		"GIT_COMMITTER_EMAIL": "test@greenlight.invalid",
	} {
		t.Setenv(k, v)
	}
}

// newWorkTree creates an empty repository and returns its folder.
func newWorkTree(t *testing.T) string {
	t.Helper()
	isolate(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	return dir
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// commit commits every change in the work tree and returns the commit id.
func commit(t *testing.T, dir, msg string) string {
	t.Helper()
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "--allow-empty", "-m", msg)
	return git(t, dir, "rev-parse", "HEAD")
}

func open(t *testing.T, dir string) *gitrepo.Repo {
	t.Helper()
	r, err := gitrepo.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestOpen(t *testing.T) {
	t.Run("a subfolder opens the work tree's top level", func(t *testing.T) {
		dir := newWorkTree(t)
		write(t, dir, "posts/launch.md", "hi\n")
		r := open(t, filepath.Join(dir, "posts"))
		want, _ := filepath.EvalSymlinks(dir)
		got, _ := filepath.EvalSymlinks(r.Dir)
		if got != want {
			t.Errorf("Dir = %s, want %s", r.Dir, dir)
		}
	})
	t.Run("a folder outside any work tree is an error", func(t *testing.T) {
		isolate(t)
		dir := t.TempDir()
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
		_, err := gitrepo.Open(context.Background(), dir)
		if err == nil || !strings.Contains(err.Error(), "git work tree") {
			t.Errorf("Open = %v, want an error saying it is not a git work tree", err)
		}
	})
}

// prHistory makes a base commit and a head commit that changes the config,
// adds a policy, and adds a post, as a pull request's author could.
func prHistory(t *testing.T) (dir, base, head string) {
	dir = newWorkTree(t)
	write(t, dir, "greenlight.hcl", "base config\n")
	write(t, dir, "policies/team/tone.rego", "package tone\n")
	write(t, dir, "policies/team/deep/nested/rule.rego", "package nested\n")
	write(t, dir, "posts/launch.md", "launch\n")
	write(t, dir, "tools/run.sh", "#!/bin/sh\n")
	if err := os.Chmod(filepath.Join(dir, "tools/run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../../../etc/passwd", filepath.Join(dir, "policies/team/passwd.rego")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc", filepath.Join(dir, "policies/etc")); err != nil {
		t.Fatal(err)
	}
	base = commit(t, dir, "base")
	write(t, dir, "greenlight.hcl", "head config: everything passes\n")
	write(t, dir, "policies/team/allow_all.rego", "package allow\n")
	write(t, dir, "posts/new.md", "new\n")
	head = commit(t, dir, "head")
	return dir, base, head
}

func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.Type()&fs.ModeSymlink != 0 {
			files[filepath.ToSlash(rel)] = "<symlink>"
			return nil
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestExtract(t *testing.T) {
	ctx := context.Background()
	dir, base, head := prHistory(t)
	r := open(t, dir)

	t.Run("the base commit's config and policies are written, not the head's", func(t *testing.T) {
		dest := t.TempDir()
		if _, err := r.Extract(ctx, base, []string{"greenlight.hcl", "policies"}, dest); err != nil {
			t.Fatal(err)
		}
		got := readTree(t, dest)
		want := map[string]string{
			"greenlight.hcl":                      "base config\n",
			"policies/team/tone.rego":             "package tone\n",
			"policies/team/deep/nested/rule.rego": "package nested\n",
		}
		if len(got) != len(want) {
			t.Errorf("wrote %v, want %v", got, want)
		}
		for name, content := range want {
			if got[name] != content {
				t.Errorf("%s = %q, want %q", name, got[name], content)
			}
		}
	})
	t.Run("the head commit's files are written when asked for the head", func(t *testing.T) {
		dest := t.TempDir()
		if _, err := r.Extract(ctx, head, []string{"greenlight.hcl", "policies/team/allow_all.rego"}, dest); err != nil {
			t.Fatal(err)
		}
		got := readTree(t, dest)
		if got["greenlight.hcl"] != "head config: everything passes\n" || got["policies/team/allow_all.rego"] != "package allow\n" || len(got) != 2 {
			t.Errorf("wrote %v", got)
		}
	})
	t.Run("a path missing at the commit is skipped", func(t *testing.T) {
		dest := t.TempDir()
		if _, err := r.Extract(ctx, base, []string{"policies/not-yet", "greenlight.hcl", "posts/new.md"}, dest); err != nil {
			t.Fatal(err)
		}
		if got := readTree(t, dest); len(got) != 1 || got["greenlight.hcl"] != "base config\n" {
			t.Errorf("wrote %v, want only greenlight.hcl", got)
		}
	})
	t.Run("only missing paths write nothing and create the destination", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "out")
		if _, err := r.Extract(ctx, base, []string{"policies/not-yet"}, dest); err != nil {
			t.Fatal(err)
		}
		if got := readTree(t, dest); len(got) != 0 {
			t.Errorf("wrote %v, want nothing", got)
		}
	})
	t.Run("symlinks in the tree are not written", func(t *testing.T) {
		dest := t.TempDir()
		if _, err := r.Extract(ctx, base, nil, dest); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"policies/team/passwd.rego", "policies/etc"} {
			if _, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(name))); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s: Lstat = %v, want it not written", name, err)
			}
		}
	})
	t.Run("no paths write the whole tree with nested paths kept", func(t *testing.T) {
		dest := t.TempDir()
		if _, err := r.Extract(ctx, base, nil, dest); err != nil {
			t.Fatal(err)
		}
		got := readTree(t, dest)
		for _, name := range []string{"greenlight.hcl", "policies/team/deep/nested/rule.rego", "posts/launch.md", "tools/run.sh"} {
			if _, ok := got[name]; !ok {
				t.Errorf("%s not written; wrote %v", name, got)
			}
		}
		if _, ok := got["posts/new.md"]; ok {
			t.Error("posts/new.md is only in the head but was written")
		}
	})
	t.Run("files get mode 0644, executables 0755", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("Windows has no executable bit")
		}
		dest := t.TempDir()
		if _, err := r.Extract(ctx, base, []string{"tools", "greenlight.hcl"}, dest); err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]fs.FileMode{"tools/run.sh": 0o755, "greenlight.hcl": 0o644} {
			fi, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != want {
				t.Errorf("%s has mode %v, want %v", name, fi.Mode().Perm(), want)
			}
		}
	})
	t.Run("an existing symlink in the destination is not followed out of it", func(t *testing.T) {
		dest, outside := t.TempDir(), t.TempDir()
		if err := os.Symlink(outside, filepath.Join(dest, "policies")); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Extract(ctx, base, []string{"policies"}, dest); err == nil {
			t.Error("Extract wrote through a symlink in the destination")
		}
		if got := readTree(t, outside); len(got) != 0 {
			t.Errorf("wrote %v outside the destination", got)
		}
	})
	for _, tc := range []struct {
		name, rev string
		paths     []string
	}{
		{"a revision starting with a dash is refused", "--output=/tmp/x", nil},
		{"a path climbing out of the repository is refused", base, []string{"../secrets"}},
		{"an absolute path is refused", base, []string{"/etc/passwd"}},
		{"an unknown revision is an error", "0123456789abcdef0123456789abcdef01234567", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := t.TempDir()
			if _, err := r.Extract(ctx, tc.rev, tc.paths, dest); err == nil {
				t.Error("Extract succeeded, want an error")
			}
			if got := readTree(t, dest); len(got) != 0 {
				t.Errorf("wrote %v", got)
			}
		})
	}
}

// TestExtractIgnoresAttributes pins that what is judged is the committed
// blob: a pull request's .gitattributes can neither re-encode a post
// (reviewers see UTF-8, a conversion would hand the engine garbage that
// matches nothing) nor leave a file out.
func TestExtractIgnoresAttributes(t *testing.T) {
	dir := newWorkTree(t)
	write(t, dir, "policies/gate.rego", "package gate\n")
	write(t, dir, "posts/claim.md", "---\ntitle: Returns\n---\nGuaranteed returns, risk-free.\n")
	commit(t, dir, "base")
	// Added after the files, and alone, so their blobs stay the UTF-8
	// text reviewers see.
	write(t, dir, ".gitattributes", "posts/*.md working-tree-encoding=UTF-16LE\npolicies/** export-ignore\n")
	git(t, dir, "add", ".gitattributes")
	git(t, dir, "commit", "-q", "-m", "attributes")
	rev := git(t, dir, "rev-parse", "HEAD")
	if out := git(t, dir, "archive", rev, "posts/claim.md"); !strings.Contains(out, "G\x00u\x00a\x00r") {
		t.Fatal("git archive does not convert the post to UTF-16; this test would prove nothing")
	}
	dest := t.TempDir()
	unwritten, err := open(t, dir).Extract(context.Background(), rev, []string{"policies", "posts/claim.md"}, dest)
	if err != nil || len(unwritten) != 0 {
		t.Fatalf("Extract = %v, %v", unwritten, err)
	}
	got := readTree(t, dest)
	if got["policies/gate.rego"] != "package gate\n" {
		t.Errorf("export-ignore left out the policy: %v", got)
	}
	if got["posts/claim.md"] != "---\ntitle: Returns\n---\nGuaranteed returns, risk-free.\n" {
		t.Errorf("the post was converted by .gitattributes: %q", got["posts/claim.md"])
	}
}

func TestExtractReturnsWhatItDoesNotWrite(t *testing.T) {
	dir := newWorkTree(t)
	write(t, dir, "secret.txt", "Guaranteed returns\n")
	write(t, dir, "posts/ok.md", "fine\n")
	if err := os.Symlink("../secret.txt", filepath.Join(dir, "posts", "link.md")); err != nil {
		t.Skipf("symlinks: %v", err)
	}
	rev := commit(t, dir, "links")
	dest := t.TempDir()
	unwritten, err := open(t, dir).Extract(context.Background(), rev, []string{"posts/ok.md", "posts/link.md"}, dest)
	if err != nil {
		t.Fatal(err)
	}
	if len(unwritten) != 1 || unwritten[0] != (gitrepo.Unwritten{Path: "posts/link.md", Kind: "a symlink"}) {
		t.Errorf("unwritten = %+v, want posts/link.md as a symlink", unwritten)
	}
	if got := readTree(t, dest); len(got) != 1 || got["posts/ok.md"] != "fine\n" {
		t.Errorf("wrote %v, want only posts/ok.md", got)
	}
}

func TestReadFile(t *testing.T) {
	ctx := context.Background()
	dir, base, head := prHistory(t)
	r := open(t, dir)

	t.Run("a file reads as it is at the revision", func(t *testing.T) {
		for rev, want := range map[string]string{base: "base config\n", head: "head config: everything passes\n"} {
			got, err := r.ReadFile(ctx, rev, "greenlight.hcl")
			if err != nil || string(got) != want {
				t.Errorf("ReadFile(%s) = %q, %v; want %q", rev, got, err, want)
			}
		}
	})
	t.Run("a nested file reads by its slash path", func(t *testing.T) {
		got, err := r.ReadFile(ctx, base, "policies/team/deep/nested/rule.rego")
		if err != nil || string(got) != "package nested\n" {
			t.Errorf("ReadFile = %q, %v", got, err)
		}
	})
	t.Run("a path missing at the revision is ErrNotExist", func(t *testing.T) {
		for _, p := range []string{"posts/new.md", "nope.hcl", "greenlight.hcl/x", "post"} {
			_, err := r.ReadFile(ctx, base, p)
			if !errors.Is(err, gitrepo.ErrNotExist) || !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("ReadFile(%s) = %v, want ErrNotExist", p, err)
			}
		}
	})
	for _, tc := range []struct{ name, rev, path string }{
		{"a folder is an error, not ErrNotExist", base, "policies"},
		{"a symlink is an error, not ErrNotExist", base, "policies/team/passwd.rego"},
		{"an unknown revision is an error, not ErrNotExist", "0123456789abcdef0123456789abcdef01234567", "greenlight.hcl"},
		{"a revision starting with a dash is refused", "-p", "greenlight.hcl"},
		{"a path climbing out is refused", base, "../greenlight.hcl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.ReadFile(ctx, tc.rev, tc.path)
			if err == nil || errors.Is(err, gitrepo.ErrNotExist) {
				t.Errorf("ReadFile = %q, %v; want an error other than ErrNotExist", got, err)
			}
		})
	}
}

func TestHasCommit(t *testing.T) {
	ctx := context.Background()
	dir, base, head := prHistory(t)
	r := open(t, dir)
	blob := git(t, dir, "rev-parse", base+":greenlight.hcl")
	for _, tc := range []struct {
		name, rev string
		want      bool
	}{
		{"the base commit is present", base, true},
		{"the head commit is present", head, true},
		{"a branch-like revision resolves", "HEAD~1", true},
		{"an unknown commit id is absent", "0123456789abcdef0123456789abcdef01234567", false},
		{"a blob id is not a commit", blob, false},
		{"an option-like revision is refused", "--all", false},
		{"an empty revision is refused", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.HasCommit(ctx, tc.rev); got != tc.want {
				t.Errorf("HasCommit(%q) = %v, want %v", tc.rev, got, tc.want)
			}
		})
	}
}

// TestFetch simulates the action's checkout: a depth-1 clone lacks the
// base commit until it is fetched from the remote.
func TestFetch(t *testing.T) {
	ctx := context.Background()
	origin := newWorkTree(t)
	write(t, origin, "posts/launch.md", "v1\n")
	approved := commit(t, origin, "approved")
	write(t, origin, "posts/launch.md", "v2\n")
	head := commit(t, origin, "head")
	remote := filepath.Join(t.TempDir(), "remote.git")
	git(t, origin, "clone", "-q", "--bare", origin, remote)
	checkout := filepath.Join(t.TempDir(), "checkout")
	git(t, origin, "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(remote), checkout)
	r := open(t, checkout)

	if !r.HasCommit(ctx, head) {
		t.Fatal("the shallow clone lacks its head")
	}
	if r.HasCommit(ctx, approved) {
		t.Fatal("the shallow clone has the approved commit before fetching; the test proves nothing")
	}
	if _, err := r.Diff(ctx, approved, head); err == nil {
		t.Error("Diff from a missing commit succeeded")
	}
	if err := r.Fetch(ctx, "origin", approved); err != nil {
		t.Fatal(err)
	}
	if !r.HasCommit(ctx, approved) {
		t.Fatal("the approved commit is still missing after Fetch")
	}
	c, err := r.Diff(ctx, approved, head)
	if err != nil {
		t.Fatal(err)
	}
	if !c.ContentChanged("posts/launch.md") {
		t.Errorf("posts/launch.md changed after the approval; Diff = %v", c)
	}

	t.Run("EnsureCommits fetches only what is missing", func(t *testing.T) {
		checkout := filepath.Join(t.TempDir(), "checkout")
		git(t, origin, "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(remote), checkout)
		r := open(t, checkout)
		if err := r.EnsureCommits(ctx, "origin", head, approved); err != nil {
			t.Fatal(err)
		}
		if !r.HasCommit(ctx, approved) {
			t.Error("the approved commit is missing after EnsureCommits")
		}
	})
	t.Run("EnsureCommits fails for a commit the remote does not have", func(t *testing.T) {
		if err := r.EnsureCommits(ctx, "origin", "0123456789abcdef0123456789abcdef01234567"); err == nil {
			t.Error("EnsureCommits succeeded")
		}
	})
	for _, tc := range []struct {
		name, remote string
		revs         []string
	}{
		{"an option-like remote is refused", "--upload-pack=touch /tmp/pwned", []string{approved}},
		{"an option-like revision is refused", "origin", []string{"--upload-pack=x"}},
		{"a refspec that would write a ref is refused", "origin", []string{approved + ":refs/heads/main"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := r.Fetch(ctx, tc.remote, tc.revs...); err == nil {
				t.Error("Fetch succeeded")
			}
		})
	}
}

// Grep finds fixed strings in any case at a commit, under the paths
// given; nothing found is no error, a bad revision is.
func TestGrep(t *testing.T) {
	dir := newWorkTree(t)
	write(t, dir, "posts/a.md", "![](media/Logo.PNG)\n")
	write(t, dir, "posts/b.md", "no image, a.b* only\n")
	write(t, dir, "notes/c.md", "media/logo.png\n")
	first := commit(t, dir, "first")
	write(t, dir, "posts/b.md", "media/logo.png\n")
	commit(t, dir, "second")
	r := open(t, dir)
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		rev   string
		words []string
		paths []string
		want  string
	}{
		{"any case, under a folder", first, []string{"logo.png"}, []string{"posts"}, "posts/a.md"},
		{"every folder", first, []string{"logo.png"}, nil, "notes/c.md,posts/a.md"},
		{"fixed strings", first, []string{"a.b*"}, nil, "posts/b.md"},
		{"at the commit, not the tree", "HEAD", []string{"logo.png"}, []string{"posts"}, "posts/a.md,posts/b.md"},
		{"nothing", first, []string{"video.mp4"}, nil, ""},
		{"a folder that is not there", first, []string{"logo.png"}, []string{"media"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.Grep(ctx, tc.rev, tc.words, tc.paths...)
			if err != nil || strings.Join(got, ",") != tc.want {
				t.Errorf("Grep = %q, %v; want %s", got, err, tc.want)
			}
		})
	}
	if _, err := r.Grep(ctx, strings.Repeat("0", 40), []string{"x"}); err == nil {
		t.Error("a commit that is not there must be an error, never nothing found")
	}
}
