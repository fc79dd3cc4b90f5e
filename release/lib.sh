# shellcheck shell=bash
# Functions shared by build.sh, prepare.sh and install.sh. Source it; it
# runs nothing by itself. It must work with the bash, coreutils or BSD
# tools of every runner (Linux, macOS, Windows' Git Bash).

# sha256_files FILE... prints "<hex>  <name>" per file, whatever the
# platform's sha256sum prints as separator (Git Bash marks binary mode "*").
sha256_files() {
  "${SHA256[@]}" -- "$@" | sha256_normalize
}

if command -v sha256sum >/dev/null 2>&1; then
  SHA256=(sha256sum)
else
  SHA256=(shasum -a 256)
fi

sha256_normalize() {
  sed -E 's/^([0-9a-f]{64}) [ *]/\1  /'
}

# sha256_of FILE prints the file's hex sha256 alone.
sha256_of() {
  sha256_files "$1" | cut -c1-64
}

# digest_list reads paths relative to the current folder, one a line, and
# prints one sha256 over "<sha256 of the file>  <path>" lines sorted by
# path: the SOURCE_DIGEST of a release.
digest_list() {
  LC_ALL=C sort | tr '\n' '\0' | xargs -0 "${SHA256[@]}" -- | sha256_normalize | sha256_stdin
}

sha256_stdin() {
  "${SHA256[@]}" | cut -c1-64
}

# tree_digest DIR: the digest of every file under DIR outside release/ and
# .git/: what the runner unpacked of the action's ref.
tree_digest() {
  (cd "$1" && find . \( -path ./.git -o -path ./release \) -prune -o -type f -print | sed 's|^\./||' | digest_list)
}

# git_digest: the digest of the files git tracks outside release/, as they
# are in the working tree (the callers require it clean).
git_digest() {
  (cd "$(git rev-parse --show-toplevel)" && git -c core.quotepath=off ls-files | grep -v '^release/' | digest_list)
}
