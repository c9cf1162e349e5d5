#!/usr/bin/env bash
# Benchmark (not a test): compiled-autograd capture time per autograd node, and
# the same with dynamo re-tracing the captured backward graph, on backward
# graphs of 10^2..10^5 nodes of two shapes (bench/compiled_autograd_bench.py):
#   chain  - `x = x * y`, `x = x + 1.0` alternating, built eagerly;
#   fanout - leaves each with a tensor hook, summed.
# Two modes under torch._dynamo.compiled_autograd._enable(compiler_fn):
#   ca     - compiler_fn = lambda gm: gm (collection, graph build, and the
#            graph's code run by the interpreter);
#   dynamo - compiler_fn = torch.compile(gm, backend="eager", fullgraph=True,
#            dynamic=True) (adds dynamo's re-trace of that code).
# compile = first backward (cache miss) - second backward on an identical fresh
# forward (cache hit), in CPU time of the bwhop process (time.process_time(),
# so the neighbours on a shared machine add little); the wall-time figure is
# shown too. Each run checks every gradient against the eager engine's and
# fails on a mismatch; timings never fail. Each figure is the best of 5 runs up
# to 10^3 nodes, 3 at 10^4, 1 above (bench/lib/common.sh). A run slower than
# BWHOP_BENCH_CA_LIMIT seconds (default 240) is killed and that shape/mode's
# larger sizes are skipped, with a note. BWHOP_BENCH_CA_SIZES (default
# "100 1000 10000 100000") picks the sizes.
# Usage: bash bench/compiled_autograd_bench.sh <path-to-bwhop>
set -euo pipefail
bwhop=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$here/lib/common.sh"
read -r -a sizes <<<"${BWHOP_BENCH_CA_SIZES:-100 1000 10000 100000}"
limit=${BWHOP_BENCH_CA_LIMIT:-240}
cases=(chain-ca chain-dynamo fanout-ca fanout-dynamo)

# shellcheck disable=SC2317 # called through bench_best
run_one() { # run_one SHAPE-MODE NODES
  timeout "$limit" "$bwhop" exec "$here/compiled_autograd_bench.py" "${1%-*}" "${1#*-}" "$2"
}

echo "  ns per autograd node (CPU time): eager = the eager engine's backward; 1st/2nd = first"
echo "  (cache miss) and second (cache hit) backward under compiled autograd; compile = 1st - 2nd."
echo "  ($(bench_machine))"
printf '  %-14s %6s %7s %9s %8s %9s %12s %10s\n' case nodes eager "1st bwd" "2nd bwd" compile \
  "compile wall" "compile ms"
declare -A per_node # case,n -> compile CPU ns/node
notes=()
failed=0 # a run crashed or computed a wrong gradient
for case in "${cases[@]}"; do
  for n in "${sizes[@]}"; do
    bench_best "$(bench_reps "$n")" run_one "$case" "$n"
    if [ -z "$BENCH_BEST" ]; then
      bench_failure "$case" "$n" nodes "$limit" 14 || failed=1
      break
    fi
    read -r _ _ nodes eager first second first_wall second_wall compiles <<<"$BENCH_BEST"
    [ "$compiles" = 1 ] || notes+=("$case, $n nodes: compiler_fn ran $compiles times, not once (the second backward missed the cache)")
    # shellcheck disable=SC2034 # read by name in bench_extremes
    per_node[$case,$n]=$(awk -v a="$first" -v b="$second" -v n="$nodes" \
      'BEGIN { printf "%.1f", (a - b) * 1e9 / n }')
    awk -v c="$case" -v n="$nodes" -v e="$eager" -v f="$first" -v s="$second" -v fw="$first_wall" \
      -v sw="$second_wall" 'BEGIN {
      printf "  %-14s %6d %7.0f %9.0f %8.0f %9.0f %12.0f %10.1f\n", c, n, e * 1e9 / n,
             f * 1e9 / n, s * 1e9 / n, (f - s) * 1e9 / n, (fw - sw) * 1e9 / n, (f - s) * 1e3 }'
  done
done

# Scaling: a flat per-node cost gives a ratio near 1 between the largest and the
# smallest size a case reached; about 10 per decade of sizes means quadratic.
echo "  compile ns/node (CPU), largest size reached over smallest:"
for case in "${cases[@]}"; do
  read -r lo_n lo hi_n hi <<<"$(bench_extremes per_node "$case" "${sizes[@]}")"
  [ -n "$lo" ] || continue
  printf '  %-14s %6d -> %-6d nodes: %9.0f -> %9.0f ns/node  x%s\n' "$case" "$lo_n" "$hi_n" \
    "$lo" "$hi" "$(bench_ratio "$hi" "$lo")"
done
for note in "${notes[@]+"${notes[@]}"}"; do echo "  note: $note"; done
exit $failed
