// Package rulebooktest serves git repositories over HTTP on loopback with
// git http-backend, and OPA bundles over https, for tests of shared
// rulebooks.
package rulebooktest

import (
	"encoding/pem"
	"io/fs"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Server serves the bare repositories under Root at URL/<name>.git.
type Server struct {
	*httptest.Server
	Root string
	// Requests counts the requests served.
	Requests atomic.Int64
}

// Serve starts a server on loopback, closed at the end of the test.
func Serve(t testing.TB) *Server {
	t.Helper()
	out, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		t.Skipf("no git: %v", err)
	}
	backend := filepath.Join(strings.TrimSpace(string(out)), "git-http-backend")
	s := &Server{Root: t.TempDir()}
	h := &cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + s.Root, "GIT_HTTP_EXPORT_ALL=1",
		"GIT_CONFIG_NOSYSTEM=1", "HOME=" + s.Root}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Requests.Add(1)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// Repo is a repository with a work tree, pushed to a bare repository the
// server serves.
type Repo struct {
	Dir  string
	Bare string
	// URL is where the server serves it.
	URL string
}

// NewRepo makes an empty repository served as name.git.
func (s *Server) NewRepo(t testing.TB, name string) *Repo {
	t.Helper()
	r := &Repo{Dir: t.TempDir(), Bare: filepath.Join(s.Root, name+".git"), URL: s.URL + "/" + name + ".git"}
	Git(t, r.Dir, "init", "--quiet", "-b", "main")
	Git(t, s.Root, "init", "--quiet", "--bare", r.Bare)
	// As GitHub does: any commit reachable from a ref can be fetched by
	// its id, which is how a locked commit is fetched.
	Git(t, r.Bare, "config", "uploadpack.allowReachableSHA1InWant", "true")
	return r
}

// Commit writes files (path → content; "" deletes), commits them and
// pushes the branch, returning the commit id.
func (r *Repo) Commit(t testing.TB, files map[string]string) string {
	t.Helper()
	for p, content := range files {
		abs := filepath.Join(r.Dir, filepath.FromSlash(p))
		if content == "" {
			if err := os.Remove(abs); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	Git(t, r.Dir, "add", "-A")
	Git(t, r.Dir, "commit", "--quiet", "-m", "rules")
	Git(t, r.Dir, "push", "--quiet", "--force", r.Bare, "main")
	return strings.TrimSpace(Git(t, r.Dir, "rev-parse", "HEAD"))
}

// Tag tags HEAD (moving the tag if it exists, as a careless release
// does) with an annotated tag, and pushes the branch and tags.
func (r *Repo) Tag(t testing.TB, name string) {
	t.Helper()
	Git(t, r.Dir, "tag", "--force", "-a", "-m", name, name)
	Git(t, r.Dir, "push", "--quiet", "--force", r.Bare, "main", "refs/tags/"+name)
}

// Git runs git in dir with a fixed identity and returns its output.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// BundleServer serves files (OPA bundles) over https on loopback, with
// the certificate of httptest's TLS servers.
type BundleServer struct {
	*httptest.Server
	// CAFile is a PEM file of the server's certificate, for
	// GREENLIGHT_SOURCES_CA.
	CAFile string
	// Requests counts the requests served; Auth is the last request's
	// Authorization header.
	Requests atomic.Int64
	Auth     atomic.Value
	files    sync.Map
}

// ServeBundles starts a bundle server, closed at the end of the test.
func ServeBundles(t testing.TB) *BundleServer {
	t.Helper()
	s := &BundleServer{}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Requests.Add(1)
		s.Auth.Store(r.Header.Get("Authorization"))
		body, ok := s.files.Load(r.URL.Path)
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(body.([]byte))
	}))
	t.Cleanup(s.Close)
	s.CAFile = caFile(t, s.Server)
	return s
}

// caFile writes the TLS server's certificate to a PEM file of the test,
// for GREENLIGHT_SOURCES_CA.
func caFile(t testing.TB, srv *httptest.Server) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Put serves body at path (such as "/rulebook-v1.2.0.tar.gz"), replacing
// what was there, and returns its URL.
func (s *BundleServer) Put(path string, body []byte) string {
	s.files.Store(path, body)
	return s.URL + path
}

// SSHKey makes an Ed25519 key pair in a folder of the test with
// ssh-keygen, and returns the private key's path and the allowed-signers
// line (git's gpg.ssh.allowedSignersFile format) that trusts it for
// principal. It skips the test where ssh-keygen is missing.
func SSHKey(t testing.TB, principal string) (private, allowed string) {
	t.Helper()
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		if os.Getenv("CI") != "" {
			// CI installs it (.ci/run): a skip there would hide the test.
			t.Fatalf("no ssh-keygen: %v", err)
		}
		t.Skipf("no ssh-keygen: %v", err)
	}
	private = filepath.Join(t.TempDir(), "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", private).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	pub, err := os.ReadFile(private + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	return private, principal + ` namespaces="git" ` + strings.TrimSpace(string(pub)) + "\n"
}

// SignedTag tags HEAD with an annotated tag signed by the SSH key at
// keyFile, as `git tag -s` does (moving the tag if it exists), and pushes
// the branch and the tag.
func (r *Repo) SignedTag(t testing.TB, name, keyFile string) {
	t.Helper()
	Git(t, r.Dir, "-c", "gpg.format=ssh", "-c", "user.signingkey="+keyFile, "tag", "--force", "-s", "-m", name, name)
	Git(t, r.Dir, "push", "--quiet", "--force", r.Bare, "main", "refs/tags/"+name)
}

// Files are the regular files under root (a rulebook's folder, such as
// examples/rulebook), by slash path, to commit or to pack.
func Files(t testing.TB, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = string(src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// WarnOnly is examples/rulebook's files as an earlier release had them:
// its compliance rule (policies/guarantees.rego) warned rather than
// denied.
func WarnOnly(files map[string]string) map[string]string {
	out := map[string]string{}
	for p, c := range files {
		out[p] = c
	}
	out["policies/guarantees.rego"] = strings.Replace(files["policies/guarantees.rego"], "deny contains violation if", "warn contains violation if", 1)
	out["policies/guarantees_test.rego"] = strings.ReplaceAll(files["policies/guarantees_test.rego"], "claims.deny", "claims.warn")
	return out
}
