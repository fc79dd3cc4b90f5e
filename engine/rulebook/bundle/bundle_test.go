package bundle_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/rulebook/bundle"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle/bundletest"
)

type entry struct {
	h    tar.Header
	body []byte
}

// signed builds a bundle of files signed by key.
func signed(t *testing.T, files map[string]string, key []byte) []byte {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		dst := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := bundle.Build(&out, dir, []string{"policies", "styles"}, bundle.Options{Revision: "v1", SigningKey: key}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func entries(t *testing.T, archive []byte) []entry {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var out []entry
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(tr)
		out = append(out, entry{*h, body})
	}
}

func pack(t *testing.T, es []entry) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	for _, e := range es {
		h := e.h
		if h.Typeflag == tar.TypeReg || h.Typeflag == 0 {
			h.Size = int64(len(e.body))
		}
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		tw.Write(e.body)
	}
	tw.Close()
	zw.Close()
	return out.Bytes()
}

func file(name, body string) entry {
	return entry{tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o644}, []byte(body)}
}

func find(es []entry, suffix string) int {
	for i, e := range es {
		if strings.HasSuffix(e.h.Name, suffix) {
			return i
		}
	}
	return -1
}

// TestSignedBundleRefusesWhatTheSignerDidNotSign: with a public key, a
// bundle changed after it was signed is refused, however the change is
// spelt in the archive.
func TestSignedBundleRefusesWhatTheSignerDidNotSign(t *testing.T) {
	priv, pub := bundletest.KeyPair(t)
	_, otherPub := bundletest.KeyPair(t)
	const evil = "package evil\n\nallow := true\n"
	good := signed(t, map[string]string{"policies/a.rego": "package a\n\ndeny contains \"no\"\n", "styles/Acme/Hype.yml": "extends: existence\n"}, priv)
	want, err := bundle.Read(good, pub)
	if err != nil {
		t.Fatalf("the signed bundle: %v", err)
	}
	tests := []struct {
		name   string
		mutate func([]entry) []entry
		key    []byte
	}{
		{"another key", func(es []entry) []entry { return es }, otherPub},
		{"an unsigned module added", func(es []entry) []entry { return append(es, file("/policies/evil.rego", evil)) }, pub},
		{"an unsigned module added without the leading slash", func(es []entry) []entry { return append(es, file("policies/evil.rego", evil)) }, pub},
		{"an unsigned module added as ./", func(es []entry) []entry { return append(es, file("./policies/evil.rego", evil)) }, pub},
		{"a signed module repeated with other content after it", func(es []entry) []entry {
			i := find(es, "a.rego")
			return append(es, file(es[i].h.Name, evil))
		}, pub},
		{"a signed module repeated with other content before it", func(es []entry) []entry {
			i := find(es, "a.rego")
			return append([]entry{file(es[i].h.Name, evil)}, es...)
		}, pub},
		{"a signed module's content replaced under a path spelt otherwise", func(es []entry) []entry {
			i := find(es, "a.rego")
			es[i] = file("/policies/./a.rego", evil)
			return es
		}, pub},
		{"a signed module moved up the tree", func(es []entry) []entry {
			i := find(es, "a.rego")
			es[i].h.Name = "/policies/../policies/a.rego"
			return es
		}, pub},
		{"unsigned data added in a nested data.json", func(es []entry) []entry {
			return append(es, file("/greenlight_rulebook/files/data.json", `{"policies/evil.rego": "package evil"}`))
		}, pub},
		{"the signatures moved after the files with one changed", func(es []entry) []entry {
			i := find(es, ".signatures.json")
			sig := es[i]
			es = append(es[:i:i], es[i+1:]...)
			j := find(es, "a.rego")
			es[j].body = []byte(evil)
			return append(es, sig)
		}, pub},
		{"a second signatures file", func(es []entry) []entry {
			bad := signed(t, map[string]string{"policies/a.rego": evil, "styles/Acme/Hype.yml": "extends: existence\n"}, priv)
			be := entries(t, bad)
			return append(es, be[find(be, ".signatures.json")])
		}, pub},
		{"a signed module as a symlink", func(es []entry) []entry {
			i := find(es, "a.rego")
			es[i] = entry{tar.Header{Name: es[i].h.Name, Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}, nil}
			return es
		}, pub},
		{"the signatures re-signed with HS256 keyed by the public key", func(es []entry) []entry {
			return resign(t, es, "HS256", pub)
		}, pub},
		{"the signatures re-signed with alg none", func(es []entry) []entry {
			return resign(t, es, "none", nil)
		}, pub},
		{"a hard link added", func(es []entry) []entry {
			return append(es, entry{tar.Header{Name: "/policies/evil.rego", Typeflag: tar.TypeLink, Linkname: "/policies/a.rego"}, nil})
		}, pub},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := pack(t, tt.mutate(entries(t, good)))
			rb, err := bundle.Read(archive, tt.key)
			if err != nil {
				t.Logf("refused: %v", err)
				return
			}
			// What the reader does not load (a link) may be left out, but
			// what it gives must be what was signed, all of it.
			if len(rb.Files) != len(want.Files) {
				t.Fatalf("Read accepted it with files %v, signed %v", keys(rb.Files), keys(want.Files))
			}
			for p, c := range want.Files {
				if !bytes.Equal(rb.Files[p], c) {
					t.Fatalf("Read accepted it with %s as %q, signed as %q", p, rb.Files[p], c)
				}
			}
		})
	}
}

// resign replaces the bundle's signature with one over the same payload
// (the files' digests) made with alg and secret: an attacker without the
// private key trying the public key as an HMAC secret, or no signature.
func resign(t *testing.T, es []entry, alg string, secret []byte) []entry {
	t.Helper()
	i := find(es, ".signatures.json")
	var sigs struct {
		Signatures []string `json:"signatures"`
	}
	if err := json.Unmarshal(es[i].body, &sigs); err != nil || len(sigs.Signatures) != 1 {
		t.Fatalf("signatures %s: %v", es[i].body, err)
	}
	parts := strings.Split(sigs.Signatures[0], ".")
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"` + alg + `","kid":"default"}`))
	signature := ""
	if secret != nil {
		mac := hmac.New(sha256.New, secret)
		mac.Write([]byte(header + "." + parts[1]))
		signature = base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	}
	body, _ := json.Marshal(map[string][]string{"signatures": {header + "." + parts[1] + "." + signature}})
	es[i].body = body
	return es
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A bundle of countless empty files is refused before OPA's reader holds
// them: each would be a file sync writes.
func TestReadRefusesTooManyFiles(t *testing.T) {
	var es []entry
	for i := range bundle.MaxFiles + 1 {
		es = append(es, file(fmt.Sprintf("/greenlight_rulebook/files/x%05d/data.json", i), "{}"))
	}
	_, err := bundle.Read(pack(t, es), nil)
	if err == nil || !strings.Contains(err.Error(), "files, over Greenlight's limit of") {
		t.Fatalf("err = %v", err)
	}
}

// A bundle's revision is the rulebook's version that sync prints to the
// terminal and the Action writes into its summary comment: one with a
// line break or an escape sequence would draw what the server likes
// there, so it is refused.
func TestReadRefusesARevisionWithControlCharacters(t *testing.T) {
	for _, rev := range []string{"v1.2.0\n\n**Approved by legal**", "v1.2.0\x1b[2J\x1b]0;owned\x07", "v1.2.0\r"} {
		m, _ := json.Marshal(map[string]string{"revision": rev})
		manifest := file("/.manifest", string(m))
		_, err := bundle.Read(pack(t, []entry{manifest, file("/policies/p.rego", "package rulebook.acme\n")}), nil)
		if err == nil || !strings.Contains(err.Error(), "revision") {
			t.Errorf("revision %q: err = %v, want it refused", rev, err)
		}
	}
	manifest := file("/.manifest", `{"revision":"v1.2.0+build.7 (2026-11-22)"}`)
	if _, err := bundle.Read(pack(t, []entry{manifest, file("/policies/p.rego", "package rulebook.acme\n")}), nil); err != nil {
		t.Errorf("a plain revision: %v", err)
	}
}
