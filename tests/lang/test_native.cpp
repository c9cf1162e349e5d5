// The native extension API: a toy module with a payload-carrying type,
// operator dunders, a property, a callback into script code and a native
// exception class, exercised from a script.
#include <doctest/doctest.h>

#include <cmath>

#include "core/lang/native.h"
#include "tests/lang/test_eval_helpers.h"

namespace bwhop::lang {
namespace {

struct Vec2 {
  double x, y;
};

Type* toy_error_type() {
  static Type* t = native::define_exception("ToyError", "toy");
  return t;
}

Type* vec_type();

Value make_vec(double x, double y) {
  return native::make_native(vec_type(), Vec2{x, y});
}

Vec2* vec_of(const Value& v) {
  Vec2* p = native::native_cast<Vec2>(v);
  if (!p) native::raise_error(types::TypeError, "expected Vec, got " + type_name(v));
  return p;
}

Type* vec_type() {
  static Type* t = [] {
    Type* t = native::define_type("Vec", "toy");
    native::def_method(t, "__new__", [](const Args& a) {
      auto v = native::bind_args(a, "Vec", {{"cls"}, {"x"}, {"y", Value::floating(0.0)}});
      return make_vec(native::as_float(v[1], "x"), native::as_float(v[2], "y"));
    });
    native::def_method(t, "__add__", [](const Args& a) {
      Vec2* p = vec_of(a[0]);
      if (Vec2* q = native::native_cast<Vec2>(a[1])) return make_vec(p->x + q->x, p->y + q->y);
      if (a[1].is_intlike() || a[1].is_float()) {
        double s = native::as_float(a[1]);
        return make_vec(p->x + s, p->y + s);
      }
      return not_implemented();
    });
    native::def_method(t, "__radd__", [](const Args& a) {
      Vec2* p = vec_of(a[0]);
      if (!(a[1].is_intlike() || a[1].is_float())) return not_implemented();
      double s = native::as_float(a[1]);
      return make_vec(s + p->x, s + p->y);
    });
    native::def_method(t, "__mul__", [](const Args& a) {
      Vec2* p = vec_of(a[0]);
      if (!(a[1].is_intlike() || a[1].is_float())) return not_implemented();
      double s = native::as_float(a[1]);
      return make_vec(p->x * s, p->y * s);
    });
    native::def_method(t, "__neg__", [](const Args& a) {
      Vec2* p = vec_of(a[0]);
      return make_vec(-p->x, -p->y);
    });
    native::def_method(t, "__eq__", [](const Args& a) {
      Vec2* q = native::native_cast<Vec2>(a[1]);
      if (!q) return not_implemented();
      Vec2* p = vec_of(a[0]);
      return native::make_bool(p->x == q->x && p->y == q->y);
    });
    native::def_method(t, "__hash__", [](const Args& a) {
      Vec2* p = vec_of(a[0]);
      return native::make_int(static_cast<int64_t>(p->x * 31 + p->y));
    });
    native::def_method(t, "__repr__", [](const Args& a) {
      Vec2* p = vec_of(a[0]);
      return native::make_str("Vec(" + native::repr_of(native::make_float(p->x)) + ", " +
                              native::repr_of(native::make_float(p->y)) + ")");
    });
    native::def_method(t, "__len__", [](const Args&) { return native::make_int(2); });
    native::def_method(t, "__getitem__", [](const Args& a) {
      Vec2* p = vec_of(a[0]);
      int64_t i = native::as_int(a[1], "index");
      if (i == 0) return native::make_float(p->x);
      if (i == 1) return native::make_float(p->y);
      native::raise_error(types::IndexError, "Vec index out of range");
    });
    // apply(fn, scale=1.0): calls a script function on each coordinate.
    native::def_method(t, "apply", [](const Args& a) {
      auto v =
          native::bind_args(a, "apply", {{"self"}, {"fn"}, {"scale", Value::floating(1.0), true}});
      Vec2* p = vec_of(v[0]);
      Value rx = native::call(v[1], {native::make_float(p->x)}, {{"scale", v[2]}});
      Value ry = native::call(v[1], {native::make_float(p->y)}, {{"scale", v[2]}});
      if (rx.is_none()) native::raise_error(toy_error_type(), "hook returned None");
      return make_vec(native::as_float(rx), native::as_float(ry));
    });
    native::def_property(
        t, "x", [](const Value& self) { return native::make_float(vec_of(self)->x); },
        [](const Value& self, const Value& v) { vec_of(self)->x = native::as_float(v, "x"); });
    native::def_property(t, "norm2", [](const Value& self) {
      Vec2* p = vec_of(self);
      return native::make_float(p->x * p->x + p->y * p->y);
    });
    native::set_class_attr(t, "dims", native::make_int(2));
    return t;
  }();
  return t;
}

void register_toy() {
  native::register_native_module("toy", [](const Value& m) {
    native::module_set(m, "Vec", Value(vec_type()));
    native::module_set(m, "ToyError", Value(toy_error_type()));
    native::module_def(m, "fail", [](const Args& a) -> Value {
      native::raise_error(toy_error_type(), "failed: " + native::as_str(a[0], "message"));
    });
    native::module_def(m, "call_twice", [](const Args& a) {
      Value r1 = native::call(a[0], {});
      Value r2 = native::call(a[0], {});
      return native::make_tuple({r1, r2});
    });
  });
  native::register_native_module(
      "toy.sub", [](const Value& m) { native::module_set(m, "answer", native::make_int(42)); });
  native::register_source_module("toylib", "def double(x):\n    return x * 2\nNAME = 'toylib'\n");
}

} // namespace

using testing::last_line;
using testing::run_script;

TEST_CASE("native types carry payloads and implement operators") {
  register_toy();
  auto r =
      run_script("import toy\n"
                 "v = toy.Vec(1.5, 2)\n"
                 "w = v + toy.Vec(0.5, 1)\n"
                 "print(w, v * 2, 1 + v, -v, v + 1)\n"
                 "print(v.x, v.norm2, len(v), v[1], list(v), toy.Vec.dims, v.dims)\n"
                 "v.x = 3\n"
                 "print(v, v == toy.Vec(3, 2), v != toy.Vec(3, 2), {v: 'k'}[toy.Vec(3.0, 2.0)])\n"
                 "print(isinstance(v, toy.Vec), type(v).__name__, type(v))\n"
                 "v.tag = 'extra'\n"
                 "print(v.tag)\n");
  CHECK(r.err == "");
  CHECK(r.status == 0);
  CHECK(r.out == "Vec(2.0, 3.0) Vec(3.0, 4.0) Vec(2.5, 3.0) Vec(-1.5, -2.0) Vec(2.5, 3.0)\n"
                 "1.5 6.25 2 2.0 [1.5, 2.0] 2 2\n"
                 "Vec(3.0, 2.0) True False k\n"
                 "True Vec <class 'toy.Vec'>\n"
                 "extra\n");
}

TEST_CASE("native methods call back into script functions with keywords") {
  register_toy();
  auto r = run_script("import toy\n"
                      "calls = []\n"
                      "def hook(v, scale):\n"
                      "    calls.append(v)\n"
                      "    return v * scale\n"
                      "print(toy.Vec(1, 2).apply(hook, scale=10), calls)\n"
                      "n = 0\n"
                      "def bump():\n"
                      "    global n\n"
                      "    n += 1\n"
                      "    return n\n"
                      "print(toy.call_twice(bump))\n");
  CHECK(r.err == "");
  CHECK(r.out == "Vec(10.0, 20.0) [1.0, 2.0]\n(1, 2)\n");
}

TEST_CASE("native exceptions are catchable and print with their module") {
  register_toy();
  auto r = run_script("import toy\n"
                      "try:\n"
                      "    toy.fail('x')\n"
                      "except toy.ToyError as e:\n"
                      "    print('caught', e, isinstance(e, Exception), type(e).__name__)\n"
                      "try:\n"
                      "    toy.Vec(1).apply(lambda v, scale: None)\n"
                      "except Exception as e:\n"
                      "    print(repr(e))\n"
                      "class Sub(toy.ToyError):\n"
                      "    pass\n"
                      "try:\n"
                      "    raise Sub('s')\n"
                      "except toy.ToyError as e:\n"
                      "    print('sub', e)\n"
                      "toy.fail('boom')\n");
  CHECK(r.status == 1);
  CHECK(r.out == "caught failed: x True ToyError\nToyError('hook returned None')\nsub s\n");
  CHECK(last_line(r.err) == "toy.ToyError: failed: boom");
  CHECK(r.err.find("  File \"x.py\", line 16, in <module>\n    toy.fail('boom')\n") !=
        std::string::npos);
}

TEST_CASE("native errors raised in script callbacks propagate through C++") {
  register_toy();
  auto r = run_script("import toy\n"
                      "def bad():\n"
                      "    raise KeyError('k')\n"
                      "try:\n"
                      "    toy.call_twice(bad)\n"
                      "except KeyError as e:\n"
                      "    print('ok', e)\n"
                      "print(toy.Vec(1, 2) + 'a')\n");
  CHECK(r.out == "ok 'k'\n");
  CHECK(last_line(r.err) == "TypeError: unsupported operand type(s) for +: 'Vec' and 'str'");
}

TEST_CASE("native and source modules import by dotted name") {
  register_toy();
  auto r =
      run_script("import toy.sub\n"
                 "from toy.sub import answer\n"
                 "from toy import sub as s2\n"
                 "import toylib\n"
                 "from toylib import double, NAME\n"
                 "print(toy.sub.answer, answer, s2.answer, toylib.double(4), double('ab'), NAME)\n"
                 "import nosuchmodule\n");
  CHECK(r.out == "42 42 42 8 abab toylib\n");
  CHECK(last_line(r.err) == "ModuleNotFoundError: No module named 'nosuchmodule'");
}

TEST_CASE("C++ can inspect functions, partials and instance dicts") {
  register_toy();
  Value seen_fn, seen_partial, seen_obj;
  std::string fn_name, partial_fn, dict_repr;
  size_t ndefaults = 0, nclosure = 0;
  native::register_native_module("inspect_me", [&](const Value& m) {
    native::module_def(m, "look", [&](const Args& a) {
      const Function* f = native::as_function(a[0]);
      REQUIRE(f != nullptr);
      fn_name = f->qualname;
      ndefaults = f->defaults.size();
      nclosure = f->closure.size();
      REQUIRE(f->def != nullptr);
      CHECK(f->def->body.size == 1);
      const Partial* p = native::as_partial(a[1]);
      REQUIRE(p != nullptr);
      partial_fn = native::as_function(p->func)->name + " " + native::repr_of(Value(p->args)) +
                   " " + native::repr_of(Value(p->keywords));
      dict_repr = native::repr_of(native::instance_dict(a[2]));
      return Value::none();
    });
  });
  auto r = run_script("import functools, inspect_me\n"
                      "def outer():\n"
                      "    k = 3\n"
                      "    def inner(a, b=1, c=2):\n"
                      "        return a + b + c + k\n"
                      "    return inner\n"
                      "class O:\n"
                      "    def __init__(self):\n"
                      "        self.counter = 0\n"
                      "def g(x, y, obj=None):\n"
                      "    return x\n"
                      "inspect_me.look(outer(), functools.partial(g, 1, obj=5), O())\n");
  CHECK(r.err == "");
  CHECK(fn_name == "outer.<locals>.inner");
  CHECK(ndefaults == 2);
  CHECK(nclosure == 1);
  CHECK(partial_fn == "g (1,) {'obj': 5}");
  CHECK(dict_repr == "{'counter': 0}");
}

} // namespace bwhop::lang
