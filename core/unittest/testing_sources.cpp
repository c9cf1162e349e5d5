// PyTorch's assertEqual semantics (torch.testing): tensors must agree in
// shape and dtype and be close within dtype-aware tolerances; numbers,
// sequences, mappings and None compare recursively; a string `msg` replaces
// the default message. assertExpectedInline follows expecttest.
#include "core/unittest/testing_sources.h"

namespace bwhop::unittest {

const char* const kCommonUtilsSource = R"PY(
import math
import sys
import unittest
import torch
import _bwhop_unittest

# (rtol, atol) per dtype, as torch.testing.assert_close's defaults.
_TOLERANCES = {
    "torch.float16": (1e-3, 1e-5),
    "torch.bfloat16": (1.6e-2, 1e-5),
    "torch.float32": (1.3e-6, 1e-5),
    "torch.float64": (1e-7, 1e-7),
}


def _tolerances(dtype, rtol, atol):
    default = _TOLERANCES.get(str(dtype), (0.0, 0.0))
    if rtol is None:
        rtol = default[0]
    if atol is None:
        atol = default[1]
    return rtol, atol


def _flatten(value, out):
    if isinstance(value, (list, tuple)):
        for item in value:
            _flatten(item, out)
    else:
        out.append(value)
    return out


def _index_of(flat_index, shape):
    index = []
    for size in reversed(shape):
        index.append(flat_index % size)
        flat_index = flat_index // size
    index.reverse()
    if len(index) == 1:
        return "(%d,)" % index[0]
    return "(" + ", ".join([str(i) for i in index]) + ")"


def _is_nan(v):
    return isinstance(v, float) and v != v


def _compare_flat(actual, expected, shape, rtol, atol, exact):
    # None when every element is close, else torch.testing's report.
    mismatched = 0
    worst_abs = -1.0
    abs_at = 0
    worst_rel = -1.0
    rel_at = 0
    for i in range(len(actual)):
        a = actual[i]
        e = expected[i]
        if a == e or (_is_nan(a) and _is_nan(e)):
            continue
        diff = abs(a - e)
        close = not exact and diff == diff and diff <= atol + rtol * abs(e)
        if not close:
            mismatched += 1
        if diff > worst_abs or diff != diff:
            worst_abs = diff
            abs_at = i
        rel = diff / abs(e) if e != 0 else math.inf
        if rel > worst_rel:
            worst_rel = rel
            rel_at = i
    if mismatched == 0:
        return None
    total = len(actual)
    title = "Tensor-likes are not equal!" if exact else "Tensor-likes are not close!"
    lines = [title, "", "Mismatched elements: %d / %d (%.1f%%)" % (mismatched, total, 100.0 * mismatched / total)]
    if exact:
        lines.append("Greatest absolute difference: %s at index %s" % (worst_abs, _index_of(abs_at, shape)))
        lines.append("Greatest relative difference: %s at index %s" % (worst_rel, _index_of(rel_at, shape)))
    else:
        lines.append("Greatest absolute difference: %s at index %s (up to %s allowed)" % (worst_abs, _index_of(abs_at, shape), atol))
        lines.append("Greatest relative difference: %s at index %s (up to %s allowed)" % (worst_rel, _index_of(rel_at, shape), rtol))
    return "\n".join(lines)


def _compare_tensors(actual, expected, rtol, atol, exact_dtype):
    a_tensor = isinstance(actual, torch.Tensor)
    e_tensor = isinstance(expected, torch.Tensor)
    reference = actual if a_tensor else expected
    shape = list(reference.shape)
    if a_tensor and e_tensor:
        if list(actual.shape) != list(expected.shape):
            return "The values for attribute 'shape' do not match: %s != %s." % (actual.shape, expected.shape)
        if exact_dtype and actual.dtype != expected.dtype:
            return "The values for attribute 'dtype' do not match: %s != %s." % (actual.dtype, expected.dtype)
    a_flat = _flatten(actual.detach().tolist() if a_tensor else actual, [])
    e_flat = _flatten(expected.detach().tolist() if e_tensor else expected, [])
    if len(a_flat) != len(e_flat):
        return "The number of elements do not match: %d != %d." % (len(a_flat), len(e_flat))
    floating = reference.is_floating_point()
    rtol, atol = _tolerances(reference.dtype, rtol, atol)
    return _compare_flat(a_flat, e_flat, shape, rtol, atol, not floating)


def _compare_numbers(actual, expected, rtol, atol):
    if isinstance(actual, float) or isinstance(expected, float):
        if actual == expected or (_is_nan(actual) and _is_nan(expected)):
            return None
        rtol, atol = _tolerances("torch.float64", rtol, atol)
        diff = abs(actual - expected)
        if diff == diff and diff <= atol + rtol * abs(expected):
            return None
        rel = diff / abs(expected) if expected != 0 else math.inf
        return ("Scalars are not close!\n\nExpected %r but got %r.\n"
                "Absolute difference: %r (up to %r allowed)\n"
                "Relative difference: %r (up to %r allowed)" % (expected, actual, diff, atol, rel, rtol))
    if actual == expected:
        return None
    diff = abs(actual - expected)
    rel = diff / abs(expected) if expected != 0 else math.inf
    return ("Scalars are not equal!\n\nExpected %r but got %r.\n"
            "Absolute difference: %r\nRelative difference: %r" % (expected, actual, diff, rel))


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _compare(actual, expected, rtol, atol, exact_dtype):
    if isinstance(actual, torch.Tensor) or isinstance(expected, torch.Tensor):
        if actual is None or expected is None:
            return "None mismatch: %r is not %r" % (actual, expected)
        return _compare_tensors(actual, expected, rtol, atol, exact_dtype)
    if actual is None or expected is None:
        if actual is expected:
            return None
        return "None mismatch: %r is not %r" % (actual, expected)
    if _is_number(actual) and _is_number(expected):
        return _compare_numbers(actual, expected, rtol, atol)
    if isinstance(actual, str) and isinstance(expected, str):
        if actual == expected:
            return None
        if "\n" in actual or "\n" in expected:
            return "Strings differ (- expected, + actual):\n" + _bwhop_unittest.text_diff(expected, actual)
        return "%r != %r" % (actual, expected)
    if isinstance(actual, (list, tuple)) and isinstance(expected, (list, tuple)):
        if len(actual) != len(expected):
            return "The length of the sequences mismatch: %d != %d" % (len(actual), len(expected))
        for i in range(len(actual)):
            problem = _compare(actual[i], expected[i], rtol, atol, exact_dtype)
            if problem is not None:
                return problem + "\n\nThe failure occurred for item [%d]" % i
        return None
    if isinstance(actual, dict) and isinstance(expected, dict):
        if sorted([repr(k) for k in actual]) != sorted([repr(k) for k in expected]):
            return "The keys of the mappings do not match: %r != %r" % (list(actual), list(expected))
        for key in actual:
            problem = _compare(actual[key], expected[key], rtol, atol, exact_dtype)
            if problem is not None:
                return problem + "\n\nThe failure occurred for item [%r]" % (key,)
        return None
    if actual == expected:
        return None
    return "%r != %r" % (actual, expected)


class TestCase(unittest.TestCase):
    def assertEqual(self, x, y, msg=None, *, atol=None, rtol=None, equal_nan=True, exact_dtype=True, **kwargs):
        problem = _compare(x, y, rtol, atol, exact_dtype)
        if problem is None:
            return
        if callable(msg):
            problem = msg(problem)
        elif msg is not None:
            problem = str(msg)
        raise self.failureException(problem)

    def assertNotEqual(self, x, y, msg=None, *, atol=None, rtol=None, **kwargs):
        if _compare(x, y, rtol, atol, True) is None:
            raise self.failureException(str(msg) if msg is not None else "%r == %r" % (x, y))

    def assertExpectedInline(self, actual, expect, skip=0):
        if not isinstance(actual, str):
            actual = str(actual)
        if actual == expect:
            return
        if _bwhop_unittest.accept_inline(self.id(), actual, skip + 1):
            return
        raise self.failureException(
            "Expected inline text differs (- expected, + actual):\n" +
            _bwhop_unittest.text_diff(expect, actual) +
            "To accept the new output, re-run test with envvar EXPECTTEST_ACCEPT=1 "
            "(or bwhop test --accept)")

    def assertExpectedRaisesInline(self, exc_type, fn, expect, *args, **kwargs):
        try:
            fn(*args, **kwargs)
        except exc_type as e:
            self.assertExpectedInline(str(e), expect, skip=1)
            return
        self.fail(msg="Did not raise when expected to")


def run_tests(argv=None):
    sys.exit(_bwhop_unittest.run_module_tests("__main__"))
)PY";

const char* const kDynamoTestCaseSource = R"PY(
import torch
import torch._dynamo
import torch._functorch.config  # test files use it as torch._functorch.config.patch
from torch.testing._internal.common_utils import TestCase as TorchTestCase
from torch.testing._internal.common_utils import run_tests


def _reset_dynamo():
    reset = getattr(torch._dynamo, "reset", None)
    if reset is not None:
        reset()


class TestCase(TorchTestCase):
    def setUp(self):
        super().setUp()
        _reset_dynamo()

    def tearDown(self):
        _reset_dynamo()
        super().tearDown()
)PY";

const char* const kFunctorchConfigSource = R"PY(
import functools
import sys

guess_tangent_strides_as_outputs = True  # PyTorch: `not is_fbcode()`


class _ConfigPatch:
    def __init__(self, module, changes):
        self.module = module
        self.changes = changes
        self.saved = []

    def __enter__(self):
        saved = []
        for key, value in self.changes.items():
            saved.append((key, getattr(self.module, key)))
            setattr(self.module, key, value)
        self.saved.append(saved)
        return self

    def __exit__(self, *exc_info):
        for key, value in self.saved.pop():
            setattr(self.module, key, value)
        return False

    def __call__(self, func):
        patch = self

        @functools.wraps(func)
        def patched(*args, **kwargs):
            with patch:
                return func(*args, **kwargs)

        return patched


def patch(arg1=None, arg2=None, **kwargs):
    module = sys.modules[__name__]
    changes = {}
    if isinstance(arg1, str):
        changes[arg1] = arg2
    elif isinstance(arg1, dict):
        changes.update(arg1)
    elif arg1 is not None:
        raise TypeError("patch() takes a name and a value, a dict, or keyword arguments")
    changes.update(kwargs)
    for key in changes:
        if not hasattr(module, key) or key.startswith("_") or key == "patch":
            raise AttributeError("%s.%s does not exist" % (__name__, key))
    return _ConfigPatch(module, changes)
)PY";

} // namespace bwhop::unittest
