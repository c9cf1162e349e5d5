#!/usr/bin/env bash
# Compiled autograd end to end: gradients under compiled_autograd._enable equal
# the eager engine's (values recorded from PyTorch 1.13), and the recorded
# compiled_autograd graph of seed test 5's aot_eager iteration matches the
# graph derived from PyTorch's rules. See tests/compiled_autograd/scripts/README.md.
# Usage: bash tests/e2e/compiled_autograd.sh <path-to-bwhop> <source-dir>
set -uo pipefail
bwhop="${1:?usage: compiled_autograd.sh <bwhop> <source-dir>}"
src="${2:?usage: compiled_autograd.sh <bwhop> <source-dir>}"
scripts="$src/tests/compiled_autograd/scripts"
[ -x "$bwhop" ] || { echo "compiled_autograd.sh: no executable at $bwhop" >&2; exit 2; }
bwhop="$(cd "$(dirname "$bwhop")" && pwd)/$(basename "$bwhop")"
golden="$(mktemp -d)"
trap 'rm -rf "$golden"' EXIT
failed=0

check() { # name expected actual
  if [ "$2" == "$3" ]; then
    echo "ok   $1"
  else
    echo "FAIL $1"
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -20
    failed=$((failed + 1))
  fi
}

cd "$scripts" || exit 2
out="$("$bwhop" exec hook_grads.py 2>&1)"
check hook_grads "$(cat hook_grads.expected)" "$out"

out="$("$bwhop" exec builtin_ops.py 2>&1)"
check builtin_ops "$(cat builtin_ops.expected)" "$out"

out="$("$bwhop" exec side_effect.py 2>&1)"
check side_effect "$(cat side_effect.expected)" "$out"

out="$("$bwhop" exec release_after_backward.py 2>&1)"
check release_after_backward "$(cat release_after_backward.expected)" "$out"

# The run fails (no golden); only the dump's compiled_autograd section matters.
dump="$("$bwhop" --scenarios "$scripts" --golden "$golden" run ca_graph_aot_eager \
  --artifact compiled_autograd --color never 2>&1)"
section="$(printf '%s\n' "$dump" | awk '/^=== compiled_autograd #1 ===$/{on=1; next} /^=== |^ca_graph_aot_eager: /{on=0} on')"
check ca_graph_aot_eager "$(cat ca_graph_aot_eager.expected)" "$section"

[ "$failed" -eq 0 ]
