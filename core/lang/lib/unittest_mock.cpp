// unittest and unittest.mock, written in the scenario language and embedded
// as source modules. They cover what PyTorch-style test files use: patch
// (decorator and context manager, new / new_callable, stacking order as
// CPython's), MagicMock/Mock call recording, and a small TestCase. The
// `bwhop test` runner may register fuller versions under the same names.
#include "core/lang/lib/library.h"
#include "core/lang/native.h"

namespace bwhop::lang {

namespace {

const char* kMockSource = R"PY(
import functools


class _Sentinel:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "sentinel." + self.name


DEFAULT = _Sentinel("DEFAULT")


class NonCallableMock:
    def __init__(self, spec=None, side_effect=None, return_value=DEFAULT, name=None, **kwargs):
        d = self.__dict__
        d["_mock_children"] = {}
        d["_mock_name"] = name
        d["_mock_return_value"] = return_value
        d["side_effect"] = side_effect
        d["called"] = False
        d["call_count"] = 0
        d["call_args"] = None
        d["call_args_list"] = []
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        children = self.__dict__["_mock_children"]
        if name not in children:
            children[name] = MagicMock(name=name)
        return children[name]

    @property
    def return_value(self):
        rv = self.__dict__["_mock_return_value"]
        if rv is DEFAULT:
            rv = MagicMock(name="()")
            self.__dict__["_mock_return_value"] = rv
        return rv

    @return_value.setter
    def return_value(self, value):
        self.__dict__["_mock_return_value"] = value

    def __repr__(self):
        name = self.__dict__["_mock_name"]
        if name is None:
            return "<MagicMock id='%d'>" % id(self)
        return "<MagicMock name='%s' id='%d'>" % (name, id(self))

    def reset_mock(self):
        self.called = False
        self.call_count = 0
        self.call_args = None
        self.call_args_list = []

    def assert_called(self):
        if not self.called:
            raise AssertionError("Expected mock to have been called.")

    def assert_not_called(self):
        if self.called:
            raise AssertionError("Expected mock to not have been called. Called %d times." % self.call_count)

    def assert_called_once(self):
        if self.call_count != 1:
            raise AssertionError("Expected mock to have been called once. Called %d times." % self.call_count)

    def assert_called_with(self, *args, **kwargs):
        if self.call_args != (args, kwargs):
            raise AssertionError("expected call not found.")

    def assert_called_once_with(self, *args, **kwargs):
        self.assert_called_once()
        self.assert_called_with(*args, **kwargs)


class Mock(NonCallableMock):
    def __call__(self, *args, **kwargs):
        self.called = True
        self.call_count += 1
        self.call_args = (args, kwargs)
        self.call_args_list.append((args, kwargs))
        effect = self.side_effect
        if effect is not None:
            if isinstance(effect, BaseException):
                raise effect
            if isinstance(effect, type) and issubclass(effect, BaseException):
                raise effect()
            if isinstance(effect, (list, tuple)):
                value = effect[self.call_count - 1]
                if isinstance(value, BaseException):
                    raise value
                return value
            result = effect(*args, **kwargs)
            if result is not DEFAULT:
                return result
        return self.return_value


MagicMock = Mock


def _resolve_dotted(path):
    parts = path.split(".")
    obj = None
    for i in range(len(parts), 0, -1):
        try:
            obj = __import__(".".join(parts[:i]), None, None, ["_"])
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError("No module named '%s'" % parts[0])


class _patch:
    def __init__(self, getter, attribute, new, new_callable, create, kwargs):
        self.getter = getter
        self.attribute = attribute
        self.new = new
        self.new_callable = new_callable
        self.create = create
        self.kwargs = kwargs
        self.target = None

    def __enter__(self):
        self.target = self.getter()
        self.had_attribute = hasattr(self.target, self.attribute)
        if not self.had_attribute and not self.create:
            raise AttributeError("%r does not have the attribute %r" % (self.target, self.attribute))
        if self.had_attribute:
            self.original = getattr(self.target, self.attribute)
        if self.new is DEFAULT:
            if self.new_callable is not None:
                new = self.new_callable(**self.kwargs)
            else:
                new = MagicMock(**self.kwargs)
        else:
            new = self.new
        setattr(self.target, self.attribute, new)
        return new

    def __exit__(self, *exc_info):
        if self.had_attribute:
            setattr(self.target, self.attribute, self.original)
        else:
            delattr(self.target, self.attribute)
        return False

    def start(self):
        return self.__enter__()

    def stop(self):
        return self.__exit__(None, None, None)

    def __call__(self, func):
        if isinstance(func, type):
            for name in list(func.__dict__):
                if name.startswith("test"):
                    setattr(func, name, self.copy()(func.__dict__[name]))
            return func
        if hasattr(func, "patchings"):
            func.patchings.append(self)
            return func

        @functools.wraps(func)
        def patched(*args, **kwargs):
            extra = []
            entered = []
            try:
                for patching in patched.patchings:
                    value = patching.__enter__()
                    entered.append(patching)
                    if patching.new is DEFAULT:
                        extra.append(value)
                return func(*args, *extra, **kwargs)
            finally:
                for patching in reversed(entered):
                    patching.__exit__(None, None, None)

        patched.patchings = [self]
        return patched

    def copy(self):
        return _patch(self.getter, self.attribute, self.new, self.new_callable, self.create, self.kwargs)


def patch(target, new=DEFAULT, spec=None, create=False, spec_set=None, autospec=None,
          new_callable=None, **kwargs):
    owner, attribute = target.rsplit(".", 1)
    return _patch(lambda: _resolve_dotted(owner), attribute, new, new_callable, create, kwargs)


def _patch_object(target, attribute, new=DEFAULT, spec=None, create=False, spec_set=None,
                  autospec=None, new_callable=None, **kwargs):
    return _patch(lambda: target, attribute, new, new_callable, create, kwargs)


class _patch_dict:
    def __init__(self, in_dict, values=(), clear=False, **kwargs):
        self.in_dict = in_dict
        self.values = dict(values)
        self.values.update(kwargs)
        self.clear = clear

    def __enter__(self):
        target = self.in_dict
        if isinstance(target, str):
            target = _resolve_dotted(target)
        self.target = target
        self.saved = dict(target)
        if self.clear:
            target.clear()
        target.update(self.values)
        return target

    def __exit__(self, *exc_info):
        self.target.clear()
        self.target.update(self.saved)
        return False

    def __call__(self, func):
        @functools.wraps(func)
        def patched(*args, **kwargs):
            with self:
                return func(*args, **kwargs)
        return patched


patch.object = _patch_object
patch.dict = _patch_dict
sentinel = _Sentinel("sentinel")
)PY";

const char* kUnittestSource = R"PY(
import sys


class SkipTest(Exception):
    pass


class TestCase:
    failureException = AssertionError
    maxDiff = 80 * 8

    def __init__(self, methodName="runTest"):
        self._testMethodName = methodName

    def setUp(self):
        pass

    def tearDown(self):
        pass

    @classmethod
    def setUpClass(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        pass

    def id(self):
        return "%s.%s" % (type(self).__name__, self._testMethodName)

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=None):
        raise self.failureException(msg)

    def _fail(self, default, msg):
        if msg is not None:
            default = default + " : " + str(msg)
        raise self.failureException(default)

    def assertEqual(self, first, second, msg=None):
        if not first == second:
            self._fail("%r != %r" % (first, second), msg)

    def assertNotEqual(self, first, second, msg=None):
        if first == second:
            self._fail("%r == %r" % (first, second), msg)

    def assertTrue(self, expr, msg=None):
        if not expr:
            self._fail("%r is not true" % (expr,), msg)

    def assertFalse(self, expr, msg=None):
        if expr:
            self._fail("%r is not false" % (expr,), msg)

    def assertIs(self, first, second, msg=None):
        if first is not second:
            self._fail("%r is not %r" % (first, second), msg)

    def assertIsNot(self, first, second, msg=None):
        if first is second:
            self._fail("unexpectedly identical: %r" % (first,), msg)

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self._fail("%r is not None" % (obj,), msg)

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self._fail("unexpectedly None", msg)

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self._fail("%r not found in %r" % (member, container), msg)

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self._fail("%r unexpectedly found in %r" % (member, container), msg)

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self._fail("%r is not an instance of %r" % (obj, cls), msg)

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self._fail("%r is an instance of %r" % (obj, cls), msg)

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self._fail("%r not greater than or equal to %r" % (a, b), msg)

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self._fail("%r not less than or equal to %r" % (a, b), msg)

    def assertRegex(self, text, expected_regex, msg=None):
        import re
        if not re.search(expected_regex, text):
            self._fail("Regex didn't match: %r not found in %r" % (expected_regex, text), msg)

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        import re
        if re.search(unexpected_regex, text):
            self._fail("Regex matched: %r found in %r" % (unexpected_regex, text), msg)

    def assertMultiLineEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertSequenceEqual(self, first, second, msg=None, seq_type=None):
        self.assertEqual(first, second, msg)

    def assertListEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertTupleEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertDictEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def subTest(self, msg=None, **params):
        return _SubTest()

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self._fail("%r not greater than %r" % (a, b), msg)

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self._fail("%r not less than %r" % (a, b), msg)

    def assertAlmostEqual(self, first, second, places=7, msg=None):
        if round(abs(second - first), places) != 0:
            self._fail("%r != %r within %r places" % (first, second, places), msg)

    def assertRaises(self, expected, *args, **kwargs):
        context = _AssertRaisesContext(expected, self, None)
        if not args:
            return context
        with context:
            args[0](*args[1:], **kwargs)

    def assertRaisesRegex(self, expected, regex, *args, **kwargs):
        context = _AssertRaisesContext(expected, self, regex)
        if not args:
            return context
        with context:
            args[0](*args[1:], **kwargs)


class _SubTest:
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


class _AssertRaisesContext:
    def __init__(self, expected, test_case, regex):
        self.expected = expected
        self.test_case = test_case
        self.regex = regex
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            name = getattr(self.expected, "__name__", str(self.expected))
            raise self.test_case.failureException("%s not raised" % name)
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value
        if self.regex is not None:
            import re
            if not re.search(self.regex, str(exc_value)):
                raise self.test_case.failureException(
                    '"%s" does not match "%s"' % (self.regex, str(exc_value)))
        return True


def skip(reason):
    def decorator(item):
        item.__unittest_skip__ = True
        item.__unittest_skip_why__ = reason
        return item
    return decorator


def skipIf(condition, reason):
    if condition:
        return skip(reason)
    return lambda item: item


def skipUnless(condition, reason):
    if not condition:
        return skip(reason)
    return lambda item: item


def expectedFailure(test_item):
    test_item.__unittest_expecting_failure__ = True
    return test_item


def main(module="__main__", **kwargs):
    # Under the bwhop executable the test runner's report is used (as `bwhop test`).
    try:
        import _bwhop_unittest
    except ImportError:
        _bwhop_unittest = None
    if _bwhop_unittest is not None:
        sys.exit(_bwhop_unittest.run_module_tests(module))
    mod = sys.modules[module]
    passed = 0
    failed = 0
    for name in list(mod.__dict__):
        cls = mod.__dict__[name]
        if not (isinstance(cls, type) and issubclass(cls, TestCase)):
            continue
        for attr in list(cls.__dict__):
            if not attr.startswith("test"):
                continue
            case = cls(attr)
            try:
                case.setUp()
                getattr(case, attr)()
                case.tearDown()
                passed += 1
            except SkipTest:
                pass
            except Exception as e:
                failed += 1
                print("FAIL: %s (%s)" % (attr, e), file=sys.stderr)
    print("%d passed, %d failed" % (passed, failed), file=sys.stderr)
    sys.exit(1 if failed else 0)
)PY";

} // namespace

void register_library_modules() {
  native::register_source_module("unittest", kUnittestSource);
  native::register_source_module("unittest.mock", kMockSource);
}

} // namespace bwhop::lang
