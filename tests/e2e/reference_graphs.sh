#!/usr/bin/env bash
# The graphs PyTorch's own test asserts, byte for byte: runs the scenarios that
# reproduce seed tests 3, 5 and 6 and compares each printed graph with the copy
# of PyTorch's expected text in tests/reference/.
# Usage: bash tests/e2e/reference_graphs.sh <path-to-bwhop> <source-dir>
set -uo pipefail
bwhop="${1:?usage: reference_graphs.sh <bwhop> <source-dir>}"
src="${2:?usage: reference_graphs.sh <bwhop> <source-dir>}"
[ -x "$bwhop" ] || { echo "reference_graphs.sh: no executable at $bwhop" >&2; exit 2; }
bwhop="$(cd "$(dirname "$bwhop")" && pwd)/$(basename "$bwhop")"
src="$(cd "$src" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# section FILE HEADER_PREFIX: the lines after the first line starting with
# HEADER_PREFIX up to the next `=====` line, without the blank line print() adds.
section() {
  awk -v h="$2" 'found && /^=====/ {exit} found {print} index($0, h) == 1 {found = 1}' "$1" |
    sed -e '${/^$/d;}'
}

compare() { # name expected-file actual-file
  if cmp -s "$2" "$3"; then
    passed=$((passed + 1))
  else
    echo "FAIL $1"
    diff -u "$2" "$3" | head -30
    failed=$((failed + 1))
  fi
}

cd "$src/scenarios" || exit 2
"$bwhop" exec compiled_autograd.py >"$work/ca.out" 2>&1 || { echo "FAIL compiled_autograd.py"; cat "$work/ca.out"; }
section "$work/ca.out" "===== aot_eager" >"$work/aot_eager.txt"
section "$work/ca.out" "===== inductor" >"$work/inductor.txt"
compare aot_eager "$src/tests/reference/compiled_autograd_aot_eager.txt" "$work/aot_eager.txt"
compare inductor "$src/tests/reference/compiled_autograd_inductor.txt" "$work/inductor.txt"

"$bwhop" exec side_effects.py >"$work/se.out" 2>&1 || { echo "FAIL side_effects.py"; cat "$work/se.out"; }
# The graph follows the first `counter:` line.
awk 'found && /^counter:/ {exit} found {print} /^counter:/ {found = 1}' "$work/se.out" |
  sed -e '${/^$/d;}' >"$work/side_effect.txt"
compare side_effect "$src/tests/reference/compiled_autograd_side_effect_inductor.txt" "$work/side_effect.txt"

"$bwhop" exec make_fx_forward.py >"$work/mf.out" 2>&1 || { echo "FAIL make_fx_forward.py"; cat "$work/mf.out"; }
awk '/^class _multiply_invoke/ {found = 1} found {print} found && /^        return/ {exit}' "$work/mf.out" >"$work/make_fx.txt"
compare make_fx "$src/tests/reference/make_fx_multiply_invoke.txt" "$work/make_fx.txt"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
