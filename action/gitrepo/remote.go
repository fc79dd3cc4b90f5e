package gitrepo

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/greenlighthq/greenlight/action/redact"
)

// Transport says how a remote repository may be reached.
type Transport struct {
	// AllowHTTP lets plain http reach this machine (loopback only): the
	// tests' servers. Everything else is https.
	AllowHTTP bool
	// Token, when set, is sent as basic authentication to URLs under
	// TokenURL only (such as "https://github.com/"), through git's
	// environment, never its command line, so it shows in no process
	// list and no error message.
	Token    string
	TokenURL string
}

// Remote is a bare repository made to fetch into, never a checkout: no
// work tree is written, so nothing fetched runs or is followed.
type Remote struct {
	repo *Repo
	t    Transport
}

// InitRemote makes an empty bare repository in dir to fetch into.
func InitRemote(ctx context.Context, dir string, t Transport) (*Remote, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("init %s: %w", dir, err)
	}
	if _, err := run(ctx, dir, "init", "--quiet", "--bare", "."); err != nil {
		return nil, fmt.Errorf("init %s: %w", dir, err)
	}
	return &Remote{repo: &Repo{Dir: dir}, t: t}, nil
}

// Repo is the bare repository, to read what was fetched (Extract).
func (r *Remote) Repo() *Repo { return r.repo }

// LsRemote returns the object ids of the refs named on the remote at
// rawURL, by full ref name; a tag's peeled commit is under "NAME^{}".
func (r *Remote) LsRemote(ctx context.Context, rawURL string, refs ...string) (map[string]string, error) {
	args, err := r.remoteArgs(rawURL, "ls-remote", "--quiet")
	if err != nil {
		return nil, err
	}
	args = append(append(args, "--", rawURL), refs...)
	out, err := r.git(ctx, args)
	if err != nil {
		return nil, fmt.Errorf("ls-remote %s: %w", rawURL, err)
	}
	ids := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		id, name, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if ok {
			ids[name] = id
		}
	}
	return ids, nil
}

// FetchCommit brings one commit (and no history: depth 1) from rawURL
// into the bare repository, and fails unless it is there afterwards.
// Each of tags, refs/tags/<tag> (its tag object and the commit it names),
// comes in the same fetch under the same name, replacing one there: a
// signed release costs one round trip to the server, not two.
func (r *Remote) FetchCommit(ctx context.Context, rawURL, commit string, tags ...string) error {
	if err := checkRev(commit); err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	refspecs := []string{commit}
	for _, tag := range tags {
		if err := checkRev(tag); err != nil {
			return fmt.Errorf("fetch tag: %w", err)
		}
		refspecs = append(refspecs, "+refs/tags/"+tag+":refs/tags/"+tag)
	}
	if err := r.fetch(ctx, rawURL, refspecs...); err != nil {
		return fmt.Errorf("fetch %s from %s: %w", strings.Join(append([]string{commit}, tags...), " and "), rawURL, err)
	}
	if !r.repo.HasCommit(ctx, commit) {
		return fmt.Errorf("fetch %s from %s: the commit is not there after fetching it", commit, rawURL)
	}
	return nil
}

// fetch brings what the refspecs name, with no history (depth 1), no
// other tags and no submodules, checking every object received.
func (r *Remote) fetch(ctx context.Context, rawURL string, refspecs ...string) error {
	args, err := r.remoteArgs(rawURL, "-c", "transfer.fsckObjects=true", "fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head", "--depth=1")
	if err != nil {
		return err
	}
	_, err = r.git(ctx, append(append(args, "--", rawURL), refspecs...))
	return err
}

// remoteArgs are git's options for reaching rawURL: https only (and
// http to loopback when allowed), whatever the user's or the system's
// config says, since command-line options and GIT_ALLOW_PROTOCOL come
// first.
func (r *Remote) remoteArgs(rawURL string, args ...string) ([]string, error) {
	u, err := url.Parse(rawURL)
	if err != nil || strings.HasPrefix(rawURL, "-") {
		return nil, fmt.Errorf("invalid remote %q", rawURL)
	}
	if err := r.t.CheckURL(u); err != nil {
		return nil, err
	}
	return append([]string{"-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.http.allow=" + map[bool]string{true: "always", false: "never"}[r.t.AllowHTTP],
		"-c", "http.followRedirects=false", "-c", "credential.interactive=false"}, args...), nil
}

// git runs a remote command with the transport's environment: the
// protocols allowed and the token, in GIT_CONFIG_* variables.
func (r *Remote) git(ctx context.Context, args []string) ([]byte, error) {
	cmd := command(ctx, r.repo.Dir, args...)
	allow := "https"
	if r.t.AllowHTTP {
		allow = "https:http"
	}
	cmd.Env = append(cmd.Env, "GIT_ALLOW_PROTOCOL="+allow)
	basic := redact.Basic("x-access-token", r.t.Token)
	if r.t.Token != "" && r.t.TokenURL != "" {
		header := "Authorization: Basic " + basic
		cmd.Env = append(withoutConfigEnv(cmd.Env), "GIT_CONFIG_COUNT=1",
			"GIT_CONFIG_KEY_0=http."+r.t.TokenURL+".extraHeader", "GIT_CONFIG_VALUE_0="+header)
	}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := stderr.String()
		if r.t.Token != "" {
			// git never prints it, but a server's "remote error" can quote
			// the header it was sent: the token in base64.
			msg = redact.String(msg, redact.Secrets(basic, r.t.Token))
		}
		return nil, gitError(ctx, args, msg, err)
	}
	return []byte(stdout.String()), nil
}

// lastOption is the index of the subcommand after the -c options, so an
// error names "git fetch", not "git -c".
func lastOption(args []string) int {
	for i := 0; i < len(args); i++ {
		if args[i] == "-c" {
			i++
			continue
		}
		return i
	}
	return 0
}

// withoutConfigEnv drops GIT_CONFIG_COUNT and its keys, which would
// otherwise number beside ours.
func withoutConfigEnv(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if strings.HasPrefix(kv, "GIT_CONFIG_COUNT=") || strings.HasPrefix(kv, "GIT_CONFIG_KEY_") || strings.HasPrefix(kv, "GIT_CONFIG_VALUE_") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// CheckURL refuses a URL the transport does not fetch from: anything but
// https, and plain http except to this machine when AllowHTTP is set. Git
// remotes, bundles and every redirect they take are checked by it.
func (t Transport) CheckURL(u *url.URL) error {
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && t.AllowHTTP && isLoopback(u.Hostname()):
		return nil
	case u.Scheme == "http":
		return fmt.Errorf("refuse %s: plain http is allowed only to this machine, for tests (GREENLIGHT_ALLOW_INSECURE_SOURCES=1)", u.Redacted())
	}
	return fmt.Errorf("refuse %s: rulebooks are fetched over https only", u.Redacted())
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
