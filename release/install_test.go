package release_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

const (
	tag   = "v1.2.3"
	asset = "greenlight_1.2.3_linux_amd64.tar.gz"
)

// needTools skips the test when the shell tools install.sh runs are not
// on this machine: the script cannot be exercised without them.
func needTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"bash", "tar", "sha256sum", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("install.sh needs %s, which this machine lacks", tool)
		}
	}
}

// fakeGreenlight is a release's binary: a script that records every run in
// $MARKER, so a test knows whether anything was ever executed.
func fakeGreenlight(say string) string {
	return "#!/bin/sh\necho " + say + "\necho " + say + " \"$@\" >>\"$MARKER\"\n"
}

// archive is a release archive holding greenlight (the script) and LICENSE.
func archive(t *testing.T, script string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct {
		name, body string
		mode       int64
	}{{"LICENSE", "Apache-2.0\n", 0o644}, {"greenlight", script, 0o755}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(f.body))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	gz.Close()
	return buf.Bytes()
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// sourceDigest is release/SOURCE_DIGEST of a folder, written here from its
// definition so the test pins the format: a sha256 over "<sha256>  <path>"
// lines, one per file outside release/ and .git/, sorted by path.
func sourceDigest(t *testing.T, dir string) string {
	t.Helper()
	files := map[string]string{} // path → sha256
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && (rel == "release" || rel == ".git") {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		files[rel] = sum(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var lines strings.Builder
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		lines.WriteString(files[rel] + "  " + rel + "\n")
	}
	return sum([]byte(lines.String()))
}

// action is a fake checkout of the action at some ref: a little source,
// the real install.sh and lib.sh, and, for a release, the release files.
type action struct {
	dir, temp, toolCache, output, marker string
}

type ref int

const (
	released     ref = iota // release files matching the source
	notReleased             // no release/VERSION
	changedSince            // release files, but a source file changed after
)

func newAction(t *testing.T, r ref, committed []byte) *action {
	t.Helper()
	root := t.TempDir()
	a := &action{dir: filepath.Join(root, "action"), temp: filepath.Join(root, "temp"), toolCache: filepath.Join(root, "toolcache"),
		output: filepath.Join(root, "output"), marker: filepath.Join(root, "marker")}
	files := map[string]string{
		"go.mod":                  "module example.com/greenlight\n",
		"go.sum":                  "example.com/dep v1.0.0 h1:abc=\n",
		"README.md":               "# Greenlight\n",
		"cmd/greenlight/main.go":  "package main\n\nfunc main() {}\n",
		".git/HEAD":               "ref: refs/heads/main\n", // a checkout's .git is not source
		"release/install.sh":      string(must(os.ReadFile("install.sh"))),
		"release/lib.sh":          string(must(os.ReadFile("lib.sh"))),
		"release/untracked-notes": "release/ is outside the digest\n",
	}
	for name, body := range files {
		write(t, filepath.Join(a.dir, name), body)
	}
	for _, d := range []string{a.temp, a.toolCache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if r == notReleased {
		return a
	}
	write(t, filepath.Join(a.dir, "release", "VERSION"), tag+"\n")
	write(t, filepath.Join(a.dir, "release", "SOURCE_DIGEST"), sourceDigest(t, a.dir)+"\n")
	write(t, filepath.Join(a.dir, "release", "checksums.txt"),
		sum(committed)+"  "+asset+"\n"+strings.Repeat("0", 64)+"  greenlight_1.2.3_windows_amd64.zip\n")
	if r == changedSince {
		write(t, filepath.Join(a.dir, "cmd", "greenlight", "main.go"), "package main\n\nfunc main() { println(1) }\n")
	}
	return a
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

type result struct {
	code           int
	stdout, stderr string
	outputs        map[string]string
}

// run runs the action's install.sh as action.yml's step does: bash, and
// nothing but the runner's environment (and extra).
func (a *action) run(t *testing.T, base string, extra []string, args ...string) result {
	t.Helper()
	os.Remove(a.output)
	cmd := exec.Command("bash", append([]string{filepath.Join(a.dir, "release", "install.sh")}, args...)...)
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(),
		"GITHUB_ACTION_PATH=" + a.dir, "RUNNER_TEMP=" + a.temp, "RUNNER_TOOL_CACHE=" + a.toolCache,
		"GITHUB_OUTPUT=" + a.output, "RUNNER_OS=Linux", "RUNNER_ARCH=X64",
		"GREENLIGHT_RELEASE_BASE=" + base, "MARKER=" + a.marker,
	}, extra...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String(), outputs: map[string]string{}}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile(a.output)
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			r.outputs[k] = v
		}
	}
	return r
}

// ran is what the fake binaries recorded: every execution.
func (a *action) ran() string {
	b, _ := os.ReadFile(a.marker)
	return string(b)
}

func (a *action) installed() bool {
	_, err := os.Stat(filepath.Join(a.temp, "greenlight-bin", "greenlight"))
	return err == nil
}

// server serves release assets under /<tag>/<asset> and counts requests.
type server struct {
	*httptest.Server
	requests atomic.Int32
}

func serve(t *testing.T, h func(w http.ResponseWriter, r *http.Request)) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func serveAsset(t *testing.T, body []byte) *server {
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/"+tag+"/"+asset {
			http.NotFound(w, r)
			return
		}
		w.Write(body)
	})
}

func TestInstallRunsTheVerifiedRelease(t *testing.T) {
	t.Parallel()
	needTools(t)
	release := archive(t, fakeGreenlight("RELEASE-1.2.3"))
	a := newAction(t, released, release)
	srv := serveAsset(t, release)

	r := a.run(t, srv.URL, nil)
	if r.code != 0 {
		t.Fatalf("install: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if r.outputs["from"] != "release" || r.outputs["version"] != "1.2.3" || r.outputs["go-sum"] != sum([]byte("example.com/dep v1.0.0 h1:abc=\n")) {
		t.Errorf("outputs %v, want from=release, version=1.2.3 and go.sum's sha256", r.outputs)
	}
	// The next step of action.yml runs $RUNNER_TEMP/greenlight-bin/greenlight.
	step := exec.Command(filepath.Join(a.temp, "greenlight-bin", "greenlight"), "check")
	step.Env = []string{"MARKER=" + a.marker}
	out, err := step.Output()
	if err != nil || string(out) != "RELEASE-1.2.3\n" {
		t.Errorf("the installed greenlight printed %q (%v), want the release's", out, err)
	}
	if got := a.ran(); got != "RELEASE-1.2.3 version\nRELEASE-1.2.3 check\n" {
		t.Errorf("runs %q, want install's version check and the step's", got)
	}
	if b, err := os.ReadFile(filepath.Join(a.toolCache, "greenlight", "1.2.3", "amd64", asset)); err != nil || !bytes.Equal(b, release) {
		t.Errorf("the tool cache does not hold the verified archive: %v", err)
	}
}

func TestInstallReusesTheToolCache(t *testing.T) {
	t.Parallel()
	needTools(t)
	release := archive(t, fakeGreenlight("RELEASE-1.2.3"))
	a := newAction(t, released, release)
	srv := serveAsset(t, release)

	for i := range 2 {
		if r := a.run(t, srv.URL, nil); r.code != 0 || !a.installed() {
			t.Fatalf("run %d: exit %d\n%s%s", i+1, r.code, r.stdout, r.stderr)
		}
	}
	if n := srv.requests.Load(); n != 1 {
		t.Errorf("two runs made %d requests, want 1: the second must install from the tool cache", n)
	}

	// A cached archive that no longer matches is downloaded again, never run.
	cached := filepath.Join(a.toolCache, "greenlight", "1.2.3", "amd64", asset)
	write(t, cached, string(archive(t, fakeGreenlight("TAMPERED"))))
	if r := a.run(t, srv.URL, nil); r.code != 0 {
		t.Fatalf("after tampering: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n := srv.requests.Load(); n != 2 || strings.Contains(a.ran(), "TAMPERED") {
		t.Errorf("after tampering with the cache: %d requests, runs %q; want a fresh download and the release run", n, a.ran())
	}
}

func TestInstallFailsClosed(t *testing.T) {
	t.Parallel()
	needTools(t)
	release := archive(t, fakeGreenlight("RELEASE-1.2.3"))
	evil := archive(t, fakeGreenlight("EVIL"))
	tests := []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request)
		message string
	}{
		{"an archive that is not the one committed is refused", func(w http.ResponseWriter, r *http.Request) { w.Write(evil) },
			"but release/checksums.txt at this ref says " + sum(release)},
		{"a missing asset is refused", http.NotFound, "HTTP 404, no such release asset"},
		{"a download cut short is refused", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(len(release)))
			w.Write(release[:len(release)/2])
		}, "could not download"},
		{"a server error is refused", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) },
			"HTTP 403"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := newAction(t, released, release)
			srv := serve(t, tt.handler)
			r := a.run(t, srv.URL, nil)
			if r.code == 0 || !strings.Contains(r.stderr, tt.message) || !strings.Contains(r.stdout, "::error") {
				t.Errorf("exit %d, want a failure saying %q\nstdout:\n%s\nstderr:\n%s", r.code, tt.message, r.stdout, r.stderr)
			}
			if a.ran() != "" || a.installed() {
				t.Errorf("something was run (%q) or left in place (%v)", a.ran(), a.installed())
			}
			if left, _ := filepath.Glob(filepath.Join(a.toolCache, "greenlight", "*", "*", "*")); len(left) > 0 {
				t.Errorf("the tool cache keeps %v", left)
			}
		})
	}
}

// A ref that is not a release builds the action's own source: install.sh
// says so, downloads nothing, and its build step runs go build there.
func TestInstallBuildsFromSourceWithoutARelease(t *testing.T) {
	t.Parallel()
	needTools(t)
	tests := []struct {
		name string
		ref  ref
		says string
	}{
		{"a ref without release/VERSION builds from source", notReleased, "not a release"},
		{"a commit after a release, whose source differs, builds from source", changedSince, "differs from release v1.2.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			release := archive(t, fakeGreenlight("RELEASE-1.2.3"))
			a := newAction(t, tt.ref, release)
			srv := serveAsset(t, release)
			// A stub go that records how it is called and builds a binary
			// that records its runs.
			stub := t.TempDir()
			calls := filepath.Join(stub, "calls")
			write(t, filepath.Join(stub, "go"), `#!/bin/sh
echo "$PWD: $*" >>"`+calls+`"
while [ $# -gt 0 ]; do
  if [ "$1" = -o ]; then printf '%s' '`+fakeGreenlight("FROM-SOURCE")+`' >"$2"; chmod +x "$2"; fi
  shift
done
`)
			path := []string{"PATH=" + stub + string(os.PathListSeparator) + os.Getenv("PATH")}

			r := a.run(t, srv.URL, path)
			if r.code != 0 || r.outputs["from"] != "source" || !strings.Contains(r.stdout, tt.says) || r.outputs["go-sum"] == "" {
				t.Fatalf("decide: exit %d, outputs %v, want from=source, go-sum, and a notice saying %q\n%s%s", r.code, r.outputs, tt.says, r.stdout, r.stderr)
			}
			if n := srv.requests.Load(); n != 0 || a.installed() {
				t.Errorf("deciding to build made %d requests, or installed a binary", n)
			}
			r = a.run(t, srv.URL, path, "build")
			if r.code != 0 {
				t.Fatalf("build: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			want := a.dir + ": build -o " + filepath.Join(a.temp, "greenlight-bin", "greenlight") + " ./cmd/greenlight\n"
			if got := string(must(os.ReadFile(calls))); got != want {
				t.Errorf("go was run as\n%s\nwant\n%s", got, want)
			}
			if a.ran() != "FROM-SOURCE version\n" {
				t.Errorf("runs %q, want the built binary's version check", a.ran())
			}
		})
	}
}
