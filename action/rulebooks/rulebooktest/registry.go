package rulebooktest

import (
	"bytes"
	"context"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
)

// Registry is an in-memory OCI registry (go-containerregistry's) served
// over https on loopback, with the certificate of httptest's TLS servers.
type Registry struct {
	*httptest.Server
	// Host is the registry's host:port, as a reference names it.
	Host string
	// CAFile is a PEM file of the server's certificate, for
	// GREENLIGHT_SOURCES_CA.
	CAFile string
	// Requests counts the requests served.
	Requests atomic.Int64
}

// ServeRegistry starts a registry, closed at the end of the test.
func ServeRegistry(t testing.TB) *Registry {
	t.Helper()
	r := &Registry{}
	h := registry.New(registry.Logger(log.New(&bytes.Buffer{}, "", 0)))
	r.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.Requests.Add(1)
		h.ServeHTTP(w, req)
	}))
	t.Cleanup(r.Close)
	r.Host = strings.TrimPrefix(r.URL, "https://")
	r.CAFile = caFile(t, r.Server)
	return r
}

// Push pushes an OPA bundle archive to repository (such as
// "acme/rulebook") as OPA's OCI downloader expects it, one layer of type
// application/vnd.oci.image.layer.v1.tar+gzip, tags it (moving the tag if
// it exists), and returns the manifest's digest.
func (r *Registry) Push(t testing.TB, repository, tag string, archive []byte) string {
	t.Helper()
	ctx := context.Background()
	repo, err := remote.NewRepository(r.Host + "/" + repository)
	if err != nil {
		t.Fatal(err)
	}
	repo.Client = &auth.Client{Client: r.Client()}
	layer := content.NewDescriptorFromBytes(ocispec.MediaTypeImageLayerGzip, archive)
	if err := repo.Push(ctx, layer, bytes.NewReader(archive)); err != nil {
		t.Fatal(err)
	}
	config := content.NewDescriptorFromBytes(ocispec.MediaTypeImageConfig, []byte("{}"))
	if err := repo.Push(ctx, config, bytes.NewReader([]byte("{}"))); err != nil {
		t.Fatal(err)
	}
	manifest, err := oras.PackManifest(ctx, repo, oras.PackManifestVersion1_1, "",
		oras.PackManifestOptions{Layers: []ocispec.Descriptor{layer}, ConfigDescriptor: &config})
	if err != nil {
		t.Fatal(err)
	}
	if err := repo.Tag(ctx, manifest, tag); err != nil {
		t.Fatal(err)
	}
	return manifest.Digest.String()
}
