#!/usr/bin/env bash
# End-to-end test of the golden harness: drives the built bwhop in a scratch
# project with its own scenarios/ and golden/.
# Usage: bash tests/e2e/harness.sh <path-to-bwhop> <source-dir>
set -uo pipefail
bwhop=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir scenarios golden
unset CI NO_COLOR BWHOP_ROOT

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run_bwhop ARGS...: runs bwhop, leaving stdout in $out, stderr in $err, status in $status.
run_bwhop() {
  "$bwhop" "$@" >"$work/.out" 2>"$work/.err"
  status=$?
  out=$(cat "$work/.out")
  err=$(cat "$work/.err")
}
expect_status() { [ "$status" = "$1" ] || fail "$2: exit status $status, expected $1
--- stdout:
$out
--- stderr:
$err"; }
expect_out() { grep -qF -- "$1" "$work/.out" || fail "$2: stdout lacks '$1'
--- stdout:
$out"; }
expect_err() { grep -qF -- "$1" "$work/.err" || fail "$2: stderr lacks '$1'
--- stderr:
$err"; }
expect_last_line() { [ "$(tail -n 1 "$work/.out")" = "$1" ] || fail "$2: last line is '$(tail -n 1 "$work/.out")', expected '$1'"; }

cat >scenarios/hello.py <<'PY'
"""Says hello."""
print("hello")
PY
cat >scenarios/count.py <<'PY'
"""Counts to three."""
for i in range(3):
    print(i)
PY

# list: names with docstring summaries
run_bwhop list
expect_status 0 "list"
expect_out "hello  Says hello." "list"
expect_out "count  Counts to three." "list"

# run without a golden: the dump is printed, the status is 1
run_bwhop run hello
expect_status 1 "run without golden"
expect_out "=== stdout ===" "run without golden"
expect_out "bwhop accept hello" "run without golden"

# accept creates the goldens; the dump is stdout under its section header
run_bwhop accept hello count
expect_status 0 "accept"
expect_out "created" "accept"
# same_bytes FILE PRINTF-FORMAT: the file holds exactly these bytes.
same_bytes() { printf "$2" | cmp -s - "$1" || fail "$1 holds: $(cat -A "$1")"; }
same_bytes golden/hello.txt '=== stdout ===\nhello\n'
same_bytes golden/count.txt '=== stdout ===\n0\n1\n2\n'

# a passing scenario
run_bwhop run hello
expect_status 0 "run passing"
expect_out "PASS" "run passing"

# a second accept writes nothing
before=$(stat -c %Y.%i golden/hello.txt)
run_bwhop accept hello
expect_status 0 "accept unchanged"
expect_out "unchanged" "accept unchanged"
[ "$(stat -c %Y.%i golden/hello.txt)" = "$before" ] || fail "unchanged accept rewrote the golden"

# change the scenario: run shows a unified diff and fails
cat >scenarios/hello.py <<'PY'
"""Says hello."""
print("hello")
print("world")
PY
run_bwhop run hello --color never
expect_status 1 "run failing"
expect_out "--- golden/hello.txt" "run failing"
expect_out "@@ -1,2 +1,3 @@" "run failing"
expect_out "+world" "run failing"
grep -q $'\x1b\[' "$work/.out" && fail "run --color never printed escape codes"
run_bwhop run hello --color always
grep -q $'\x1b\[' "$work/.out" || fail "run --color always printed no escape codes"
NO_COLOR=1 run_bwhop run hello
grep -q $'\x1b\[' "$work/.out" && fail "run with NO_COLOR (not a terminal) printed escape codes"

# --artifact restricts the printed sections
run_bwhop run hello --artifact graph_code --color never
expect_status 1 "run --artifact"
grep -qF "=== stdout ===" "$work/.out" && fail "run --artifact graph_code printed the stdout section"

# CI set: accept refuses and writes nothing
CI=true run_bwhop accept hello
expect_status 2 "accept under CI"
expect_err "CI" "accept under CI"
same_bytes golden/hello.txt '=== stdout ===\nhello\n'

# accept the change, then run passes
run_bwhop accept hello
expect_status 0 "accept change"
expect_out "updated" "accept change"
expect_out "+1 -0 lines" "accept change"
run_bwhop run hello
expect_status 0 "run after accept"

# check: all pass
run_bwhop check -j 2
expect_status 0 "check all passing"
expect_last_line "2 passed, 0 failed" "check all passing"

# a scenario that raises: ERROR in check, refused by accept (golden untouched)
cat >scenarios/raises.py <<'PY'
"""Raises."""
print("before")
raise RuntimeError("boom")
PY
printf 'old golden\n' >golden/raises.txt
run_bwhop accept raises
expect_status 1 "accept of a raising scenario"
expect_out "refused" "accept of a raising scenario"
same_bytes golden/raises.txt 'old golden\n'
run_bwhop run raises
expect_status 1 "run of a raising scenario"
expect_err "RuntimeError: boom" "run of a raising scenario"

# a missing golden, a stale golden, a failing diff and an error, all in one check
cat >scenarios/fresh.py <<'PY'
print("new")
PY
printf '=== stdout ===\n' >golden/gone.txt
printf '=== stdout ===\n0\n1\n' >golden/count.txt
run_bwhop check --color never --json "$work/r.json" --junit "$work/r.xml"
expect_status 1 "check with failures"
expect_out "PASS  hello" "check with failures"
expect_out "FAIL  count" "check with failures"
expect_out "ERROR raises" "check with failures"
expect_out "FAIL  fresh" "check with failures"
expect_out "+2" "check with failures (diff)"
expect_out "RuntimeError: boom" "check with failures (traceback)"
expect_out "note: scenario fresh has no golden" "check with failures"
expect_out "note: stale golden golden/gone.txt" "check with failures"
expect_last_line "1 passed, 3 failed" "check with failures"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert (r["passed"], r["failed"]) == (1, 3), r' "$work/r.json" || fail "JSON report"
python3 -c 'import sys, xml.etree.ElementTree as E; s=E.parse(sys.argv[1]).getroot()[0]; assert (s.get("tests"), s.get("failures"), s.get("errors")) == ("4", "2", "1")' "$work/r.xml" || fail "JUnit report"

# --filter
run_bwhop check --filter '^hel'
expect_status 0 "check --filter"
expect_last_line "1 passed, 0 failed" "check --filter"

# a scenario that never ends is stopped by the timeout and reported
cat >scenarios/spins.py <<'PY'
while True:
    pass
PY
run_bwhop check --filter spins --timeout 1
expect_status 1 "check with a hanging scenario"
expect_out "timed out after 1s" "check with a hanging scenario"
rm scenarios/spins.py

# unknown scenario: usage error with the closest names
run_bwhop run helo
expect_status 2 "unknown scenario"
expect_err "unknown scenario 'helo'; closest: hello" "unknown scenario"

# the project root is found from a subfolder, and folders can be given explicitly
mkdir -p deep/er
(cd deep/er && "$bwhop" run hello >/dev/null 2>&1) || fail "run from a subfolder"
(cd / && "$bwhop" --scenarios "$work/scenarios" --golden "$work/golden" run hello >/dev/null 2>&1) ||
  fail "run with --scenarios and --golden"
(cd / && BWHOP_ROOT="$work" "$bwhop" run hello >/dev/null 2>&1) || fail "run with BWHOP_ROOT"
(cd / && "$bwhop" list >/dev/null 2>&1); [ $? = 2 ] || fail "list outside any project is not a usage error"

# exec passes arguments through and returns the script's exit status
cat >"$work/args.py" <<'PY'
import sys
print(sys.argv[1:])
sys.exit(3)
PY
run_bwhop exec "$work/args.py" -v --flag x
expect_status 3 "exec"
expect_out "['-v', '--flag', 'x']" "exec"

# usage errors
run_bwhop run
expect_status 2 "run without names"
run_bwhop check --color sometimes
expect_status 2 "bad --color"
run_bwhop accept
expect_status 2 "accept without names or --all"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "harness e2e: all checks passed"
