#!/usr/bin/env bash
# Benchmark (not a test): torch.compile capture + compile time per op, for
# each backend (eager, aot_eager, inductor), on generated straight-line
# functions of 10^2..10^5 tensor ops (`x = x * y` and `x = x + 1.0`, alternating,
# on 2-element float tensors; x requires grad, so aot_eager and inductor trace
# and partition the joint forward+backward graph). Each run is one `bwhop exec`
# of a generated script that times with time.perf_counter() (so interpreter
# start-up and parsing are excluded) the plain function (forward, backward),
# then the compiled one: first call (capture + compile + run), second call
# (guard check + run), first backward and second backward; it checks results
# and gradients against the plain run. compile = (1st fwd - 2nd fwd) +
# (1st bwd - 2nd bwd). inductor runs twice per size: with an empty kernel cache
# (the system C++ compiler runs) and again on the cache that left
# (`inductor-warm`); its last column counts kernels built and rejected by the
# compiler (a rejected graph runs in the fx interpreter). Times are wall time on
# a shared machine (not process_time: inductor's C++ compiler runs in child
# processes): each figure is the smallest over 5 runs up to 10^3 ops, 3 runs at
# 10^4, 1 run above (bench/lib/common.sh). A run slower
# than BWHOP_BENCH_COMPILE_LIMIT seconds (default 60) is killed and the
# backend's larger sizes are skipped, with a note. BWHOP_BENCH_COMPILE_SIZES
# (default "100 1000 10000 100000") picks the sizes. Figures only, no verdict.
# Usage: bash bench/compile_bench.sh <path-to-bwhop>
set -euo pipefail
bwhop=$(realpath "$1")
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
read -r -a sizes <<<"${BWHOP_BENCH_COMPILE_SIZES:-100 1000 10000 100000}"
limit=${BWHOP_BENCH_COMPILE_LIMIT:-60}
backends=(eager aot_eager inductor inductor-warm)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The generated script for `n` ops: the function, then the timing driver.
generate() {
  local n=$1
  awk -v n="$n" 'BEGIN {
    print "import sys"
    print "import time"
    print "import torch"
    print "import torch._dynamo"
    print ""
    print ""
    print "def fn(x, y):"
    for (i = 0; i < n; ++i) print (i % 2 == 0 ? "    x = x * y" : "    x = x + 1.0")
    print "    return x"
  }'
  cat <<'EOF'


def fresh_inputs():
    return torch.tensor([0.5, 0.25], requires_grad=True), torch.tensor([0.5, 0.75])


def close(a, b):
    return all(abs(p - q) <= 1e-4 * max(abs(p), abs(q)) + 1e-37 for p, q in zip(a, b))


def check(what, got, want):
    if not close(got, want):
        print("mismatch:", what, got, "expected", want)
        sys.exit(1)


ops = int(sys.argv[2])
ones = torch.tensor([1.0, 1.0])
x, y = fresh_inputs()
t0 = time.perf_counter()
expected = fn(x, y)
eager_s = time.perf_counter() - t0
t0 = time.perf_counter()
expected.backward(ones)
eager_bwd_s = time.perf_counter() - t0
expected_grad = x.grad.tolist()

torch._dynamo.reset()
fn_opt = torch.compile(fn, backend=sys.argv[1])
x, y = fresh_inputs()
t0 = time.perf_counter()
out = fn_opt(x, y)
first_s = time.perf_counter() - t0
t0 = time.perf_counter()
again = fn_opt(x, y)
second_s = time.perf_counter() - t0
t0 = time.perf_counter()
out.backward(ones)
first_bwd_s = time.perf_counter() - t0
t0 = time.perf_counter()
again.backward(ones)
second_bwd_s = time.perf_counter() - t0
check("first call", out.tolist(), expected.tolist())
check("second call", again.tolist(), expected.tolist())
check("x.grad after two backwards", x.grad.tolist(), [2.0 * g for g in expected_grad])
print("result", sys.argv[1], ops, eager_s, first_s, second_s, eager_bwd_s, first_bwd_s, second_bwd_s)
EOF
}

# One run: prints its "result ..." line (see the driver above), or fails. The
# cold inductor run starts from an empty kernel cache.
# shellcheck disable=SC2317 # called through bench_best
run_one() {
  local backend=$1 n=$2 cache=$3
  [ "$backend" = inductor ] && rm -rf "$cache"
  BWHOP_INDUCTOR_CACHE_DIR=$cache timeout "$limit" "$bwhop" exec "$work/prog_$n.py" \
    "${backend%-warm}" "$n"
}

# Kernels in an inductor cache folder: objects built, and sources the compiler
# rejected (compile_to leaves <hash>.<pid>.cpp behind when the compiler fails,
# and inductor then runs that graph in the fx interpreter).
kernel_note() {
  local cache=$1 built failed
  built=$(find "$cache" -name '*.so' 2>/dev/null | wc -l)
  failed=$(find "$cache" -name '*.*.cpp' 2>/dev/null | wc -l)
  echo "$built built, $failed failed"
}

for n in "${sizes[@]}"; do generate "$n" >"$work/prog_$n.py"; done

echo "  ns per op: plain = the function uncompiled (forward + backward); 1st/2nd = first/second"
echo "  compiled call, fwd and bwd; compile = (1st fwd - 2nd fwd) + (1st bwd - 2nd bwd)."
echo "  (wall time, $(bench_machine))"
printf '  %-13s %6s %8s %9s %8s %9s %8s %10s %10s  %s\n' backend ops plain "1st fwd" "2nd fwd" \
  "1st bwd" "2nd bwd" compile "compile ms" kernels
declare -A per_node # backend,n -> compile ns/node
declare -A finished # n -> set when the cold inductor run finished (its cache is warm)
notes=()
failed=0 # a run crashed or computed a wrong result (timings never fail the benchmark)
for backend in "${backends[@]}"; do
  for n in "${sizes[@]}"; do
    if [ "$backend" = inductor-warm ] && [ -z "${finished[$n]:-}" ]; then
      notes+=("inductor-warm: no warm cache for $n ops (the cold run did not finish)")
      break
    fi
    cache=$work/cache-${backend%-warm}-$n
    bench_best "$(bench_reps "$n")" run_one "$backend" "$n" "$cache"
    if [ -z "$BENCH_BEST" ]; then
      bench_failure "$backend" "$n" ops "$limit" 13 || failed=1
      break
    fi
    kernels=""
    [[ $backend == inductor* ]] && kernels=$(kernel_note "$cache")
    [ "$backend" = inductor ] && finished[$n]=1
    case $kernels in *", 0 failed") ;; "") ;; *) notes+=("$backend, $n ops: a kernel did not compile, so inductor ran that graph in the fx interpreter") ;; esac
    read -r _ _ ops eager first second eager_bwd first_bwd second_bwd <<<"$BENCH_BEST"
    # shellcheck disable=SC2034 # read by name in bench_extremes
    per_node[$backend,$n]=$(awk -v a="$first" -v b="$second" -v c="$first_bwd" -v d="$second_bwd" \
      -v n="$ops" 'BEGIN { printf "%.1f", (a - b + c - d) * 1e9 / n }')
    awk -v b="$backend" -v n="$ops" -v e="$eager" -v eb="$eager_bwd" -v f="$first" -v s="$second" \
      -v fb="$first_bwd" -v sb="$second_bwd" -v k="$kernels" 'BEGIN {
      c = f - s + fb - sb;
      printf "  %-13s %6d %8.0f %9.0f %8.0f %9.0f %8.0f %10.0f %10.1f  %s\n", b, n,
             (e + eb) * 1e9 / n, f * 1e9 / n, s * 1e9 / n, fb * 1e9 / n, sb * 1e9 / n,
             c * 1e9 / n, c * 1e3, k }'
  done
done

# Scaling: a flat per-node cost gives a ratio near 1 between the largest and the
# smallest size a backend reached. PyTorch's dynamo capture alone costs about
# 1 ms (1e6 ns) per node (issue 5); the last column is that over our compile cost.
echo "  compile ns/op, largest size reached over smallest, and PyTorch's ~1e6 ns/op over ours:"
for backend in "${backends[@]}"; do
  read -r lo_n lo hi_n hi <<<"$(bench_extremes per_node "$backend" "${sizes[@]}")"
  [ -n "$lo" ] || continue
  printf '  %-13s %6d -> %-6d ops: x%-6s  PyTorch/ours at %d ops: %sx\n' "$backend" "$lo_n" \
    "$hi_n" "$(bench_ratio "$hi" "$lo")" "$hi_n" "$(bench_ratio 1e6 "$hi")"
done
for note in "${notes[@]+"${notes[@]}"}"; do echo "  note: $note"; done
exit $failed
