#!/usr/bin/env bash
# Builds Greenlight's release archives reproducibly: the same commit gives
# the same bytes on any machine with the Go of go.mod, GNU tar, gzip and zip.
#
#   release/build.sh --snapshot [--only OS/ARCH]...   version 0.0.0-snapshot+<short commit>, from HEAD
#   release/build.sh --version 1.2.3 [--commit SHA]   what prepare.sh runs (commit: HEAD)
#   release/build.sh --release                        the release committed under release/ (the tag's
#                                                     workflow): fails unless every archive's sha256 is
#                                                     the one release/checksums.txt commits
#   [--out DIR]                                       default dist/
#
# Writes DIR/greenlight_<version>_<os>_<arch>.tar.gz (.zip for windows), each
# with the binary, LICENSE, NOTICE and README.md; DIR/<os>_<arch>/greenlight
# (for the container image); DIR/greenlight_<version>_sbom.cdx.json; and
# DIR/checksums.txt. Every timestamp is the source commit's committer date.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=release/lib.sh
. release/lib.sh

all_targets="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"
mode="" version="" commit="" out="dist" targets=""
die() { echo "build.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --snapshot) mode=snapshot ;;
    --release) mode=release ;;
    --version) mode=version; version="${2:?--version needs a value}"; shift ;;
    --commit) commit="${2:?--commit needs a value}"; shift ;;
    --only)
      case " $all_targets " in *" ${2:-} "*) ;; *) die "--only takes one of: $all_targets" ;; esac
      targets="$targets $2"; shift ;;
    --out) out="${2:?--out needs a folder}"; shift ;;
    *) die "unknown argument $1 (see the comment at the top of release/build.sh)" ;;
  esac
  shift
done
[ -n "$mode" ] || die "say --snapshot, --version V or --release"
targets="${targets:-$all_targets}"

for tool in git go tar gzip; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done
case "$targets" in *windows*) command -v zip >/dev/null 2>&1 || die "zip is required for the windows archives" ;; esac
tar --version 2>/dev/null | grep -q 'GNU tar' || die "GNU tar is required (--sort, --mtime); on macOS: brew install gnu-tar and put gtar first as tar"

case "$mode" in
  snapshot)
    commit="$(git rev-parse HEAD)"
    version="0.0.0-snapshot+$(git rev-parse --short=7 HEAD)" ;;
  version)
    commit="$(git rev-parse "${commit:-HEAD}^{commit}")" ;;
  release)
    [ -f release/VERSION ] || die "release/VERSION is missing: run release/prepare.sh first"
    version="$(cat release/VERSION)"
    commit="$(cat release/SOURCE_COMMIT)"
    want="$(cat release/SOURCE_DIGEST)"
    got="$(git_digest)"
    [ "$got" = "$want" ] || die "the source outside release/ differs from the prepared commit's (digest $got, release/SOURCE_DIGEST says $want)"
    git cat-file -e "$commit^{commit}" 2>/dev/null || die "release/SOURCE_COMMIT $commit is not in this clone (fetch the whole history)" ;;
esac
version="${version#v}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] || die "version $version is not semantic (1.2.3, 1.2.3-rc.1)"
if [ "$mode" != snapshot ] && [ -n "$(git status --porcelain --untracked-files=normal -- . ':!release/' ':!dist/')" ]; then
  die "the working tree has changes outside release/: a release is built from committed source only"
fi

# The commit's time, for the binary's date and every file's mtime: never
# now, so that two builds agree.
epoch="$(git show -s --format=%ct "$commit")"
date="$(TZ=UTC git show -s --date=format-local:%Y-%m-%dT%H:%M:%SZ --format=%cd "$commit")"

# The toolchain go.mod names, and nothing from the caller's environment
# that changes the code generated.
want_go="go$(sed -n 's/^toolchain go//p; s/^go //p' go.mod | tail -1)"
if [ "$(go env GOVERSION)" != "$want_go" ]; then
  export GOTOOLCHAIN="$want_go"
fi
[ "$(go env GOVERSION)" = "$want_go" ] || die "could not get $want_go (go.mod) for the build"
unset GOFLAGS GOEXPERIMENT GOAMD64 GOARM64 GO386 GOARM GOPPC64 GORISCV64
export CGO_ENABLED=0

mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -rf "${out:?}"/greenlight_* "$out/checksums.txt" "$out/.stage"
ldflags="-s -w -buildid= -X main.version=$version -X main.commit=$commit -X main.date=$date"
echo "building greenlight $version ($commit, $date) with $want_go into $out"
binaries=()
for target in $targets; do
  os="${target%/*}" arch="${target#*/}"
  exe=greenlight
  [ "$os" = windows ] && exe=greenlight.exe
  rm -rf "${out:?}/${os}_${arch}"
  GOOS="$os" GOARCH="$arch" go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$out/${os}_${arch}/$exe" ./cmd/greenlight
  binaries+=("$out/${os}_${arch}/$exe")

  stage="$out/.stage/${os}_${arch}"
  mkdir -p "$stage"
  cp "$out/${os}_${arch}/$exe" LICENSE NOTICE README.md "$stage/"
  chmod 0755 "$stage/$exe"
  chmod 0644 "$stage/LICENSE" "$stage/NOTICE" "$stage/README.md"
  name="greenlight_${version}_${os}_${arch}"
  if [ "$os" = windows ]; then
    # zip stores local time: set every mtime in UTC and zip in UTC.
    (cd "$stage" && TZ=UTC touch -d "@$epoch" "$exe" LICENSE NOTICE README.md &&
      TZ=UTC zip -q -X -D "$out/$name.zip" LICENSE NOTICE README.md "$exe")
  else
    tar --format=gnu --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
      -C "$stage" -cf - LICENSE NOTICE README.md "$exe" | gzip -n -9 >"$out/$name.tar.gz"
  fi
done
rm -rf "$out/.stage"

sbom="greenlight_${version}_sbom.cdx.json"
go run ./release/sbom -version "$version" -date "$date" "${binaries[@]}" >"$out/$sbom"
(cd "$out" && shopt -s nullglob && sha256_files greenlight_*.tar.gz greenlight_*.zip "$sbom" | LC_ALL=C sort -k2 >checksums.txt)
cat "$out/checksums.txt"

if [ "$mode" = release ]; then
  # Every archive the maintainer's machine built, byte for byte.
  if ! diff -u release/checksums.txt <(grep -v '_sbom\.cdx\.json$' "$out/checksums.txt"); then
    die "the archives differ from release/checksums.txt: this build is not the prepared release; nothing may be published"
  fi
  echo "ok: every archive matches release/checksums.txt"
fi
