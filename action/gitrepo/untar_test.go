package gitrepo

import (
	"archive/tar"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

type entry struct {
	name     string
	typeflag byte
	mode     int64
	body     string
	link     string
}

func tarball(t *testing.T, entries ...entry) *tar.Reader {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typeflag, Mode: e.mode, Size: int64(len(e.body)), Linkname: e.link}
		if e.typeflag != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.body)); err != nil && h.Size > 0 {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return tar.NewReader(&buf)
}

// TestUntar feeds untar archives git would not write, to pin what it
// refuses on its own.
func TestUntar(t *testing.T) {
	for _, tc := range []struct {
		name    string
		entries []entry
		wantErr bool
		want    map[string]string // files written; nil when an error is expected
	}{
		{
			name:    "an entry climbing out with .. is refused",
			entries: []entry{{name: "../evil.rego", typeflag: tar.TypeReg, mode: 0o644, body: "x"}},
			wantErr: true,
		},
		{
			name:    "an entry with .. inside its path is refused",
			entries: []entry{{name: "policies/../../evil.rego", typeflag: tar.TypeReg, mode: 0o644, body: "x"}},
			wantErr: true,
		},
		{
			name:    "an absolute entry is refused",
			entries: []entry{{name: "/tmp/evil.rego", typeflag: tar.TypeReg, mode: 0o644, body: "x"}},
			wantErr: true,
		},
		{
			name: "symlinks and hard links are skipped",
			entries: []entry{
				{name: "link", typeflag: tar.TypeSymlink, link: "/etc"},
				{name: "hard", typeflag: tar.TypeLink, link: "/etc/passwd"},
				{name: "link/passwd", typeflag: tar.TypeReg, mode: 0o644, body: "written under a real folder"},
			},
			want: map[string]string{"link/passwd": "written under a real folder"},
		},
		{
			name: "files get mode 0644 or 0755 whatever the archive says",
			entries: []entry{
				{name: "dir/", typeflag: tar.TypeDir, mode: 0o777},
				{name: "dir/setuid", typeflag: tar.TypeReg, mode: 0o4777, body: "a"},
				{name: "dir/world-writable", typeflag: tar.TypeReg, mode: 0o666, body: "b"},
			},
			want: map[string]string{"dir/setuid": "a", "dir/world-writable": "b"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "dest")
			if err := os.Mkdir(dest, 0o755); err != nil {
				t.Fatal(err)
			}
			root, err := os.OpenRoot(dest)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			_, err = untar(tarball(t, tc.entries...), root)
			if (err != nil) != tc.wantErr {
				t.Fatalf("untar error = %v, want error %v", err, tc.wantErr)
			}
			got := map[string]string{}
			err = filepath.WalkDir(parent, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dest, p)
				b, _ := os.ReadFile(p)
				got[filepath.ToSlash(rel)] = string(b)
				if d.Type()&fs.ModeSymlink != 0 {
					t.Errorf("%s: a symlink was written", rel)
				}
				fi, err := d.Info()
				if err != nil {
					return err
				}
				if perm := fi.Mode().Perm(); perm != 0o644 && perm != 0o755 || fi.Mode()&(fs.ModeSetuid|fs.ModeSetgid) != 0 {
					t.Errorf("%s has mode %v", rel, fi.Mode())
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Errorf("wrote %v, want %v", got, tc.want)
			}
			for name, body := range tc.want {
				if got[name] != body {
					t.Errorf("%s = %q, want %q", name, got[name], body)
				}
			}
		})
	}
}
