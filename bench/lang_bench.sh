#!/usr/bin/env bash
# CPU-bound scripts under bwhop and CPython: prints each one's time and the
# ratio bwhop/python3 (below 1 means bwhop is faster). Figures only, no verdict.
# Usage: bash bench/lang_bench.sh <path-to-bwhop>
set -euo pipefail
bwhop=$1
here=$(cd "$(dirname "$0")" && pwd)
py=$(command -v python3 || true)

seconds() { # best of three wall times of a command, in seconds
  local best=0
  for _ in 1 2 3; do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    if [ "$best" = 0 ] || [ $((end - start)) -lt "$best" ]; then best=$((end - start)); fi
  done
  awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }'
}

printf '  %-12s %9s %9s %7s\n' script bwhop python3 ratio
for script in "$here"/lang/*.py; do
  name=$(basename "$script" .py)
  if [ -n "$py" ] && ! diff <("$bwhop" exec "$script") <("$py" "$script") >/dev/null; then
    echo "  $name: output differs from python3"
    continue
  fi
  ours=$(seconds "$bwhop" exec "$script")
  if [ -n "$py" ]; then
    theirs=$(seconds "$py" "$script")
    printf '  %-12s %8ss %8ss %7.2f\n' "$name" "$ours" "$theirs" "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { print a / b }')"
  else
    printf '  %-12s %8ss %9s %7s\n' "$name" "$ours" "-" "-"
  fi
done
