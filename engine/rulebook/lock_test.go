package rulebook_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/rulebook"
)

func TestReadLockRefusesWhatWouldLeaveTheCache(t *testing.T) {
	const sha = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name, lock, wantErr string
	}{
		{"a written lock reads back", `{"version":1,"sources":[{"name":"acme","git":"https://x/y.git","ref":"v1","commit":"` + sha + `","policies":["p"],"digest":"sha256:00"}]}`, ""},
		{"a locked bundle reads back", `{"version":1,"sources":[{"name":"acme","bundle":"https://x/r.tar.gz","revision":"v1","archive":"sha256:` + sha + sha[:24] + `","policies":["p"],"digest":"sha256:00"}]}`, ""},
		{"a locked OCI source reads back", `{"version":1,"sources":[{"name":"acme","oci":"ghcr.io/acme/r:v1","ref":"v1","manifest":"sha256:` + sha + sha[:24] + `","policies":["p"],"digest":"sha256:00"}]}`, ""},
		{"a manifest that climbs is refused", `{"version":1,"sources":[{"name":"acme","oci":"ghcr.io/acme/r:v1","manifest":"../x"}]}`, "not a sha256 digest"},
		{"a commit that climbs is refused", `{"version":1,"sources":[{"name":"acme","git":"https://x/y.git","commit":"../../etc"}]}`, "not a full commit id"},
		{"an archive that climbs is refused", `{"version":1,"sources":[{"name":"acme","bundle":"https://x/r.tar.gz","archive":"sha256:../../etc"}]}`, "not a sha256 digest"},
		{"a source both git and bundle is refused", `{"version":1,"sources":[{"name":"acme","git":"https://x/y.git","bundle":"https://x/r.tar.gz","commit":"` + sha + `"}]}`, "one of git, bundle and oci"},
		{"a name that climbs is refused", `{"version":1,"sources":[{"name":"../x","git":"https://x/y.git","commit":"` + sha + `"}]}`, "not a source name"},
		{"an unknown field is refused", `{"version":1,"sources":[],"extra":1}`, "unknown field"},
		{"another version is refused", `{"version":2,"sources":[]}`, "version 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), rulebook.LockName)
			if err := os.WriteFile(p, []byte(tt.lock), 0o644); err != nil {
				t.Fatal(err)
			}
			l, err := rulebook.ReadLock(p)
			if tt.wantErr == "" {
				if err != nil || l.Source("acme") == nil {
					t.Fatalf("ReadLock = %v, %v", l, err)
				}
				if err := l.Write(p); err != nil {
					t.Fatal(err)
				}
				if again, err := rulebook.ReadLock(p); err != nil || again.Source("acme").Key()[:40] != sha {
					t.Fatalf("after Write: %v, %v", again, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// TestTheLockReadsAsWritten checks that the lock, which people review in
// pull requests, keeps a version range as the config writes it rather
// than escaped for HTML, and reads back the same.
func TestTheLockReadsAsWritten(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), rulebook.LockName)
	l := &rulebook.Lock{Sources: []rulebook.Locked{{Name: "acme", Git: "https://x/y.git", Ref: "v1.2.0", Constraint: "~> 1.2",
		Commit: "0123456789abcdef0123456789abcdef01234567", Policies: []string{"p"}, Digest: "sha256:00"}}}
	if err := l.Write(p); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"version": "~> 1.2"`) || !strings.HasSuffix(string(raw), "}\n") {
		t.Errorf("the lock reads\n%s\nwant \"version\": \"~> 1.2\" as written, ending in one newline", raw)
	}
	back, err := rulebook.ReadLock(p)
	if err != nil || back.Source("acme").Constraint != "~> 1.2" {
		t.Fatalf("ReadLock = %+v, %v", back, err)
	}
}
