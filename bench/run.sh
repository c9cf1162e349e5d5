#!/usr/bin/env bash
# Runs every benchmark and prints its figures (benchmarks report numbers; they
# never fail on timings). Two kinds of drivers live in bench/:
#   * bench/<name>.cpp  - built as the executable <name> next to bwhop (CMake
#                         builds every one; target `benches` builds all) and run
#                         without arguments;
#   * bench/<name>.sh   - run as `bash bench/<name>.sh <path-to-bwhop>`.
# To add a benchmark, drop a file of either kind here.
# Usage: bash bench/run.sh <path-to-bwhop>
set -euo pipefail
bwhop=$(realpath "$1")
build=$(dirname "$bwhop")
here=$(cd "$(dirname "$0")" && pwd)

shopt -s nullglob
status=0
# Each C++ benchmark is built on its own, so one that does not build does not
# keep the others from running.
for src in "$here"/*.cpp; do
  name=$(basename "$src" .cpp)
  echo "== $name"
  if ! log=$(cmake --build "$build" --target "$name" -j 2 2>&1); then
    echo "  (does not build:)"
    grep -E "error|FAILED" <<<"$log" | head -n 5 | sed 's/^/  /'
    status=1
    continue
  fi
  "$build/$name" || { echo "  ($name exited with status $?)"; status=1; }
done
for script in "$here"/*.sh; do
  name=$(basename "$script" .sh)
  [ "$name" = run ] && continue
  echo "== $name"
  bash "$script" "$bwhop" || { echo "  ($name exited with status $?)"; status=1; }
done
exit $status
