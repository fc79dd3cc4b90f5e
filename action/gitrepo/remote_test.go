package gitrepo_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/gitrepo"
)

// pktLine is one line of git's wire protocol.
func pktLine(s string) string { return fmt.Sprintf("%04x%s", len(s)+4, s) }

// TestRedTeam6BlockedAGitServerEchoingTheTokenDoesNotLeakIt: a server
// that answers with an ERR line quoting the Authorization header, which
// git prints as "remote error", must not get the token, nor the basic
// credentials git sent it as, into the error sync and the Action show.
func TestRedTeam6BlockedAGitServerEchoingTheTokenDoesNotLeakIt(t *testing.T) {
	isolate(t)
	const token = "ghp_REDTEAM6gittoken0123456789abcdef"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-git-upload-pack-advertisement")
		fmt.Fprint(w, pktLine("# service=git-upload-pack\n")+"0000"+pktLine("ERR you sent "+r.Header.Get("Authorization")+"\n"))
	}))
	defer srv.Close()
	remote, err := gitrepo.InitRemote(context.Background(), t.TempDir(), gitrepo.Transport{AllowHTTP: true, Token: token, TokenURL: srv.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = remote.LsRemote(context.Background(), srv.URL+"/acme/rulebook.git", "refs/tags/*")
	if err == nil || !strings.Contains(err.Error(), "you sent") {
		t.Fatalf("err = %v, want the server's error", err)
	}
	basic := base64.StdEncoding.EncodeToString([]byte("x-access-token:" + token))
	if msg := err.Error(); strings.Contains(msg, token) || strings.Contains(msg, basic) {
		t.Errorf("the error shows the token: %v", err)
	}
}
