package rulebooks_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle"
)

func TestResolveAndFetch(t *testing.T) {
	srv := rulebooktest.Serve(t)
	repo := srv.NewRepo(t, "rules")
	first := repo.Commit(t, map[string]string{"policies/p.rego": "package acme\n", "styles/Acme/Hype.yml": "extends: existence\n", "README.md": "not used\n"})
	repo.Tag(t, "v1.0.0")
	f := rulebooks.Fetcher{Transport: gitrepo.Transport{AllowHTTP: true}}
	src := func(ref string, paths ...string) *config.Source {
		return &config.Source{Name: "acme", Git: repo.URL, Ref: ref, Policies: paths}
	}
	tests := []struct {
		name    string
		src     *config.Source
		want    string // commit
		wantErr string
	}{
		{"a tag resolves to its commit", src("v1.0.0", "policies"), first, ""},
		{"a full commit id names itself", src(first, "policies"), first, ""},
		{"a branch is refused", src("main", "policies"), "", "is a branch"},
		{"a tag the server lacks is refused", src("v9", "policies"), "", "has no tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.Resolve(context.Background(), tt.src)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, rulebooks.ErrRef) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Resolve = %s, %v; want %s", got, err, tt.want)
			}
		})
	}

	t.Run("fetch writes only the folders used, as committed, and their digest", func(t *testing.T) {
		cache := t.TempDir()
		s := &config.Source{Name: "acme", Git: repo.URL, Ref: "v1.0.0", Policies: []string{"policies"}, Styles: []string{"styles/Acme"}}
		digest, err := f.Fetch(context.Background(), s, first, cache)
		if err != nil {
			t.Fatal(err)
		}
		entry := rulebook.Entry(cache, "acme", first)
		if _, err := os.Stat(filepath.Join(entry, "README.md")); err == nil {
			t.Error("README.md was written; only the folders used are")
		}
		if again, err := rulebook.Digest(entry); err != nil || again != digest {
			t.Errorf("Digest = %s, %v; want %s", again, err, digest)
		}
	})
	t.Run("plain http is refused unless allowed", func(t *testing.T) {
		_, err := rulebooks.Fetcher{}.Resolve(context.Background(), src("v1.0.0", "policies"))
		if err == nil || !strings.Contains(err.Error(), "plain http") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a symlink in a folder used is refused", func(t *testing.T) {
		if err := os.Symlink("/etc/passwd", filepath.Join(repo.Dir, "policies", "passwd.rego")); err != nil {
			t.Fatal(err)
		}
		linked := repo.Commit(t, nil)
		_, err := f.Fetch(context.Background(), src(linked, "policies"), linked, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "a symlink") {
			t.Fatalf("err = %v", err)
		}
	})
}

// The Action fetches a bundle source afresh and takes it only if its
// archive is the one greenlight.lock pins.
func TestFetchLockedBundle(t *testing.T) {
	srv := rulebooktest.ServeBundles(t)
	pack := func(rule string) []byte {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "policies"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "policies", "p.rego"), []byte("package acme\n\n"+rule+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := bundle.Build(&b, dir, []string{"policies"}, bundle.Options{Revision: "v1"}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	url := srv.Put("/r.tar.gz", pack("x := 1"))
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "greenlight.hcl")
	if err := os.WriteFile(cfgPath, []byte("source \"acme\" {\n  bundle   = \""+url+"\"\n  policies = [\"policies\"]\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loaded := config.Load(cfgPath)
	if loaded.Config == nil {
		t.Fatal(loaded.Diags)
	}
	client, err := rulebooks.HTTPClient(srv.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	f := rulebooks.Fetcher{HTTP: client}
	synced, err := f.Sync(context.Background(), loaded.Config.Sources[0], nil, t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := (&rulebook.Lock{Sources: []rulebook.Locked{synced.Locked}}).Write(filepath.Join(dir, rulebook.LockName)); err != nil {
		t.Fatal(err)
	}
	t.Run("the locked archive is fetched and installed", func(t *testing.T) {
		cache := t.TempDir()
		if _, err := f.FetchLocked(context.Background(), loaded.Config, cache); err != nil {
			t.Fatal(err)
		}
		if d, err := rulebook.Digest(rulebook.Entry(cache, "acme", synced.Locked.Key())); err != nil || d != synced.Locked.Digest {
			t.Errorf("digest %s, %v; want %s", d, err, synced.Locked.Digest)
		}
	})
	t.Run("another archive under the URL is refused", func(t *testing.T) {
		srv.Put("/r.tar.gz", pack("x := 2"))
		_, err := f.FetchLocked(context.Background(), loaded.Config, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "is not the one greenlight.lock pins") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a system without the server's authority refuses it", func(t *testing.T) {
		_, err := rulebooks.Fetcher{}.Sync(context.Background(), loaded.Config.Sources[0], nil, t.TempDir(), false)
		if err == nil || !strings.Contains(err.Error(), "certificate") {
			t.Fatalf("err = %v", err)
		}
	})
}

// tarGz is a .tar.gz of files (name, content) as written, paths and all.
func tarGz(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	tw := tar.NewWriter(zw)
	for _, f := range files {
		if err := tw.WriteHeader(&tar.Header{Name: f[0], Mode: 0o644, Size: int64(len(f[1])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(f[1]))
	}
	if err := errors.Join(tw.Close(), zw.Close()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A bundle Greenlight would not load as its author meant is refused, and
// no file of it reaches the cache: data its policies could rely on, a path
// that climbs out of the rulebook, Wasm.
func TestSyncRefusesABundleItWouldNotLoadAsMeant(t *testing.T) {
	srv := rulebooktest.ServeBundles(t)
	client, err := rulebooks.HTTPClient(srv.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	policy := [2]string{"/policies/p.rego", "package rulebook.acme\n"}
	tests := []struct {
		name    string
		archive []byte
		want    string
	}{
		{"data a policy could read", tarGz(t, policy, [2]string{"/data.json", `{"limits":{"max":3}}`}), `carries data at "limits"`},
		{"a module that climbs out", tarGz(t, [2]string{"/policies/../../evil.rego", "package rulebook.acme\n"}), "not a path inside the rulebook"},
		{"a data file that climbs out", tarGz(t, policy, [2]string{"/data.json", `{"greenlight_rulebook":{"files":{"../../x.yml":"a: 1"}}}`}), "not a path inside the rulebook"},
		{"Wasm", tarGz(t, policy, [2]string{"/policy.wasm", "\x00asm"}), "Wasm"},
		{"two modules whose names differ only in case, one file on macOS and Windows", tarGz(t, policy, [2]string{"/policies/P.rego", "package rulebook.other\n"}), "differ only in case or Unicode normalization"},
		{"two modules whose names differ only in Unicode normalization, one file on macOS", tarGz(t, policy, [2]string{"/policies/caf\u00e9.rego", "package rulebook.a\n"}, [2]string{"/policies/cafe\u0301.rego", "package rulebook.b\n"}), "differ only in case or Unicode normalization"},
		{"a bundle without the folder the source names", tarGz(t, [2]string{"/other/p.rego", "package rulebook.acme\n"}), `the bundle has no folder or file "policies"`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := srv.Put(fmt.Sprintf("/b%d.tar.gz", i), tt.archive)
			s := &config.Source{Name: "acme", Bundle: url, Policies: []string{"policies"}}
			cache := t.TempDir()
			_, err := rulebooks.Fetcher{HTTP: client}.Sync(context.Background(), s, nil, cache, false)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if entries, _ := os.ReadDir(filepath.Join(cache, "acme")); len(entries) != 0 {
				t.Errorf("the cache holds %v", entries)
			}
		})
	}
}

// A git rulebook is bounded as a bundle is: a server that serves a small
// pack of a huge blob (zeros compress a thousandfold) must not fill the
// disk, nor may a tree of countless files.
func TestFetchRefusesAGitRulebookOverTheLimits(t *testing.T) {
	srv := rulebooktest.Serve(t)
	f := rulebooks.Fetcher{Transport: gitrepo.Transport{AllowHTTP: true}}
	many := map[string]string{}
	for i := range bundle.MaxFiles + 1 {
		many[fmt.Sprintf("policies/p%05d.rego", i)] = "package acme\n"
	}
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"a blob over the size limit", map[string]string{"policies/big.rego": strings.Repeat("\x00", bundle.MaxSize+1)}, "over Greenlight's limit of"},
		{"more files than the limit", many, "files, over Greenlight's limit of"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := srv.NewRepo(t, fmt.Sprintf("big%d", i))
			commit := repo.Commit(t, tt.files)
			cache := t.TempDir()
			s := &config.Source{Name: "acme", Git: repo.URL, Ref: commit, Policies: []string{"policies"}}
			_, err := f.Fetch(context.Background(), s, commit, cache)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), `source "acme"`) {
				t.Fatalf("err = %v, want %q naming the source", err, tt.wantErr)
			}
			if _, err := os.Stat(rulebook.Entry(cache, "acme", commit)); err == nil {
				t.Fatal("the entry was written")
			}
		})
	}
}

// A bundle's token goes to the bundle's origin alone (scheme, host and
// port): a redirect elsewhere, even to another port of the same host or
// to a subdomain, goes without it, and no error shows it.
func TestBundleTokenStaysWithItsOrigin(t *testing.T) {
	const token = "s3cr3t-token"
	var b bytes.Buffer
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "policies"), 0o755)
	os.WriteFile(filepath.Join(dir, "policies", "p.rego"), []byte("package acme\n"), 0o644)
	if _, err := bundle.Build(&b, dir, []string{"policies"}, bundle.Options{Revision: "v1"}); err != nil {
		t.Fatal(err)
	}
	archive := b.Bytes()
	var otherAuth, firstAuth atomic.Value
	other := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherAuth.Store(r.Header.Get("Authorization"))
		w.Write(archive)
	}))
	defer other.Close()
	var first *httptest.Server
	first = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		firstAuth.Store(r.Header.Get("Authorization"))
		switch r.URL.Path {
		case "/elsewhere.tar.gz":
			http.Redirect(w, r, other.URL+"/r.tar.gz", http.StatusFound)
		case "/moved.tar.gz":
			http.Redirect(w, r, "/r.tar.gz", http.StatusMovedPermanently)
		case "/loop.tar.gz":
			http.Redirect(w, r, "/loop.tar.gz", http.StatusFound)
		case "/plain.tar.gz":
			http.Redirect(w, r, "http://127.0.0.1:1/r.tar.gz", http.StatusFound)
		case "/forbidden.tar.gz":
			http.Error(w, "no: "+r.Header.Get("Authorization"), http.StatusForbidden)
		default:
			w.Write(archive)
		}
	}))
	defer first.Close()
	pool := x509.NewCertPool()
	pool.AddCert(first.Certificate())
	pool.AddCert(other.Certificate())
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	f := rulebooks.Fetcher{HTTP: client, Getenv: func(k string) string { return map[string]string{"TOK": token}[k] }}
	tests := []struct {
		name      string
		path      string
		firstGets string // the Authorization the first server saw last
		otherGets string
		wantErr   string
	}{
		{"the bundle's own origin gets the token", "/r.tar.gz", "Bearer " + token, "", ""},
		{"a redirect on the same origin keeps it", "/moved.tar.gz", "Bearer " + token, "", ""},
		{"a redirect to another port of the host goes without it", "/elsewhere.tar.gz", "Bearer " + token, "", ""},
		{"a redirect loop ends", "/loop.tar.gz", "Bearer " + token, "", "more than 5 redirects"},
		{"a redirect to plain http is refused", "/plain.tar.gz", "Bearer " + token, "", "plain http"},
		{"a refusal does not echo the token", "/forbidden.tar.gz", "Bearer " + token, "", "403"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			otherAuth.Store("")
			s := &config.Source{Name: "acme", Bundle: first.URL + tt.path, TokenEnv: "TOK", Policies: []string{"policies"}}
			_, err := f.Sync(context.Background(), s, nil, t.TempDir(), false)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			case err != nil && strings.Contains(err.Error(), token):
				t.Fatalf("the error shows the token: %v", err)
			}
			if got := firstAuth.Load(); got != tt.firstGets {
				t.Errorf("the bundle's server got %q, want %q", got, tt.firstGets)
			}
			if got := otherAuth.Load(); got != tt.otherGets {
				t.Errorf("the other server got %q, want %q", got, tt.otherGets)
			}
		})
	}
}
