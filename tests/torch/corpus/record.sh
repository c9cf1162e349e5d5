#!/usr/bin/env bash
# Re-records the expected output of every corpus script from the PyTorch oracle
# (Debian's python3-torch 1.13 at /usr/bin/python3, or $ORACLE_PYTHON).
# Each NNN_name.expected holds the script's stdout, then a line `[exit N]`.
# Usage: tests/torch/corpus/record.sh [NNN_name.py ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${ORACLE_PYTHON:-/usr/bin/python3}"
"$python" -c 'import torch' 2>/dev/null || { echo "record.sh: $python has no torch" >&2; exit 2; }
cd "$here"
scripts=("$@")
[ ${#scripts[@]} -eq 0 ] && scripts=([0-9][0-9][0-9]_*.py)
for script in "${scripts[@]}"; do
  name="${script%.py}"
  status=0
  out="$("$python" "$script" 2>/dev/null)" || status=$?
  printf '%s\n[exit %d]\n' "$out" "$status" >"$name.expected"
  echo "recorded $name (exit $status)"
done
