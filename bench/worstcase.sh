#!/usr/bin/env bash
# Measures Greenlight's worst cases end to end: each is one post that an
# attacker could open a pull request with, checked by the built binary, with
# its wall time and peak memory (GNU time's maximum resident set size).
#
#   bench/worstcase.sh
#
# The cases:
#   size-limit   a post just under max_post_size (the default 256 KiB):
#                2,200 paragraphs of prose full of compliance terms,
#                look-alikes, hashtags and links
#   front-matter the deepest front matter that fits: "x: " and 262,000 "["
#   slow-regex   a team rule whose pattern backtracks catastrophically
#                ((?=a)(a+)+$, which goes to the backtracking engine) over
#                20 paragraphs of 5,000 "a"s
# Each must finish in under 2 s and 256 MiB; the script exits 1 if one
# does not.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "work: $work"
go build -o "$work/greenlight" ./cmd/greenlight

mkdir -p "$work/repo/posts"
cat >"$work/repo/greenlight.hcl" <<'HCL'
greenlight { content = ["posts/**/*.md"] }
role "legal" { users = ["lee"] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance"
}
compliance "financial-claims" {
  preset   = "financial-claims"
  requires = [stage.legal]
}
rule "slow" {
  patterns = ["(?=a)(a+)+$"]
  message  = "Slow: %s"
}
HCL

{
  printf -- '---\ntitle: A long post\nchannels: [x, linkedin]\n---\n'
  para='Our guaranteed returns are risk-free, and g\xd1\x83aranteed&#32;returns too: see https://example.com/offer #savings #money. '
  for _ in $(seq 1200); do printf '%b%b\n\n' "$para" "$para"; done
} >"$work/repo/posts/size-limit.md"
truncate -s 262000 "$work/repo/posts/size-limit.md"
{ printf -- '---\nx: '; head -c 262000 /dev/zero | tr '\0' '['; printf '\n---\nBody.\n'; } >"$work/repo/posts/front-matter.md"
{
  printf -- '---\ntitle: Slow\n---\n'
  for _ in $(seq 20); do head -c 5000 /dev/zero | tr '\0' 'a'; printf '!\n\n'; done
} >"$work/repo/posts/slow-regex.md"

status=0
printf '%-14s %10s %10s %12s %s\n' case bytes seconds "peak MiB" verdict
for name in size-limit front-matter slow-regex; do
  post="$work/repo/posts/$name.md"
  code=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$work/greenlight" check --config "$work/repo/greenlight.hcl" "$post" \
    >/dev/null 2>"$work/stderr" || code=$?
  # The size-limit and slow-regex posts must be judged (exit 1: findings),
  # not refused as unreadable (exit 2), or the case measures nothing.
  if [ "$name" != front-matter ] && [ "$code" -ne 1 ]; then
    echo "$name: exit $code, want 1 (judged):" >&2
    head -n 5 "$work/stderr" >&2
    status=1
  fi
  read -r secs kib < <(tail -n 1 "$work/time")
  mib=$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')
  verdict=ok
  if awk -v s="$secs" -v m="$mib" 'BEGIN { exit !(s >= 2 || m >= 256) }'; then
    verdict="OVER (2 s, 256 MiB)"
    status=1
  fi
  printf '%-14s %10d %10s %12s %s\n' "$name" "$(wc -c <"$post")" "$secs" "$mib" "$verdict"
done
exit $status
