#!/usr/bin/env bash
# Prepares release vX.Y.Z from HEAD: builds every archive reproducibly into
# dist/ and writes the four files the tag commits under release/:
#
#   VERSION         the tag
#   SOURCE_COMMIT   HEAD now: the commit the binaries are stamped with
#   SOURCE_DIGEST   a sha256 over the tracked files outside release/
#   checksums.txt   the sha256 of every archive
#
# Then commit those four files and tag that commit: only release/ changed,
# so the tag's workflow rebuilds the same bytes (release/build.sh --release
# fails otherwise), and the Action at the tag verifies what it downloads
# against the checksums.txt it carries.
#
#   release/prepare.sh v1.2.3
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=release/lib.sh
. release/lib.sh

tag="${1:-}"
[[ "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || { echo "usage: release/prepare.sh vX.Y.Z" >&2; exit 2; }
if [ -n "$(git status --porcelain --untracked-files=normal)" ]; then
  echo "prepare.sh: commit or stash your changes first: a release is built from committed source" >&2
  exit 1
fi
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  echo "prepare.sh: tag $tag exists already" >&2
  exit 1
fi

commit="$(git rev-parse HEAD)"
release/build.sh --version "$tag" --commit "$commit" --out dist

printf '%s\n' "$tag" >release/VERSION
printf '%s\n' "$commit" >release/SOURCE_COMMIT
git_digest >release/SOURCE_DIGEST
grep -v '_sbom\.cdx\.json$' dist/checksums.txt >release/checksums.txt

cat <<NEXT

Prepared $tag from $commit. Now:

  git add release/VERSION release/SOURCE_COMMIT release/SOURCE_DIGEST release/checksums.txt
  git commit -m "Release $tag"
  git tag -a $tag -m "Greenlight $tag"
  git push origin HEAD $tag

The tag's workflow rebuilds, checks every archive against release/checksums.txt, and publishes.
NEXT
