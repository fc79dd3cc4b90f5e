#!/usr/bin/env bash
# Installs greenlight for action.yml, reading only the environment.
#
#   install.sh         decides: if this ref of the action is a release (release/VERSION, and
#                      release/SOURCE_DIGEST matching the action's files outside release/), downloads the
#                      runner's archive, verifies its sha256 against release/checksums.txt of this folder
#                      (never a downloaded one), keeps it in the tool cache and extracts the binary into
#                      $RUNNER_TEMP/greenlight-bin; writes from=release. Otherwise writes from=source.
#                      Writes go-sum (the sha256 of go.sum, for the build cache's key) either way.
#   install.sh build   builds from source into $RUNNER_TEMP/greenlight-bin (Go set up by action.yml).
#
# A checksum that differs, a missing asset, a cut download or any curl error
# stops the job with a message, with nothing installed and nothing run.
set -euo pipefail

action_dir="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# shellcheck source=release/lib.sh
. "$action_dir/release/lib.sh"
bin_dir="${RUNNER_TEMP:?RUNNER_TEMP is not set: install.sh runs in GitHub Actions}/greenlight-bin"
base="${GREENLIGHT_RELEASE_BASE:-https://github.com/greenlighthq/greenlight/releases/download}"

fail() {
  echo "::error title=Greenlight install::$*"
  echo "greenlight install: $*" >&2
  exit 1
}
output() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }

if [ "${1:-}" = build ]; then
  mkdir -p "$bin_dir"
  cd "$action_dir"
  go build -o "$bin_dir/greenlight" ./cmd/greenlight
  "$bin_dir/greenlight" version
  exit 0
fi
[ $# -eq 0 ] || fail "unknown argument $1"

# Nothing from an earlier run of the job stays to be run by mistake.
rm -rf "$bin_dir"
output go-sum "$(sha256_of "$action_dir/go.sum")"

from_source() {
  echo "greenlight: $*; building from source"
  output from source
  exit 0
}

[ -f "$action_dir/release/VERSION" ] || from_source "this ref of the action is not a release (no release/VERSION)"
tag="$(cat "$action_dir/release/VERSION")"
[[ "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || fail "release/VERSION holds '$tag', not a version tag"
want_digest="$(cat "$action_dir/release/SOURCE_DIGEST" 2>/dev/null || true)"
if [ "$(tree_digest "$action_dir")" != "$want_digest" ]; then
  from_source "this ref's source differs from release $tag's (release/SOURCE_DIGEST): a commit after the release"
fi

case "${RUNNER_OS:-}" in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  Windows) os=windows ;;
  *) from_source "no release archive for the runner OS '${RUNNER_OS:-}'" ;;
esac
case "${RUNNER_ARCH:-}" in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  *) from_source "no release archive for the runner architecture '${RUNNER_ARCH:-}'" ;;
esac
version="${tag#v}"
asset="greenlight_${version}_${os}_${arch}.tar.gz"
[ "$os" = windows ] && asset="greenlight_${version}_${os}_${arch}.zip"
want="$(awk -v f="$asset" '$2 == f || $2 == "*" f { print $1 }' "$action_dir/release/checksums.txt" 2>/dev/null || true)"
[[ "$want" =~ ^[0-9a-f]{64}$ ]] || fail "release/checksums.txt at this ref has no sha256 for $asset"

cache_dir="${RUNNER_TOOL_CACHE:?RUNNER_TOOL_CACHE is not set}/greenlight/$version/$arch"
archive="$cache_dir/$asset"
if [ -f "$archive" ] && [ -f "$cache_dir.complete" ] && [ "$(sha256_of "$archive")" = "$want" ]; then
  echo "greenlight $tag: from the tool cache ($archive, sha256 $want)"
else
  rm -rf "$cache_dir" "$cache_dir.complete"
  url="$base/$tag/$asset"
  tmp="$(mktemp -d "${RUNNER_TEMP}/greenlight-download.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  echo "greenlight $tag: downloading $url"
  rc=0
  status="$(curl --fail --silent --show-error --location --proto-redir '=https' --retry 3 --connect-timeout 20 \
    --max-time 300 --output "$tmp/$asset" --write-out '%{http_code}' "$url")" || rc=$?
  if [ "$rc" -ne 0 ]; then
    case "$status" in
      404) fail "$url: HTTP 404, no such release asset (is release $tag published?); nothing was installed" ;;
      000 | "") fail "could not download $url (curl exit $rc); nothing was installed" ;;
      *) fail "could not download $url (HTTP $status, curl exit $rc); nothing was installed" ;;
    esac
  fi
  got="$(sha256_of "$tmp/$asset")"
  if [ "$got" != "$want" ]; then
    fail "$asset has sha256 $got, but release/checksums.txt at this ref says $want: the download is not the release's; nothing was installed or run"
  fi
  mkdir -p "$cache_dir"
  mv "$tmp/$asset" "$archive"
  touch "$cache_dir.complete"
fi

# Only the verified archive is unpacked, and only its binary.
mkdir -p "$bin_dir"
if [ "$os" = windows ]; then
  unzip -q -o "$archive" greenlight.exe -d "$bin_dir"
else
  tar -xzf "$archive" -C "$bin_dir" greenlight
fi
output from release
output version "$version"
"$bin_dir/greenlight" version
