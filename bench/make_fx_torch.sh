#!/usr/bin/env bash
# Benchmark (not a test): PyTorch's make_fx next to ours on the generated
# elementwise chains of 10^3 and 10^4 ops that bench/make_fx_bench.cpp traces
# (t = t * x at even steps, t = t + 1.0 at odd ones, on a 2-element float
# tensor), each traced and printed with print_readable (`gm.code` where
# print_readable has no print_output flag). Both sides report process CPU time.
# Skips when /usr/bin/python3 cannot import torch.
# Usage: bash bench/make_fx_torch.sh <path-to-bwhop>
set -euo pipefail
bwhop=$(realpath "$1")
build=$(dirname "$bwhop")
python=${BWHOP_TORCH_PYTHON:-/usr/bin/python3} # overridable to test the skip path
sizes=(1000 10000)

if ! [ -x "$python" ] || ! "$python" -c 'import torch' >/dev/null 2>&1; then
  echo "  PyTorch make_fx comparison skipped: $python cannot import torch"
  exit 0
fi
if ! [ -x "$build/make_fx_bench" ] &&
  ! cmake --build "$build" --target make_fx_bench -j 2 >/dev/null 2>&1; then
  echo "  PyTorch make_fx comparison skipped: make_fx_bench does not build"
  exit 0
fi

# Our figures: make_fx_bench prints one `result n=<nodes> ... total_ns_per_node=<x>` line per size.
ours=$("$build/make_fx_bench" --sizes "$(
  IFS=,
  echo "${sizes[*]}"
)")

printf '  %9s %16s %16s %10s\n' nodes "torch s/node" "bwhop s/node" ratio
for n in "${sizes[@]}"; do
  torch_s=$("$python" - "$n" <<'EOF'
import sys, time
import torch
from torch.fx.experimental.proxy_tensor import make_fx

n = int(sys.argv[1])

def f(x):
    t = x
    for i in range(n):
        t = t * x if i % 2 == 0 else t + 1.0
    return t

x = torch.tensor([0.5, 0.5])
t0 = time.process_time()
gm = make_fx(f)(x)
if "print_output" in gm.print_readable.__code__.co_varnames:
    text = gm.print_readable(False)
else:
    text = gm.code
print(time.process_time() - t0)
EOF
  )
  ours_ns=$(awk -v n="$n" '$1 == "result" && $2 == "n=" n {
    for (i = 3; i <= NF; ++i) if ($i ~ /^total_ns_per_node=/) { sub(/.*=/, "", $i); print $i } }' <<<"$ours")
  if [ -z "$ours_ns" ]; then
    echo "  no make_fx_bench figure for $n nodes"
    exit 1
  fi
  awk -v n="$n" -v t="$torch_s" -v b="$ours_ns" 'BEGIN {
    ts = t / n; bs = b * 1e-9;
    printf "  %9d %16.3e %16.3e %9.0fx  (PyTorch make_fx %.3f s in all)\n", n, ts, bs, ts / bs, t }'
done
