// Object-model building blocks: float repr, dict/set tables, refcounts,
// value protocols called directly from C++.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/lang/native.h"
#include "core/lang/runtime.h"

namespace bwhop::lang {

TEST_CASE("float_repr matches CPython's repr for a table of values") {
  init_runtime();
  // Left: the double; right: repr() in CPython 3.11.
  struct Row {
    double value;
    const char* text;
  };
  const Row rows[] = {
      {0.1, "0.1"},
      {0.1 + 0.2, "0.30000000000000004"},
      {1e16, "1e+16"},
      {1e15, "1000000000000000.0"},
      {1e-05, "1e-05"},
      {0.0001, "0.0001"},
      {1.5e-7, "1.5e-07"},
      {-0.0, "-0.0"},
      {0.0, "0.0"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {123456789012345678.0, "1.2345678901234568e+17"},
      {2.0, "2.0"},
      {-2.5, "-2.5"},
      {1.0 / 3, "0.3333333333333333"},
      {std::numeric_limits<double>::infinity(), "inf"},
      {-std::numeric_limits<double>::infinity(), "-inf"},
      {std::nan(""), "nan"},
      {9007199254740993.0, "9007199254740992.0"},
      {1e22, "1e+22"},
      {12345.678, "12345.678"},
  };
  for (const Row& r : rows) CHECK(float_repr(r.value) == r.text);
}

TEST_CASE("DictTable keeps insertion order across deletes and growth") {
  init_runtime();
  DictTable d;
  for (int i = 0; i < 100; ++i) d.set(Value::integer(i), Value::integer(i * i));
  for (int i = 0; i < 100; i += 2) CHECK(d.erase(Value::integer(i)));
  CHECK(d.size() == 50);
  d.set(Value::integer(0), Value::integer(-1));
  std::vector<int64_t> keys;
  for (auto& e : d.entries())
    if (!e.key.is_null()) keys.push_back(e.key.as_int());
  REQUIRE(keys.size() == 51);
  CHECK(keys.front() == 1);
  CHECK(keys[49] == 99);
  CHECK(keys.back() == 0);
  CHECK(d.find(Value::integer(3))->as_int() == 9);
  CHECK(d.find(Value::integer(4)) == nullptr);
  // 1 and 1.0 and True are the same key, as in Python.
  d.set(Value::floating(1.0), Value::integer(7));
  CHECK(d.find(Value::boolean(true))->as_int() == 7);
  CHECK(d.size() == 51);
  // String keys match by content whether interned or not.
  d.set(new_str("name"), Value::integer(1));
  CHECK(d.find_str(intern_str("name"))->as_int() == 1);
}

TEST_CASE("SetTable iterates small ints in CPython's order") {
  init_runtime();
  SetTable s;
  // CPython (8 slots, mask 7): 9 -> slot 1. For 1, slot 1 is taken and
  // 1 + 9 linear probes would pass the mask, so it perturbs: (1*5+1)&7 = 6.
  // 17 -> 1 -> 6 -> (6*5+1)&7 = 7. 2 -> slot 2. Order: 9, 2, 1, 17
  // (python3: print({9, 1, 17, 2}) -> {9, 2, 1, 17}).
  for (int v : {9, 1, 17, 2}) s.set(Value::integer(v));
  std::vector<int64_t> order;
  for (auto& e : s.entries())
    if (!e.key.is_null()) order.push_back(e.key.as_int());
  CHECK(order == std::vector<int64_t>{9, 2, 1, 17});
  CHECK(s.erase(Value::integer(1)));
  CHECK(!s.erase(Value::integer(1)));
  // 25 -> 1 -> 6 (deleted: remembered) -> 7 -> 4 (empty): takes slot 6.
  s.set(Value::integer(25));
  order.clear();
  for (auto& e : s.entries())
    if (!e.key.is_null()) order.push_back(e.key.as_int());
  CHECK(order == std::vector<int64_t>{9, 2, 25, 17});
}

TEST_CASE("values are reference counted and released") {
  init_runtime();
  Value s = new_str("x");
  Object* o = s.obj();
  CHECK(o->refs == 1);
  {
    Value copy = s;
    CHECK(o->refs == 2);
    Value moved = std::move(copy);
    CHECK(o->refs == 2);
  }
  CHECK(o->refs == 1);
  Value small = Value::integer(5);
  CHECK(!small.is_obj());
  CHECK(small.is(Value::integer(5)));
  CHECK(!Value::integer(1).is(Value::boolean(true)));
}

TEST_CASE("protocols work from C++ without a running script") {
  init_runtime();
  Value l = native::make_list({Value::integer(3), Value::integer(1)});
  CHECK(repr(l) == "[3, 1]");
  CHECK(length(l) == 2);
  CHECK(truthy(compare(CmpOpKind::In, Value::integer(1), l)));
  CHECK(repr(binary_op(BinOpKind::Add, l, l)) == "[3, 1, 3, 1]");
  CHECK(repr(binary_op(BinOpKind::Mult, new_str("ab"), Value::integer(2))) == "'abab'");
  CHECK(repr(binary_op(BinOpKind::Div, Value::integer(1), Value::integer(4))) == "0.25");
  CHECK(to_str(native::make_tuple({Value::none(), Value::boolean(true)})) == "(None, True)");
  CHECK(format_value(Value::floating(2.5), "08.3f") == "0002.500");
  CHECK(percent_format("%s-%03d", native::make_tuple({new_str("a"), Value::integer(7)})) ==
        "a-007");
  try {
    binary_op(BinOpKind::Add, Value::integer(1), new_str("a"));
    FAIL("expected TypeError");
  } catch (PyError& e) {
    CHECK(exception_line(e.exc) == "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  }
}

} // namespace bwhop::lang
