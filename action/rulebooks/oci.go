package rulebooks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/rulebook"
	"github.com/greenlighthq/greenlight/engine/rulebook/bundle"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"
	"oras.land/oras-go/v2/registry"
	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
)

// maxManifest bounds an image manifest: a few layers' descriptors.
const maxManifest = 4 << 20

// syncOCI resolves an OCI source's tag (or digest) to its manifest, and
// pulls and reads the bundle layer unless the cache holds what prev pins.
// A tag that names another manifest than prev pins is an error wrapping
// ErrMoved unless update.
func (f Fetcher) syncOCI(ctx context.Context, s *config.Source, prev *rulebook.Locked, cache string, update bool) (Synced, error) {
	var out Synced
	repo, ref, err := f.repository(s)
	if err != nil {
		return out, err
	}
	if s.Version != "" {
		var tags []string
		err := repo.Tags(ctx, "", func(page []string) error {
			tags = append(tags, page...)
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("source %q: list the tags of %s: %w", s.Name, s.OCI, err)
		}
		if ref.Reference, err = pick(s, tags, prev, update); err != nil {
			return out, err
		}
	}
	desc, err := repo.Resolve(ctx, ref.Reference)
	if err != nil {
		if errors.Is(err, errdef.ErrNotFound) {
			return out, fmt.Errorf("source %q: the registry has no %w %s in %s", s.Name, ErrRef, ref.Reference, ref.Registry+"/"+ref.Repository)
		}
		return out, fmt.Errorf("source %q: resolve %s: %w", s.Name, s.OCI, err)
	}
	tag := ref.Reference
	if _, err := ref.Digest(); err == nil {
		tag = ""
	}
	manifest := desc.Digest.String()
	if prev != nil && prev.OCI == s.OCI && prev.Ref == tag && prev.Manifest != manifest {
		out.Moved = fmt.Sprintf("tag %s moved from %s to %s", tag, shortDigest(prev.Manifest), shortDigest(manifest))
		if !update {
			return out, moved("source %s: %s in %s since greenlight.lock pinned it. A release's tag should never move: ask the rulebook's owners why. "+
				"The lock still pins %s; to accept the new manifest, run `greenlight sync --update` and review what it prints", s.Name, out.Moved, ref.Registry+"/"+ref.Repository, prev.Manifest)
		}
	}
	if prev != nil && prev.Manifest == manifest && prev.Matches(s) && cached(*prev, cache) {
		out.Locked = *prev
		return out, nil
	}
	rb, err := f.pull(ctx, s, repo, desc)
	if err != nil {
		return out, err
	}
	if out.Locked, err = lockEntry(s); err != nil {
		return out, err
	}
	out.Locked.OCI, out.Locked.Ref, out.Locked.Manifest, out.Locked.Revision = s.OCI, tag, manifest, rb.Revision
	out.Locked.Digest, err = installBundle(cache, s, out.Locked.Key(), rb)
	return out, err
}

// fetchLockedOCI pulls the manifest l pins by its digest, and installs its
// bundle, returning the files' digest.
func (f Fetcher) fetchLockedOCI(ctx context.Context, s *config.Source, l rulebook.Locked, cache string) (string, error) {
	repo, _, err := f.repository(s)
	if err != nil {
		return "", err
	}
	desc, err := repo.Resolve(ctx, l.Manifest)
	if err != nil {
		return "", fmt.Errorf("source %q: the manifest %s that %s pins is not in %s: %w; if the rulebook's owners removed it, run `greenlight sync --update` and commit %s",
			s.Name, l.Manifest, rulebook.LockName, s.OCI, err, rulebook.LockName)
	}
	rb, err := f.pull(ctx, s, repo, desc)
	if err != nil {
		return "", err
	}
	return installBundle(cache, s, l.Key(), rb)
}

// repository is the source's registry repository, reached over https with
// the fetcher's client, and with the token from token_env as its
// password ("USER:TOKEN" for a registry that needs a particular user).
func (f Fetcher) repository(s *config.Source) (*remote.Repository, registry.Reference, error) {
	ref, err := registry.ParseReference(s.OCI)
	if err != nil {
		return nil, ref, fmt.Errorf("source %q: %w", s.Name, err)
	}
	repo, err := remote.NewRepository(ref.Registry + "/" + ref.Repository)
	if err != nil {
		return nil, ref, fmt.Errorf("source %q: %w", s.Name, err)
	}
	client := &auth.Client{Client: f.client(), Cache: auth.NewCache()}
	if token := f.token(s); token != "" {
		user, pass, ok := strings.Cut(token, ":")
		if !ok {
			user, pass = "greenlight", token
		}
		client.Credential = auth.StaticCredential(ref.Registry, auth.Credential{Username: user, Password: pass})
	}
	repo.Client = client
	return repo, ref, nil
}

// pull fetches the manifest desc names and its one bundle layer (a
// gzipped tar, as OPA's own OCI downloader expects), each checked against
// its digest by oras, and reads the bundle.
func (f Fetcher) pull(ctx context.Context, s *config.Source, repo *remote.Repository, desc ocispec.Descriptor) (*bundle.Rulebook, error) {
	fail := func(err error) (*bundle.Rulebook, error) {
		return nil, fmt.Errorf("source %q: pull %s: %w", s.Name, s.OCI, err)
	}
	if desc.MediaType != ocispec.MediaTypeImageManifest {
		return fail(fmt.Errorf("%s is a %s, not an image manifest; push the bundle as one layer (see the README)", desc.Digest, desc.MediaType))
	}
	if desc.Size > maxManifest {
		return fail(fmt.Errorf("its manifest is %d bytes", desc.Size))
	}
	raw, err := content.FetchAll(ctx, repo, desc)
	if err != nil {
		return fail(err)
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return fail(fmt.Errorf("manifest %s: %w", desc.Digest, err))
	}
	var layers []ocispec.Descriptor
	for _, l := range m.Layers {
		if l.MediaType == ocispec.MediaTypeImageLayerGzip {
			layers = append(layers, l)
		}
	}
	if len(layers) != 1 {
		return fail(fmt.Errorf("manifest %s has %d layers of type %s; a rulebook's has one, the bundle", desc.Digest, len(layers), ocispec.MediaTypeImageLayerGzip))
	}
	if layers[0].Size > bundle.MaxSize {
		return fail(fmt.Errorf("its bundle is %d bytes, over Greenlight's limit of %d", layers[0].Size, bundle.MaxSize))
	}
	archive, err := content.FetchAll(ctx, repo, layers[0])
	if err != nil {
		return fail(err)
	}
	return f.readBundle(s, archive)
}

func shortDigest(d string) string {
	return "sha256:" + rulebook.Short(strings.TrimPrefix(d, "sha256:"))
}
