package ghapi

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

// With App credentials the client finds the installation, exchanges a JWT
// signed with the App's key for an installation token, and sends that
// token, and only to the API.
func TestAppInstallationToken(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		auth := r.Header.Get("Authorization")
		seen = append(seen, r.Method+" "+r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/repos/acme/posts/installation", "/app/installations/77/access_tokens":
			tok, err := jwt.Parse(strings.TrimPrefix(auth, "Bearer "), func(*jwt.Token) (any, error) { return &key.PublicKey, nil })
			if err != nil || !tok.Valid || tok.Claims.(jwt.MapClaims)["iss"] != "42" {
				t.Errorf("%s: not a valid JWT of App 42: %v", r.URL.Path, err)
				w.WriteHeader(401)
				return
			}
			if r.URL.Path == "/repos/acme/posts/installation" {
				w.Write([]byte(`{"id": 77, "app_id": 42}`))
				return
			}
			w.WriteHeader(201)
			w.Write([]byte(`{"token": "ghs_installation", "expires_at": "` + time.Now().Add(time.Hour).UTC().Format(time.RFC3339) + `"}`))
		default:
			if auth != "Bearer ghs_installation" {
				t.Errorf("%s sent %q, want the installation token", r.URL.Path, auth)
			}
			w.Write([]byte(`{"number": 1}`))
		}
	}))
	defer srv.Close()
	c, err := New(Options{BaseURL: srv.URL, App: &App{ID: 42, Owner: "acme", Repo: "posts", PrivateKey: pemKey}})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, _, err := c.PullRequests.Get(context.Background(), "acme", "posts", 1); err != nil {
			t.Fatal(err)
		}
	}
	want := "GET /repos/acme/posts/installation,POST /app/installations/77/access_tokens,GET /repos/acme/posts/pulls/1,GET /repos/acme/posts/pulls/1"
	if got := strings.Join(seen, ","); got != want {
		t.Errorf("requests:\n%s\nwant (the token minted once, reused)\n%s", got, want)
	}
	if _, err := New(Options{BaseURL: srv.URL, App: &App{ID: 42, InstallationID: 77, PrivateKey: []byte("not a key")}}); err == nil || !strings.Contains(err.Error(), "private key") {
		t.Errorf("a bad key: %v", err)
	}
}
