#!/usr/bin/env bash
# Runs every script of tests/torch/corpus with `bwhop exec` and compares its
# stdout and exit status with the output recorded from PyTorch (record.sh).
# Prints one line per failure and ends with `N passed, M failed`; exit 1 on failure.
# Usage: bash tests/e2e/torch_corpus.sh <path-to-bwhop> <source-dir>
set -uo pipefail
bwhop="${1:?usage: torch_corpus.sh <bwhop> <source-dir>}"
src="${2:?usage: torch_corpus.sh <bwhop> <source-dir>}"
corpus="$src/tests/torch/corpus"
[ -x "$bwhop" ] || { echo "torch_corpus.sh: no executable at $bwhop" >&2; exit 2; }
bwhop="$(cd "$(dirname "$bwhop")" && pwd)/$(basename "$bwhop")"
err_file="$(mktemp)"
trap 'rm -f "$err_file"' EXIT
passed=0
failed=0
cd "$corpus" || exit 2
for script in [0-9][0-9][0-9]_*.py; do
  name="${script%.py}"
  if [ ! -f "$name.expected" ]; then
    echo "FAIL $name: no $name.expected (run record.sh)"
    failed=$((failed + 1))
    continue
  fi
  status=0
  out="$("$bwhop" exec "$script" 2>"$err_file")" || status=$?
  actual="$(printf '%s\n[exit %d]' "$out" "$status")"
  expected="$(cat "$name.expected")"
  if [ "$actual" == "$expected" ]; then
    passed=$((passed + 1))
  else
    first="$(diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | grep -m1 '^[<>]')"
    echo "FAIL $name: ${first:-output differs} $(head -c 200 "$err_file" | tr '\n' ' ')"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
