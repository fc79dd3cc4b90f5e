package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle/bundletest"
)

// TestOCISource runs a signed rulebook bundle pushed to an OCI registry
// (go-containerregistry's, in memory, over https on loopback) end to end:
// sync locks the tag's manifest, check judges by it offline, a tag moved
// to another manifest fails closed until sync --update, and the Action's
// fetch pulls exactly the manifest locked.
func TestOCISource(t *testing.T) {
	reg := rulebooktest.ServeRegistry(t)
	files := exampleRulebook(t)
	priv, pub := bundletest.KeyPair(t)
	first := reg.Push(t, "acme/rulebook", "v1.2.0", packRulebook(t, files, "v1.2.0", priv))
	reg.Push(t, "acme/rulebook", "v1.2.0-unsigned", packRulebook(t, files, "v1.2.0", nil))
	t.Setenv(rulebooks.CAEnv, reg.CAFile)
	t.Setenv(rulebook.CacheEnv, "")
	dir := t.TempDir()
	ref := reg.Host + "/acme/rulebook:v1.2.0"
	writeFile(t, filepath.Join(dir, "keys", "rulebook.pem"), string(pub))
	writeFile(t, filepath.Join(dir, "greenlight.hcl"), sourceConfig("oci", ref, `  public_key = "keys/rulebook.pem"`))
	writeFile(t, filepath.Join(dir, "posts", "launch.md"), launchPost)
	lockPath := filepath.Join(dir, rulebook.LockName)

	t.Run("sync locks the tag's manifest and the bundle's revision", func(t *testing.T) {
		stdout, l := syncSource(t, dir)
		if l.OCI != ref || l.Ref != "v1.2.0" || l.Manifest != first || l.Revision != "v1.2.0" || l.SignedBy == "" {
			t.Fatalf("lock = %+v, want manifest %s", l, first)
		}
		if want := "acme-rules v1.2.0 (" + "sha256:" + l.Key()[:7] + "): added, 2 rules"; !strings.Contains(stdout, want) {
			t.Errorf("sync printed %q, want %q", stdout, want)
		}
	})
	t.Run("check judges by it without the registry", func(t *testing.T) {
		checksOffline(t, dir, reg.Requests.Load)
	})
	t.Run("a tag moved to another manifest fails closed at the reference", func(t *testing.T) {
		changed := map[string]string{}
		for p, c := range files {
			changed[p] = c
		}
		changed["policies/extra.rego"] = "package rulebook.acme.extra\n"
		second := reg.Push(t, "acme/rulebook", "v1.2.0", packRulebook(t, changed, "v1.2.0", priv))
		lockBefore, _ := os.ReadFile(lockPath)
		_, stderr, code := runIn(t, dir, "sync")
		want := "tag v1.2.0 moved from sha256:" + strings.TrimPrefix(first, "sha256:")[:7] + " to sha256:" + strings.TrimPrefix(second, "sha256:")[:7]
		if code != 2 || !strings.Contains(stderr, "Tag moved") || !strings.Contains(stderr, want) || !strings.Contains(stderr, "greenlight.hcl:4:") {
			t.Fatalf("exit %d, want 2 at the reference with %q\n%s", code, want, stderr)
		}
		if after, _ := os.ReadFile(lockPath); string(after) != string(lockBefore) {
			t.Error("greenlight.lock changed")
		}
		t.Run("the Action still pulls the manifest the lock pins", func(t *testing.T) {
			client, err := rulebooks.HTTPClient(reg.CAFile)
			if err != nil {
				t.Fatal(err)
			}
			loaded := config.Load(filepath.Join(dir, "greenlight.hcl"))
			cache := t.TempDir()
			locked, err := rulebooks.Fetcher{HTTP: client}.FetchLocked(context.Background(), loaded.Config, cache)
			if err != nil || len(locked) != 1 || locked[0].Manifest != first {
				t.Fatalf("FetchLocked = %+v, %v", locked, err)
			}
		})
		stdout, stderr, code := runIn(t, dir, "sync", "--update")
		if code != 0 || !strings.Contains(stdout, "acme-rules: "+want) {
			t.Fatalf("sync --update exit %d\n%s%s", code, stdout, stderr)
		}
		if lock, _ := rulebook.ReadLock(lockPath); lock.Source("acme-rules").Manifest != second {
			t.Errorf("lock = %+v, want manifest %s", lock.Source("acme-rules"), second)
		}
	})
	for _, tt := range []struct{ name, ref, want string }{
		{"an unsigned bundle is refused at public_key", reg.Host + "/acme/rulebook:v1.2.0-unsigned", "greenlight.hcl:7:"},
		{"a tag the registry lacks is refused at the reference", reg.Host + "/acme/rulebook:v9.9.9", "the registry has no ref v9.9.9 in "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			other := t.TempDir()
			writeFile(t, filepath.Join(other, "keys", "rulebook.pem"), string(pub))
			writeFile(t, filepath.Join(other, "greenlight.hcl"), sourceConfig("oci", tt.ref, `  public_key = "keys/rulebook.pem"`))
			_, stderr, code := runIn(t, other, "sync")
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, want 2 with %q\n%s", code, tt.want, stderr)
			}
		})
	}
	t.Run("a version range picks the newest release within it from the registry's tags", func(t *testing.T) {
		for _, tag := range []string{"v1.2.0", "v1.3.0", "v2.0.0"} {
			reg.Push(t, "acme/versioned", tag, packRulebook(t, files, tag, priv))
		}
		other := t.TempDir()
		writeFile(t, filepath.Join(other, "keys", "rulebook.pem"), string(pub))
		writeFile(t, filepath.Join(other, "greenlight.hcl"), sourceConfig("oci", reg.Host+"/acme/versioned", `  public_key = "keys/rulebook.pem"`, `  version    = "~> 1.2"`))
		stdout, l := syncSource(t, other)
		if l.Ref != "v1.3.0" || l.Revision != "v1.3.0" || l.Constraint != "~> 1.2" || !strings.Contains(stdout, "acme-rules v1.3.0 (sha256:") {
			t.Fatalf("lock %+v\n%s", l, stdout)
		}
	})
	t.Run("offline with the cache filled it checks", func(t *testing.T) {
		reg.Close()
		if stdout, stderr, code := runIn(t, dir, "check", "."); code != 1 {
			t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
		}
	})
}
