#!/usr/bin/env bash
# Benchmark (not a test): `bwhop check` over 1,000 trivial generated scenarios
# with 2 workers (target: under 2 s on 2 cores), and the per-scenario cost.
# Usage: bash bench/check_bench.sh <path-to-bwhop>
set -euo pipefail
bwhop=$(realpath "$1")
count=${BWHOP_BENCH_SCENARIOS:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/scenarios" "$work/golden"
for i in $(seq 1 "$count"); do
  printf '"""Trivial scenario %d."""\nprint("scenario %d")\n' "$i" "$i" >"$work/scenarios/s$i.py"
done
cd "$work"
env -u CI "$bwhop" accept --all >/dev/null
now() { date +%s.%N; }
for jobs in 1 2; do
  start=$(now)
  "$bwhop" check -j "$jobs" >"$work/out.txt" || { tail -n 5 "$work/out.txt"; exit 1; }
  end=$(now)
  summary=$(tail -n 1 "$work/out.txt")
  awk -v s="$start" -v e="$end" -v n="$count" -v j="$jobs" -v sum="$summary" 'BEGIN {
    t = e - s;
    printf "  check, %d trivial scenarios, -j %d: %6.3f s  (%.2f ms per scenario; %s)%s\n",
           n, j, t, 1000 * t / n, sum, (j == 2 ? "  target < 2 s" : "") }'
done
