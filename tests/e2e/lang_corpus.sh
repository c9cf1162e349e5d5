#!/usr/bin/env bash
# Runs every script of tests/lang/corpus with `bwhop exec` and compares with
# CPython 3.11: exit status and stdout exactly; stderr exactly, except that for
# tracebacks and syntax errors only the last line and the sequence of `line N`
# numbers must match. When python3 3.11 is installed the expectations are
# recorded live (record.sh into a temporary folder); otherwise, or with
# BWHOP_CORPUS_STORED=1, the stored NNN_name.expected files are used.
# Usage: lang_corpus.sh <bwhop-binary> <source-dir>
set -uo pipefail
bwhop="$1"
corpus="$2/tests/lang/corpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

section() {  # section stdout|stderr FILE: prints that part of an .expected file
  awk -v want="$1" '
    NR == 1 { next }
    $0 == "# stdout" && !seen_out { part = "stdout"; seen_out = 1; next }
    $0 == "# stderr" && part == "stdout" { part = "stderr"; next }
    part == want { print }' "$2"
}

is_traceback() {  # a traceback or a syntax error report
  grep -qE '^Traceback \(most recent call last\):$|^  File ".*", line [0-9]+' "$1"
}

line_numbers() { grep -oE '^  File ".*", line [0-9]+' "$1" | grep -oE '[0-9]+$' | tr '\n' ' '; }

expectations="$corpus"
if [[ -z "${BWHOP_CORPUS_STORED:-}" ]] && command -v python3 >/dev/null &&
  python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  if bash "$corpus/record.sh" python3 "$work/expected" >/dev/null; then
    expectations="$work/expected"
  fi
fi

passed=0
failed=0
cd "$corpus" || exit 2
for script in [0-9][0-9][0-9]_*.py; do
  name="${script%.py}"
  expected="$expectations/$name.expected"
  if [[ ! -f "$expected" ]]; then
    echo "FAIL $name: no $expected (run tests/lang/corpus/record.sh)"
    failed=$((failed + 1))
    continue
  fi
  want_status="$(head -1 "$expected" | sed -n 's/^# exit: //p')"
  section stdout "$expected" >"$work/want.out"
  section stderr "$expected" >"$work/want.err"
  timeout 60 "$bwhop" exec "$script" >"$work/got.out" 2>"$work/got.err"
  status=$?
  problem=""
  if [[ "$status" != "$want_status" ]]; then
    problem="exit status $status, expected $want_status"
  elif ! cmp -s "$work/got.out" "$work/want.out"; then
    problem="stdout differs: $(diff "$work/want.out" "$work/got.out" | head -3 | tr '\n' ' ')"
  elif is_traceback "$work/want.err"; then
    want_last="$(tail -1 "$work/want.err")"
    got_last="$(tail -1 "$work/got.err")"
    if [[ "$got_last" != "$want_last" ]]; then
      problem="last stderr line '$got_last', expected '$want_last'"
    elif [[ "$(line_numbers "$work/got.err")" != "$(line_numbers "$work/want.err")" ]]; then
      problem="traceback lines [$(line_numbers "$work/got.err")], expected [$(line_numbers "$work/want.err")]"
    fi
  elif ! cmp -s "$work/got.err" "$work/want.err"; then
    problem="stderr differs: $(diff "$work/want.err" "$work/got.err" | head -3 | tr '\n' ' ')"
  fi
  if [[ -n "$problem" ]]; then
    echo "FAIL $name: $problem"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
