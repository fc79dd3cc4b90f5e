package rulebooks_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
)

// TestRedTeam6BlockedARegistryEchoingTheTokenDoesNotLeakIt: a registry
// (or its token service) that answers a refusal with the Authorization
// header it was sent, in its JSON errors, must not get the token into
// sync's output or the Action's check run: oras quotes the errors' text,
// and a basic credential is the token in base64.
func TestRedTeam6BlockedARegistryEchoingTheTokenDoesNotLeakIt(t *testing.T) {
	const token = "ghp_REDTEAM6registrytoken0123456789"
	for _, tt := range []struct{ name, token, user string }{
		{"a token alone, sent as greenlight's password", token, "greenlight"},
		{"USER:TOKEN", "robot:" + token, "robot"},
	} {
		for _, realm := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, realm %v", tt.name, realm), func(t *testing.T) {
				var srv *httptest.Server
				srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					auth := r.Header.Get("Authorization")
					if auth == "" {
						w.Header().Set("WWW-Authenticate", `Basic realm="registry"`)
						if realm {
							w.Header().Set("WWW-Authenticate", `Bearer realm="`+srv.URL+`/token",service="registry",scope="repository:acme/rulebook:pull"`)
						}
						w.WriteHeader(http.StatusUnauthorized)
						return
					}
					_, pass, _ := r.BasicAuth()
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusForbidden)
					fmt.Fprintf(w, `{"errors":[{"code":"DENIED","message":"you sent %s (%s)","detail":"%s"}]}`, auth, pass, auth)
				}))
				defer srv.Close()
				f := rulebooks.Fetcher{HTTP: srv.Client(), Getenv: func(k string) string { return map[string]string{"TOK": tt.token}[k] }}
				ref := strings.TrimPrefix(srv.URL, "https://") + "/acme/rulebook:v1"
				s := &config.Source{Name: "acme", OCI: ref, TokenEnv: "TOK", Policies: []string{"policies"}}
				_, err := f.Sync(context.Background(), s, nil, t.TempDir(), false)
				if err == nil || !strings.Contains(err.Error(), "403") {
					t.Fatalf("err = %v, want the registry's 403", err)
				}
				basic := base64.StdEncoding.EncodeToString([]byte(tt.user + ":" + token))
				if msg := err.Error(); strings.Contains(msg, token) || strings.Contains(msg, basic) {
					t.Errorf("sync's error shows the token: %v", err)
				}
				// The Action fetches what the base's lock pins, by digest,
				// and writes its error into the check run.
				dir := t.TempDir()
				cfgPath := filepath.Join(dir, "greenlight.hcl")
				hcl := "source \"acme\" {\n  oci       = \"" + ref + "\"\n  token_env = \"TOK\"\n  policies  = [\"policies\"]\n}\n"
				if err := os.WriteFile(cfgPath, []byte(hcl), 0o644); err != nil {
					t.Fatal(err)
				}
				loaded := config.Load(cfgPath)
				if loaded.Config == nil {
					t.Fatal(loaded.Diags)
				}
				l := rulebook.Locked{Name: "acme", Policies: []string{"policies"}}
				l.OCI, l.Ref, l.Manifest, l.Digest = ref, "v1", "sha256:"+strings.Repeat("a", 64), "sha256:"+strings.Repeat("b", 64)
				if err := (&rulebook.Lock{Sources: []rulebook.Locked{l}}).Write(filepath.Join(dir, rulebook.LockName)); err != nil {
					t.Fatal(err)
				}
				_, err = f.FetchLocked(context.Background(), loaded.Config, t.TempDir())
				if err == nil || !strings.Contains(err.Error(), "403") {
					t.Fatalf("FetchLocked err = %v, want the registry's 403", err)
				}
				if msg := err.Error(); strings.Contains(msg, token) || strings.Contains(msg, basic) {
					t.Errorf("the Action's error shows the token: %v", err)
				}
			})
		}
	}
}
