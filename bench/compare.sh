#!/usr/bin/env bash
# Runs greenlight check and, when a vale binary is on PATH, Vale on the same
# generated corpus with the same Vale style packages, and prints both times
# and their ratio.
#
#   bench/compare.sh [--spelling] STYLES_DIR [POSTS]
#
# STYLES_DIR holds Vale packages as folders (e.g. Microsoft, Google,
# write-good, proselint); every folder in it is loaded by both tools.
# POSTS defaults to 1000. Each tool runs three times; the best wall time
# counts. --spelling turns English spelling on in both: Vale's built-in
# Vale.Spelling (BasedOnStyles = Vale, ...) and Greenlight's spelling block.
set -euo pipefail
spelling=""
if [ "${1:-}" = "--spelling" ]; then
  spelling=1
  shift
fi
styles=$(cd "${1:?usage: bench/compare.sh [--spelling] STYLES_DIR [POSTS]}" && pwd)
n=${2:-1000}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go run ./bench/gencorpus -n "$n" -out "$work"
go build -o "$work/greenlight" ./cmd/greenlight
packages=$(cd "$styles" && for d in */; do ls "$d"*.yml >/dev/null 2>&1 && echo "${d%/}"; done | paste -sd, -)
{
  echo 'greenlight {'
  echo '  content = ["posts/**/*.md"]'
  printf '  styles  = [%s]\n' "$(echo "$packages" | sed 's#\([^,]*\)#"'"$styles"'/\1"#g')"
  echo '}'
  if [ -n "$spelling" ]; then
    echo 'spelling { level = "error" }'
  fi
} >"$work/greenlight.hcl"
based=$(echo "$packages" | sed 's/,/, /g')
if [ -n "$spelling" ]; then
  based="Vale, $based"
fi
printf 'StylesPath = %s\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = %s\n' "$styles" "$based" >"$work/.vale.ini"

best() { # best wall seconds of three runs of "$@" (exit status 1 = findings, fine)
  local b=""
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N)
    local status=0
    "$@" >/dev/null 2>"$work/stderr" || status=$?
    if [ "$status" -gt 1 ]; then
      echo "$1 failed with status $status:" >&2
      cat "$work/stderr" >&2
      exit 1
    fi
    e=$(date +%s.%N)
    b=$(echo "$s $e $b" | awk '{t=$2-$1; if ($3=="" || t<$3) print t; else print $3}')
  done
  echo "$b"
}

cd "$work"
g=$(best ./greenlight check posts/)
echo "greenlight: $n posts, packages $packages: ${g}s"
if command -v vale >/dev/null 2>&1; then
  v=$(best vale --output=line posts/)
  echo "vale ($(vale --version)): ${v}s"
  echo "ratio vale/greenlight: $(echo "$v $g" | awk '{printf "%.1fx", $1/$2}')"
else
  echo "vale not on PATH: install it to compare (see README)"
fi
