package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle/bundletest"
)

// retar rewrites a bundle archive with one file's content replaced and
// everything else, its .signatures.json included, as it was: a bundle
// changed after it was signed.
func retar(t *testing.T, archive []byte, name, content string) []byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	replaced := false
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimPrefix(h.Name, "/") == name {
			body, replaced = []byte(content), true
			h.Size = int64(len(body))
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write(body)
	}
	if !replaced {
		t.Fatalf("the bundle has no %s", name)
	}
	tw.Close()
	zw.Close()
	return out.Bytes()
}

// TestSignedBundleSource: a source with public_key takes only a bundle
// signed by that key, with every file as signed; each other bundle fails
// closed at public_key with the reason, and the lock records the key.
func TestSignedBundleSource(t *testing.T) {
	srv := rulebooktest.ServeBundles(t)
	t.Setenv(rulebooks.CAEnv, srv.CAFile)
	t.Setenv(rulebook.CacheEnv, "")
	files := exampleRulebook(t)
	priv, pub := bundletest.KeyPair(t)
	otherPriv, _ := bundletest.KeyPair(t)
	signed := packRulebook(t, files, "v1.2.0", priv)
	tampered := retar(t, signed, "policies/guarantees.rego", strings.Replace(files["policies/guarantees.rego"], "promises\n", "false\n", 1))

	served := 0
	sync := func(t *testing.T, archive []byte) (dir, stderr string, code int) {
		t.Helper()
		dir = t.TempDir()
		served++
		url := srv.Put(fmt.Sprintf("/rulebook-%d.tar.gz", served), archive)
		writeFile(t, filepath.Join(dir, "keys", "rulebook.pem"), string(pub))
		writeFile(t, filepath.Join(dir, "posts", "launch.md"), "---\ntitle: Launch\nchannels: [linkedin]\n---\nResults guaranteed.\n")
		writeFile(t, filepath.Join(dir, "greenlight.hcl"), sourceConfig("bundle", url, `  public_key = "keys/rulebook.pem"`))
		_, stderr, code = runIn(t, dir, "sync")
		return dir, stderr, code
	}
	t.Run("a bundle signed by the key syncs, and the lock records the key", func(t *testing.T) {
		dir, stderr, code := sync(t, signed)
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		lock, err := rulebook.ReadLock(filepath.Join(dir, rulebook.LockName))
		if err != nil {
			t.Fatal(err)
		}
		loaded := config.Load(filepath.Join(dir, "greenlight.hcl"))
		want, _ := rulebook.KeyDigest(loaded.Config.Sources[0])
		if got := lock.Source("acme-rules").SignedBy; got == "" || got != want {
			t.Errorf("signed_by %q, want %q", got, want)
		}
		if _, stderr, code := runIn(t, dir, "check", "."); code != 1 {
			t.Errorf("check exit %d\n%s", code, stderr)
		}
		t.Run("a new key in the config needs a new sync", func(t *testing.T) {
			_, otherPub := bundletest.KeyPair(t)
			writeFile(t, filepath.Join(dir, "keys", "rulebook.pem"), string(otherPub))
			_, stderr, code := runIn(t, dir, "check", ".")
			if code != 2 || !strings.Contains(stderr, "greenlight.lock is out of date") {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
		})
	})
	for _, tt := range []struct {
		name, want string
		archive    []byte
	}{
		{"an unsigned bundle is refused", "the bundle is not signed, and the source's public_key requires a signature", packRulebook(t, files, "v1.2.0", nil)},
		{"a bundle signed by another key is refused", "the bundle is not signed by the source's public_key", packRulebook(t, files, "v1.2.0", otherPriv)},
		{"a bundle changed after signing is refused", "a file was changed, added or removed after the bundle was signed", tampered},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, stderr, code := sync(t, tt.archive)
			if code != 2 || !strings.Contains(stderr, "Rulebook signature refused") || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "greenlight.hcl:7:") {
				t.Fatalf("exit %d, want 2 at public_key with %q\n%s", code, tt.want, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, rulebook.LockName)); err == nil {
				t.Error("a lock was written")
			}
		})
	}
	t.Run("a missing key file is a config error at public_key", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "greenlight.hcl"), sourceConfig("bundle", srv.URL+"/x.tar.gz", `  public_key = "keys/missing.pem"`))
		_, stderr, code := runIn(t, dir, "validate")
		if code != 2 || !strings.Contains(stderr, "greenlight.hcl:7:") || !strings.Contains(stderr, "Key file not found") {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	})
}

// TestSignedGitSource: a git source with allowed_signers takes only a tag
// signed by a key that file lists, checked by git verify-tag; an
// unsigned tag, another key's tag, an unsigned pinned commit and a tag
// moved after the lock each fail closed with the reason.
func TestSignedGitSource(t *testing.T) {
	legal, allowed := rulebooktest.SSHKey(t, "legal@acme.example")
	intruder, _ := rulebooktest.SSHKey(t, "intruder@example.com")
	srv := rulebooktest.Serve(t)
	book := srv.NewRepo(t, "rulebook")
	first := book.Commit(t, exampleRulebook(t))
	book.SignedTag(t, "v1.2.0", legal)
	book.Tag(t, "v1.2.0-unsigned")
	book.SignedTag(t, "v1.2.0-intruder", intruder)
	t.Setenv(rulebooks.InsecureEnv, "1")
	t.Setenv(rulebook.CacheEnv, "")
	t.Setenv("GREENLIGHT_TOKEN", "")

	repo := func(t *testing.T, ref string) string {
		t.Helper()
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "keys", "allowed_signers"), allowed)
		writeFile(t, filepath.Join(dir, "greenlight.hcl"), `source "acme-rules" {
  git             = "`+book.URL+`"
  ref             = "`+ref+`"
  allowed_signers = "keys/allowed_signers"
  policies        = ["policies"]
}
`)
		return dir
	}
	dir := repo(t, "v1.2.0")
	t.Run("a tag signed by an allowed key syncs", func(t *testing.T) {
		if stdout, stderr, code := runIn(t, dir, "sync"); code != 0 {
			t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
		}
		lock, err := rulebook.ReadLock(filepath.Join(dir, rulebook.LockName))
		if err != nil || lock.Source("acme-rules").Commit != first || !strings.HasPrefix(lock.Source("acme-rules").SignedBy, "sha256:") {
			t.Fatalf("lock %+v, %v", lock, err)
		}
	})
	t.Run("the Action fetches a signed release's commit and tag in one fetch", func(t *testing.T) {
		ctx := context.Background()
		remote, err := gitrepo.InitRemote(ctx, t.TempDir(), gitrepo.Transport{AllowHTTP: true})
		if err != nil {
			t.Fatal(err)
		}
		before := srv.Requests.Load()
		if err := remote.FetchCommit(ctx, book.URL, first); err != nil {
			t.Fatal(err)
		}
		one := srv.Requests.Load() - before
		loaded := config.Load(filepath.Join(dir, "greenlight.hcl"))
		f := rulebooks.Fetcher{Transport: gitrepo.Transport{AllowHTTP: true}}
		before = srv.Requests.Load()
		if _, err := f.FetchLocked(ctx, loaded.Config, t.TempDir()); err != nil {
			t.Fatal(err)
		}
		// A fetch that names a tag also lists refs, so it may take a
		// request more than one naming a commit; two fetches take at
		// least twice as many.
		if got := srv.Requests.Load() - before; got >= 2*one {
			t.Errorf("fetching the signed release took %d requests, as two fetches do; one fetch of a commit takes %d", got, one)
		}
	})
	for _, tt := range []struct{ name, ref, want string }{
		{"an unsigned tag is refused", "v1.2.0-unsigned", "tag v1.2.0-unsigned is not signed by a key in allowed_signers"},
		{"a tag signed by another key is refused", "v1.2.0-intruder", "tag v1.2.0-intruder is not signed by a key in allowed_signers"},
		{"an unsigned pinned commit is refused", first, "commit " + first + " is not signed by a key in allowed_signers"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runIn(t, repo(t, tt.ref), "sync")
			if code != 2 || !strings.Contains(stderr, "Rulebook signature refused") || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "greenlight.hcl:4:") {
				t.Fatalf("exit %d, want 2 at allowed_signers with %q\n%s", code, tt.want, stderr)
			}
		})
	}
	t.Run("a signed tag moved after the lock fails closed in sync and in the Action", func(t *testing.T) {
		book.Commit(t, map[string]string{"policies/extra.rego": "package rulebook.acme.extra\n"})
		book.SignedTag(t, "v1.2.0", legal)
		_, stderr, code := runIn(t, dir, "sync")
		if code != 2 || !strings.Contains(stderr, "Tag moved") || !strings.Contains(stderr, "tag v1.2.0 moved from "+first[:7]) {
			t.Fatalf("sync exit %d\n%s", code, stderr)
		}
		loaded := config.Load(filepath.Join(dir, "greenlight.hcl"))
		f := rulebooks.Fetcher{Transport: gitrepo.Transport{AllowHTTP: true}}
		_, err := f.FetchLocked(context.Background(), loaded.Config, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "tag v1.2.0 names") || !strings.Contains(err.Error(), "it moved") {
			t.Fatalf("FetchLocked err = %v", err)
		}
	})
}
