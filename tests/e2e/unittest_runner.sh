#!/usr/bin/env bash
# End-to-end checks of `bwhop test`: the project's unittest-style file passes,
# the expecttest-style accept round trip restores literals byte for byte, and
# broken test files give clear reports with the right exit status.
# Usage: bash tests/e2e/unittest_runner.sh <path-to-bwhop> <source-dir>
set -u
bwhop=$1
src=$2
seed="$src/tests/unittest/seed_behaviours_test.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# run NAME EXPECTED_STATUS CMD... : runs CMD into $work/NAME.out, checks the status.
run() {
  local name=$1 expected=$2
  shift 2
  "$@" >"$work/$name.out" 2>&1
  local status=$?
  if [ "$status" -ne "$expected" ]; then
    fail "$name: exit status $status, expected $expected"
    sed 's/^/    /' "$work/$name.out"
  fi
}

# expect_text NAME TEXT : the output of run NAME contains TEXT.
expect_text() {
  if ! grep -qF -- "$2" "$work/$1.out"; then
    fail "$1: output lacks '$2'"
    sed 's/^/    /' "$work/$1.out"
  fi
}

# 1. The project's own test file passes.
run seed 0 env -u CI -u EXPECTTEST_ACCEPT "$bwhop" test "$seed"
expect_text seed "PASS  SeedBehaviourTests.test_make_fx_records_one_opaque_invoke"
expect_text seed "SKIP  AssertEqualSemantics.test_skipped"
expect_text seed "XFAIL AssertEqualSemantics.test_expected_failure"
expect_text seed ", 0 failed, 1 skipped"

# ... and through run_tests() when executed as a script.
run exec 0 env -u CI -u EXPECTTEST_ACCEPT "$bwhop" exec "$seed"
expect_text exec ", 0 failed, 1 skipped"

# A plain unittest file's unittest.main() gives the same report.
cat >"$work/plain_main_test.py" <<'PY'
import unittest
class Plain(unittest.TestCase):
    def test_one(self):
        self.assertEqual(1, 1)
if __name__ == "__main__":
    unittest.main()
PY
run plain_main 0 "$bwhop" exec "$work/plain_main_test.py"
expect_text plain_main "PASS  Plain.test_one"
expect_text plain_main "1 passed, 0 failed"

# Inherited test methods run for each subclass.
cat >"$work/inherit_test.py" <<'PY'
import unittest
class Base(unittest.TestCase):
    def test_base(self):
        self.assertTrue(hasattr(self, "_testMethodName"))
class Derived(Base):
    def test_derived(self):
        pass
PY
run inherit 0 "$bwhop" test "$work/inherit_test.py"
expect_text inherit "PASS  Derived.test_base"
expect_text inherit "3 passed, 0 failed"

# -k selects by id.
run select 0 env -u CI "$bwhop" test "$seed" -k FixtureOrder
expect_text select "2 passed, 0 failed"

run nomatch 1 env -u CI "$bwhop" test "$seed" -k no_such_test_name
expect_text nomatch "no tests ran"

# 2. Accept round trip: blank every expected graph literal, accept, compare.
copy="$work/seed_copy_test.py"
perl -0pe 's/"""\\\nclass _square_via_invoke.*?\n"""/""""""/gs' "$seed" >"$copy"
if cmp -s "$seed" "$copy"; then fail "accept: the literals were not blanked"; fi
run blanked 1 env -u CI -u EXPECTTEST_ACCEPT "$bwhop" test "$copy"
expect_text blanked "+class _square_via_invoke(torch.nn.Module):"
expect_text blanked "2 failed"
run refused 1 env CI=1 "$bwhop" test --accept "$copy"
expect_text refused "CI is set"
cmp -s "$copy" <(perl -0pe 's/"""\\\nclass _square_via_invoke.*?\n"""/""""""/gs' "$seed") ||
  fail "accept: a file was rewritten while CI was set"
run accept 0 env -u CI "$bwhop" test --accept "$copy"
expect_text accept "Accepting new output for SeedBehaviourTests.test_make_fx_records_one_opaque_invoke"
cmp "$seed" "$copy" || fail "accept: the literals were not restored byte for byte"
run accepted 0 env -u CI "$bwhop" test "$copy"
# The environment variable works like --accept.
perl -0pe 's/"""\\\nclass _square_via_invoke.*?\n"""/"""old"""/s' "$seed" >"$copy"
run accept_env 0 env -u CI EXPECTTEST_ACCEPT=1 "$bwhop" test "$copy"
cmp "$seed" "$copy" || fail "accept: EXPECTTEST_ACCEPT=1 did not restore the literal"

# 3. Broken files: clear reports, right status, never a crash.
cat >"$work/syntax_test.py" <<'PY'
import unittest
class T(unittest.TestCase):
    def test_a(self)
        pass
PY
run syntax 1 "$bwhop" test "$work/syntax_test.py"
expect_text syntax "SyntaxError"
expect_text syntax "syntax_test.py"
expect_text syntax "0 passed, 1 failed"

cat >"$work/failing_test.py" <<'PY'
import torch
from torch.testing._internal.common_utils import TestCase
class T(TestCase):
    def test_close(self):
        self.assertEqual(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.5]))
    def test_text(self):
        self.assertExpectedInline("a\nb\n", """\
a
c
""")
    def test_fine(self):
        self.assertEqual(torch.tensor([1.0]), torch.tensor([1.0]))
PY
run failing 1 "$bwhop" test "$work/failing_test.py"
expect_text failing "FAIL  T.test_close"
expect_text failing "Tensor-likes are not close!"
expect_text failing "Mismatched elements: 1 / 2 (50.0%)"
expect_text failing "failing_test.py\", line 5, in test_close"
expect_text failing "-c"
expect_text failing "+b"
expect_text failing "1 passed, 2 failed"
run failfast 1 "$bwhop" test -x "$work/failing_test.py"
expect_text failfast "0 passed, 1 failed"

cat >"$work/setup_test.py" <<'PY'
import unittest
class T(unittest.TestCase):
    def setUp(self):
        raise ValueError("setUp broke")
    def test_a(self):
        pass
PY
run setup 1 "$bwhop" test "$work/setup_test.py"
expect_text setup "ERROR T.test_a"
expect_text setup "ValueError: setUp broke"

cat >"$work/decorator_test.py" <<'PY'
import unittest
class T(unittest.TestCase):
    @unittest.no_such_decorator
    def test_a(self):
        pass
PY
run decorator 1 "$bwhop" test "$work/decorator_test.py"
expect_text decorator "AttributeError"
expect_text decorator "no_such_decorator"

run missing 2 "$bwhop" test "$work/does_not_exist.py"
run noargs 2 "$bwhop" test

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "unittest runner: all checks passed"
