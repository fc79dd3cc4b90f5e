package rulebooks_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/action/gitrepo"
	"github.com/greenlighthq/greenlight/action/rulebooks"
	"github.com/greenlighthq/greenlight/action/rulebooks/rulebooktest"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
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
