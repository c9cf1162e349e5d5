#!/usr/bin/env bash
# Re-records the expected behaviour of every corpus script from CPython:
#   NNN_name.expected = "# exit: N", "# stdout", stdout, "# stderr", stderr.
# Paths to the corpus folder are removed from stderr so the files do not
# depend on where the repository lives.
# Usage: bash record.sh [python3 [output-dir]]   (output-dir defaults to here)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${1:-python3}"
out_dir="$(mkdir -p "${2:-$here}" && cd "${2:-$here}" && pwd)"
cd "$here"
for script in [0-9][0-9][0-9]_*.py; do
  name="${script%.py}"
  set +e
  "$python" "$script" >"$out_dir/$name.out.tmp" 2>"$out_dir/$name.err.tmp"
  status=$?
  set -e
  if grep -qx '# stderr' "$out_dir/$name.out.tmp"; then
    echo "record.sh: $script prints a '# stderr' line; the format cannot hold it" >&2
    exit 1
  fi
  {
    echo "# exit: $status"
    echo "# stdout"
    cat "$out_dir/$name.out.tmp"
    echo "# stderr"
    sed -e "s#$here/##g" "$out_dir/$name.err.tmp"
  } >"$out_dir/$name.expected"
  rm -f "$out_dir/$name.out.tmp" "$out_dir/$name.err.tmp"
done
echo "recorded $(ls "$out_dir"/[0-9][0-9][0-9]_*.expected | wc -l) expectations with $("$python" --version)"
