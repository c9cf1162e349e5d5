// Evaluator behaviour checked against CPython 3.11: each script's expected
// stdout/stderr were produced by running the same script with python3.
#include <doctest/doctest.h>

#include "tests/lang/test_eval_helpers.h"

namespace bwhop::lang {

using testing::run_script;

TEST_CASE("float repr is the shortest round-trip string") {
  auto r = run_script(
      R"__(for v in [0.1, 0.2 + 0.1, 1e16, 1e15, 1e-05, 0.0001, 1.5e-7, 123456789012345678.0, 2.0**60, -0.0, 0.0,
          5e-324, 1.7976931348623157e308, 1e22, 1/3, 2/3, 100.0, 3.0e15, 12345678901234567.0,
          float("inf"), -float("inf"), float("nan"), 1e300*1e10, 9007199254740993.0, 0.3, 2.5e-5, 1e-4]:
    print(repr(v), str(v))
)__");
  CHECK(r.status == 0);
  CHECK(r.out == R"__(0.1 0.1
0.30000000000000004 0.30000000000000004
1e+16 1e+16
1000000000000000.0 1000000000000000.0
1e-05 1e-05
0.0001 0.0001
1.5e-07 1.5e-07
1.2345678901234568e+17 1.2345678901234568e+17
1.152921504606847e+18 1.152921504606847e+18
-0.0 -0.0
0.0 0.0
5e-324 5e-324
1.7976931348623157e+308 1.7976931348623157e+308
1e+22 1e+22
0.3333333333333333 0.3333333333333333
0.6666666666666666 0.6666666666666666
100.0 100.0
3000000000000000.0 3000000000000000.0
1.2345678901234568e+16 1.2345678901234568e+16
inf inf
-inf -inf
nan nan
inf inf
9007199254740992.0 9007199254740992.0
0.3 0.3
2.5e-05 2.5e-05
0.0001 0.0001
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("int arithmetic follows Python's floor semantics") {
  auto r = run_script(R"__(print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 2 ** 10, 2 ** -2, (-2) ** 3, 10 / 4, 1 << 10, -9 >> 1)
print(True + True, True * 3, 5 & 3, 5 | 3, 5 ^ 3, ~5, -(-3), +4, abs(-7), divmod(-7, 2), divmod(7.5, 2))
print(int(3.9), int(-3.9), int("  12 "), int("0x10", 16), int("ff", 16), int("1_000"), float("1e3"), float(" -2.5 "))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(1.25, 1), round(0.5))
)__");
  CHECK(r.status == 0);
  CHECK(r.out == R"__(3 -4 -4 3 1 2 -2 -1
3.0 -4.0 1.5 0.5 1024 0.25 -8 2.5 1024 -5
2 3 1 7 6 -6 3 4 7 (-4, 1) (3.0, 1.5)
3 -3 12 16 255 1000 1000.0 -2.5
2 4 -2 2.67 1200 1.2 0
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("format specs and %-formatting") {
  auto r = run_script(
      R"__(print(f"{3.14159:.2f}|{42:>5}|{'x':*^5}|{1234567:,}|{255:x}|{255:#X}|{5:08.3f}|{-3:+d}|{0.25:.1%}")
print(f"{12.5:g}|{0.000012345:.3e}|{1e20:g}|{'abc':.2}|{7:b}|{65:c}|{3:<4}|{3:^5}|{-1.5:010.2f}")
print(format(1.0, ".3"), format(123456.0, ".3"), format(1e-7, "g"), format(10, ""), format(True, "d"))
print("%s=%d %.3f %r %5s|%-5s|%05d %x %o %e %g %%" % ("a", 3, 1.5, "q", "r", "l", 42, 255, 8, 12345.678, 0.0001))
print("%(a)s-%(b)d" % {"a": "x", "b": 2}, "{0}{1}{0}".format("a", "b"), "{x.real}".format(x=3), "{:>{w}}".format("z", w=4))
print("{!r} {!s} {{}}".format("s", "t"), "a{}b".format([1]))
)__");
  CHECK(r.status == 0);
  CHECK(r.out == R"__(3.14|   42|**x**|1,234,567|ff|0XFF|0005.000|-3|25.0%
12.5|1.234e-05|1e+20|ab|111|A|3   |  3  |-000001.50
1.0 1.23e+05 1e-07 10 1
a=3 1.500 'q'     r|l    |00042 ff 10 1.234568e+04 0.0001 %
x-2 aba 3    z
's' t {} a[1]b
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("str methods") {
  auto r = run_script(R"__(s = "  Hello, World  "
print(s.strip(), s.lstrip(), s.rstrip(), s.lower(), s.upper(), s.strip().split(", "), s.split())
print("a,b,,c".split(","), "a b c".split(None, 1), "a,b,c".rsplit(",", 1), "x".join(["1", "2", "3"]))
print("hello".startswith("he"), "hello".endswith(("lo", "x")), "hello".find("l"), "hello".rfind("l"), "hello".find("z"))
print("hello".replace("l", "L"), "hello".replace("l", "L", 1), "hello".count("l"), "hello".index("e"))
print("abc".center(7, "*"), "abc".ljust(5) + "|", "abc".rjust(5), "42".zfill(5), "-42".zfill(5), "hello world".title(), "ABC".capitalize())
print("a\nb\r\nc".splitlines(), "k=v=w".partition("="), "k=v=w".rpartition("="), "abc".isalpha(), "123".isdigit(), " ".isspace())
print("héllo"[1], len("héllo"), "héllo"[::-1], list("ab"), "ab" * 3, "b" in "abc", "abc" < "abd", ord("é"), chr(233))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\tnew\n"))
)__");
  CHECK(r.status == 0);
  CHECK(
      r.out ==
      R"__(Hello, World Hello, World     Hello, World   hello, world     HELLO, WORLD   ['Hello', 'World'] ['Hello,', 'World']
['a', 'b', '', 'c'] ['a', 'b c'] ['a,b', 'c'] 1x2x3
True True 2 3 -1
heLLo heLlo 2 1
**abc** abc  |   abc 00042 -0042 Hello World Abc
['a', 'b', 'c'] ('k', '=', 'v=w') ('k=v', '=', 'w') True True True
é 5 olléh ['a', 'b'] ababab True True 233 é
"it's" 'say "hi"' 'both \' and "' 'tab\tnew\n'
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("containers") {
  auto r = run_script(R"__(l = [5, 3, 8]
l.sort(); l.append(1); l.insert(0, 9); l.extend([7]); print(l, l.index(8), l.pop(), l.pop(0), l)
l[1:3] = [10, 20, 30]; print(l); del l[0]; print(l, l[::-1], l[-2:], l[:100], l[5:1])
print(sorted([3, 1, 2], reverse=True), sorted(["b", "A", "c"], key=str.lower), sorted([(1, "b"), (1, "a"), (0, "z")]))
d = {"b": 1, "a": 2}; d["c"] = 3; del d["b"]
print(d, list(d), d.get("z", 0), d.pop("a"), d, d.setdefault("q", []), d, len(d), "c" in d)
d.update({"x": 1}, y=2); print(d, list(d.items()), list(d.values()), dict(a=1, b=2), dict([("k", 1)]), {**d, "z": 0})
s = {3, 1, 2}; s.add(2); s.discard(9); print(len(s), 2 in s, sorted(s), s & {1, 5}, sorted(s | {7}), s - {1}, {1, 2} <= {1, 2, 3})
t = (1, 2, 3); print(t[1:], t.count(2), t + (4,), t * 2, len(t), (1,), (), tuple([1]), t == (1, 2, 3), t < (1, 2, 4))
print(list(range(5)), list(range(2, 10, 3)), list(range(5, 0, -2)), range(3), len(range(0, 10, 3)), 4 in range(0, 10, 2))
print(list(enumerate("ab", 1)), list(zip([1, 2, 3], "ab")), list(map(lambda a, b: a + b, [1, 2], [3, 4])), list(filter(None, [0, 1, "", "a"])))
print(min([3, 1, 2]), max("abc"), min([], default=0), max([1, 5, 3], key=lambda v: -v), sum([1.5, 2]), sum([[1], [2]], []), any([]), all([1, 1]))
a, *b, c = range(6); (x, y), z = "ab", 3; print(a, b, c, x, y, z)
print([1, [2, [3]]] == [1, [2, [3]]], {1: [1]} == {1: [1]}, [1, 2] < [1, 3], [] or "empty", [0] and "full")
)__");
  CHECK(r.status == 0);
  CHECK(r.out == R"__([3, 5, 8, 1] 3 7 9 [3, 5, 8, 1]
[3, 10, 20, 30, 1]
[10, 20, 30, 1] [1, 30, 20, 10] [30, 1] [10, 20, 30, 1] []
[3, 2, 1] ['A', 'b', 'c'] [(0, 'z'), (1, 'a'), (1, 'b')]
{'c': 3, 'q': []} ['a', 'c'] 0 2 {'c': 3, 'q': []} [] {'c': 3, 'q': []} 2 True
{'c': 3, 'q': [], 'x': 1, 'y': 2} [('c', 3), ('q', []), ('x', 1), ('y', 2)] [3, [], 1, 2] {'a': 1, 'b': 2} {'k': 1} {'c': 3, 'q': [], 'x': 1, 'y': 2, 'z': 0}
3 True [1, 2, 3] {1} [1, 2, 3, 7] {2, 3} True
(2, 3) 1 (1, 2, 3, 4) (1, 2, 3, 1, 2, 3) 3 (1,) () (1,) True True
[0, 1, 2, 3, 4] [2, 5, 8] [5, 3, 1] range(0, 3) 4 True
[(1, 'a'), (2, 'b')] [(1, 'a'), (2, 'b')] [4, 6] [1, 'a']
1 c 0 1 3.5 [1, 2] False True
0 [1, 2, 3, 4] 5 a b 3
True True True empty full
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("scoping: globals, closures, nonlocal, class bodies") {
  auto r = run_script(R"__(x = "global"
def read(): return x
def write():
    global x
    x = "changed"
def shadow():
    x = "local"
    return x
print(read(), shadow(), read()); write(); print(read())
def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = counter(); c(); print(c(5), c.__name__, c.__qualname__)
fs = [lambda: i for i in range(3)]; print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]; print([f() for f in fs])
i = "outer"; sq = [i * 2 for i in range(3)]; print(i, sq)
class K:
    v = 1
    w = v + 1
    items = [v * k for k in range(3)] if False else None
    def m(self): return v
v = "module v"
print(K.w, K().m())
def outer():
    a = 1
    def mid():
        def inner():
            return a
        return inner()
    a = 2
    return mid()
print(outer())
def unbound():
    print(y)
    y = 1
try:
    unbound()
except UnboundLocalError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
)__");
  CHECK(r.status == 0);
  CHECK(r.out == R"__(global local global
changed
6 inc counter.<locals>.inc
[2, 2, 2]
[0, 1, 2]
outer [0, 2, 4]
2 module v
2
cannot access local variable 'y' where it is not associated with a value
name 'undefined_name' is not defined
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("classes, inheritance, super and dunders") {
  auto r = run_script(R"__(class Base:
    kind = "base"
    def __init__(self, v): self.v = v
    def describe(self): return f"{self.kind}:{self.v}"
    @classmethod
    def make(cls, v): return cls(v)
    @staticmethod
    def helper(a): return a * 2
    def __repr__(self): return f"{type(self).__name__}({self.v!r})"
class Child(Base):
    kind = "child"
    def __init__(self, v, extra=0):
        super().__init__(v)
        self.extra = extra
    def describe(self): return "child/" + super().describe()
class Grand(Child):
    def describe(self): return "grand/" + super(Grand, self).describe()
g = Grand.make(3)
print(g, g.describe(), Grand.helper(4), g.helper(5), isinstance(g, Base), issubclass(Grand, Child), Grand.__mro__)
print([c.__name__ for c in Grand.mro()], type(g).__name__, g.__class__.__name__, Base.kind, g.__dict__)
class Num:
    def __init__(self, n): self.n = n
    def __add__(self, o): return Num(self.n + (o.n if isinstance(o, Num) else o))
    def __radd__(self, o): return Num(o + self.n)
    def __mul__(self, o): return Num(self.n * o)
    def __rmul__(self, o): return Num(o * self.n)
    def __sub__(self, o): return NotImplemented
    def __neg__(self): return Num(-self.n)
    def __eq__(self, o): return isinstance(o, Num) and o.n == self.n
    def __hash__(self): return hash(self.n)
    def __lt__(self, o): return self.n < o.n
    def __le__(self, o): return self.n <= o.n
    def __bool__(self): return self.n != 0
    def __len__(self): return abs(self.n)
    def __getitem__(self, i):
        if i >= self.n: raise IndexError(i)
        return i * i
    def __contains__(self, x): return x == self.n
    def __call__(self, *a, **k): return (self.n, a, k)
    def __iadd__(self, o):
        self.n += o
        return self
    def __repr__(self): return f"Num({self.n})"
    def __str__(self): return f"<{self.n}>"
a = Num(2)
print(a + 1, 1 + a, a * 3, 3 * a, -a, a == Num(2), a != Num(3), a < Num(5), a >= Num(1), bool(Num(0)), len(Num(-4)))
print(list(Num(4)), 2 in a, a(1, k=2), sorted([Num(3), Num(1)]), {Num(1): "one"}[Num(1)], str(a), f"{a}", [a])
a += 5; print(a)
try:
    a - 1
except TypeError as e:
    print(e)
class WithProp:
    def __init__(self): self._x = 0
    @property
    def x(self): return self._x
    @x.setter
    def x(self, v): self._x = v * 10
w = WithProp(); w.x = 4; print(w.x)
try:
    class Ro:
        @property
        def p(self): return 1
    Ro().p = 2
except AttributeError as e:
    print(e)
class Ctx:
    def __init__(self, name): self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return self.name == "swallow"
with Ctx("a") as n1, Ctx("swallow") as n2:
    print("body", n1, n2)
    raise KeyError("x")
print("after with")
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print(list(It()), [x for x in It()], sum(It()))
)__");
  CHECK(r.status == 0);
  CHECK(
      r.out ==
      R"__(Grand(3) grand/child/child:3 8 10 True True (<class '__main__.Grand'>, <class '__main__.Child'>, <class '__main__.Base'>, <class 'object'>)
['Grand', 'Child', 'Base', 'object'] Grand Grand base {'v': 3, 'extra': 0}
<3> <3> <6> <6> <-2> True True True True False 4
[0, 1, 4, 9] True (2, (1,), {'k': 2}) [Num(1), Num(3)] one <2> <2> [Num(2)]
<7>
unsupported operand type(s) for -: 'Num' and 'int'
40
property 'p' of 'Ro' object has no setter
enter a
enter swallow
body a swallow
exit swallow KeyError
exit a None
after with
[1, 2, 3] [1, 2, 3] 6
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("exceptions: handlers, else, finally ordering and chaining") {
  auto r = run_script(R"__(def f(mode):
    out = []
    try:
        out.append("try")
        if mode == 1: raise ValueError("v")
        if mode == 2: return out + ["returned"]
    except ValueError as e:
        out.append("except " + str(e))
    else:
        out.append("else")
    finally:
        out.append("finally")
    return out
print(f(0), f(1), f(2))
def g():
    try:
        return "try"
    finally:
        return "finally wins"
print(g())
for i in range(3):
    try:
        if i == 1: continue
        print("body", i)
    finally:
        print("fin", i)
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(type(e.__cause__).__name__, e.__cause__, e, e.__suppress_context__)
try:
    try:
        [][1]
    except IndexError:
        {}[2]
except KeyError as e:
    print("context", repr(e.__context__), repr(e))
class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg, code)
        self.code = code
try:
    raise AppError("m", 4)
except (KeyError, AppError) as e:
    print(e, e.code, e.args, repr(e))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), str(e) == "", e.args)
try:
    try:
        raise TypeError("inner")
    except TypeError:
        raise
except TypeError as e:
    print("reraised", e)
print(repr(KeyError("k")), str(KeyError("k")), str(KeyError()), str(ValueError(1, 2)), repr(Exception("a", 1)))
try:
    assert 1 == 2, "math"
except AssertionError as e:
    print("assert", e)
def deep(n): return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print(e)
)__");
  CHECK(r.status == 0);
  CHECK(r.out == R"__(['try', 'else', 'finally'] ['try', 'except v', 'finally'] ['try', 'returned']
finally wins
body 0
fin 0
fin 1
body 2
fin 2
ZeroDivisionError division by zero wrapped True
context IndexError('list index out of range') KeyError(2)
('m', 4) 4 ('m', 4) AppError('m', 4)
ValueError() True ()
reraised inner
KeyError('k') 'k'  (1, 2) Exception('a', 1)
assert math
maximum recursion depth exceeded
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("functions: defaults, keyword-only, star args, decorators") {
  auto r = run_script(R"__(def f(a, b=2, *args, c, d=4, **kw): return (a, b, args, c, d, kw)
print(f(1, c=3), f(1, 5, 6, 7, c=8, e=9), f(*[1, 2, 3], **{"c": 0, "z": 1}))
def g(x, /, y, *, z): return x + y + z
print(g(1, y=2, z=3))
for call in [lambda: f(), lambda: f(1), lambda: f(1, 2, c=3, b=4), lambda: f(1, c=1, zz=2) and g(1, 2, 3), lambda: g(1, 2, z=3, w=4)]:
    try:
        print(call())
    except TypeError as e:
        print(e)
def deco(tag):
    def wrap(fn):
        def inner(*a, **k): return tag + str(fn(*a, **k))
        return inner
    return wrap
@deco("<")
@deco(">")
def val(v): return v
print(val(5))
import functools
def logged(fn):
    @functools.wraps(fn)
    def wrapper(*a): return fn(*a)
    return wrapper
@logged
def named(): "doc"; return 1
print(named.__name__, named.__wrapped__.__name__, named())
p = functools.partial(f, 1, c=7)
print(p(2), p.func.__name__, p.args, p.keywords, functools.reduce(lambda a, b: a * b, [1, 2, 3, 4]))
pp = functools.partial(p, 3, d=0); print(pp(), pp.args, pp.keywords)
lam = lambda *a, **k: (a, k); print(lam(1, x=2), (lambda: 0).__name__)
def gen_default(x=[]):
    x.append(1)
    return len(x)
print(gen_default(), gen_default())
)__");
  CHECK(r.status == 0);
  CHECK(r.out ==
        R"__((1, 2, (), 3, 4, {}) (1, 5, (6, 7), 8, 4, {'e': 9}) (1, 2, (3,), 0, 4, {'z': 1})
6
f() missing 1 required positional argument: 'a'
f() missing 1 required keyword-only argument: 'c'
f() got multiple values for argument 'b'
g() takes 2 positional arguments but 3 were given
g() got an unexpected keyword argument 'w'
<>5
named named 1
(1, 2, (), 7, 4, {}) f (1,) {'c': 7} 24
(1, 3, (), 7, 0, {}) (1, 3) {'c': 7, 'd': 0}
((1,), {'x': 2}) <lambda>
1 2
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("imports of built-in modules") {
  auto r = run_script(R"__(import sys, math, functools, itertools
import os
from itertools import count, chain
from math import sqrt as root
c = count(5); print(next(c), next(c), next(count(step=2)))
print(list(chain([1], (2, 3))), list(itertools.product([1, 2], "ab")), list(itertools.repeat("x", 2)), list(itertools.islice(count(), 3)))
print(root(16), math.floor(2.7), math.ceil(2.1), math.pi, math.isclose(0.1 + 0.2, 0.3), math.log(8, 2), math.inf)
print(type(sys.argv), sys.argv[0], "PATH" in os.environ, isinstance(sys.maxsize, int))
sys.stdout.write("written\n")
print("to stderr", file=sys.stderr)
print("a", "b", sep="-", end="!\n")
print(__name__)
try:
    from math import nothing
except ImportError as e:
    print(type(e).__name__)
)__");
  CHECK(r.status == 0);
  CHECK(r.out == R"__(5 6 0
[1, 2, 3] [(1, 'a'), (1, 'b'), (2, 'a'), (2, 'b')] ['x', 'x'] [0, 1, 2]
4.0 2 3 3.141592653589793 True 3.0 inf
<class 'list'> x.py True True
written
a-b!
__main__
ImportError
)__");
  CHECK(r.err == R"__(to stderr
)__");
}

TEST_CASE("locals, vars and globals") {
  auto r = run_script(R"__(def f(a, b=2):
    c = a + b
    def g():
        return c
    return sorted(locals().items(), key=lambda kv: kv[0])[:3]
print(f(1))
x = 5
print(vars()["x"], locals()["x"], globals()["x"], "f" in globals())
class A:
    y = 1
    print(sorted(k for k in locals() if not k.startswith("__")))
class P:
    def __init__(self):
        self.q = 1
print(vars(P()), sorted(k for k in vars(A) if not k.startswith("__")))
)__");
  CHECK(r.status == 0);
  CHECK(r.out == R"__([('a', 1), ('b', 2), ('c', 3)]
5 5 5 True
['y']
{'q': 1} ['y']
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("traceback through nested calls") {
  auto r = run_script(R"__(def inner(d):
    return d["missing"]
def outer():
    return inner({})
print("start")
outer()
)__");
  CHECK(r.status == 1);
  CHECK(r.out == R"__(start
)__");
  CHECK(r.err == R"__(Traceback (most recent call last):
  File "x.py", line 6, in <module>
    outer()
  File "x.py", line 4, in outer
    return inner({})
  File "x.py", line 2, in inner
    return d["missing"]
KeyError: 'missing'
)__");
}

TEST_CASE("traceback with explicit cause") {
  auto r = run_script(R"__(def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("cannot parse " + s) from e
parse("x1")
)__");
  CHECK(r.status == 1);
  CHECK(r.out == R"__()__");
  CHECK(r.err == R"__(Traceback (most recent call last):
  File "x.py", line 3, in parse
    return int(s)
ValueError: invalid literal for int() with base 10: 'x1'

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "x.py", line 6, in <module>
    parse("x1")
  File "x.py", line 5, in parse
    raise RuntimeError("cannot parse " + s) from e
RuntimeError: cannot parse x1
)__");
}

TEST_CASE("traceback with implicit context") {
  auto r = run_script(R"__(try:
    1 / 0
except ZeroDivisionError:
    undefined_call()
)__");
  CHECK(r.status == 1);
  CHECK(r.out == R"__()__");
  CHECK(r.err == R"__(Traceback (most recent call last):
  File "x.py", line 2, in <module>
    1 / 0
ZeroDivisionError: division by zero

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "x.py", line 4, in <module>
    undefined_call()
NameError: name 'undefined_call' is not defined
)__");
}

TEST_CASE("traceback of a method and a lambda") {
  auto r = run_script(R"__(class A:
    def run(self, f):
        return f(0)
A().run(lambda x: 1 / x)
)__");
  CHECK(r.status == 1);
  CHECK(r.out == R"__()__");
  CHECK(r.err == R"__(Traceback (most recent call last):
  File "x.py", line 4, in <module>
    A().run(lambda x: 1 / x)
  File "x.py", line 3, in run
    return f(0)
  File "x.py", line 4, in <lambda>
    A().run(lambda x: 1 / x)
ZeroDivisionError: division by zero
)__");
}

TEST_CASE("custom exception class in __main__") {
  auto r = run_script(R"__(class Oops(Exception):
    pass
def go():
    raise Oops("went wrong", 3)
go()
)__");
  CHECK(r.status == 1);
  CHECK(r.out == R"__()__");
  CHECK(r.err == R"__(Traceback (most recent call last):
  File "x.py", line 5, in <module>
    go()
  File "x.py", line 4, in go
    raise Oops("went wrong", 3)
Oops: ('went wrong', 3)
)__");
}

TEST_CASE("sys.exit with a code") {
  auto r = run_script(R"__(import sys
print("before")
sys.exit(3)
)__");
  CHECK(r.status == 3);
  CHECK(r.out == R"__(before
)__");
  CHECK(r.err == R"__()__");
}

TEST_CASE("sys.exit with a message") {
  auto r = run_script(R"__(import sys
sys.exit("fatal: stop")
)__");
  CHECK(r.status == 1);
  CHECK(r.out == R"__()__");
  CHECK(r.err == R"__(fatal: stop
)__");
}

TEST_CASE("exception in a class body and with statement") {
  auto r = run_script(R"__(class CM:
    def __enter__(self): return self
    def __exit__(self, *a): return False
with CM():
    class Bad:
        x = 1 + "a"
)__");
  CHECK(r.status == 1);
  CHECK(r.out == R"__()__");
  CHECK(r.err == R"__(Traceback (most recent call last):
  File "x.py", line 5, in <module>
    class Bad:
  File "x.py", line 6, in Bad
    x = 1 + "a"
TypeError: unsupported operand type(s) for +: 'int' and 'str'
)__");
}

TEST_CASE("assertion without message") {
  auto r = run_script(R"__(x = 1
assert x == 2
)__");
  CHECK(r.status == 1);
  CHECK(r.out == R"__()__");
  CHECK(r.err == R"__(Traceback (most recent call last):
  File "x.py", line 2, in <module>
    assert x == 2
AssertionError
)__");
}

} // namespace bwhop::lang
