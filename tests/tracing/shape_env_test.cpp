// ShapeEnv and SymLinear against PyTorch facts: symbol ids from
// torch/fx/experimental/symbolic_shapes.py's _generate_unique_id (recomputed
// with CPython's hashlib), create_symbol's duck sizing and 0/1 rule,
// _maybe_guard_rel / _set_replacement's choice of replaced symbol, and sympy's
// str() of the same expressions.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/tracing/shape_env.h"

using namespace bwhop::tracing;

namespace {

SymLinear sym(int id) {
  return SymLinear::of_symbol(id);
}
SymLinear num(int64_t c) {
  return SymLinear::of_constant(c);
}

// Source names whose sha256 % 100 is known, each from
// python3 -c "import hashlib; print(int(hashlib.sha256(s.encode()).hexdigest(), 16) % 100)".
const std::string kCounter = "L['hooks'][1].keywords['fn'].keywords['obj'].counter"; // 45
const std::string kInput0 = "L['inputs'][0].size()[0]";                              // 21
const std::string kSizes0 = "L['sizes'][0].size()[1]";                               // 69
const std::string kX0 = "L['x'].size()[0]";                                          // 77
const std::string kX1 = "L['x'].size()[1]";                                          // 27
const std::string kY0 = "L['y'].size()[0]";                                          // 17
const std::string kT103 = "L['t103'].size()[0]";                                     // 99
const std::string kT118 = "L['t118'].size()[0]";                                     // 9
const std::string kT54 = "L['t54'].size()[0]";                                       // 10
const std::string kT5 = "L['t5'].size()[0]";                                         // 77

} // namespace

TEST_CASE("shape env: symbol ids are sha256(source name) mod 100") {
  auto env = ShapeEnv::create();
  // The first three are the ids in the reference's expected graphs (s45, s21, s69).
  CHECK(env->generate_unique_id(kCounter) == 45);
  CHECK(env->generate_unique_id(kInput0) == 21);
  CHECK(env->generate_unique_id(kSizes0) == 69);
  CHECK(env->generate_unique_id(kX0) == 77);
}

TEST_CASE("shape env: taken ids probe upward without wrapping") {
  auto env = ShapeEnv::create();
  CHECK(env->generate_unique_id(kX0) == 77);
  CHECK(env->generate_unique_id(kT5) == 78); // different name, same hash bucket 77
  CHECK(env->generate_unique_id(kX0) == 79);
  CHECK(env->generate_unique_id(kT103) == 99);
  CHECK(env->generate_unique_id(kT103) == 100); // past 99, not back to 0
}

TEST_CASE("shape env: duck sizing reuses the symbol and consumes no id") {
  auto env = ShapeEnv::create();
  SymLinear x0 = env->create_size(kX0, 5, false, true);
  CHECK(x0.as_symbol() == 77);
  SymLinear in0 = env->create_size(kInput0, 5, false, true);
  CHECK(in0.as_symbol() == 77);
  CHECK(env->symbols() == std::vector<int>{77});
  CHECK(env->source_of(77) == kX0);
  // 21 was not drawn by the duck-sized dim, so it is still free.
  CHECK(env->generate_unique_id(kInput0) == 21);
}

TEST_CASE("shape env: non-duck dims get fresh symbols and are not reused by duck dims") {
  auto env = ShapeEnv::create();
  SymLinear a = env->create_size(kSizes0, 3, false, false);
  SymLinear b = env->create_size(kX0, 3, false, false);
  CHECK(a.as_symbol() == 69);
  CHECK(b.as_symbol() == 77);
  // create_symbol records val_to_var only for duck dims, so this one is new.
  SymLinear c = env->create_size(kInput0, 3, false, true);
  CHECK(c.as_symbol() == 21);
  SymLinear d = env->create_size(kX1, 3, false, true);
  CHECK(d.as_symbol() == 21);
  CHECK(env->symbols() == std::vector<int>{69, 77, 21});
  CHECK(env->hint(69) == 3);
  CHECK(env->range(69) == ValueRange{2, std::nullopt});
}

TEST_CASE("shape env: static dims and 0/1 sizes are constants and consume no id") {
  auto env = ShapeEnv::create();
  CHECK(env->create_size(kX0, 7, true, true) == num(7));
  CHECK(env->create_size(kX0, 0, false, true) == num(0));
  CHECK(env->create_size(kX0, 1, false, false) == num(1));
  CHECK(env->symbols().empty());
  CHECK(env->generate_unique_id(kX0) == 77);
  CHECK_THROWS_AS(env->create_size(kY0, -1, false, true), std::invalid_argument);
}

TEST_CASE("shape env: unspecified ints become symbols even for 0 and 1, never duck") {
  auto env = ShapeEnv::create();
  SymLinear counter = env->create_unspecified_int(kCounter, 0);
  CHECK(counter.as_symbol() == 45);
  CHECK(env->evaluate(counter) == 0);
  CHECK(env->range(45) == ValueRange{});
  SymLinear one = env->create_unspecified_int(kY0, 1);
  CHECK(one.as_symbol() == 17);
  SymLinear again = env->create_unspecified_int(kX0, 1);
  CHECK(again.as_symbol() == 77);
  CHECK(env->source_of(45) == kCounter);
  CHECK(env->evaluate(counter + num(1)) == 1);
}

TEST_CASE("sym linear: str matches sympy's str") {
  // Each expected string is str() of the same expression in sympy 1.11.1 with
  // integer positive symbols (/usr/bin/python3): Add terms sort by symbol name as
  // a string (s10 < s100 < s2 < s9), the number last, except a positive number
  // plus a single negative term, which prints number first.
  CHECK((sym(45) + num(1)).str() == "s45 + 1");
  CHECK((sym(0) - num(1)).str() == "s0 - 1");
  CHECK((sym(3) * 2 + num(5)).str() == "2*s3 + 5");
  CHECK((sym(1) * -1).str() == "-s1");
  CHECK((sym(69) + sym(21)).str() == "s21 + s69");
  CHECK((sym(9) + sym(10)).str() == "s10 + s9");
  CHECK((sym(2) + sym(100)).str() == "s100 + s2");
  CHECK((num(3) - sym(1)).str() == "3 - s1");
  CHECK((num(3) - sym(1) * 2).str() == "3 - 2*s1");
  CHECK((num(-1) - sym(1)).str() == "-s1 - 1");
  CHECK((sym(0) - sym(1)).str() == "s0 - s1");
  CHECK((sym(1) - sym(0)).str() == "-s0 + s1");
  CHECK((sym(0) - sym(1) * 2).str() == "s0 - 2*s1");
  CHECK((sym(10) * 2 - sym(9) * 3 + num(7)).str() == "2*s10 - 3*s9 + 7");
  CHECK((sym(0) + sym(3) - sym(1) + num(3)).str() == "s0 - s1 + s3 + 3");
  CHECK((sym(1) - sym(1)).str() == "0");
  CHECK(num(-4).str() == "-4");
}

TEST_CASE("sym linear: arithmetic keeps one sorted term per symbol") {
  SymLinear e = sym(9) + sym(10) * 2 + sym(9) * 3 - num(4);
  CHECK(e.terms == std::vector<std::pair<int, int64_t>>{{10, 2}, {9, 4}});
  CHECK(e.constant == -4);
  CHECK(e.coefficient(9) == 4);
  CHECK(e.coefficient(8) == 0);
  CHECK((e - e).is_constant());
  CHECK((e * 0) == num(0));
  CHECK(sym(5).as_symbol() == 5);
  CHECK(!(sym(5) * 2).as_symbol());
  CHECK(!(sym(5) + num(1)).as_symbol());
  CHECK(SymLinear::normalized(1, {{9, 1}, {10, 1}, {9, -1}}) == sym(10) + num(1));
}

TEST_CASE("shape env: Eq(s21, s69) replaces s69, then Eq(s21, 2) prints both as 2") {
  // The reference scenario: both dims have hint 2.
  auto env = ShapeEnv::create();
  SymLinear a = env->create_size(kInput0, 2, false, true);
  SymLinear b = env->create_size(kSizes0, 2, false, false);
  REQUIRE(a.as_symbol() == 21);
  REQUIRE(b.as_symbol() == 69);
  bwhop::fx::SymExprPtr b_printed = env->fx_expr(b);
  bwhop::fx::SymExprPtr sum_printed = env->fx_expr(a + b + num(1));
  CHECK(b_printed->str() == "s69");

  // Equal hints: _smart_symbol_sort ties on the hint, then the name "s69" > "s21"
  // puts s69 first, so s69 is solved for: s69 -> s21.
  env->guard_equal(a, b);
  CHECK(env->is_replaced(69));
  CHECK(!env->is_replaced(21));
  CHECK(b_printed->str() == "s21");
  CHECK(sum_printed->str() == "2*s21 + 1");

  CHECK(env->guard_int(b) == 2);
  CHECK(env->is_replaced(21));
  CHECK(b_printed->str() == "2");
  CHECK(sum_printed->str() == "5");
  CHECK(env->guards() == std::vector<std::string>{"Eq(s21, s69)", "Eq(s21, 2)"});
  // Already proven: no further guards.
  env->guard_equal(a, b);
  CHECK(env->guard_int(a) == 2);
  CHECK(env->guards().size() == 2);
}

TEST_CASE("shape env: the symbol with the larger hint is solved for first") {
  auto env = ShapeEnv::create();
  SymLinear x = env->create_size(kX0, 4, false, false); // s77
  SymLinear y = env->create_size(kY0, 8, false, false); // s17
  env->guard_equal(x * 2, y);
  CHECK(env->is_replaced(17)); // hint 8 beats hint 4 although "s77" > "s17"
  CHECK(env->simplify(y).str() == "2*s77");
  CHECK(env->guards() == std::vector<std::string>{"Eq(2*s77, s17)"});
}

TEST_CASE("shape env: names compare as strings on equal hints (s9 > s10)") {
  auto env = ShapeEnv::create();
  SymLinear s9 = env->create_size(kT118, 3, false, false);
  SymLinear s10 = env->create_size(kT54, 3, false, false);
  REQUIRE(s9.as_symbol() == 9);
  REQUIRE(s10.as_symbol() == 10);
  env->guard_equal(s10, s9);
  CHECK(env->is_replaced(9));
  CHECK(env->simplify(s9) == s10);
}

TEST_CASE("shape env: a non-integral solution leaves only the guard") {
  auto env = ShapeEnv::create();
  SymLinear x = env->create_size(kX0, 3, false, false); // s77, solved for first
  SymLinear y = env->create_size(kY0, 2, false, false); // s17
  env->guard_equal(x * 2, y * 3); // s77 = 3*s17/2 is not an integer expression
  CHECK(!env->is_replaced(77));
  CHECK(!env->is_replaced(17));
  CHECK(env->guards() == std::vector<std::string>{"Eq(2*s77, 3*s17)"});
  // An integral one is taken: 2*s77 == 6 gives s77 -> 3.
  env->guard_equal(x * 2, num(6));
  CHECK(env->simplify(x) == num(3));
}

TEST_CASE("shape env: a replacement that could leave the symbol's range is skipped") {
  auto env = ShapeEnv::create();
  SymLinear size = env->create_size(kX0, 6, false, true); // s77 in [2, inf]
  SymLinear u = env->create_unspecified_int("L['u']", 3); // s71, unbounded
  SymLinear v = env->create_unspecified_int("L['v']", 3); // s31, unbounded
  env->guard_equal(size, u + v);
  CHECK(!env->is_replaced(77)); // s71 + s31 is unbounded below
  CHECK(env->guards() == std::vector<std::string>{"Eq(s77, s31 + s71)"});
}

TEST_CASE("shape env: a one-symbol target inherits the range and is replaced") {
  auto env = ShapeEnv::create();
  SymLinear size = env->create_size(kX0, 6, false, true); // s77 in [2, inf]
  SymLinear u = env->create_unspecified_int("L['u']", 5); // s71, unbounded
  env->guard_equal(size, u + num(1));
  CHECK(env->is_replaced(77));
  CHECK(env->range(71) == ValueRange{1, std::nullopt}); // s77 >= 2 means s71 >= 1
  CHECK(env->fx_expr(size)->str() == "s71 + 1");
}

TEST_CASE("shape env: replacements apply transitively through chains") {
  auto env = ShapeEnv::create();
  SymLinear a = env->create_size(kX0, 4, false, false); // s77
  SymLinear b = env->create_size(kY0, 3, false, false); // s17
  SymLinear c = env->create_size(kX1, 2, false, false); // s27
  env->guard_equal(a, b + num(1));                      // s77 -> s17 + 1
  env->guard_equal(b, c + num(1));                      // s17 -> s27 + 1
  CHECK(env->simplify(a * 2).str() == "2*s27 + 4");
  env->guard_int(c); // s27 -> 2
  CHECK(env->simplify(a) == num(4));
  CHECK(env->simplify(a + b + c) == num(9));
  CHECK(env->guards() ==
        std::vector<std::string>{"Eq(s77, s17 + 1)", "Eq(s17, s27 + 1)", "Eq(s27, 2)"});
}

TEST_CASE("shape env: a long replacement chain resolves fully and stays resolved") {
  // x_i -> x_{i+1} + 1 for i = 0..n-2 (x_i has the larger hint, so it is solved
  // for); simplify(x_0) walks the whole chain once.
  constexpr int n = 3000;
  auto env = ShapeEnv::create();
  std::vector<SymLinear> xs;
  for (int i = 0; i < n; ++i) {
    xs.push_back(
        env->create_size("L['t" + std::to_string(i) + "'].size()[0]", n + 1 - i, false, true));
  }
  for (int i = 0; i + 1 < n; ++i) env->guard_equal(xs[i], xs[i + 1] + num(1));
  CHECK(env->simplify(xs[0]) == xs[n - 1] + num(n - 1));
  CHECK(env->simplify(xs[n / 2]) == xs[n - 1] + num(n - 1 - n / 2));
  CHECK(env->evaluate(env->simplify(xs[0])) == n + 1);
  CHECK(env->guards().size() == n - 1);
}

TEST_CASE("shape env: a guard the hints contradict throws and records nothing") {
  auto env = ShapeEnv::create();
  SymLinear a = env->create_size(kInput0, 2, false, true);
  SymLinear b = env->create_size(kSizes0, 3, false, false);
  CHECK_THROWS_AS(env->guard_equal(a, b), std::runtime_error);
  CHECK_THROWS_AS(env->guard_equal(a, num(3)), std::runtime_error);
  CHECK(env->guards().empty());
  CHECK(!env->is_replaced(21));
  CHECK(!env->is_replaced(69));
}
