#!/usr/bin/env bash
# Splits a CPU profile of a greenlight run into the phases of the engine's
# data flow, for the README's speed table:
#
#   GREENLIGHT_CPUPROFILE=cpu.prof greenlight check posts/
#   bench/split.sh path/to/greenlight cpu.prof
#
# Each sample goes to the first phase, in the order below, that a frame of
# its stack belongs to. OPA's evaluator recurses deeply enough that Go
# keeps only the innermost frames of a sample; a sample with OPA frames
# and none of the other phases' is counted as evaluation, so a phase that
# calls into OPA (building the input document) must come before it.
set -euo pipefail
bin=${1:?usage: bench/split.sh BINARY PROFILE}
prof=${2:?usage: bench/split.sh BINARY PROFILE}

go tool pprof -traces "$bin" "$prof" 2>/dev/null | awk '
function ms(v) {
  if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
  if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
  if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
  return 0
}
function phase(stack) {
  if (stack ~ /engine\.New[ .(]|engine\.New$|engine\/style\/vale\.Load|engine\.New\.func/) return "setup: engine.New (styles, policies, tone lexicon)"
  if (stack ~ /engine\/report\.|cmd\/greenlight\.writeReport|diagnostic\.Write/) return "reporting"
  if (stack ~ /engine\.ReadPost|engine\.\(\*Engine\)\.ReadPost/) return "reading files"
  if (stack ~ /content\.\(\*Parser\)\.Parse/) return "parsing posts"
  if (stack ~ /engine\/style\.\(\*Linter\)\.Judge/) return "style and term matching"
  if (stack ~ /facts\.\(\*Builder\)\.Measure|engine\.toneMeter/) return "measuring (channels, tone)"
  if (stack ~ /facts\.\(\*Builder\)\.Input/) return "building the OPA input"
  if (stack ~ /policy\.\(\*Engine\)\.Evaluate|open-policy-agent\/opa/) return "OPA evaluation"
  if (stack ~ /runtime\.gcBgMarkWorker|runtime\.bgsweep|runtime\.bgscavenge|runtime\.gcStart|runtime\.mallocgc|runtime\.scanobject|runtime\.gcDrain/) return "garbage collection"
  return "other (scheduler, engine glue)"
}
function flush() {
  if (value != "") { t = ms(value); total += t; by[phase(stack)] += t }
  value = ""; stack = ""
}
/^-+\+-+/ { flush(); next }
/^ +[0-9.]+(us|ms|s) +/ { value = $1; stack = $2; next }
/^ +[^ ]/ && value != "" { stack = stack " " $1; next }
END {
  flush()
  if (total == 0) { print "no samples"; exit 1 }
  n = split("setup: engine.New (styles, policies, tone lexicon)|reading files|parsing posts|style and term matching|measuring (channels, tone)|building the OPA input|OPA evaluation|reporting|garbage collection|other (scheduler, engine glue)", order, "|")
  printf "| phase | CPU | share |\n|---|---|---|\n"
  for (i = 1; i <= n; i++) printf "| %s | %.2f s | %.1f%% |\n", order[i], by[order[i]] / 1000, 100 * by[order[i]] / total
  printf "| all | %.2f s | |\n", total / 1000
}'
